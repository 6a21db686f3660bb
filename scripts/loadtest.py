"""Load test: mixed reader traffic plus editors saving, against gunicorn on loopback.

    .venv/bin/python scripts/loadtest.py --duration 300 --readers 8 --editors 4

Builds a fresh database (SQLite in a temporary folder, or DATABASE_URL), loads the
seed articles and a few hundred generated ones, serves them with gunicorn under the
production settings (as if behind a TLS proxy), then for ``--duration`` seconds:

- readers request home, lists (with filters, search and pages), region, topic,
  entity and article pages and feeds, as fast as they can;
- editors log in to the admin and repeatedly open an article and save it with a
  new line appended to its body; some articles are shared between editors, so
  concurrent saves of one article happen and must be refused, not lost.

At the end it checks that every save the server acknowledged is in the database
(no lost edits) and prints one summary; it exits 1 on any error or lost edit.
Only loopback addresses are used.
"""

import argparse
import contextlib
import http.client
import json
import os
import random
import re
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PASSWORD = "beban-uji-" + secrets.token_hex(6)


def manage(env, *args):
    subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def prepare(env, articles):
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_initial_data", "-v0")
    script = f"""
import random
from django.contrib.auth.models import Group, User
from articles.models import Article, Topic
from entities.models import Entity, Region
random.seed(7)
regions = list(Region.objects.filter(code__contains="."))
topics = list(Topic.objects.all())
entities = list(Entity.objects.all())
for n in range({articles}):
    a = Article.objects.create(
        title=f"Artikel beban {{n}} tentang industri daerah",
        body="".join(
            f"<p>Paragraf {{i}} artikel {{n}} tentang kawasan industri.</p>"
            for i in range(6)
        ),
        status="published", publish_at="2025-01-01T09:00:00+07:00",
    )
    a.regions.set(random.sample(regions, 2)); a.topics.set(random.sample(topics, 2))
    a.entities.set(random.sample(entities, 4))
editors = Group.objects.get(name="Editor")
for i in range(16):
    u = User.objects.create_user(f"editor{{i}}", password="{PASSWORD}", is_staff=True)
    u.groups.add(editors)
"""
    shell(env, script, stdout=subprocess.DEVNULL)


def shell_command(code):
    """The command running ``code`` in the project's Django shell."""
    return [PYTHON, "manage.py", "shell", "--no-imports", "-c", code]


def shell(env, code, **kwargs):
    """Run ``code`` in the project's Django shell; raise if it fails."""
    return subprocess.run(shell_command(code), cwd=ROOT, env=env, check=True, **kwargs)


