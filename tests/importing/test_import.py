"""Importing articles and the suggestions made for them."""

import datetime
import json
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from articles.evaluation.extraction import (
    DEFAULT_SET,
    evaluate,
    evaluate_import,
    score_document,
)
from articles.importing.parsers import ImportFailed, parse_text
from articles.models import Article, Source, Suggestion
from articles.suggestions import services
from entities.extraction import Proposal
from entities.models import Entity, Region

SEEDS = sorted((DEFAULT_SET / "seeds").glob("*.txt"))


def seed(prefix):
    return next(path for path in SEEDS if path.name.startswith(prefix))


class TestParseText:
    def test_dateline_with_outlet_and_bare_credit(self):
        parsed = parse_text(seed("000").read_text(), origin="000")
        assert parsed.dateline == "SERANG"
        assert parsed.outlet == "RUBRIKBANTEN"
        assert parsed.credit == "*"
        assert parsed.text.startswith("Gubernur Banten Andra Soni")
        assert parsed.body.startswith("<p>Gubernur Banten Andra Soni")
        # "Kamis sore (10/3/2025)": 10 March 2025 was a Monday, so one of the
        # two is mistyped and the importer does not guess which.
        assert parsed.original_published_on is None

    def test_comment_form_is_dropped(self):
        parsed = parse_text(seed("001").read_text(), origin="001")
        assert parsed.dateline == "JAKARTA"
        assert "Tinggalkan Balasan" not in parsed.text
        assert "Alamat email" not in parsed.text
        assert parsed.original_published_on == datetime.date(2024, 3, 25)

    def test_headline_and_read_also_links(self):
        parsed = parse_text(seed("002").read_text(), origin="002")
        assert parsed.title.startswith("PT KSP undang investor Korsel")
        assert "Baca juga" not in parsed.text
        assert parsed.original_published_on is None
        assert parsed.outlet == ""

    def test_site_prefix_names_the_outlet(self):
        parsed = parse_text(seed("003").read_text(), origin="003")
        assert (parsed.outlet, parsed.outlet_homepage) == (
            "infobanten.id",
            "https://infobanten.id/",
        )
        assert (parsed.credit, parsed.byline) == ("Red", "Redaksi")

    def test_initials_credit_becomes_byline(self):
        parsed = parse_text(seed("004").read_text(), origin="004")
        assert (parsed.dateline, parsed.credit, parsed.byline) == (
            "CILEGON",
            "*/Ika",
            "Ika",
        )
        assert parsed.title.startswith("Pemkot Cilegon dan Kementerian Perindustrian")

    def test_empty_file_is_refused(self):
        with pytest.raises(ImportFailed, match="empty.txt"):
            parse_text("\n\nBaca juga: sesuatu\n", origin="empty.txt")


