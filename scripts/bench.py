"""Benchmark: every kind of page at 10k and 100k articles, against gunicorn.

    .venv/bin/python scripts/bench.py            # or: make bench
    .venv/bin/python scripts/bench.py --sizes 2000 20000 --seconds 5   # quicker

For each corpus size (SQLite in a temporary folder, or DATABASE_URL) it serves the
site with gunicorn under the production settings, drives each page from this
process over loopback with several connections for a fixed time, and records
requests/s, p50/p95 latency, SQL queries per request (counted in-process with the
same URL) and throughput as a fraction of a bare Django JSON view measured in the
same run. Each size is measured twice: without the page cache (every request
renders; navigation counts are still read from their per-content cache) and with
it, as anonymous readers (the API's rate limit off: one client sends everything).
Then four processes save articles at once for a while
and any "database is locked" error is counted. The mixed run (``--mixed-seconds``)
has readers on every public page and the 200 newest articles, with the page
cache on, while four editors save drafts and one publishes every 30 s: it
reports the page cache's hit rate (the ``X-Page-Cache`` header) and the
readers' latency. It prints the tables and writes the results as JSON to
bench-results/.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from loadtest import (
    PASSWORD,
    ROOT,
    Client,
    gunicorn,
    manage,
    percentile,
    production_env,
    shell,
    shell_command,
    shell_json,
)

PAGES = [
    ("bare JSON view", "/bench/bare/"),
    ("home", "/"),
    ("region list (province roll-up)", "/wilayah/jawa-barat/"),
    ("topic list", "/topik/industri/"),
    ("entity page", "/entitas/{entity}/"),
    ("filtered list", "/artikel/?region=jawa-barat&topic=industri&entity={entity}"),
    ("search", "/artikel/?q=smelter+nikel"),
    ("article list, page 1", "/artikel/"),
    ("article list, deepest page", "/artikel/?page={last_page}"),
    ("biggest region, deepest page", "/wilayah/{big_region}/?page={big_region_last}"),
    (
        "three facets",
        "/artikel/?region={big_region}&topic={big_topic}&kind=person",
    ),
    ("search with facets", "/artikel/?q=smelter+nikel&region={big_region}"),
    ("archive month", "/arsip/{archive_month}/"),
    ("archive month, deepest page", "/arsip/{archive_month}/?page={archive_last}"),
    ("article detail", "/artikel/{article}/"),
    ("API list", "/api/v1/articles/"),
    (
        "API filtered list",
        "/api/v1/articles/?region=jawa-barat&topic=industri&entity={entity}",
    ),
    ("API detail", "/api/v1/articles/{article_id}/"),
    ("API ninjs", "/api/v1/articles/{article_id}/ninjs"),
    ("feed (region, RSS)", "/wilayah/jawa-barat/feed/"),
    ("investment tracker", "/investasi/"),
    ("tracker, biggest province", "/investasi/wilayah/{fact_region}/"),
    ("tracker, biggest company", "/investasi/perusahaan/{fact_company}/"),
    ("tracker feed (province)", "/investasi/wilayah/{fact_region}/feed/"),
    ("admin changelist", "/{admin}articles/article/"),
    ("admin change form", "/{admin}articles/article/{article_id}/change/"),
]

ARTICLE_COUNT = """
from articles.models import Article
print(Article.objects.count())
"""

PAGE_PARAMETERS = """
import json, math
from django.conf import settings
from django.db.models import Count
from django.db.models.functions import TruncMonth
from articles import publiccounts
from articles.freshness import taxonomy
from articles.facts import selectors
from articles.models import Article, Fact, TaggedEntity
from articles.site import listing
newest = Article.objects.published().order_by("pk").last()
size = settings.WARTA_PAGE_SIZE
regions = publiccounts.all_region_counts()
big = max(listing.top_level_regions(), key=lambda r: regions.get(r.pk, 0))
topics = publiccounts.all_topic_counts()
tax = taxonomy()
topic = max(tax.topics.values(), key=lambda t: topics.get(t.pk, 0))
month, in_month = (
    listing.public_articles().order_by()
    .annotate(m=TruncMonth("publish_at")).values("m").annotate(n=Count("pk"))
    .order_by("-n").values_list("m", "n")[0]
)
# The tracker's busiest pages: the province and the company with most facts.
by_province = selectors.totals_by_province()
company = (
    Fact.objects.public().exclude(company_slug="").values("company_slug")
    .annotate(n=Count("pk")).order_by("-n").first()
)
print(json.dumps({
    "fact_region": by_province[0].key.slug if by_province else "jawa-barat",
    "fact_company": company["company_slug"] if company else "tidak-ada",
    "entity": TaggedEntity.objects.values("tag__slug").annotate(n=Count("pk"))
    .order_by("-n")[0]["tag__slug"],
    "article": newest.slug,
    "article_id": newest.pk,
    "last_page": math.ceil(publiccounts.total() / size),
    "big_region": big.slug,
    "big_region_last": math.ceil(regions[big.pk] / size),
    "big_topic": topic.slug,
    "archive_month": f"{month.year}/{month.month:02d}",
    "archive_last": math.ceil(in_month / size),
}))
"""

# Each archive page once with every cache empty (the page cache, the counts'
# and facets' per-stamp values): what the first reader after a change waits.
COLD = """
import json, time
from django.core.cache import cache
from django.test import Client
client = Client(HTTP_HOST="localhost")
result = {}
for url in json.loads(URLS):
    times = []
    for _ in range(3):
        cache.clear()
        started = time.perf_counter()
        status = client.get(url).status_code
        times.append(time.perf_counter() - started)
    result[url] = [round(max(times) * 1000, 1), status]
