"""Benchmark the article admin: its list (pages, searches, filters), its form and
a save, one editor at a time, against gunicorn (issues 25 and 29: each ≤ 300 ms
p95 at 100,000 articles).

    DATABASE_URL=postgres://root@127.0.0.1:5432/warta_bench \\
        .venv/bin/python scripts/bench_admin.py --requests 40
    make bench-admin BENCH_ADMIN_ARGS="--requests 40"

It measures the corpus DATABASE_URL holds as it is (make one with ``migrate``,
``load_initial_data`` and ``generate_corpus``; nothing is flushed), serves it with
gunicorn under the production settings, logs a superuser in through the admin's
form and requests each page ``--requests`` times in a row over one connection
(after ``--warm`` unmeasured requests), so each figure is one request's
latency, not a queue's. A save is the change form posted back as a browser
would (the form read again before each save, unmeasured), once unchanged and
once with its body changed. The SQL queries of each request are counted
in-process with Django's test client. The machine's load average is printed
beside each figure. Results go to bench-results/ as JSON.
"""

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from loadtest import (
    PASSWORD,
    ROOT,
    Client,
    form_fields,
    gunicorn,
    manage,
    percentile,
    production_env,
    shell,
    shell_json,
)

ADMIN = "/admin/articles/article/"

PAGES = [
    ("changelist, page 1", ADMIN),
    ("changelist, deepest page", ADMIN + "?p={last_page}"),
    ("search 'baja'", ADMIN + "?q=baja"),
    ("search 'baja', deepest page", ADMIN + "?q=baja&p={search_last_page}"),
    ("prefix search 'Krakat'", ADMIN + "?q=Krakat"),
    ("prefix search 'hiliris'", ADMIN + "?q=hiliris"),
    ("search 'smelter nikel'", ADMIN + "?q=smelter+nikel"),
    (
        "search + status + region",
        ADMIN + "?q=baja&workflow=live&regions__path__startswith={region_path}",
    ),
    (
        "search + review + region",
        ADMIN + "?q=baja&workflow=review&regions__path__startswith={region_path}",
    ),
    ("search, no match", ADMIN + "?q=bajxq"),
    ("change form (most tags)", ADMIN + "{tagged_id}/change/"),
]

PARAMETERS = """
import json, math
from django.db.models import Count
from articles.models import Article, TaggedEntity
from entities.models import Region
total = Article.objects.count()
tagged = (
    TaggedEntity.objects.values("content_object_id").annotate(n=Count("pk"))
    .order_by("-n", "-content_object_id")[0]
)
# The province whose subtree has the most articles (the filter's worst case).
region = max(
    Region.objects.filter(kind=Region.Kind.PROVINCE),
    key=lambda r: Article.objects.filter(regions__path__startswith=r.path).count(),
)
print(json.dumps({
    "articles": total,
    "last_page": math.ceil(total / 50),
    "tagged_id": tagged["content_object_id"],
    "tagged_entities": tagged["n"],
    "region_path": region.path,
}))
"""

COUNT_QUERIES = """
import json
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_test_environment
setup_test_environment()  # responses keep their context (the list's count)
client = Client()
client.force_login(User.objects.get(username="bench"))
result = {}
for url in json.loads(URLS):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    cl = response.context and response.context.get("cl")
    result[url] = [
        len(queries.captured_queries),
        response.status_code,
        cl.result_count if cl else None,
        cl.paginator.num_pages if cl else None,
    ]
print(json.dumps(result))
"""


def count_queries(env, urls):
    """Each URL's [queries, status, matches, pages], in-process."""
    return shell_json(env, f"URLS = {json.dumps(json.dumps(urls))}\n" + COUNT_QUERIES)


def load():
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def summary(latencies, errors):
    return {
        "requests": len(latencies),
        "p50_ms": round(percentile(latencies, 0.5) * 1000, 1),
        "p95_ms": round(percentile(latencies, 0.95) * 1000, 1),
        "max_ms": round(max(latencies) * 1000, 1) if latencies else 0,
        "errors": errors,
    }