@pytest.mark.django_db
class TestImportCommand:
    def test_imports_the_five_seeds_as_drafts_in_review(self, capsys):
        call_command("import_articles", *SEEDS)
        assert Article.objects.count() == 5
        assert set(Article.objects.values_list("status", flat=True)) == {"review"}
        assert not Article.objects.published().exists()
        assert set(Source.objects.values_list("name", flat=True)) == {
            "RUBRIKBANTEN",
            "infobanten.id",
        }
        assert Article.objects.filter(source__isnull=True).count() == 3
        assert "5 new, 0 already present" in capsys.readouterr().out

    def test_reimport_creates_no_duplicate_and_says_so(self, capsys):
        call_command("import_articles", *SEEDS)
        capsys.readouterr()
        call_command("import_articles", *SEEDS)
        out = capsys.readouterr().out
        assert Article.objects.count() == 5
        assert out.count("already here") == 5
        assert "0 new, 5 already present" in out

    def test_same_text_reformatted_is_a_duplicate(self, tmp_path):
        call_command("import_articles", seed("004"))
        copy = tmp_path / "copy.txt"
        copy.write_text(seed("004").read_text().upper().replace("\n", "\n\n"))
        call_command("import_articles", copy)
        assert Article.objects.count() == 1

    def test_seed_fixtures_are_recognised_as_duplicates(self, seed_data):
        call_command("import_articles", *SEEDS)
        assert Article.objects.count() == 5

    def test_dry_run_writes_nothing(self, capsys):
        call_command("import_articles", *SEEDS, "--dry-run")
        assert Article.objects.count() == 0
        assert Suggestion.objects.count() == 0
        assert "Dry run, nothing written: 5 new" in capsys.readouterr().out

    @pytest.mark.parametrize(
        ("name", "content", "reason"),
        [
            ("kosong.txt", "   \n", "tidak berisi teks artikel"),
            ("rusak.json", "{not json", "bukan JSON yang sah"),
            (
                "salah.json",
                json.dumps([{"title": "T"}]),
                "rekaman 1: “body” wajib diisi",
            ),
            (
                "aneh.json",
                json.dumps({"body": "x", "colour": "red"}),
                "kolom tak dikenal colour",
            ),
            (
                "feed.xml",
                "<?xml version='1.0'?><rss><channel>",
                "bukan umpan RSS atau Atom yang dapat dibaca",
            ),
            ("biner.txt", b"\xff\xfe\x00bad", "bukan teks UTF-8 yang sah"),
        ],
    )
    def test_a_bad_file_changes_nothing_and_names_file_and_reason(
        self, tmp_path, name, content, reason
    ):
        bad = tmp_path / name
        bad.write_bytes(content if isinstance(content, bytes) else content.encode())
        with pytest.raises(CommandError) as excinfo:
            call_command("import_articles", seed("000"), bad)
        assert name in str(excinfo.value)
        assert reason in str(excinfo.value)
        assert "nothing was imported" in str(excinfo.value)
        assert Article.objects.count() == 0

    def test_missing_file(self, tmp_path):
        with pytest.raises(CommandError, match="no such file"):
            call_command("import_articles", tmp_path / "hilang.txt")

    def test_json_schema(self, tmp_path):
        path = tmp_path / "artikel.json"
        path.write_text(
            json.dumps(
                [
                    {
                        "title": "Pabrik baja baru di Cilegon",
                        "body": "CILEGON – Pabrik baja baru dibangun.\n\nParagraf dua.",
                        "source": {
                            "name": "Kabar Cilegon",
                            "homepage": "https://kabarcilegon.example/",
                        },
                        "original_url": "https://kabarcilegon.example/pabrik",
                        "original_published_on": "2025-06-01",
                    }
                ]
            )
        )
        call_command("import_articles", path)
        article = Article.objects.get()
        assert article.title == "Pabrik baja baru di Cilegon"
        assert article.dateline == "CILEGON"
        assert article.dateline_region is None  # Cilegon is not a region here yet
        assert article.source.name == "Kabar Cilegon"
        assert article.original_published_on == datetime.date(2025, 6, 1)
        call_command("import_articles", path)  # same URL
        assert Article.objects.count() == 1

    def test_rss_feed(self, tmp_path):
        feed = tmp_path / "feed.xml"
        feed.write_text(
            """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Warta Banten</title><link>https://wartabanten.example/</link>
<item><title>Kemenperin dorong IKM logam di Cilegon</title>
<link>https://wartabanten.example/ikm-logam</link>
<pubDate>Thu, 15 May 2025 10:00:00 +0700</pubDate>
<description>&lt;p&gt;CILEGON – Kementerian Perindustrian (Kemenperin)
mendorong IKM logam di Kota Cilegon.&lt;/p&gt;
&lt;p&gt;Paragraf kedua.&lt;/p&gt;</description>
</item></channel></rss>"""
        )
        call_command("import_articles", feed)
        article = Article.objects.get()
        assert article.title == "Kemenperin dorong IKM logam di Cilegon"
        assert article.original_url == "https://wartabanten.example/ikm-logam"
        assert article.source.name == "Warta Banten"
        assert article.original_published_on == datetime.date(2025, 5, 15)
        # The feed's paragraphs stay paragraphs; its dateline becomes data.
        assert article.dateline == "CILEGON"
        assert article.body.count("<p>") == 2 and "CILEGON" not in article.body
        assert article.body_text.startswith("Kementerian Perindustrian (Kemenperin)")
        names = set(article.suggestions.values_list("name", flat=True))
        assert "Kementerian Perindustrian" in names


