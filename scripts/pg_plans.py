"""The SQL of the main public pages on PostgreSQL, with EXPLAIN (ANALYZE, BUFFERS)
of every query slower than a threshold (docs/postgres-plans.md was made with it).

    DATABASE_URL=postgres://root@127.0.0.1:5432/warta_plans \\
    DJANGO_SETTINGS_MODULE=newsroom.settings.dev DJANGO_PAGE_CACHE_SECONDS=0 \\
    .venv/bin/python scripts/pg_plans.py --out plans.json

Each page is requested in-process with Django's test client: once to warm the
caches (taxonomy, counts, facets), then once with its queries captured; every
captured query over ``--threshold`` ms is explained (run twice, the second
output kept, so the buffers are warm as for the page). The page's own time is
the median (and maximum) of ``--repeat`` more requests. Queries that only the
first (cold) request runs and that take over ``--cold-threshold`` ms are listed
and explained too: they run once per content change.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.dev")
os.environ.setdefault("DJANGO_PAGE_CACHE_SECONDS", "0")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from articles.models import Article, TaggedEntity  # noqa: E402

PAGES = [
    ("region list", "/wilayah/jawa-barat/"),
    ("entity page", "/entitas/{entity}/"),
    ("filtered list", "/artikel/?region=jawa-barat&topic=industri&entity={entity}"),
    ("search", "/artikel/?q=smelter+nikel"),
    ("article list", "/artikel/"),
    ("article detail", "/artikel/{article}/"),
]


def parameters():
    newest = Article.objects.published().order_by("pk").last()
    entity = (
        TaggedEntity.objects.values("tag__slug")
        .annotate(n=Count("pk"))
        .order_by("-n")[0]["tag__slug"]
    )
    return {"entity": entity, "article": newest.slug}


def explain(sql):
    with connection.cursor() as cursor:
        for _ in range(2):
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            rows = cursor.fetchall()
    return "\n".join(row[0] for row in rows)


def page(client, url, *, threshold, cold_threshold, repeat):
    cache.clear()
    # Each request starts by clearing the query log (``reset_queries``): start
    # from an empty one so that the captured slice is the request's.
    reset_queries()
    with CaptureQueriesContext(connection) as cold:
        first = client.get(url)
    # ``captured_queries`` reads the log when asked: copy it before the next
    # request clears the log.
    cold_queries = list(cold.captured_queries)
    reset_queries()
    with CaptureQueriesContext(connection) as warm:
        response = client.get(url)
    warm_queries = list(warm.captured_queries)
    assert first.status_code == response.status_code == 200, (url, response)
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    queries = [{"ms": float(q["time"]) * 1000, "sql": q["sql"]} for q in warm_queries]
    warm_sql = {q["sql"] for q in queries}
    cold_only = [
        {"ms": float(q["time"]) * 1000, "sql": q["sql"]}
        for q in cold_queries
        if q["sql"] not in warm_sql and float(q["time"]) * 1000 > cold_threshold
    ]
    for q in queries:
        if q["ms"] > threshold:
            q["plan"] = explain(q["sql"])
    for q in cold_only:
        q["plan"] = explain(q["sql"])
    return {
        "url": url,
        "bytes": len(response.content),
        "median_ms": statistics.median(timings),
        "max_ms": max(timings),
        "timings_ms": timings,
        "queries": queries,
        "cold_only": cold_only,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default="pg-plans.json")
    parser.add_argument("--threshold", type=float, default=2.0)
    parser.add_argument("--cold-threshold", type=float, default=10.0)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--only", nargs="*", help="page names to run")
    args = parser.parse_args()
    assert connection.vendor == "postgresql", connection.vendor
    assert settings.WARTA_PAGE_CACHE_SECONDS == 0
    params = parameters()
    client = Client(HTTP_HOST="localhost")
    result = {"parameters": params, "articles": Article.objects.count(), "pages": {}}
    for name, template in PAGES:
        if args.only and name not in args.only:
            continue
        url = template.format(**params)
        data = page(
            client,
            url,
            threshold=args.threshold,
            cold_threshold=args.cold_threshold,
            repeat=args.repeat,
        )
        result["pages"][name] = data
        slow = [round(q["ms"], 1) for q in data["queries"] if "plan" in q]
        cold = [round(q["ms"], 1) for q in data["cold_only"]]
        print(
            f"{name:15} {url}: median {data['median_ms']:.1f} ms, "
            f"max {data['max_ms']:.1f} ms, {len(data['queries'])} queries, "
            f"explained {slow}, cold-only {cold}"
        )
    Path(args.out).write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
