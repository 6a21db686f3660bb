"""Hardened deployment, hostile text, access and login throttling."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from articles.models import Article, Source
from entities.models import Entity, EntityAlias

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