print(json.dumps(result))
"""

# The first request after a change (issue 31): an editor accepts one pending
# investment fact of a public article, then each tracker page is asked once.
ACCEPT_ONE = """
import json, time
from django.contrib.auth.models import User
from articles import facts
from articles.models import Fact
editor = User.objects.get(username="bench")
fact = (
    Fact.objects.filter(review="pending", kind="investment")
    .filter(article__status="published").exclude(region=None).order_by("pk").first()
)
started = time.perf_counter()
facts.fact_decide(fact=fact, accept=True, by=editor)
print(json.dumps(round((time.perf_counter() - started) * 1000, 1)))
"""
TRACKER_PAGES = [
    "investment tracker",
    "tracker, biggest province",
    "tracker, biggest company",
    "tracker feed (province)",
]


def after_changes(env, port, urls, rounds=3):
    """Accept one fact, then time the first request of each tracker page over
    HTTP (ms per round), ``rounds`` times."""
    names = [name for name in TRACKER_PAGES if name in urls]
    found = {"decision (ms, in its own process)": []}
    found.update({name: [] for name in names})
    for _ in range(rounds if names else 0):
        found["decision (ms, in its own process)"].append(shell_json(env, ACCEPT_ONE))
        for name in names:
            client = Client(port)
            started = time.perf_counter()
            status = client.request("GET", urls[name])[0]
            elapsed = round((time.perf_counter() - started) * 1000, 1)
            found[name].append(elapsed if status == 200 else f"{elapsed} ({status})")
    return found


# The pages issue 27 sets a budget for (uncached p95 at 100k articles).
ARCHIVE_PAGES = [
    "article list, deepest page",
    "biggest region, deepest page",
    "three facets",
    "search with facets",
    "archive month",
    "archive month, deepest page",
]

EDITOR = """
import random, time
from django.contrib.auth.models import User
from django.db import OperationalError
from articles import editorial
from articles.models import Article
editor = User.objects.get(username="bench")
ids = list(Article.objects.order_by("pk").values_list("pk", flat=True)[:200])
rng = random.Random(SEED)
saves = locked = other = 0
stop = time.monotonic() + SECONDS
while time.monotonic() < stop:
    try:
        article = Article.objects.get(pk=rng.choice(ids))
        article.standfirst = f"Diperbarui {time.time():.6f} oleh proses {SEED}."
        editorial.article_update(article=article, by=editor)
        saves += 1
    except OperationalError as exc:
        if "locked" in str(exc):
            locked += 1
        else:
            other += 1
