"""`make run` serves the site as readers see it (issue 15, item 4): the site's own
404 page, static files through WhiteNoise, uploaded images; Django's debug pages
only when asked for with DJANGO_DEBUG=1."""

from .test_security import manage

DEV = {"DJANGO_SETTINGS_MODULE": "newsroom.settings.dev"}
PROBE = """
from django.conf import settings
from django.test import Client
client = Client(HTTP_HOST="127.0.0.1")
missing = client.get("/tidak-ada/")
style = client.get("/static/css/site.css")
print(settings.DEBUG, missing.status_code, b"Warta Industri" in missing.content,
      b"DEBUG = True" in missing.content, style.status_code)
"""


def test_make_run_shows_the_sites_own_404_and_serves_static_files(tmp_path):
    result = manage(
        "shell", "-c", PROBE, env={**DEV, "DJANGO_MEDIA_ROOT": str(tmp_path)}
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].split() == [
        "False",
        "404",
        "True",
        "False",
        "200",
    ]


def test_debug_pages_only_when_asked_for(tmp_path):
    result = manage("shell", "-c", PROBE, env={**DEV, "DJANGO_DEBUG": "1"})
    assert result.returncode == 0, result.stderr
    debug, status, _own, technical, _static = result.stdout.splitlines()[-1].split()
    assert (debug, status, technical) == ("True", "404", "True")


def test_uploaded_images_are_served_in_development(tmp_path):
    (tmp_path / "gambar.txt").write_text("isi")
    probe = (
        "from django.test import Client\n"
        "r = Client(HTTP_HOST='127.0.0.1').get('/media/gambar.txt')\n"
        "print(r.status_code, b''.join(r.streaming_content).decode())"
    )
    result = manage(
        "shell", "-c", probe, env={**DEV, "DJANGO_MEDIA_ROOT": str(tmp_path)}
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].split() == ["200", "isi"]
