"""Everything downstream of an HTML body uses the right form of it (issue 12):
search, suggestions, fingerprints, feeds, JSON-LD and OpenGraph read its text;
readers get its sanitised HTML."""

import json
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from articles.models import content_fingerprint
from articles.site import listing, search
from articles.suggestions.services import article_suggest

BODY = (
    "<p>CILEGON &amp; sekitarnya: <strong>Gubernur Banten</strong> Andra Soni "
    'meninjau <a href="https://pabrikbajacontoh.example/">pabrik</a>.</p>'
    "<h2>Investasi</h2><p>Nilainya Rp5 triliun &lt;menurut&gt; rilis.</p>"
)


@pytest.mark.django_db
def test_search_indexes_text_not_markup(make_article):
    article = make_article("Kunjungan", body=BODY)
    ids = lambda q: search.matching_ids(listing.public_articles(), q, 10)  # noqa: E731
    assert ids("Andra Soni") == [article.pk]
    assert ids("menurut") == [article.pk]  # an escaped word is a word
    assert ids("strong") == []
    assert ids("pabrikbajacontoh") == []  # a link's address is not its text
    assert article.body_text.startswith("CILEGON & sekitarnya: Gubernur Banten")


@pytest.mark.django_db
def test_suggestions_read_the_text(make_article):
    article = make_article("Kunjungan", body=BODY)
    suggestions = article_suggest(article=article)
    person = next(s for s in suggestions if s.kind == "person")
    assert person.name == "Andra Soni"
    assert "<" not in person.evidence and "Andra Soni" in person.evidence


def test_fingerprint_ignores_markup():
    from articles.models import richtext

    assert content_fingerprint(richtext.to_text(BODY)) == content_fingerprint(
        "CILEGON & sekitarnya: Gubernur Banten Andra Soni meninjau pabrik. "
        "Investasi. Nilainya Rp5 triliun <menurut> rilis."
    )


@pytest.mark.django_db
def test_feeds_carry_a_plain_summary_and_the_html_body(client, make_article):
    make_article("Kunjungan", body=BODY, standfirst="Ringkasan <b>polos</b>.")
    rss = ET.fromstring(client.get("/feed/").content)
    item = rss.find("channel/item")
    assert item.find("description").text == "Ringkasan &lt;b&gt;polos&lt;/b&gt;."
    encoded = item.find("{http://purl.org/rss/1.0/modules/content/}encoded").text
    assert "<strong>Gubernur Banten</strong>" in encoded
    assert 'rel="noopener"' in encoded
    atom = ET.fromstring(client.get("/feed/atom/").content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entry = atom.find("a:entry", ns)
    assert entry.find("a:summary", ns).get("type") == "html"
    assert entry.find("a:summary", ns).text == "Ringkasan &lt;b&gt;polos&lt;/b&gt;."
    content = entry.find("a:content", ns)
    assert content.get("type") == "html" and "<h2>Investasi</h2>" in content.text


@pytest.mark.django_db
def test_json_ld_and_open_graph_are_plain_text(client, make_article):
    article = make_article("Kunjungan", body=BODY)
    page = client.get(article.get_absolute_url()).content.decode()
    start = page.index('<script type="application/ld+json">')
    data = json.loads(page[start : page.index("</script>", start)].split(">", 1)[1])
    assert data["articleBody"] == article.body_text
    assert data["wordCount"] == article.word_count
    assert 'property="og:description" content="CILEGON &amp; sekitarnya:' in page
    assert "<h2>Investasi</h2>" in page  # readers get the formatting


@pytest.mark.django_db(transaction=True)
def test_the_data_migration_turns_plain_bodies_into_paragraphs_and_back():
    executor = MigrationExecutor(connection)
    before, after = (
        [("articles", "0006_assignment_revision_tags")],
        [("articles", "0007_rich_text_body")],
    )
    executor.migrate(before)
    apps = executor.loader.project_state(before).apps
    Old = apps.get_model("articles", "Article")
    Old.objects.create(
        title="Lama", slug="lama", body="Baris satu\nbaris dua <b>\n\nParagraf dua."
    )
    executor.loader.build_graph()
    executor.migrate(after)
    apps = executor.loader.project_state(after).apps
    migrated = apps.get_model("articles", "Article").objects.get(slug="lama")
    assert (
        migrated.body == "<p>Baris satu<br>baris dua &lt;b&gt;</p><p>Paragraf dua.</p>"
    )
    assert migrated.body_text == "Baris satu\nbaris dua <b>\n\nParagraf dua."
    executor.loader.build_graph()
    executor.migrate(before)
    apps = executor.loader.project_state(before).apps
    back = apps.get_model("articles", "Article").objects.get(slug="lama")
    assert back.body == "Baris satu\nbaris dua <b>\n\nParagraf dua."
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