def shell_json(env, code):
    """Run ``code`` in the project's shell and parse the JSON it prints last."""
    output = shell(env, code, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def django_json(env, expression):
    """Evaluate ``expression`` (JSON text) in the project's shell and parse it."""
    return shell_json(
        env, f"import json\nfrom articles.models import Article\nprint({expression})"
    )


class Client:
    """A minimal HTTP client with cookies, talking as a TLS proxy in front would."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}
        self.headers = {}  # the last response's, names in lower case
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def request(self, method, path, body=None):
        headers = {
            "Host": "localhost",
            "X-Forwarded-Proto": "https",
            "Referer": f"https://localhost{path}",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        if body is not None:
            body = urllib.parse.urlencode(body, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in range(2):
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                data = response.read()
                break
            except (http.client.HTTPException, ConnectionError, OSError):
                self.conn.close()
                self.conn = http.client.HTTPConnection(
                    "127.0.0.1", self.port, timeout=30
                )
                if attempt:
                    raise
        self.headers = {k.lower(): v for k, v in response.getheaders()}
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return (
            response.status,
            data.decode("utf-8", "replace"),
            response.getheader("Location"),
        )

    def log_in(self, admin, username, password):
        """Log in through the admin's form, as a person would; True on success."""
        page = self.request("GET", f"/{admin}login/")[1]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        status = self.request(
            "POST",
            f"/{admin}login/",
            {
                "username": username,
                "password": password,
                "csrfmiddlewaretoken": token,
                "next": f"/{admin}",
            },
        )[0]
        return status == 302


def production_env(tmp, **overrides):
    """The environment of a throwaway production-settings site in ``tmp``."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "localhost,127.0.0.1,testserver",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_STATIC_ROOT": str(tmp / "static"),
        "DJANGO_MEDIA_ROOT": str(tmp / "media"),
        # Workflow mail goes nowhere on a throwaway site.
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        **overrides,
    }
    env.setdefault("DATABASE_URL", f"sqlite:///{tmp / 'site.sqlite3'}")
    return env


@contextlib.contextmanager
def gunicorn(env, port, workers):
    """Serve the site with gunicorn on loopback until the block ends."""
    server = subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "newsroom.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
            # A worker builds the lists' postings before it serves
            # (newsroom.startup): tens of seconds at a million articles.
            "--timeout",
            "120",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                if Client(port).request("GET", "/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise SystemExit("gunicorn did not start")
        yield server
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = []
        self.errors = []
        self.saves = 0
        self.conflicts = 0
        self.acknowledged = {}  # article id -> markers the server accepted

    def record(self, seconds):
        with self.lock:
            self.latencies.append(seconds)

    def error(self, text):
        with self.lock:
            if len(self.errors) < 50:
                self.errors.append(text)
            else:
                self.errors.append("…")


def reader(port, stop, stats, paths):
    client = Client(port)
    rng = random.Random()
    while not stop.is_set():
        path = rng.choice(paths)
        started = time.perf_counter()
        try:
            status, _, _ = client.request("GET", path)
        except Exception as exc:
            stats.error(f"GET {path}: {exc!r}")
            continue
        stats.record(time.perf_counter() - started)
        if status >= 500 or status not in (200, 404):
            stats.error(f"GET {path}: {status}")


def form_fields(html):
    """The values a browser would post back from the article change form."""
    data = {}
    for match in re.finditer(r"<input[^>]*>", html):
        tag = match.group(0)
        name = re.search(r'name="([^"]+)"', tag)
        if not name or re.search(r'type="(checkbox|file|submit)"', tag):
            continue
        value = re.search(r'value="([^"]*)"', tag)
        data[name.group(1)] = [unescape(value.group(1)) if value else ""]
    for match in re.finditer(
        r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S
    ):
        data[match.group(1)] = [unescape(match.group(2).lstrip("\n"))]
    for match in re.finditer(
        r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S
    ):
        data[match.group(1)] = [
            unescape(v)
            for v in re.findall(r'<option value="([^"]*)"[^>]*selected', match.group(2))
        ]
    return {k: v for k, v in data.items() if v != []}


def unescape(text):
    import html

    return html.unescape(text)


def editor(port, stop, stats, username, article_ids, admin):
    client = Client(port)
    if not client.log_in(admin, username, PASSWORD):
        stats.error(f"{username}: could not log in")
        return
    rng = random.Random(username)
    n = 0
    while not stop.is_set():
        article_id = rng.choice(article_ids)
        url = f"/{admin}articles/article/{article_id}/change/"
        try:
            status, page, _ = client.request("GET", url)
            if status != 200:
                stats.error(f"GET {url}: {status}")
                continue
            data = form_fields(page)
            marker = f"[{username}-{n}]"
            n += 1
            data["body"] = [data.get("body", [""])[0] + f"<p>Sunting {marker}</p>"]
            data["_save"] = ["Simpan"]
            started = time.perf_counter()
            status, page, _ = client.request("POST", url, data)
            stats.record(time.perf_counter() - started)
        except Exception as exc:
            stats.error(f"POST {url}: {exc!r}")
            continue
        with stats.lock:
            if status == 302:
                stats.saves += 1
                stats.acknowledged.setdefault(article_id, []).append(marker)
            elif status == 200 and "errornote" in page:
                stats.conflicts += 1  # refused (someone saved first), not lost
            else:
                stats.errors.append(f"POST {url}: {status}")


def percentile(values, fraction):
    ordered = sorted(values)
    return (
        ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=300)
    parser.add_argument("--readers", type=int, default=8)
    parser.add_argument("--editors", type=int, default=4)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--json", type=Path, help="also write the summary here")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="warta-load-"))
    admin = "redaksi-" + secrets.token_hex(4) + "/"
    env = production_env(tmp, DJANGO_ADMIN_PATH=admin, DJANGO_LOGIN_FAILURE_LIMIT="50")
    print(
        f"preparing {args.articles} articles in {env['DATABASE_URL'].split('@')[-1]} …"
    )
    prepare(env, args.articles)
    manage(env, "collectstatic", "--noinput", "-v0")
    with gunicorn(env, args.port, args.workers):
        listing = "list(Article.objects.order_by('pk').values_list('pk', 'slug'))"
        rows = django_json(env, f"json.dumps({listing})")
        slugs = [slug for _, slug in rows]
        paths = [
            "/",
            "/en/",
            "/artikel/",
            "/indeks/",
            "/feed/",
            "/wilayah/banten/feed/atom/",
            "/artikel/?region=banten",
            "/artikel/?q=industri",
            "/artikel/?page=2",
            "/artikel/?topic=industri&region=jawa-barat",
            "/wilayah/banten/",
            "/topik/kawasan-industri/",
            "/entitas/kota-cilegon/",
            "/sitemap.xml",
        ] + [f"/artikel/{slug}/" for slug in random.Random(1).sample(slugs, 40)]
        ids = [pk for pk, _ in rows]
        stats, stop = Stats(), threading.Event()
        threads = [
            threading.Thread(target=reader, args=(args.port, stop, stats, paths))
            for _ in range(args.readers)
        ]
        shared = ids[:3]  # every editor also edits these: real conflicts
        for i in range(args.editors):
            own = ids[10 + i * 5 : 15 + i * 5]
            threads.append(
                threading.Thread(
                    target=editor,
                    args=(args.port, stop, stats, f"editor{i}", own + shared, admin),
                )
            )
        started = time.time()
        for thread in threads:
            thread.start()
        time.sleep(args.duration)
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
        elapsed = time.time() - started

        bodies = django_json(
            env, "json.dumps({a.pk: a.body for a in Article.objects.all()})"
        )
        lost = [
            (article_id, marker)
            for article_id, markers in stats.acknowledged.items()
            for marker in markers
            if marker not in bodies[str(article_id)]
        ]
        summary = {
            "duration_s": round(elapsed),
            "database": env["DATABASE_URL"].split(":")[0],
            "gunicorn_workers": args.workers,
            "readers": args.readers,
            "editors": args.editors,
            "requests": len(stats.latencies),
            "requests_per_s": round(len(stats.latencies) / elapsed, 1),
            "p50_ms": round(percentile(stats.latencies, 0.5) * 1000, 1),
            "p95_ms": round(percentile(stats.latencies, 0.95) * 1000, 1),
            "mean_ms": round(statistics.fmean(stats.latencies) * 1000, 1)
            if stats.latencies
            else 0,
            "saves_acknowledged": stats.saves,
            "saves_refused_as_conflicts": stats.conflicts,
            "lost_edits": len(lost),
            "errors": len(stats.errors),
        }
        print(json.dumps(summary, indent=2))
        for error in stats.errors[:20]:
            print("error:", error)
        for article_id, marker in lost[:20]:
            print(f"lost: article {article_id} {marker}")
        print(f"database: {env['DATABASE_URL']}")
        if args.json:
            args.json.write_text(json.dumps(summary, indent=2) + "\n")
        return 1 if stats.errors or lost or not stats.saves else 0
    # The temporary folder is kept so that a failure can be inspected.


if __name__ == "__main__":
    sys.exit(main())
