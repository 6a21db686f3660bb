"""Hardened deployment, hostile text, access and login throttling."""

import logging
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from articles.models import Article, Source
from entities.models import Entity, EntityAlias
from newsroom.logs import RefusedHosts

ROOT = Path(__file__).resolve().parents[2]

XSS_PAYLOADS = [
    "<script>alert('xss')</script>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    '"><script>alert(1)</script>',
    "'><iframe src=javascript:alert(1)>",
    '<a href="javascript:alert(1)">klik</a>',
    "</title><script>alert(1)</script>",
    "<body onload=alert(1)>",
    '{{ 7*7 }}<math><mi//xlink:href="data:x,<script>alert(1)</script>">',
    "</script><script>alert(1)</script>",
]
# Raw markup that would run: escaped text ("&lt;img … onerror=…&gt;") is harmless.
DANGEROUS = [
    "<script>alert",
    "<img src=x",
    "<svg/onload",
    "<iframe",
    "<body onload",
    "<math>",
    'href="javascript:',
    "href=javascript:",
]


def clean_environment(**overrides):
    """This process's environment without what the test run itself sets (the
    browser tests allow async-unsafe ORM calls, which production must not)."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return {**env, **overrides}


def manage(*args, env=None):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean_environment(**(env or {})),
        capture_output=True,
        text=True,
        timeout=120,
    )


class TestProductionSettings:
    PRODUCTION = {"DJANGO_SETTINGS_MODULE": "newsroom.settings.production"}

    def test_refuses_to_start_without_a_secret_key(self):
        env = {
            **self.PRODUCTION,
            "DJANGO_SECRET_KEY": "",
            "DJANGO_ALLOWED_HOSTS": "x.id",
        }
        result = manage("check", env=env)
        assert result.returncode != 0
        assert "DJANGO_SECRET_KEY" in result.stderr

    def test_refuses_to_start_without_allowed_hosts(self):
        env = clean_environment(
            **self.PRODUCTION, DJANGO_SECRET_KEY=secrets.token_urlsafe(50)
        )
        env.pop("DJANGO_ALLOWED_HOSTS", None)
        result = subprocess.run(
            [sys.executable, "manage.py", "check"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode != 0
        assert "DJANGO_ALLOWED_HOSTS" in result.stderr

    def test_deploy_check_passes_without_warnings(self):
        env = {
            **self.PRODUCTION,
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "warta.example.id",
        }
        result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
        assert result.returncode == 0, result.stderr + result.stdout
        assert "no issues" in result.stdout


@pytest.mark.django_db
class TestHeaders:
    @pytest.mark.parametrize("url", ["/", "/artikel/", "/admin/login/"])
    def test_security_headers(self, client, url):
        response = client.get(url)
        csp = response["Content-Security-Policy"]
        assert "script-src 'self'" in csp
        assert "object-src 'none'" in csp
        assert "frame-ancestors 'none'" in csp
        assert response["X-Frame-Options"] == "DENY"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert response["X-Content-Type-Options"] == "nosniff"


@pytest.fixture
def hostile(db, make_article, make_region, make_topic):
    """Every user-controlled text field filled with XSS payloads, stored as is
    (bypassing form cleaning, as a careless import or an old row might)."""
    region = make_region("Banten", code="36")
    topic = make_topic("Industri")
    articles = []
    for n, payload in enumerate(XSS_PAYLOADS):
        source = Source.objects.create(name=f"{payload} {n}", slug=f"sumber-{n}")
        entity = Entity.objects.create(name=f"{payload} {n}", kind="organisation")
        EntityAlias.objects.create(entity=entity, name=f"alias {payload}")
        articles.append(
            make_article(
                title=f"{payload} judul {n}",
                standfirst=payload,
                body=f"{payload}\n\nParagraf {payload}",
                byline=payload,
                credit=payload,
                dateline=payload[:100],
                source=source,
                regions=[region],
                topics=[topic],
                entities=[entity],
            )
        )
    return articles


def assert_escaped(content):
    for marker in DANGEROUS:
        assert marker not in content, marker


@pytest.mark.django_db
class TestHostileText:
    def test_public_pages_escape_every_field(self, client, hostile):
        urls = ["/", "/artikel/", "/artikel/?q=script", "/indeks/", "/feed/"]
        urls += [a.get_absolute_url() for a in hostile]
        urls += [a.source.get_absolute_url() for a in hostile]
        urls += [e.get_absolute_url() for a in hostile for e in a.entities.all()]
        urls += [hostile[0].regions.first().get_absolute_url()]
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            content = response.content.decode()
            if response["Content-Type"].startswith("text/html"):
                assert_escaped(content)
            else:  # feeds: XML-escaped text, never markup
                assert "<script>" not in content

    def test_search_query_is_escaped(self, client, hostile):
        for payload in XSS_PAYLOADS:
            content = client.get("/artikel/", {"q": payload[:200]}).content.decode()
            assert_escaped(content)

    def test_admin_pages_escape_every_field(self, admin_client, hostile):
        pages = [
            reverse("admin:articles_article_changelist"),
            reverse("admin:entities_entity_changelist"),
            reverse("admin:articles_source_changelist"),
        ]
        for article in hostile[:3]:
            pages.append(reverse("admin:articles_article_change", args=[article.pk]))
            entity = article.entities.first()
            pages.append(reverse("admin:entities_entity_change", args=[entity.pk]))
        for url in pages:
            response = admin_client.get(url)
            assert response.status_code == 200, url
            assert_escaped(response.content.decode())

    def test_html_typed_into_plain_fields_is_kept_as_typed(self, hostile):
        """Plain-text fields keep every character (finding 1); the pages above
        show them escaped."""
        article = hostile[0]
        typed = article.title
        article.full_clean()
        assert article.title == typed and "<script>" in typed
        entity = Entity(name="<b>PT Baja</b> <script>x()</script>", kind="organisation")
        entity.clean()
        assert entity.name == "<b>PT Baja</b> <script>x()</script>"


@pytest.mark.django_db
class TestAccess:
    def test_login_is_throttled_after_repeated_failures(
        self, client, django_user_model
    ):
        django_user_model.objects.create_superuser(
            "redaksi", password="benar-sekali-123"
        )
        url = reverse("admin:login")
        for _ in range(4):
            response = client.post(url, {"username": "redaksi", "password": "salah"})
            assert response.status_code == 200
        fifth = client.post(url, {"username": "redaksi", "password": "salah"})
        assert fifth.status_code == 429  # locked out at the fifth failure
        locked = client.post(
            url, {"username": "redaksi", "password": "benar-sekali-123"}
        )
        assert locked.status_code == 429
        assert "_auth_user_id" not in client.session

    def test_health_reports_database_and_cache(self, client):
        response = client.get("/healthz")
        assert response.status_code == 200
        assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}

    @pytest.mark.parametrize("query", ["q=a%00b", "region=%00", "%00=1", "page=1%00"])
    def test_nul_bytes_are_a_bad_request(self, client, query):
        assert client.get(f"/artikel/?{query}").status_code == 400

    def test_unpublished_images_are_not_linked_publicly(self, client, make_article):
        draft = make_article(
            status=Article.Status.DRAFT,
            featured_image="articles/x.jpg",
            featured_image_alt="alt",
        )
        for url in ("/", "/artikel/", "/feed/", "/sitemap-articles.xml"):
            assert "articles/x.jpg" not in client.get(url).content.decode()
        assert client.get(draft.get_absolute_url()).status_code == 404

    def test_a_mention_tells_nothing_to_who_may_not_open_the_article(
        self,
        client,
        editor,
        contributor,
        make_article,
        django_capture_on_commit_callbacks,
    ):
        """Issue 32: a note mentioning a contributor mailed her the title and
        text of a draft she may not open."""
        from django.core import mail

        from articles.models import Notification
        from tests.desk.test_inbox import note_data

        contributor.email = "ko@warta.example"
        contributor.save()
        draft = make_article(
            "Embargo merger rahasia", status=Article.Status.DRAFT, created_by=editor
        )
        client.force_login(editor)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                reverse("admin:articles_article_change", args=[draft.pk]),
                note_data(draft, "Angka merger Rp 9 triliun, @kontributor."),
                follow=True,  # the editor's own messages are read by her
            )
        assert mail.outbox == [] and not Notification.objects.exists()
        client.force_login(contributor)
        inbox = client.get(reverse("admin:articles_inbox")).content.decode()
        assert "Embargo merger rahasia" not in inbox


@pytest.mark.django_db
class TestLowFindings:
    """Findings 10–22 of the security review, each named after what failed."""

    def test_forged_host_is_a_400_not_a_500(self, client):
        response = client.get("/", HTTP_HOST="evil.example")
        assert response.status_code == 400
        assert b"evil.example" not in response.content

    def test_a_forged_host_is_one_warning_line_without_a_traceback(self, client):
        """Issue 24, red team finding LOW: every forged Host was logged at
        ERROR with a 20–40 line traceback (log flooding)."""
        logger = logging.getLogger("django.security.DisallowedHost")
        (refused,) = [f for f in logger.filters if isinstance(f, RefusedHosts)]
        clock = [100.0]
        refused.clock, refused.last, refused.skipped = (lambda: clock[0]), None, 0
        records = []
        handler = logging.Handler()
        handler.emit = records.append
        logger.addHandler(handler)
        try:
            assert client.get("/", HTTP_HOST="evil.example").status_code == 400
            assert len(records) == 1
            (record,) = records
            assert record.levelname == "WARNING"
            assert record.exc_info is None and record.exc_text is None
            assert "'evil.example'" in record.getMessage()
            assert "\n" not in logging.Formatter().format(record)
            # A flood: one line per 10 s, the next says how many were left out.
            for _ in range(5):
                assert client.get("/", HTTP_HOST="evil.example").status_code == 400
            assert len(records) == 1
            clock[0] += 10
            assert client.get("/", HTTP_HOST="b.example").status_code == 400
            assert len(records) == 2
            assert "(5 more refused in the 10 s before)" in records[1].getMessage()
        finally:
            logger.removeHandler(handler)

    def test_more_than_a_thousand_parameters_is_a_400(self, client, seed_data):
        query = "&".join(f"p{n}=1" for n in range(1200))
        for url in ("/", "/artikel/", "/artikel/?q=baja&"):
            assert client.get(f"{url}?{query}").status_code == 400, url

    def test_non_numeric_admin_ids_are_not_server_errors(self, client, editor):
        client.force_login(editor)
        for url in (
            "/admin/articles/article/abc/history/",
            "/admin/articles/article/1/history/%27/",
        ):
            assert client.get(url).status_code == 404, url
        # Not a split page: the admin's own "no such entity" redirect.
        split = client.get("/admin/entities/entity/abc/split/", follow=True)
        assert split.status_code == 200
        assert split.redirect_chain[-1][0] == "/admin/"

    @pytest.mark.parametrize("url", ["/artikel/?q=a%00b", "/%00"])
    def test_the_nul_400_carries_the_security_headers(self, client, url):
        """Finding 11: the NUL-character 400 lacked X-Frame-Options and CSP."""
        response = client.get(url)
        assert response.status_code in (400, 404)
        assert response["X-Frame-Options"] == "DENY"
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
        assert response["X-Request-ID"]

    def test_a_500_is_logged_with_its_request_id_and_says_only_what_is_true(
        self, client, settings, monkeypatch, caplog
    ):
        """Findings 11 and 12: no traceback was logged anywhere, yet the page
        said the team was notified; 500s lacked the security headers."""
        from articles.site import views

        def broken(*args, **kwargs):
            raise RuntimeError("kaput")

        monkeypatch.setattr(views.listing, "home_articles", broken)
        client.raise_request_exception = False
        settings.ADMINS = []
        with caplog.at_level("ERROR", logger="django.request"):
            response = client.get("/")
        assert response.status_code == 500
        request_id = response["X-Request-ID"]
        assert request_id in response.content.decode()
        assert "diberi tahu" not in response.content.decode()  # nobody was
        assert response["X-Frame-Options"] == "DENY"
        assert "Content-Security-Policy" in response
        (record,) = [r for r in caplog.records if r.name == "django.request"]
        assert record.request_id == request_id and record.exc_info

    def test_the_page_cache_keys_host_and_scheme(self, client, settings, seed_data):
        """Finding 13: a page first built for one host was served to another."""
        settings.WARTA_PAGE_CACHE_SECONDS = 600
        settings.ALLOWED_HOSTS = ["testserver", "warta.example.id"]
        first = client.get("/", HTTP_HOST="testserver")
        other = client.get("/", HTTP_HOST="warta.example.id")
        secure = client.get("/", HTTP_HOST="testserver", secure=True)
        assert len({first["ETag"], other["ETag"], secure["ETag"]}) == 3
        assert b"warta.example.id" in other.content
        assert b"warta.example.id" not in first.content

    def test_saving_a_draft_changes_no_public_etag(
        self, client, editor, seed_data, make_article
    ):
        """Finding 14: every draft save changed every public ETag."""
        from articles import editorial

        draft = make_article(status="draft", title="Draf")
        etag = client.get("/")["ETag"]
        for n in range(3):
            draft.title = f"Draf {n}"
            editorial.article_update(article=draft, by=editor, tags={"topics": []})
        assert client.get("/")["ETag"] == etag
        live = Article.objects.published().first()
        live.title = "Judul yang diperbaiki"
        editorial.article_update(article=live, by=editor)
        assert client.get("/")["ETag"] != etag

    def test_vocabulary_of_drafts_has_no_public_page(
        self, client, seed_data, make_article, make_entity, make_topic, make_source
    ):
        """Finding 15: a secret acquisition's company had a public page."""
        secret = make_entity("PT Akuisisi Rahasia")
        topic, source = make_topic("Topik rahasia"), make_source("Sumber rahasia")
        draft = make_article(status="draft", entities=[secret], topics=[topic])
        Article.objects.filter(pk=draft.pk).update(source=source)
        for url in (
            secret.get_absolute_url(),
            topic.get_absolute_url(),
            source.get_absolute_url(),
            f"/entitas/{secret.slug}/feed/",
            f"/topik/{topic.slug}/feed/",
        ):
            assert client.get(url).status_code == 404, url
        assert b"Topik rahasia" not in client.get("/indeks/").content
        assert b"Akuisisi" not in client.get("/sitemap-entities.xml").content

    def test_drafts_do_not_crowd_out_related_articles(
        self, client, make_article, make_entity
    ):
        """Finding 16: 120 drafts emptied a related-articles list."""
        shared = make_entity("PT Bersama")
        article = make_article(entities=[shared])
        related = make_article(title="Yang terkait", entities=[shared])
        for _ in range(120):
            make_article(status="draft", entities=[shared])
        page = client.get(article.get_absolute_url())
        assert [a.pk for a in page.context["related"]] == [related.pk]

    def test_contributors_cannot_create_vocabulary_by_accepting(
        self, contributor, make_article
    ):
        """Finding 18: contributors created entities and regions they may not add."""
        from django.core.exceptions import PermissionDenied

        from articles.suggestions.services import suggestion_accept
        from entities.models import Region

        article = make_article(status="draft", created_by=contributor)
        person = article.suggestions.create(
            kind="person", key="person:orang baru", name="Orang Baru", confidence=0.8
        )
        region = article.suggestions.create(
            kind="region",
            key="region:52.07",
            name="Sumbawa Barat",
            code="52.07",
            confidence=0.9,
        )
        for suggestion in (person, region):
            with pytest.raises(PermissionDenied):
                suggestion_accept(suggestion=suggestion, by=contributor)
        assert not Entity.objects.filter(name="Orang Baru").exists()
        assert not Region.objects.filter(code="52.07").exists()
        existing = Entity.objects.create(name="Orang Lama", kind="person")
        known = article.suggestions.create(
            kind="person", key="person:orang lama", name="Orang Lama", confidence=0.8
        )
        suggestion_accept(suggestion=known, by=contributor)
        assert list(article.entities.all()) == [existing]

    @pytest.mark.parametrize(
        "key",
        ["django-insecure-local-development-only", "pendek", "a" * 60],
    )
    def test_production_refuses_a_weak_secret_key(self, key):
        """Finding 21: production started with the dev key or a short one."""
        result = manage(
            "check",
            env={
                "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
                "DJANGO_SECRET_KEY": key,
                "DJANGO_ALLOWED_HOSTS": "warta.example.id",
            },
        )
        assert result.returncode != 0
        assert "too weak" in result.stderr

    def test_the_serve_target_runs_the_deploy_check_first(self):
        makefile = (ROOT / "Makefile").read_text()
        serve = makefile.split("\nserve:", 1)[1].split("\n\n", 1)[0]
        assert serve.index("check --deploy") < serve.index("gunicorn")


