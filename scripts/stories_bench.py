"""Stories at scale: the time to check one new article against the archive, the
index's size and memory, and the time to rebuild every story.

    .venv/bin/python scripts/stories_bench.py                  # 100k articles
    .venv/bin/python scripts/stories_bench.py --articles 10000 --checks 200
    DATABASE_URL=postgres://root@127.0.0.1:5432/warta_bench .venv/bin/python \\
        scripts/stories_bench.py

It builds a corpus with ``generate_corpus --near-copies`` (SQLite in a temporary
folder unless DATABASE_URL is set; an existing corpus of the right size is
reused with --reuse), runs ``rebuild_stories`` and times it, then checks
``--checks`` new texts — half of them rewrites of archived articles (as another
outlet would run them), half new texts — each the way the importer does:
signature, then ``find_same_story`` against the database index (band keys in the
date window, the candidates' signatures, their story). It prints p50/p95/max per
check, how many rewrites were found, the index's rows and bytes, the peak Python
memory of the checks and the peak memory of the rebuild process.
"""

import argparse
import json
import os
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def table_bytes(connection, table):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_total_relation_size(%s)", [table])
            return cursor.fetchone()[0]
        try:
            cursor.execute(
                "SELECT SUM(pgsize) FROM dbstat WHERE name = %s OR name IN "
                "(SELECT name FROM sqlite_master WHERE tbl_name = %s)",
                [table, table],
            )
            return cursor.fetchone()[0]
        except Exception:  # dbstat is not compiled into every SQLite
            return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--near-copies", type=float, default=0.1)
    parser.add_argument("--checks", type=int, default=400)
    parser.add_argument("--reuse", action="store_true", help="keep an existing corpus")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--skip-rebuild",
        action="store_true",
        help="measure checks on the index already there (with --reuse)",
    )
    args = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="stories-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{folder}/corpus.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.dev")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from articles.management.commands.generate_corpus import WORDS
    from articles.models import Article
    from articles.models.stories import Band, Signature, StoryMember
    from articles.stories import article_day, find_same_story
    from articles.stories.index import signature

    call_command("migrate", verbosity=0)
    have = Article.objects.count()
    if not (args.reuse and have >= args.articles):
        started = time.monotonic()
        call_command(
            "generate_corpus",
            articles=args.articles - have,
            entities=2000,
            near_copies=args.near_copies,
            seed=args.seed,
            verbosity=0,
        )
        print(f"corpus: {args.articles} articles in {time.monotonic() - started:.0f} s")

    started = time.monotonic()
    if not args.skip_rebuild:
        call_command("rebuild_stories", verbosity=0)
    rebuild_seconds = time.monotonic() - started
    rebuild_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    members = StoryMember.objects.count()
    stories = StoryMember.objects.values("story_id").distinct().count()
    print(
        f"rebuild: {rebuild_seconds:.0f} s, {stories} stories of {members} "
        f"articles, peak RSS {rebuild_rss:.0f} MB"
    )

    rng = random.Random(args.seed + 99)
    ids = list(Article.objects.values_list("pk", flat=True))
    sample = Article.objects.filter(pk__in=rng.sample(ids, args.checks // 2))
    texts = []
    for article in sample:
        paragraphs = [p for p in article.body_text.split("\n\n") if rng.random() > 0.2]
        paragraphs = paragraphs or article.body_text.split("\n\n")[:1]
        rewrite = "\n\n".join(
            " ".join(
                rng.choice(WORDS) if rng.random() < 0.1 else word for word in p.split()
            )
            for p in paragraphs
        )
        texts.append((rewrite, article_day(article), article.pk))
    fresh = list(Article.objects.filter(pk__in=rng.sample(ids, args.checks // 2)))
    for article in fresh:
        # A new text: an archived article's words shuffled across the archive's
        # vocabulary (no copy of anything), on that article's day.
        words = article.body_text.split()
        rng.shuffle(words)
        other = rng.choice(fresh).body_text.split()
        mixed = " ".join(w if rng.random() < 0.5 else rng.choice(other) for w in words)
        texts.append((mixed, article_day(article), None))
    rng.shuffle(texts)

    timings, found, expected = [], 0, 0
    for text, day, original in texts:
        started = time.perf_counter()
        result = find_same_story(signature(text), day)
        timings.append((time.perf_counter() - started) * 1000)
        if original is not None:
            expected += 1
            found += bool(result)
    # Memory in a second pass: tracing every allocation slows the checks.
    tracemalloc.start()
    for text, day, _original in texts[:50]:
        find_same_story(signature(text), day)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    bands = Band.objects.count()
    result = {
        "vendor": connection.vendor,
        "articles": Article.objects.count(),
        "rebuild_seconds": round(rebuild_seconds, 1),
        "rebuild_peak_rss_mb": round(rebuild_rss),
        "stories": stories,
        "story_members": members,
        "checks": len(timings),
        "check_ms_p50": round(percentile(timings, 0.5), 2),
        "check_ms_p95": round(percentile(timings, 0.95), 2),
        "check_ms_max": round(max(timings), 2),
        "rewrites_found": f"{found}/{expected}",
        "check_peak_python_kb": round(peak / 1024),
        "band_rows": bands,
        "signature_rows": Signature.objects.count(),
        "band_table_bytes": table_bytes(connection, Band._meta.db_table),
        "signature_table_bytes": table_bytes(connection, Signature._meta.db_table),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