def suggestion_names(kind):
    return set(Suggestion.objects.filter(kind=kind).values_list("name", flat=True))


@pytest.mark.django_db
class TestSuggestions:
    def test_empty_database_import_reproduces_the_curated_entities(self):
        """Importing the seeds into an empty database proposes the fixtures'
        people, organisations and regions at the stated precision and recall."""
        call_command("import_articles", *SEEDS)
        annotations = json.loads((DEFAULT_SET / "annotations.json").read_text())
        totals = {}
        for article in Article.objects.all():
            origin = next(
                name
                for name in annotations
                if name.startswith("seeds/")
                and article.body_text[:60] in (DEFAULT_SET / name).read_text()
            )
            proposals = [
                Proposal(
                    s.kind,
                    s.name,
                    s.evidence,
                    s.confidence,
                    set(s.aliases),
                    code=s.code,
                )
                for s in article.suggestions.all()
            ]
            for kind, (score, _missed, _wrong) in score_document(
                proposals, annotations[origin]
            ).items():
                total = totals.setdefault(kind, [0, 0, 0])
                total[0] += score.true_positives
                total[1] += score.false_positives
                total[2] += score.false_negatives
        for kind in ("region", "organisation"):
            tp, fp, fn = totals[kind]
            assert tp / (tp + fp) >= 0.9, kind
            assert tp / (tp + fn) >= 0.8, kind

    def test_fixture_regions_and_entities_are_all_proposed(self, tmp_path):
        """Every region and person/organisation tagged in the curated fixtures is
        among the suggestions made for the same text imported afresh."""
        call_command("import_articles", *SEEDS)
        proposed = {
            (s.article.body[:40], s.code)
            for s in Suggestion.objects.filter(kind="region")
        }
        fixture = json.loads(Path("fixtures/0006_articles.json").read_text())
        for record in fixture:
            body = record["fields"]["body"][:40]
            for (code,) in record["fields"]["regions"]:
                assert (body, code) in proposed, (body, code)

    def test_existing_entities_are_matched_not_duplicated(
        self, seed_data, tmp_path, editor
    ):
        text = tmp_path / "baru.txt"
        text.write_text(
            "CILEGON – Direktur Utama PT KS, Akbar Djohan, bertemu Kemenperin di Kota "
            "Cilegon untuk membahas baja ber-SNI.\n\nPertemuan berlangsung tertutup."
            " (Red)"
        )
        call_command("import_articles", text)
        article = Article.objects.get(title__startswith="Direktur Utama")
        by_name = {s.name: s for s in article.suggestions.all()}
        assert (
            by_name["PT Krakatau Steel (Persero) Tbk"].entity.name
            == "PT Krakatau Steel (Persero) Tbk"
        )
        assert by_name["Kementerian Perindustrian"].entity is not None
        assert by_name["Akbar Djohan"].entity is not None
        entities_before = Entity.objects.count()
        for name in (
            "PT Krakatau Steel (Persero) Tbk",
            "Kementerian Perindustrian",
            "Akbar Djohan",
        ):
            services.suggestion_accept(suggestion=by_name[name], by=editor)
        assert Entity.objects.count() == entities_before

    def test_accept_tags_and_creates_reject_is_not_proposed_again(self, editor):
        call_command("import_articles", seed("001"))
        article = Article.objects.get()
        person = article.suggestions.get(name="Musyafirin")
        region = article.suggestions.get(kind="region", code="52.07")
        wrong = article.suggestions.get(kind="region", code="31")

        services.suggestion_accept(suggestion=person, by=editor)
        services.suggestion_accept(suggestion=region, by=editor)
        services.suggestion_reject(suggestion=wrong, by=editor)

        musyafirin = Entity.objects.get(name="Musyafirin")
        assert musyafirin.kind == Entity.Kind.PERSON
        assert "Bupati" in musyafirin.description
        assert musyafirin in article.entities.all()
        sumbawa = Region.objects.get(code="52.07")
        assert sumbawa.parent.code == "52" and sumbawa.parent.parent.code == "ID"
        assert sumbawa in article.regions.all()

        assert services.article_suggest(article=article) == []
        assert article.suggestions.get(pk=wrong.pk).status == Suggestion.Status.REJECTED

    def test_accept_all_from_the_article_list(self, client, editor):
        call_command("import_articles", seed("003"))
        article = Article.objects.get()
        pending = article.suggestions.count()
        client.force_login(editor)
        client.post(
            reverse("admin:articles_article_changelist"),
            {"action": "accept_suggestions", "_selected_action": [article.pk]},
        )
        assert article.suggestions.filter(status="accepted").count() == pending
        assert Entity.objects.filter(name="Adi Setiawan").exists()
        assert article.regions.filter(code="36.72").exists()

    def test_contributor_cannot_accept_on_published_work(
        self, contributor, make_article
    ):
        article = make_article(
            body="Gubernur Banten Andra Soni meninjau pabrik di Kota Cilegon."
        )
        services.article_suggest(article=article)
        suggestion = article.suggestions.first()
        with pytest.raises(PermissionDenied):
            services.suggestion_accept(suggestion=suggestion, by=contributor)


