"""Slow readers of the export against gunicorn (issue 32): do they hold the
workers, and how long does a page reader wait meanwhile?

    .venv/bin/python scripts/slow_readers.py                 # as configured
    .venv/bin/python scripts/slow_readers.py --unbounded     # the old behaviour

Builds a throwaway site (production settings, SQLite in a temporary folder,
the running Redis on loopback, database 14), ``--articles`` published
articles, gunicorn with 3 workers, no proxy in front. Then ``--slow`` clients
each start a download of the export and read it at ``--rate`` bytes a second
through a small socket buffer, and a page reader asks for the API's article
list every second. ``--unbounded`` sets the download bounds out of the way
(as many downloads as workers, no time limit), which is how the export
behaved before. Prints what each slow reader got and the page reader's
latencies.
"""

import argparse
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from loadtest import Client, gunicorn, manage, production_env, shell  # noqa: E402


def prepare(env, articles):
    """Migrate and insert ``articles`` long published articles in bulk (their
    derived fields filled as ``save()`` fills them): the export then runs to
    megabytes, more than loopback's socket buffers hold."""
    manage(env, "migrate", "--noinput", "-v0")
    shell(
        env,
        f"""
from articles.models import Article
rows = []
for n in range({articles}):
    article = Article(
        title=f"Artikel beban {{n}} tentang industri daerah",
        slug=f"artikel-beban-{{n}}",
        body="".join(
            f"<p>Paragraf {{i}} artikel {{n}} tentang kawasan industri di "
            f"Banten yang terus tumbuh dengan investasi baru.</p>"
            for i in range(30)
        ),
        status="published",
        publish_at="2025-01-01T09:00:00+07:00",
    )
    article.derive()
    rows.append(article)
Article.objects.bulk_create(rows, batch_size=500)
""",
    )


def slow_reader(port, rate, results, index, stop):
    sock = socket.create_connection(("127.0.0.1", port))
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.settimeout(60)
    sock.sendall(
        b"GET /api/v1/articles/export HTTP/1.1\r\nHost: localhost\r\n"
        b"X-Forwarded-Proto: https\r\nConnection: close\r\n\r\n"
    )
    start, got, head = time.monotonic(), 0, b""
    try:
        while not stop.is_set():
            chunk = sock.recv(max(1, rate // 4))
            if not chunk:
                break
            if not head:
                head = chunk.split(b"\r\n", 1)[0]
            got += len(chunk)
            time.sleep(0.25)
        ended = "closed by the server" if not stop.is_set() else "still reading"
    except OSError as exc:
        ended = f"error {exc}"
    results[index] = (
        head.decode(errors="replace"),
        got,
        round(time.monotonic() - start, 1),
        ended,
    )
    sock.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--slow", type=int, default=3)
    parser.add_argument("--rate", type=int, default=16_000)
    parser.add_argument("--seconds", type=int, default=40)
    parser.add_argument("--unbounded", action="store_true")
    parser.add_argument("--port", type=int, default=8731)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        bounds = (
            {"DJANGO_API_EXPORT_CONCURRENT": "3", "DJANGO_API_EXPORT_SECONDS": "9999"}
            if args.unbounded
            else {}
        )
        env = production_env(
            tmp,
            REDIS_URL="redis://127.0.0.1:6379/14",
            DJANGO_API_RATE="",
            DJANGO_API_EXPORT_RATE="",
            **bounds,
        )
        print("preparing", args.articles, "articles …", flush=True)
        prepare(env, args.articles)
        import redis

        redis.Redis.from_url(env["REDIS_URL"]).flushdb()
        with gunicorn(env, args.port, 3):
            stop, results, threads = threading.Event(), {}, []
            for index in range(args.slow):
                thread = threading.Thread(
                    target=slow_reader,
                    args=(args.port, args.rate, results, index, stop),
                )
                thread.start()
                threads.append(thread)
                time.sleep(0.3)
            latencies, failures = [], 0
            client = Client(args.port)
            end = time.monotonic() + args.seconds
            while time.monotonic() < end:
                began = time.monotonic()
                try:
                    status = client.request("GET", "/api/v1/articles/?page_size=5")[0]
                except Exception:  # a timed-out page counts as a failure
                    status = None
                latencies.append(round(time.monotonic() - began, 3))
                failures += status != 200
                time.sleep(max(0.0, 1 - (time.monotonic() - began)))
            stop.set()
            for thread in threads:
                thread.join(timeout=70)
        print("mode:", "unbounded (as before)" if args.unbounded else "bounded")
        for index in sorted(results):
            head, got, seconds, ended = results[index]
            print(f"slow reader {index}: {head!r}, {got} bytes in {seconds} s, {ended}")
        ordered = sorted(latencies)
        print(
            f"page reader: {len(latencies)} requests, {failures} not 200, "
            f"median {ordered[len(ordered) // 2]} s, worst {ordered[-1]} s"
        )


if __name__ == "__main__":
    main()
