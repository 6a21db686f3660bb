"""Facet counts two ways, on a corpus already in DATABASE_URL (issue 27):

- **database**: the list's matches read (their ids), then every facet counted
  over them in one UNION ALL per list, plus one per replaced facet
  (``facets.list_facets``: what the site did before the postings);
- **postings**: the bitmaps of ``publiccounts.postings`` intersected.

For each filter combination (the worst ones: the biggest match sets, three
replaced facets, a search) it prints the time of each way in one process, and
for the postings their build and the catch-up after one publish.

    DATABASE_URL=... .venv/bin/python scripts/bench_facets.py [--repeat 5]

Times are wall-clock on whatever else the machine runs: the load average is
printed beside them.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.dev")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--database-limit",
        type=float,
        default=60,
        help="skip the database way for later combinations once one took "
        "longer than this many seconds",
    )
    args = parser.parse_args()

    import django

    django.setup()
    from django.db.models import Count
    from django.http import QueryDict
    from django.utils import translation

    from articles import editorial, publiccounts
    from articles.freshness import current_stamp, taxonomy
    from articles.models import Article, TaggedEntity
    from articles.publiccounts import postings
    from articles.site import counting, facets, listing
    from articles.site.filters import ArticleFilter

    translation.activate("id")
    publiccounts.refresh()
    tax = taxonomy()
    regions = publiccounts.all_region_counts()
    big = max(listing.top_level_regions(), key=lambda r: regions.get(r.pk, 0))
    topics = publiccounts.all_topic_counts()
    topic = max(tax.topics.values(), key=lambda t: topics.get(t.pk, 0))
    sources = publiccounts.source_counts()
    source = tax.sources[max(sources, key=sources.get)]
    entity = (
        TaggedEntity.objects.values("tag__slug")
        .annotate(n=Count("pk"))
        .order_by("-n")[0]["tag__slug"]
    )
    combinations = {
        "no filter": {},
        "biggest region": {"region": big.slug},
        "three facets": {"region": big.slug, "topic": topic.slug, "kind": "person"},
        "four facets": {
            "region": big.slug,
            "topic": topic.slug,
            "kind": "person",
            "source": source.slug,
        },
        "entity and region": {"entity": [entity], "region": big.slug},
        "search": {"q": "smelter nikel"},
        "search with a region": {"q": "smelter nikel", "region": big.slug},
    }

    def filterset(data):
        query = QueryDict(urlencode(data, doseq=True))
        found = ArticleFilter(data=query, queryset=listing.public_articles())
        assert found.is_valid(), found.errors
        return found

    def by_database(data):
        found = filterset(data)
        filters = counting.active_filters(found)
        result = facets.list_facets(
            counting.matches(found),
            region=filters.get("region"),
            ids=counting.match_ids(found),
        )
        for name in counting.REPLACING:
            if name in filters:
                other = counting.without(found, name)
                result[name] = facets.list_facets(
                    counting.matches(other), region=filters.get("region"), only=(name,)
                )[name]
        return len(counting.match_ids(found)), result

    def by_postings(data):
        found = filterset(data)
        return len(counting.posted_matches(found, postings.current())), (
            counting._facets(found)
        )

    def timed(call):
        started = time.perf_counter()
        value = call()
        return (time.perf_counter() - started) * 1000, value

    print(f"articles listed: {publiccounts.total()}, load {os.getloadavg()[0]:.1f}")
    build_ms, built = timed(lambda: postings.build(current_stamp()))
    postings._state[:] = [built]
    print(f"postings built in {build_ms:.0f} ms, load {os.getloadavg()[0]:.1f}")

    skip_database = False
    for name, data in combinations.items():
        times = []
        for _ in range(args.repeat):
            ms, (count, posted) = timed(lambda data=data: by_postings(data))
            times.append(ms)
        median = statistics.median(times)
        line = (
            f"{name:22} {count:7} matches  postings median {median:7.1f}"
            f" max {max(times):7.1f} ms"
        )
        if not skip_database:
            ms, (db_count, from_db) = timed(lambda data=data: by_database(data))
            agree = db_count == count and from_db == posted
            line += f"  database {ms:9.0f} ms  agree={agree}"
            skip_database = ms > args.database_limit * 1000
        print(f"{line}  load {os.getloadavg()[0]:.1f}", flush=True)

    # One publish, then the first reader's catch-up.
    draft = Article.objects.filter(status=Article.Status.DRAFT).order_by("-pk").first()
    if draft is not None:
        from django.contrib.auth.models import User

        editor, _ = User.objects.get_or_create(
            username="bench", defaults={"is_staff": True, "is_superuser": True}
        )
        editorial.article_set_status(
            article=draft, to_status=Article.Status.PUBLISHED, by=editor
        )
        ms, _ = timed(postings.current)
        editorial.article_set_status(
            article=Article.objects.get(pk=draft.pk),
            to_status=Article.Status.DRAFT,
            by=editor,
        )
        back_ms, _ = timed(postings.current)
        print(
            f"catch-up after one publish {ms:.1f} ms, after unpublishing it "
            f"{back_ms:.1f} ms, load {os.getloadavg()[0]:.1f}"
        )


if __name__ == "__main__":
    main()
