"""HTTP behaviour: validators and 304s from the content stamp, CORS for reads
from any origin, a rate limit per client, and errors as JSON naming the
parameter."""

import pytest
from django.core.cache import cache
from django.db import OperationalError

from articles import editorial
from articles.models import Article

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    "/api/v1/articles/",
    "/api/v1/articles/?region=banten",
    "/api/v1/regions/",
    "/api/v1/topics/",
    "/api/v1/sources/",
    "/api/v1/entities/",
    "/api/v1/entities/pt-krakatau-steel/",
]


class TestConditionalGet:
    @pytest.mark.parametrize("path", ENDPOINTS)
    def test_etag_and_last_modified_answer_304(self, api, newsroom, path):
        first = api.get(path)
        assert first.status_code == 200
        assert first["Cache-Control"] == "public, max-age=0, must-revalidate"
        again = api.get(path, HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304
        assert again.content == b""
        assert again["ETag"] == first["ETag"]
        since = api.get(path, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
        assert since.status_code == 304

    def test_detail_and_ninjs_too(self, api, newsroom):
        pk = newsroom["public"][0].pk
        for path in (f"/api/v1/articles/{pk}/", f"/api/v1/articles/{pk}/ninjs"):
            etag = api.get(path)["ETag"]
            assert api.get(path, HTTP_IF_NONE_MATCH=etag).status_code == 304

    def test_a_public_change_changes_the_etag_a_draft_does_not(
        self, api, newsroom, editor
    ):
        etag = api.get("/api/v1/articles/")["ETag"]
        draft = newsroom["hidden"]["draft"]
        draft.title = "Draf lain"
        editorial.article_update(article=draft, by=editor)
        assert api.get("/api/v1/articles/")["ETag"] == etag
        live = newsroom["public"][0]
        live.title = "Judul baru"
        editorial.article_update(article=live, by=editor)
        response = api.get("/api/v1/articles/", HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 200
        assert response["ETag"] != etag
        assert response.data["results"][0]["title"] == "Judul baru"

    def test_each_address_has_its_own_etag(self, api, newsroom):
        etags = {api.get(path)["ETag"] for path in ENDPOINTS}
        assert len(etags) == len(ENDPOINTS)
        other_host = api.get("/api/v1/articles/", HTTP_HOST="localhost")
        assert other_host["ETag"] != api.get("/api/v1/articles/")["ETag"]

    def test_cached_responses_are_the_same_and_follow_changes(
        self, api, newsroom, settings
    ):
        settings.WARTA_PAGE_CACHE_SECONDS = 600
        fresh = api.get("/api/v1/articles/?page_size=2")
        cached = api.get("/api/v1/articles/?page_size=2")
        assert cached.content == fresh.content
        assert cached["Link"] == fresh["Link"]
        assert cached["Content-Type"] == "application/json"
        Article.objects.filter(pk=newsroom["public"][0].pk).update(title="Baru")
        from articles.freshness import bump

        bump()
        assert (
            api.get("/api/v1/articles/?page_size=2").data["results"][0]["title"]
            == "Baru"
        )

    def test_errors_are_not_cached(self, api, newsroom):
        response = api.get("/api/v1/articles/?page_size=0")
        assert response.status_code == 400
        assert response["Cache-Control"] == "no-store"
        assert not response.has_header("ETag")


class TestCors:
    def test_any_origin_may_read(self, api, newsroom):
        response = api.get("/api/v1/articles/", HTTP_ORIGIN="https://mitra.example")
        assert response["Access-Control-Allow-Origin"] == "*"
        exposed = response["Access-Control-Expose-Headers"]
        for header in ("ETag", "Link", "Retry-After"):
            assert header in exposed
        assert "Access-Control-Allow-Credentials" not in response

    def test_preflight_allows_reads_and_conditional_headers_only(self, client):
        response = client.options(
            "/api/v1/articles/",
            headers={
                "Origin": "https://mitra.example",
                "Access-Control-Request-Method": "GET",
                "Access-Control-Request-Headers": "if-none-match",
            },
        )
        assert response.status_code == 200
        assert response["Access-Control-Allow-Origin"] == "*"
        assert set(response["Access-Control-Allow-Methods"].split(", ")) == {
            "GET",
            "HEAD",
            "OPTIONS",
        }
        assert "if-none-match" in response["Access-Control-Allow-Headers"]

    def test_errors_carry_cors_headers_too(self, api, newsroom):
        for path in ("/api/v1/articles/?region=x", "/api/v1/articles/0/", "/api/v1/x"):
            response = api.get(path, HTTP_ORIGIN="https://mitra.example")
            assert response.status_code in (400, 404)
            assert response["Access-Control-Allow-Origin"] == "*"

    def test_the_site_itself_shares_nothing(self, client, newsroom):
        for path in ("/", "/artikel/", "/feed/"):
            response = client.get(path, headers={"Origin": "https://mitra.example"})
            assert "Access-Control-Allow-Origin" not in response


class TestRateLimit:
    @pytest.fixture
    def limited(self, settings):
        settings.WARTA_API_RATES = {"api": "3/min", "export": "1/hour"}
        cache.clear()

    def test_429_with_retry_after(self, api, newsroom, limited):
        statuses = [api.get("/api/v1/regions/").status_code for _ in range(4)]
        assert statuses == [200, 200, 200, 429]
        response = api.get("/api/v1/regions/")
        assert response.status_code == 429
        assert 0 < int(response["Retry-After"]) <= 60
        assert response.data["error"] == "throttled"
        assert response["Content-Type"] == "application/json"

    def test_the_429_message_is_one_language(self, client, newsroom, limited):
        # The API speaks Indonesian: never DRF's half-translated "Permintaan
        # ini telah dibatasi. Expected available in 60 seconds."
        for _ in range(3):
            client.get("/api/v1/regions/")
        response = client.get("/api/v1/regions/")
        assert response.json()["detail"] == (
            "Terlalu banyak permintaan dari alamat ini; coba lagi dalam "
            f"{response['Retry-After']} detik."
        )

    def test_conditional_and_cached_requests_count(
        self, api, newsroom, limited, settings
    ):
        settings.WARTA_PAGE_CACHE_SECONDS = 600
        etag = api.get("/api/v1/topics/")["ETag"]
        assert api.get("/api/v1/topics/", HTTP_IF_NONE_MATCH=etag).status_code == 304
        assert api.get("/api/v1/topics/").status_code == 200
        assert api.get("/api/v1/topics/").status_code == 429

    def test_each_client_has_its_own_allowance(self, api, newsroom, limited):
        for _ in range(3):
            api.get("/api/v1/topics/", REMOTE_ADDR="10.0.0.1")
        assert api.get("/api/v1/topics/", REMOTE_ADDR="10.0.0.1").status_code == 429
        assert api.get("/api/v1/topics/", REMOTE_ADDR="10.0.0.2").status_code == 200

    def test_downloads_have_a_lower_limit(self, api, newsroom, limited):
        assert api.get("/api/v1/articles/export").status_code == 200
        response = api.get("/api/v1/articles/export")
        assert response.status_code == 429
        assert int(response["Retry-After"]) > 60

    def test_behind_trusted_proxies_the_forwarded_address_counts(
        self, api, newsroom, limited, settings
    ):
        settings.WARTA_TRUSTED_PROXIES = 1
        for _ in range(3):
            api.get("/api/v1/topics/", HTTP_X_FORWARDED_FOR="203.0.113.7")
        blocked = api.get("/api/v1/topics/", HTTP_X_FORWARDED_FOR="203.0.113.7")
        other = api.get("/api/v1/topics/", HTTP_X_FORWARDED_FOR="203.0.113.8")
        assert (blocked.status_code, other.status_code) == (429, 200)


class TestErrors:
    @pytest.mark.parametrize(
        ("query", "names"),
        [
            ({"region": "tidak-ada"}, ["region"]),
            ({"topic": "tidak-ada"}, ["topic"]),
            ({"entity": ["pt-krakatau-steel", "tidak-ada"]}, ["entity"]),
            ({"kind": "robot"}, ["kind"]),
            ({"source": "tidak-ada"}, ["source"]),
            ({"date_from": "2025-02-30"}, ["date_from"]),
            ({"date_from": "2025-03-02", "date_to": "2025-03-01"}, ["date_to"]),
            ({"q": "x" * 201}, ["q"]),
            ({"page_size": "1000"}, ["page_size"]),
            ({"cursor": "nope"}, ["cursor"]),
            ({"regoin": "banten"}, ["regoin"]),
            ({"region": ["banten", "ntb"]}, ["region"]),
            (
                {"region": "x", "page_size": "0", "foo": "1"},
                ["foo", "region", "page_size"],
            ),
        ],
    )
    def test_bad_parameters_are_a_400_naming_them(self, api, newsroom, query, names):
        response = api.get("/api/v1/articles/", query)
        assert response.status_code == 400
        assert response.data["error"] == "invalid_parameters"
        assert sorted(response.data["parameters"]) == sorted(names)
        assert all(response.data["parameters"][name] for name in names)

    def test_messages_are_in_english(self, api, newsroom):
        response = api.get("/api/v1/articles/", {"date_from": "kemarin"})
        assert response.data["parameters"]["date_from"] == ["Enter a valid date."]

    @pytest.mark.parametrize(
        ("path", "query", "name"),
        [
            ("/api/v1/articles/export", {"format": "xml"}, "format"),
            ("/api/v1/articles/export", {"limit": "0"}, "limit"),
            ("/api/v1/articles/export", {"limit": "10001"}, "limit"),
            ("/api/v1/entities/", {"kind": "robot"}, "kind"),
            ("/api/v1/entities/", {"q": "x" * 101}, "q"),
            ("/api/v1/entities/", {"cursor": "x"}, "cursor"),
            ("/api/v1/regions/", {"depth": "1"}, "depth"),
        ],
    )
    def test_other_endpoints_name_their_parameters(
        self, api, newsroom, path, query, name
    ):
        response = api.get(path, query)
        assert response.status_code == 400
        assert list(response.data["parameters"]) == [name]

    def test_writes_are_refused(self, client, newsroom):
        for method in (client.post, client.put, client.delete, client.patch):
            response = method("/api/v1/articles/")
            assert response.status_code == 405
            assert response.json()["error"] == "method_not_allowed"

    def test_unknown_addresses_are_json(self, api, newsroom):
        response = api.get("/api/v1/artikel/")
        assert response.status_code == 404
        assert response.data["error"] == "not_found"
        assert api.get("/api/v1/regions").status_code == 301

    def test_a_database_outage_is_a_503_to_retry(self, api, newsroom, monkeypatch):
        from articles.api import views

        def fail(*args, **kwargs):
            raise OperationalError("server closed the connection unexpectedly")

        monkeypatch.setattr(views.publiccounts, "all_region_counts", fail)
        response = api.get("/api/v1/regions/")
        assert response.status_code == 503
        assert response["Retry-After"] == "5"
        assert response.data["error"] == "unavailable"


class TestErrorsOutsideTheViews:
    def test_a_nul_character_is_a_json_400_naming_the_parameter(self, api, newsroom):
        response = api.get("/api/v1/articles/", {"q": "baja\x00"})
        assert response.status_code == 400
        assert response.data["parameters"] == {"q": ["Berisi karakter NUL."]}
        page = api.get("/artikel/", {"q": "baja\x00"})
        assert page.status_code == 400 and page["Content-Type"].startswith("text/html")

    def test_a_crash_is_a_json_500_with_the_request_id(self, newsroom, monkeypatch):
        from django.test import Client

        from articles.api import views

        def crash(*args, **kwargs):
            raise RuntimeError("boom")

        monkeypatch.setattr(views.publiccounts, "topic_tree", crash)
        client = Client(raise_request_exception=False)
        response = client.get("/api/v1/topics/", HTTP_ORIGIN="https://mitra.example")
        assert response.status_code == 500
        assert response.json()["error"] == "server_error"
        assert response.json()["request_id"] == response["X-Request-ID"]
        assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize(
    "path", ["/api/v1/articles/%0A/", "/api/v1/%0A", "/api/v2/articles/", "/api/"]
)
def test_any_address_under_api_is_a_json_404(api, path):
    response = api.get(path)
    assert response.status_code == 404
    assert response.data["error"] == "not_found"


def test_the_sites_404_page_is_unchanged(client, db):
    response = client.get("/tidak-ada/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
