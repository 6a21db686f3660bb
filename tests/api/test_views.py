"""The endpoints: what they return, filtered how, in which order and shape."""

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from articles.models import Article

from .conftest import assert_matches_schema, hours_ago

pytestmark = pytest.mark.django_db


def titles(response):
    return [row["title"] for row in response.data["results"]]


class TestArticleList:
    def test_lists_published_articles_newest_first(self, api, newsroom):
        response = api.get("/api/v1/articles/")
        assert response.status_code == 200
        assert [row["id"] for row in response.data["results"]] == [
            a.pk for a in newsroom["public"]
        ]
        assert_matches_schema(response.data, "ArticlePage")

    def test_ties_on_publish_time_are_broken_by_id(self, api, make_article):
        moment = hours_ago(1)
        older, newer = make_article(publish_at=moment), make_article(publish_at=moment)
        assert api.ids() == [newer.pk, older.pk]

    def test_a_province_includes_its_regencies(self, api, newsroom):
        public = newsroom["public"]
        assert api.ids(data={"region": "banten"}) == [
            public[0].pk,
            public[1].pk,
            public[2].pk,
            public[4].pk,
        ]
        assert api.ids(data={"region": "kota-cilegon"}) == [public[0].pk, public[4].pk]

    def test_a_topic_includes_its_sub_topics(self, api, newsroom):
        public = newsroom["public"]
        industry = newsroom["topics"]["industry"].slug
        assert api.ids(data={"topic": industry}) == [
            public[0].pk,
            public[1].pk,
            public[3].pk,
            public[4].pk,
        ]

    def test_several_entities_are_all_required(self, api, newsroom):
        public, entities = newsroom["public"], newsroom["entities"]
        ks, helmi = entities["ks"].slug, entities["helmi"].slug
        assert api.ids(data={"entity": [ks]}) == [
            public[0].pk,
            public[3].pk,
            public[4].pk,
        ]
        assert api.ids(data={"entity": [ks, helmi]}) == [public[4].pk]

    def test_kind_source_and_dates(self, api, newsroom):
        public = newsroom["public"]
        assert api.ids(data={"kind": "place"}) == [public[0].pk]
        assert api.ids(data={"source": newsroom["sources"]["wire"].slug}) == [
            public[1].pk,
            public[3].pk,
        ]
        Article.objects.filter(pk=public[2].pk).update(publish_at=hours_ago(24 * 40))
        # The filter reads dates in the newsroom's time zone, as readers do.
        day = timezone.localdate(hours_ago(24 * 40)).isoformat()
        assert api.ids(data={"date_from": day, "date_to": day}) == [public[2].pk]
        assert public[2].pk not in api.ids(data={"date_from": hours_ago(1).date()})

    def test_text_search_finds_every_match_newest_first(self, api, newsroom):
        public = newsroom["public"]
        # "Cilegon" is in two titles; "KS" is an alias of an entity on three.
        assert api.ids(data={"q": "cilegon"}) == [public[0].pk, public[4].pk]
        assert api.ids(data={"q": "KS"}) == [public[0].pk, public[3].pk, public[4].pk]
        assert api.ids(data={"q": "!!!"}) == []

    def test_rows_carry_what_a_partner_needs(self, api, newsroom):
        row = api.get("/api/v1/articles/").data["results"][0]
        article = newsroom["public"][0]
        assert row["title"] == article.title
        assert row["source"]["slug"] == newsroom["sources"]["rubrik"].slug
        assert row["regions"] == [
            {
                "code": "36.72",
                "name": "Kota Cilegon",
                "slug": "kota-cilegon",
                "level": "city",
                "path": "/ID/36/36.72/",
            }
        ]
        assert row["topics"][0]["slug"] == newsroom["topics"]["steel"].slug
        assert {e["kind"] for e in row["entities"]} == {"organisation", "place"}
        assert row["url"] == f"http://testserver/artikel/{article.slug}/"
        assert row["api_url"] == f"http://testserver/api/v1/articles/{article.pk}/"
        assert row["ninjs_url"].endswith(f"/api/v1/articles/{article.pk}/ninjs")
        assert "body_html" not in row
        assert row["published_at"].endswith("Z")

    def test_an_unknown_source_is_null_not_invented(self, api, newsroom):
        rows = api.get("/api/v1/articles/").data["results"]
        assert rows[2]["source"] is None


