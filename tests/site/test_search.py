"""Full-text search: the same behaviour on SQLite (FTS5) and PostgreSQL."""

import pytest
from django.db import connection
from django.urls import reverse

from articles.models import Article
from articles.site import listing, search


def found(text, queryset=None):
    queryset = listing.public_articles() if queryset is None else queryset
    return search.matching_ids(queryset, text, 100)


@pytest.mark.django_db
class TestSearch:
    def test_title_matches_come_first(self, make_article):
        in_title = make_article("Smelter nikel baru di Sumbawa", body="Paragraf.")
        in_body = make_article("Kabar kawasan", body="Smelter nikel mulai uji coba.")
        assert in_body.pk > in_title.pk  # newer, yet ranked second
        assert found("nikel smelter") == [in_title.pk, in_body.pk]

    def test_every_word_must_match_whatever_the_case(self, make_article):
        both = make_article("Investasi baja", body="Pabrik BAJA di Cilegon.")
        make_article("Investasi nikel", body="Pabrik di Morowali.")
        assert found("baja cilegon") == [both.pk]
        assert found("CILEGON") == [both.pk]

    @pytest.mark.skipif(
        connection.vendor != "sqlite",
        reason="PostgreSQL's 'simple' configuration keeps accents (no unaccent)",
    )
    def test_accents_are_ignored_on_sqlite(self, make_article):
        accented = make_article("Kafe", body="Industri café lokal tumbuh.")
        assert found("cafe") == [accented.pk]

    def test_edits_and_deletions_reach_the_index(self, make_article):
        article = make_article("Judul lama", body="Isi lama.")
        article.title, article.body = "Judul anyar", "Isi anyar."
        article.save()
        assert found("lama") == []
        assert found("anyar") == [article.pk]
        article.delete()
        assert found("anyar") == []

    def test_an_exact_entity_name_or_alias_finds_its_articles(
        self, make_article, make_entity
    ):
        entity = make_entity("Dinas Perindustrian NTB", aliases=["Disperin NTB"])
        tagged = make_article("Pelatihan vokasi", body="Peserta dari desa.")
        tagged.entities.add(entity)
        assert found("Disperin NTB") == [tagged.pk]

    def test_search_respects_the_other_filters(self, make_article):
        published = make_article("Baja ringan", body="Pabrik.")
        make_article("Baja ringan draf", body="Pabrik.", status=Article.Status.DRAFT)
        assert found("baja") == [published.pk]

    @pytest.mark.parametrize(
        "text", ['"', "AND", "NEAR(", "*", "title:baja", "{title}", "-baja", "''"]
    )
    def test_search_syntax_is_taken_literally(self, client, make_article, text):
        make_article("Baja", body="Pabrik.")
        response = client.get(reverse("articles:list"), {"q": text})
        # Not a query syntax error (a 500 on SQLite's FTS5): a search for
        # the words, the text echoed as typed.
        assert response.status_code == 200
        assert response.context["filter"].form.cleaned_data["q"] == text

    @pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite triggers")
    def test_lost_triggers_are_restored_and_the_index_rebuilt(self, make_article):
        article = make_article("Triggers hilang", body="Isi.")
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TRIGGER {search.FTS_TABLE}_au")
        article.title = "Triggers kembali"
        article.save()  # not indexed: the trigger is gone
        assert search.ensure_index() is True
        assert found("kembali") == [article.pk]
        assert search.ensure_index() is False


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner")
class TestTextIdsOnPostgreSQL:
    """``text_ids`` reads the text index, never every article's stored vector:
    for a word in most articles the planner chose a sequential scan that read
    each vector out of line (1.36 s against 0.2 s at 100,000 articles)."""

    def test_a_word_in_every_article_is_read_from_the_text_index(self, make_article):
        ids = {make_article("Baja", body=f"Pabrik baja {n}.").pk for n in range(30)}
        with search.text_index_read(), connection.cursor() as cursor:
            cursor.execute(
                "EXPLAIN SELECT id FROM articles_article WHERE "
                f"{search.PG_COLUMN} @@ plainto_tsquery('simple', 'baja')"
            )
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert "Seq Scan" not in plan
        assert set(search.text_ids("baja")) == ids

    def test_the_setting_is_as_it_was_after_the_search(self, make_article):
        make_article("Baja", body="Pabrik baja.")
        search.text_ids("baja")
        with connection.cursor() as cursor:
            cursor.execute("SHOW enable_seqscan")
            assert cursor.fetchone()[0] == "on"
            cursor.execute("SET enable_seqscan = off")
        search.text_ids("baja")
        with connection.cursor() as cursor:
            cursor.execute("SHOW enable_seqscan")
            assert cursor.fetchone()[0] == "off"
            cursor.execute("SET enable_seqscan = on")

    def test_the_web_timeout_is_raised_for_the_read_and_put_back(self):
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = 5000")
            with search.text_index_read():
                cursor.execute("SHOW statement_timeout")
                assert cursor.fetchone()[0] == "30s"
            cursor.execute("SHOW statement_timeout")
            assert cursor.fetchone()[0] == "5s"
            cursor.execute("SET statement_timeout = 0")
            with search.text_index_read():
                cursor.execute("SHOW statement_timeout")
                assert cursor.fetchone()[0] == "0"  # no limit stays no limit