def test_evaluation_meets_the_targets_on_the_labelled_set():
    totals, _details = evaluate()
    for kind in ("region", "organisation"):
        assert totals[kind].precision >= 0.9, kind
        assert totals[kind].recall >= 0.8, kind
    assert totals["person"].precision >= 0.9
    assert totals["person"].recall >= 0.8


@pytest.mark.parametrize(
    "kind, precision, recall",
    [("person", 0.90, 0.85), ("organisation", 0.92, 0.85), ("region", 0.97, 0.97)],
)
def test_the_issue_14_goals_hold_on_the_development_set(kind, precision, recall):
    """A regression guard on r01-r30 (where the rules were developed): the
    held-out r31-r40 are measured by the command, not asserted here."""
    totals, _details = evaluate(group="real-dev")
    assert totals[kind].precision >= precision
    assert totals[kind].recall >= recall


def test_the_importer_reads_the_labelled_metadata_of_the_development_set():
    fields, wrong = evaluate_import(group="real-dev")
    right = sum(r for r, _t in fields.values())
    total = sum(t for _r, t in fields.values())
    assert right / total >= 0.95, wrong


@pytest.mark.slow
def test_evaluate_command_prints_precision_and_recall(capsys):
    call_command("evaluate_extractor")
    out = capsys.readouterr().out
    assert "empty    real-dev      organisation" in out
    assert "seeded   heldout       person" in out
    assert "precision" in out
    assert "importer (labelled metadata read right)" in out


def test_gazetteer_covers_every_province_and_regency():
    from entities import gazetteer

    places = gazetteer.places()
    assert sum(p.kind == "province" for p in places.values()) == 38
    assert sum(p.kind in ("city", "regency") for p in places.values()) == 514
    assert gazetteer.resolve("Kota Bima")[0].code == "52.72"
    assert gazetteer.resolve("Kabupaten Bima")[0].code == "52.06"
    assert gazetteer.resolve("Bima")[0].kind == "city"
    assert gazetteer.resolve("NTB")[0].code == "52"
    assert gazetteer.resolve("Sumbawa Barat")[0].code == "52.07"


def test_a_bracketed_link_to_another_story_is_left_out():
    parsed = parse_text(
        "Judul Pabrik\nPabrik itu dibuka hari ini.\n"
        "(Baca: Pabrik Lain di Gresik Hampir Selesai)\nPekerja menyambutnya.",
        origin="t.txt",
    )
    assert "Gresik" not in parsed.text