class TestClientAddress:
    """Finding 22: behind the TLS proxy every login failure counted against the
    proxy's address, locking everyone out together."""

    def request(self, forwarded=None):
        from django.test import RequestFactory

        extra = {"REMOTE_ADDR": "10.0.0.2"}
        if forwarded:
            extra["HTTP_X_FORWARDED_FOR"] = forwarded
        return RequestFactory().get("/", **extra)

    def test_without_a_trusted_proxy_the_header_is_ignored(self, settings):
        from newsroom.clientip import client_ip

        settings.WARTA_TRUSTED_PROXIES = 0
        assert client_ip(self.request("203.0.113.9")) == "10.0.0.2"

    def test_behind_one_proxy_the_client_is_the_last_address(self, settings):
        from newsroom.clientip import client_ip

        settings.WARTA_TRUSTED_PROXIES = 1
        spoofed = "198.51.100.1, 203.0.113.9"  # the client forged the first
        assert client_ip(self.request(spoofed)) == "203.0.113.9"
        assert client_ip(self.request()) == "10.0.0.2"

    def test_behind_two_proxies(self, settings):
        from newsroom.clientip import client_ip

        settings.WARTA_TRUSTED_PROXIES = 2
        assert client_ip(self.request("203.0.113.9, 10.0.0.1")) == "203.0.113.9"

    @pytest.mark.django_db
    def test_lockout_is_per_client_behind_the_proxy(self, client, settings):
        from django.contrib.auth.models import User

        settings.WARTA_TRUSTED_PROXIES = 1
        User.objects.create_user("redaksi", password="benar-sekali-123", is_staff=True)
        for _ in range(settings.AXES_FAILURE_LIMIT):
            client.post(
                "/admin/login/",
                {"username": "redaksi", "password": "salah"},
                REMOTE_ADDR="10.0.0.2",
                HTTP_X_FORWARDED_FOR="203.0.113.9",
            )
        locked = client.post(
            "/admin/login/",
            {"username": "redaksi", "password": "benar-sekali-123"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR="203.0.113.9",
        )
        assert locked.status_code == 429
        other = client.post(
            "/admin/login/",
            {"username": "redaksi", "password": "benar-sekali-123"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR="198.51.100.7",
        )
        assert other.status_code == 302