print(saves, locked, other)
"""

COUNT_QUERIES = """
import json
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client()
client.force_login(User.objects.get(username="bench"))
result = {}
for url in json.loads(URLS):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    result[url] = [
        len(queries.captured_queries), len(response.content), response.status_code
    ]
print(json.dumps(result))
"""


# The mixed run: editors at work on drafts while readers read.
DRAFT_EDITOR = """
import random, time
from django.contrib.auth.models import User
from articles import editorial
from articles.models import Article
editor = User.objects.get(username="bench")
drafts = Article.objects.filter(status=Article.Status.DRAFT).order_by("pk")
ids = list(drafts.values_list("pk", flat=True)[: drafts.count() // 2])
rng = random.Random(SEED)
saves = errors = 0
stop = time.monotonic() + SECONDS
while time.monotonic() < stop:
    try:
        article = Article.objects.get(pk=rng.choice(ids))
        article.standfirst = f"Draf diperbarui {time.time():.6f} oleh editor {SEED}."
        editorial.article_update(article=article, by=editor)
        saves += 1
    except Exception:
        errors += 1
    time.sleep(PAUSE)
print(saves, errors)
"""

PUBLISHER = """
import time
from django.contrib.auth.models import User
from articles import editorial
from articles.models import Article
editor = User.objects.get(username="bench")
drafts = Article.objects.filter(status=Article.Status.DRAFT).order_by("-pk")
ids = list(drafts.values_list("pk", flat=True)[:100])
published = errors = 0
stop = time.monotonic() + SECONDS
while ids and time.monotonic() + PERIOD < stop:
    time.sleep(PERIOD)
    try:
        editorial.article_set_status(
            article=Article.objects.get(pk=ids.pop()),
            to_status=Article.Status.PUBLISHED,
            by=editor,
        )
        published += 1
    except Exception:
        errors += 1
print(published, errors)
"""

MIXED_URLS = """
import json
from articles.models import Article
print(json.dumps([
    a.get_absolute_url()
    for a in Article.objects.published().order_by("-publish_at")[:200]
]))
"""


def run_script(env, script):
    return subprocess.Popen(
        shell_command(script),
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def mixed_run(env, port, urls, articles, args):
    """Readers on every public page while editors save drafts and one editor
    publishes every ``--publish-every`` seconds: the page cache's hit rate and
    the readers' latency. The site runs with the page cache on."""
    seconds = args.mixed_seconds
    public = [
        url
        for name, url in urls.items()
        if not name.startswith(("API", "admin", "bare"))
    ]
    # Readers mostly read articles: the lists, and the 200 newest articles.
    addresses = public * 10 + articles
    # Every address's first visit is a miss in any cache; visit them all
    # before counting, so the run measures what editors' work costs the cache.
    warm_up_passes, first_misses = warm_up(port, addresses, args.connections)
    editors = [
        run_script(
            env, f"SEED = {n}\nSECONDS = {seconds}\nPAUSE = 1.0\n" + DRAFT_EDITOR
        )
        for n in range(4)
    ]
    publisher = run_script(
        env,
        f"SECONDS = {seconds}\nPERIOD = {args.publish_every}\n" + PUBLISHER,
    )
    latencies, outcomes, errors = read_for(
        port, seconds, args.connections, lambda rng: rng.choice(addresses)
    )
    saves = save_errors = 0
    for child in editors:
        out, err = child.communicate(timeout=120)
        if child.returncode:
            save_errors += 1
            print(err[-2000:], file=sys.stderr)
            continue
        done, failed = map(int, out.split()[-2:])
        saves, save_errors = saves + done, save_errors + failed
    out, err = publisher.communicate(timeout=120 + args.publish_every)
    if publisher.returncode:
        print(err[-2000:], file=sys.stderr)
        published, publish_errors = 0, 1
    else:
        published, publish_errors = map(int, out.split()[-2:])
    answered = outcomes["hit"] + outcomes["miss"]
    return {
        "seconds": seconds,
        "requests": len(latencies),
        "requests_per_s": round(len(latencies) / seconds, 1),
        "p50_ms": round(percentile(latencies, 0.5) * 1000, 1),
        "p95_ms": round(percentile(latencies, 0.95) * 1000, 1),
        "hits": outcomes["hit"],
        "misses": outcomes["miss"],
        "not_cacheable": outcomes[""],
        "hit_rate": round(outcomes["hit"] / answered, 4) if answered else 0,
        "warm_up_passes": warm_up_passes,
        "warm_up_misses": first_misses,
        "draft_saves": saves,
        "published": published,
        "errors": len(errors) + save_errors + publish_errors,
    }


def warm_up(port, addresses, connections, passes=6):
    """Visit every address, ``connections`` at a time, until a pass is (almost)
    all answered from the cache: each gunicorn worker has its own local-memory
    cache and a pass reaches only one of them per address, so allow 1 % misses.
    Return the passes made and the misses of the first one."""
    unique = sorted(set(addresses))
    first_misses = misses = visit_all(port, unique, connections)
    made = 1
    while misses > len(unique) // 100 and made < passes:
        misses = visit_all(port, unique, connections)
        made += 1
    return made, first_misses


def visit_all(port, paths, connections):
    """GET each of ``paths`` once, ``connections`` at a time; return how many
    the page cache missed."""
    queue, misses, lock = list(paths), [0], threading.Lock()

    def worker():
        client = Client(port)
        while True:
            with lock:
                if not queue:
                    return
                path = queue.pop()
            client.request("GET", path)
            if client.headers.get("x-page-cache") == "miss":
                with lock:
                    misses[0] += 1

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return misses[0]


def concurrent_editors(env, processes, seconds):
    """Run ``processes`` editors saving articles at once; count lock errors."""
    children = [
        subprocess.Popen(
            shell_command(f"SEED = {n}\nSECONDS = {seconds}\n" + EDITOR),
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(processes)
    ]
    saves = locked = other = 0
    for child in children:
        out, err = child.communicate(timeout=seconds + 120)
        if child.returncode:
            other += 1
            print(err[-2000:], file=sys.stderr)
            continue
        done, lock_errors, errors = map(int, out.split()[-3:])
        saves, locked, other = saves + done, locked + lock_errors, other + errors
    return {
        "processes": processes,
        "seconds": seconds,
        "saves": saves,
        "saves_per_s": round(saves / seconds, 1),
        "database_locked": locked,
        "other_errors": other,
    }


def read_for(port, seconds, connections, next_path, cookies=None):
    """``connections`` clients GET ``next_path(rng)`` over and over for
    ``seconds``; return the latencies, the page cache's answers
    (``X-Page-Cache``: hit, miss or none) and the errors."""
    latencies, outcomes, errors = [], {"hit": 0, "miss": 0, "": 0}, []
    lock, stop = threading.Lock(), threading.Event()

    def worker(n):
        rng = random.Random(n)
        client = Client(port)
        client.cookies.update(cookies or {})
        while not stop.is_set():
            started = time.perf_counter()
            try:
                status, _, _ = client.request("GET", next_path(rng))
            except Exception as exc:
                with lock:
                    errors.append(repr(exc))
                continue
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                outcomes[client.headers.get("x-page-cache", "")] += 1
                if status != 200:
                    errors.append(status)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(connections)]
    for thread in threads:
        thread.start()
    time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join()
    return latencies, outcomes, errors


def drive(port, path, seconds, connections, cookies):
    latencies, _, errors = read_for(
        port, seconds, connections, lambda _rng: path, cookies
    )
    return {
        "requests_per_s": round(len(latencies) / seconds, 1),
        "p50_ms": round(percentile(latencies, 0.5) * 1000, 1),
        "p95_ms": round(percentile(latencies, 0.95) * 1000, 1),
        "errors": len(errors),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--seconds", type=float, default=6)
    parser.add_argument("--editor-seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument(
        "--mixed-seconds",
        type=int,
        default=90,
        help="length of the mixed run (readers while editors work); 0: none",
    )
    parser.add_argument("--publish-every", type=int, default=30)
    parser.add_argument(
        "--pages",
        nargs="+",
        help="measure only these pages (names as in the table), and the bare view",
    )
    parser.add_argument(
        "--existing",
        action="store_true",
        help="measure DATABASE_URL's corpus as it is (migrated, no flush, no "
        "generation; --sizes ignored): a million articles take 38 minutes to make",
    )
    args = parser.parse_args()
    if args.existing and "DATABASE_URL" not in os.environ:
        raise SystemExit("--existing measures the database DATABASE_URL names")

    tmp = Path(tempfile.mkdtemp(prefix="warta-bench-"))
    admin = "admin/"
    # The API's rate limit is off: every request comes from this one address.
    env = production_env(tmp, DJANGO_BENCH="1", DJANGO_API_RATE="")
    engine = env["DATABASE_URL"].split(":")[0]
    manage(env, "migrate", "--noinput", "-v0")
    if not args.existing:
        manage(env, "flush", "--noinput", "-v0")
        manage(env, "load_initial_data", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    shell(
        env,
        "from django.contrib.auth.models import User; "
        "u = User.objects.get_or_create(username='bench')[0]; "
        "u.is_staff = u.is_superuser = True; "
        f"u.set_password('{PASSWORD}'); u.save()",
    )
    results, editors, mixed, cold, have = {}, {}, {}, {}, 0
    changed = {}
    if args.existing:
        args.sizes = [shell_json(env, ARTICLE_COUNT)]
    for size in sorted(args.sizes):
        started = time.monotonic()
        if not args.existing:
            manage(
                env,
                "generate_corpus",
                "--articles",
                str(size - have),
                "--entities",
                str(max(200, size // 50)),
                "--seed",
                str(size),
            )
            have = size
        print(f"corpus of {size} articles ready in {time.monotonic() - started:.0f} s")
        ids = shell_json(env, PAGE_PARAMETERS)
        urls = {
            name: path.format(admin=admin, **ids)
            for name, path in PAGES
            if not args.pages or name in args.pages or name == "bare JSON view"
        }
        counted = shell_json(
            {**env, "DJANGO_PAGE_CACHE_SECONDS": "0"},
            f"URLS = {json.dumps(json.dumps(list(urls.values())))}\n" + COUNT_QUERIES,
        )
        cold[size] = shell_json(
            {**env, "DJANGO_PAGE_CACHE_SECONDS": "0"},
            "URLS = "
            + json.dumps(
                json.dumps([urls[name] for name in ARCHIVE_PAGES if name in urls])
            )
            + "\n"
            + COLD,
        )
        for mode, cache_seconds in (("uncached", "0"), ("cached", "600")):
            mode_env = {**env, "DJANGO_PAGE_CACHE_SECONDS": cache_seconds}
            with gunicorn(mode_env, args.port, args.workers):
                login = Client(args.port)
                if not login.log_in(admin, "bench", PASSWORD):
                    raise SystemExit("could not log in to the admin")
                rows = {}
                for name, url in urls.items():
                    # Readers are anonymous; the admin pages need the editor.
                    cookies = login.cookies if url.startswith(f"/{admin}") else {}
                    rows[name] = drive(
                        args.port, url, args.seconds, args.connections, cookies
                    )
                    queries, size_bytes, status = counted[url]
                    rows[name].update(
                        queries=queries,
                        html_kb=round(size_bytes / 1024, 1),
                        status=status,
                        url=url,
                    )
                changed.setdefault(mode, {})[size] = after_changes(
                    mode_env, args.port, urls
                )
                bare = rows["bare JSON view"]["requests_per_s"] or 1
                for row in rows.values():
                    row["vs_bare"] = round(row["requests_per_s"] / bare, 3)
                results.setdefault(mode, {})[size] = rows
                if mode == "cached" and args.mixed_seconds:
                    articles = shell_json(env, MIXED_URLS)
                    mixed[size] = mixed_run(mode_env, args.port, urls, articles, args)
                    print(f"{size}: mixed run {mixed[size]}")
        editors[size] = concurrent_editors(env, 4, args.editor_seconds)
        print(f"{size}: {editors[size]}")

    for mode in ("uncached", "cached"):
        print_table(args, engine, mode, results[mode])
    print("\narchive pages with every cache empty (slowest of 3, in-process):")
    for size, rows in cold.items():
        for url, (ms, status) in rows.items():
            print(f"  {size // 1000}k articles: {ms:>8} ms  {status}  {url}")
    for mode, by_size in changed.items():
        for size, rows in by_size.items():
            if len(rows) > 1:
                print(f"\nfirst request after a change, {mode}, {size // 1000}k (ms):")
                for name, times in rows.items():
                    print(f"  {name:<36} {times}")
    print("\nconcurrent editors (4 processes saving articles at once):")
    for size, row in editors.items():
        print(
            f"  {size // 1000}k articles: {row['saves']} saves in {row['seconds']} s "
            f"({row['saves_per_s']}/s), database locked: {row['database_locked']}, "
            f"other errors: {row['other_errors']}"
        )
    if mixed:
        print(
            f"\nmixed run ({args.connections} readers on the public pages and the "
            "200 newest articles, page cache on, while 4 editors save drafts every "
            f"second and one publishes every {args.publish_every} s):"
        )
        for size, row in mixed.items():
            print(
                f"  {size // 1000}k articles: {row['requests']} reads "
                f"({row['requests_per_s']}/s), hit rate {row['hit_rate']:.1%} "
                f"({row['misses']} misses; warm-up: {row['warm_up_passes']} passes, "
                f"{row['warm_up_misses']} first misses), p50 {row['p50_ms']} ms, "
                f"p95 {row['p95_ms']} ms; {row['draft_saves']} draft saves, "
                f"{row['published']} published, errors: {row['errors']}"
            )
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    path = out / f"bench-{engine}-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(
        json.dumps(
            {
                "engine": engine,
                "workers": args.workers,
                "connections": args.connections,
                "seconds": args.seconds,
                "results": results,
                "editors": editors,
                "mixed": mixed,
                "cold": cold,
                "after_a_change": changed,
                "load_average": os.getloadavg(),
            },
            indent=2,
        )
    )
    print(f"\nwritten to {path.relative_to(ROOT)}")
    errors = sum(
        row["errors"]
        for by_size in results.values()
        for rows in by_size.values()
        for row in rows.values()
    )
    errors += sum(
        row["database_locked"] + row["other_errors"] for row in editors.values()
    )
    errors += sum(row["errors"] for row in mixed.values())
    return 1 if errors else 0


def print_table(args, engine, mode, results):
    sizes = sorted(results)
    header = f"{'page':<32}" + "".join(
        f"{f'{s // 1000}k req/s':>11}{'p50':>7}{'p95':>7}{'SQL':>5}{'×bare':>7}"
        for s in sizes
    )
    if len(sizes) > 1:
        header += f"{'p95 ratio':>10}"
    print(
        f"\n{engine}, {args.workers} gunicorn workers, {args.connections} connections, "
        f"{args.seconds:.0f} s per page, {mode}"
    )
    print(header)
    for name, _ in PAGES:
        if name not in results[sizes[0]]:
            continue
        line = f"{name:<32}"
        for size in sizes:
            row = results[size][name]
            line += (
                f"{row['requests_per_s']:>11}{row['p50_ms']:>7.0f}{row['p95_ms']:>7.0f}"
                f"{row['queries']:>5}{row['vs_bare']:>7.2f}"
            )
        if len(sizes) > 1:
            first, last = results[sizes[0]][name], results[sizes[-1]][name]
            line += f"{last['p95_ms'] / max(first['p95_ms'], 0.1):>10.2f}"
        print(line)


if __name__ == "__main__":
    sys.exit(main())