def time_gets(client, url, requests, warm):
    latencies, errors = [], 0
    for n in range(warm + requests):
        started = time.perf_counter()
        status, _, _ = client.request("GET", url)
        elapsed = time.perf_counter() - started
        if status != 200:
            errors += 1
        if n >= warm:
            latencies.append(elapsed)
    return summary(latencies, errors)


def time_saves(client, url, requests, warm, change_body):
    latencies, errors = [], 0
    for n in range(warm + requests):
        status, page, _ = client.request("GET", url)
        data = form_fields(page)
        if change_body:
            body = data.get("body", [""])[0]
            marker = "<p>Catatan bangku uji.</p>"
            data["body"] = [
                body.replace(marker, "") if marker in body else body + marker
            ]
        data["_continue"] = ["1"]
        started = time.perf_counter()
        status, page, _ = client.request("POST", url, data)
        elapsed = time.perf_counter() - started
        if status != 302:
            errors += 1
        if n >= warm:
            latencies.append(elapsed)
    return summary(latencies, errors)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--warm", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8767)
    parser.add_argument("--pages", nargs="+", help="only these (names as printed)")
    parser.add_argument("--label", default="", help="a name for the JSON file")
    args = parser.parse_args()
    if "DATABASE_URL" not in os.environ:
        raise SystemExit("measures the corpus DATABASE_URL names (see the docstring)")

    tmp = Path(tempfile.mkdtemp(prefix="warta-bench-admin-"))
    env = production_env(tmp, DJANGO_BENCH="1", DJANGO_API_RATE="")
    engine = env["DATABASE_URL"].split(":")[0]
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    shell(
        env,
        "from django.contrib.auth.models import User; "
        "u = User.objects.get_or_create(username='bench')[0]; "
        "u.is_staff = u.is_superuser = True; "
        f"u.set_password('{PASSWORD}'); u.save()",
    )
    params = shell_json(env, PARAMETERS)
    # The search's last page: the first page says how many there are.
    first = ADMIN + "?q=baja"
    params["search_last_page"] = count_queries(env, [first])[first][3] or 1
    urls = {name: path.format(**params) for name, path in PAGES}
    counted = count_queries(env, list(urls.values()))
    form = urls["change form (most tags)"]
    wanted = set(args.pages or [])
    rows = {}
    print(
        f"{engine}, {params['articles']} articles, {args.workers} gunicorn workers, "
        f"1 connection, {args.requests} requests each after {args.warm}"
    )
    print(f"{'page':<30}{'p50':>8}{'p95':>8}{'max':>8}{'SQL':>5}{'found':>8}  load")
    requests, warm = args.requests, args.warm
    with gunicorn(env, args.port, args.workers):
        client = Client(args.port)
        if not client.log_in("admin/", "bench", PASSWORD):
            raise SystemExit("could not log in to the admin")
        jobs = [
            (name, url, lambda url=url: time_gets(client, url, requests, warm))
            for name, url in urls.items()
        ] + [
            (
                f"save, {kind}",
                form,
                lambda change=change: time_saves(client, form, requests, warm, change),
            )
            for kind, change in (("no change", False), ("body changed", True))
        ]
        for name, url, job in jobs:
            if wanted and name not in wanted:
                continue
            before = load()
            row = job()
            queries, _status, found, _pages = counted.get(url, [None] * 4)
            if name.startswith("save"):
                queries = found = None
            row.update(url=url, queries=queries, found=found, load_before=before)
            row["load_after"] = load()
            rows[name] = row
            shown = "" if found is None else found
            print(
                f"{name:<30}{row['p50_ms']:>8.0f}{row['p95_ms']:>8.0f}"
                f"{row['max_ms']:>8.0f}{queries or '':>5}{shown:>8}"
                f"  {row['load_after']}"
                + (f"  ERRORS {row['errors']}" if row["errors"] else "")
            )
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    label = f"-{args.label}" if args.label else ""
    path = out / f"bench-admin-{engine}{label}-{time.strftime('%Y%m%d-%H%M%S')}.json"
    report = {"engine": engine, "parameters": params, "results": rows}
    path.write_text(json.dumps({**report, "args": vars(args)}, indent=2))
    print(f"written to {path.relative_to(ROOT)}")
    return 1 if any(row["errors"] for row in rows.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
