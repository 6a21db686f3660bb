"""Issue 17's "done": five near-copies of one release from five outlets make
one story of five articles, one public entry with "also reported by", and the
differences visible to the editor."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import editorial
from articles.evaluation.stories import DEFAULT_SET
from articles.importing import service
from articles.importing.parsers import parse_text
from articles.models import Article, Story, StoryMember

# s01: the Cilegon steel-estate MoU as BantenPos ran it, and four outlets'
# rewrites (new headline, new lead, trimmed, typos, added quotes, background).
OUTLETS = {
    "s01_a.txt": "BantenPos",
    "s01_b.txt": "Kabar Industri",
    "s01_c.txt": "Cilegon Today",
    "s01_d.txt": "Serang Terkini",
    "s01_e.txt": "TribuNusa",
}


def record(name, outlet, **extra):
    parsed = parse_text((DEFAULT_SET / name).read_text(), origin=name)
    return {
        "title": parsed.title,
        "body": parsed.text,
        "source": outlet,
        "original_published_on": "2025-03-10",
        "original_url": f"https://{outlet.lower().replace(' ', '')}.example/{name}",
        **extra,
    }


def import_records(tmp_path, records, name="batch.json"):
    path = tmp_path / name
    path.write_text(json.dumps(records))
    return service.import_batch(service.parse_all([path]))


@pytest.fixture
def five(tmp_path, db):
    report = import_records(
        tmp_path, [record(name, outlet) for name, outlet in OUTLETS.items()]
    )
    return [item.article for item in report.planned]


def test_five_near_copies_make_one_story_of_five(five):
    assert Story.objects.count() == 1
    story = Story.objects.get()
    assert story.members.count() == 5
    assert {a.source.name for a in five} == set(OUTLETS.values())
    # The earliest (all the same day: the first imported) with a known source.
    assert story.canonical == five[0]
    assert all(a.status == Article.Status.REVIEW for a in five)


def test_each_copy_says_which_article_it_copies_and_what_it_adds(five):
    members = {m.article_id: m for m in StoryMember.objects.all()}
    assert members[five[0].pk].matched is None
    for copy in five[1:]:
        assert members[copy.pk].matched_id is not None
        assert members[copy.pk].similarity > 0.3
    # s01_d adds a quote from the training centre's head and two names.
    adds = members[five[3].pk].additions
    assert any("penonton" in quote for quote in adds["quotes"])
    assert "Agus Salim Mubarok" in adds["names"]


def test_the_import_report_names_the_story(tmp_path, db, capsys):
    from django.core.management import call_command

    paths = []
    for name, outlet in list(OUTLETS.items())[:2]:
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps([record(name, outlet)]))
        paths.append(str(path))
    call_command("import_articles", *paths)
    out = capsys.readouterr().out
    assert "same story as “Pemprov Banten dan Investor Korea" in out


def test_the_editor_sees_the_note_and_the_differences(five, editor, client):
    client.force_login(editor)
    copy = five[3]
    page = client.get(reverse("admin:articles_article_change", args=[copy.pk]))
    html = page.content.decode()
    story = Story.objects.get()
    matched = StoryMember.objects.get(article=copy).matched
    compare_url = reverse(
        "admin:articles_story_compare", args=[story.pk, matched.pk, copy.pk]
    )
    assert 'class="story-note"' in html
    assert compare_url in html
    assert matched.title in html
    assert "Agus Salim Mubarok" in html
    compare = client.get(compare_url)
    assert compare.status_code == 200
    assert "<ins>" in compare.content.decode()
    assert "<del>" in compare.content.decode()


def test_published_the_story_is_one_public_entry_with_also_reported_by(
    five, editor, client
):
    editorial.articles_set_status(
        articles=Article.objects.filter(pk__in=[a.pk for a in five]),
        to_status=Article.Status.PUBLISHED,
        by=editor,
    )
    canonical = Story.objects.get().canonical
    listed = list(Article.objects.listed())
    assert listed == [canonical]
    for url in (reverse("articles:home"), reverse("articles:list")):
        html = client.get(url).content.decode()
        assert html.count(f'href="{canonical.get_absolute_url()}"') >= 1
        for copy in five:
            if copy != canonical:
                assert copy.get_absolute_url() not in html
    feed = client.get(reverse("articles:feed")).content.decode()
    assert feed.count("<item>") == 1
    detail = client.get(canonical.get_absolute_url()).content.decode()
    assert 'id="also-reported-heading"' in detail
    for copy in five:
        if copy != canonical:
            assert copy.original_url in detail
            assert copy.source.name in detail
    # A copy keeps its own page (links from elsewhere still work).
    assert client.get(five[2].get_absolute_url()).status_code == 200


def test_a_later_copy_joins_the_story_of_the_archived_release(tmp_path, db):
    import_records(tmp_path, [record("s01_a.txt", "BantenPos")], "first.json")
    assert Story.objects.count() == 0  # one article is no story yet
    report = import_records(
        tmp_path, [record("s01_b.txt", "Kabar Industri")], "second.json"
    )
    copy = report.planned[0]
    assert copy.same_story.archived.title.startswith("Pemprov Banten")
    story = Story.objects.get()
    assert set(story.members.values_list("article__source__name", flat=True)) == {
        "BantenPos",
        "Kabar Industri",
    }
    report = import_records(tmp_path, [record("s01_c.txt", "Cilegon Today")], "3.json")
    assert Story.objects.get().members.count() == 3


def test_an_identical_text_is_still_skipped_as_a_duplicate(tmp_path, five):
    report = import_records(
        tmp_path,
        [record("s01_b.txt", "Kabar Industri", original_url="https://x.example/1")],
        "again.json",
    )
    assert report.planned[0].duplicate is not None
    assert Story.objects.get().members.count() == 5


@pytest.mark.parametrize("day", ["2024-03-12", "2025-03-11"])
def test_a_hard_negative_is_not_attached(tmp_path, db, day):
    # n01: last year's MoU at the same estate, same officials, another investor
    # and other amounts: on its own date, and moved to the day after s01.
    import_records(tmp_path, [record("s01_a.txt", "BantenPos")], "first.json")
    negative = record("n01_a.txt", "Radar Cilegon", original_published_on=day)
    report = import_records(tmp_path, [negative], "negative.json")
    assert report.planned[0].same_story is None
    assert Story.objects.count() == 0


def test_the_write_stays_a_few_statements_for_a_bigger_batch(tmp_path, db):
    files = sorted(DEFAULT_SET.glob("s0[2-9]_*.txt"))
    counts = []
    for chunk in (files[:5], files):
        Article.objects.all().delete()
        path = tmp_path / "b.json"
        path.write_text(
            json.dumps([record(f.name, f"Outlet {n % 5}") for n, f in enumerate(chunk)])
        )
        planned = service.plan(service.parse_all([path]))
        with CaptureQueriesContext(connection) as queries:
            service.write(planned)
        counts.append(len(queries))
    assert Story.objects.count() == 8
    assert counts[1] <= counts[0] + 6, counts


def test_a_copy_whose_date_was_not_found_joins_its_dated_original(tmp_path, db):
    # Imported years later and undated: its import day says nothing of when it
    # was published (issue 28).
    dated = record("s01_a.txt", "BantenPos", original_published_on="2019-03-10")
    undated = record("s01_b.txt", "Kabar Industri")
    del undated["original_published_on"]
    undated["body"] = undated["body"].replace(", Senin (10/3/2025)", "")
    undated["original_url"] = "https://kabarindustri.example/berita/pabrik-baja"
    report = import_records(tmp_path, [dated, undated])
    first, second = (item.article for item in report.planned)
    assert second.original_published_on is None
    assert StoryMember.objects.get(article=first).story_id == (
        StoryMember.objects.get(article=second).story_id
    )