class TestArticleDetail:
    def test_body_standfirst_tags_and_addresses(self, api, newsroom):
        article = newsroom["public"][0]
        Article.objects.filter(pk=article.pk).update(
            body="<p>Kapasitas <strong>naik</strong>.</p><p>Kedua.</p>",
            body_text="Kapasitas naik.\n\nKedua.",
            standfirst="Ringkas.",
            original_url="https://rubrikbanten.example/baja",
        )
        response = api.get(f"/api/v1/articles/{article.pk}/")
        assert response.status_code == 200
        data = response.data
        assert_matches_schema(data, "ArticleDetail")
        assert (
            data["body_html"] == "<p>Kapasitas <strong>naik</strong>.</p><p>Kedua.</p>"
        )
        assert data["body_text"] == "Kapasitas naik.\n\nKedua."
        assert data["word_count"] == 3
        assert data["standfirst"] == "Ringkas."
        assert data["byline"] == "Ika" and data["dateline"] == "CILEGON"
        assert data["original_url"] == "https://rubrikbanten.example/baja"
        ks = next(e for e in data["entities"] if e["slug"] == "pt-krakatau-steel")
        assert ks["aliases"] == ["KS"]
        assert ks["region"]["code"] == "36.72"

    def test_body_is_sanitised_again_on_output(self, api, newsroom):
        article = newsroom["public"][0]
        Article.objects.filter(pk=article.pk).update(
            body='<p onclick="x()">Teks <script>alert(1)</script>aman.</p>'
        )
        html = api.get(f"/api/v1/articles/{article.pk}/").data["body_html"]
        assert "script" not in html and "onclick" not in html
        assert "Teks" in html and "aman" in html

    def test_image_renditions_never_the_original(self, api, newsroom):
        article = newsroom["public"][0]
        article.featured_image.save("asli.jpg", ContentFile(b"x"), save=False)
        Article.objects.filter(pk=article.pk).update(
            featured_image=article.featured_image.name,
            featured_image_alt="Pabrik baja",
            featured_image_caption="Pabrik di Cilegon.",
            featured_image_credit="Foto: Humas",
            image_width=2000,
            image_height=1000,
            image_renditions={
                "480": "articles/r/480.webp",
                "960": "articles/r/960.webp",
            },
        )
        image = api.get(f"/api/v1/articles/{article.pk}/").data["image"]
        assert image["alt"] == "Pabrik baja"
        assert (
            image["caption"] == "Pabrik di Cilegon."
            and image["credit"] == "Foto: Humas"
        )
        assert image["renditions"] == [
            {
                "url": "http://testserver/media/articles/r/480.webp",
                "width": 480,
                "height": 240,
            },
            {
                "url": "http://testserver/media/articles/r/960.webp",
                "width": 960,
                "height": 480,
            },
        ]
        assert "asli" not in str(image)

    @pytest.mark.parametrize("pk", ["0", "999999", "999999999999999999"])
    def test_unknown_ids_are_json_404s(self, api, newsroom, pk):
        response = api.get(f"/api/v1/articles/{pk}/")
        assert response.status_code == 404
        assert response.data["error"] == "not_found"

    def test_an_id_too_long_for_the_database_is_404_not_500(self, api, newsroom):
        response = api.get("/api/v1/articles/99999999999999999999999/")
        assert response.status_code == 404


class TestVocabulary:
    def test_regions_tree_with_codes_and_rolled_up_counts(self, api, newsroom):
        response = api.get("/api/v1/regions/")
        assert response.status_code == 200
        assert_matches_schema(response.data, "RegionTree")
        (country,) = response.data["results"]
        assert (country["code"], country["article_count"]) == ("ID", 5)
        provinces = {p["code"]: p for p in country["children"]}
        assert provinces["36"]["article_count"] == 4  # each article once
        assert provinces["52"]["article_count"] == 1
        regencies = {r["code"]: r["article_count"] for r in provinces["36"]["children"]}
        assert regencies == {"36.72": 2, "36.04": 2}
        assert provinces["36"]["articles_url"].endswith(
            "/api/v1/articles/?region=banten"
        )

    def test_topics_tree(self, api, newsroom):
        response = api.get("/api/v1/topics/")
        assert_matches_schema(response.data, "TopicTree")
        roots = {t["name"]: t for t in response.data["results"]}
        assert set(roots) == {"Ekonomi", "Industri"}
        assert roots["Industri"]["article_count"] == 4
        assert roots["Industri"]["iptc_code"] == "medtop:20000344"
        assert [c["name"] for c in roots["Industri"]["children"]] == ["Baja"]
        assert roots["Industri"]["children"][0]["article_count"] == 2

    def test_sources_with_counts(self, api, newsroom):
        response = api.get("/api/v1/sources/")
        assert_matches_schema(response.data, "SourceList")
        assert [(s["name"], s["article_count"]) for s in response.data["results"]] == [
            ("Kantor Berita", 2),
            ("RubrikBanten", 1),
        ]

    def test_entities_search_by_name_or_alias_and_kind(self, api, newsroom):
        response = api.get("/api/v1/entities/")
        assert_matches_schema(response.data, "EntityPage")
        counts = {e["slug"]: e["article_count"] for e in response.data["results"]}
        assert counts == {
            "cilegon": 1,
            "helmi-budiman": 3,
            "kementerian-perindustrian": 2,
            "pt-krakatau-steel": 3,
        }
        by_alias = api.get("/api/v1/entities/", {"q": "kemenperin"}).data["results"]
        assert [e["slug"] for e in by_alias] == ["kementerian-perindustrian"]
        people = api.get("/api/v1/entities/", {"kind": "person"}).data["results"]
        assert [e["slug"] for e in people] == ["helmi-budiman"]

    def test_entities_page_by_cursor(self, api, newsroom):
        first = api.get("/api/v1/entities/", {"page_size": 3})
        assert len(first.data["results"]) == 3 and first.data["next"]
        second = api.get(first.data["next"])
        assert [e["slug"] for e in second.data["results"]] == ["pt-krakatau-steel"]
        assert second.data["next"] is None

    def test_entity_detail_with_co_mentioned_entities(self, api, newsroom):
        response = api.get("/api/v1/entities/pt-krakatau-steel/")
        assert response.status_code == 200
        assert_matches_schema(response.data, "EntityDetail")
        assert response.data["aliases"] == ["KS"]
        co = {e["slug"]: e["shared_articles"] for e in response.data["co_mentioned"]}
        assert co == {"kementerian-perindustrian": 1, "cilegon": 1, "helmi-budiman": 1}
