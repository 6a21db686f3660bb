"""The postings (issue 27): after any mix of writes, the postings a process
caught up from the change log equal postings built afresh from the database;
catching up costs what changed, not the archive; a scheduled article is caught
up when its time comes; a reader never skips a change another transaction has
not committed yet."""

import datetime
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import editorial
from articles import stories as story_services
from articles.freshness import current_stamp
from articles.models import Article
from articles.publiccounts import postings
from entities import services as entity_services
from entities.models import Entity
from tests.publiccounts.test_recount import vocabulary  # noqa: F401

Status = Article.Status


def state(posted) -> dict:
    """What postings say, comparable: every non-empty bitmap as a set."""

    def sets(group):
        return {pk: set(bitmap) for pk, bitmap in group.items() if bitmap}

    return {
        "listed": set(posted.listed),
        "region": sets(posted.region),
        "topic": sets(posted.topic),
        "source": sets(posted.source),
        "entity": sets(posted.entity),
        "kinds": sets(posted.kinds()),
        "names": {
            pk: info for pk, info in posted.entity_info.items() if posted.entity.get(pk)
        },
    }


def assert_caught_up():
    kept = postings.current()
    fresh = postings.build(current_stamp())
    assert state(kept) == state(fresh)
    # And both say what the database says.
    assert set(kept.listed) == set(
        Article.objects.listed().values_list("pk", flat=True)
    )


@pytest.mark.django_db
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_any_mix_of_writes_leaves_postings_equal_to_a_fresh_build(
    vocabulary,  # noqa: F811
    make_article,
    editor,
    seed,
):
    rng = random.Random(seed)
    v = vocabulary
    articles = []
    postings.current()  # built once, then only caught up
    builds = []
    real_build = postings.build

    def counted_build(stamp):
        builds.append(stamp.version)
        return real_build(stamp)

    def tags():
        live = list(Entity.objects.filter(pk__in=[e.pk for e in v["entities"]]))
        return {
            "regions": rng.sample(v["regions"], rng.randint(0, 2)),
            "topics": rng.sample(v["topics"], rng.randint(0, 2)),
            "entities": rng.sample(live, min(len(live), rng.randint(0, 3))),
        }

    for step in range(40):
        action = rng.choice(
            [
                "create",
                "create",
                "publish",
                "unpublish",
                "retag",
                "source",
                "delete",
                "schedule",
                "go live",
                "story",
                "merge",
                "entity kind",
            ]
        )
        if action == "create" or not articles:
            articles.append(
                make_article(
                    status=rng.choice([Status.PUBLISHED, Status.DRAFT]),
                    source=rng.choice([None, *v["sources"]]),
                    **tags(),
                )
            )
        elif action in ("publish", "unpublish"):
            article = rng.choice(articles)
            article.status = Status.PUBLISHED if action == "publish" else Status.DRAFT
            article.publish_at = article.publish_at or timezone.now()
            editorial.article_update(article=article, by=editor)
        elif action == "retag":
            article = rng.choice(articles)
            editorial.article_update(article=article, by=editor, tags=tags())
        elif action == "source":
            article = rng.choice(articles)
            article.source = rng.choice([None, *v["sources"]])
            editorial.article_update(article=article, by=editor)
        elif action == "delete":
            articles.pop(rng.randrange(len(articles))).delete()
        elif action == "schedule":
            article = rng.choice(articles)
            article.status = Status.PUBLISHED
            article.publish_at = timezone.now() + datetime.timedelta(days=1)
            editorial.article_update(article=article, by=editor)
        elif action == "go live":
            # Time passes: a scheduled article goes live with nothing written.
            Article.objects.filter(publish_at__gt=timezone.now()).update(
                publish_at=timezone.now() - datetime.timedelta(seconds=1)
            )
        elif action == "story" and len(articles) > 1:
            one, other = rng.sample(articles, 2)
            story_services.story_attach(article=one, to=other)
        elif action == "merge":
            live = [e for e in v["entities"] if Entity.objects.filter(pk=e.pk).exists()]
            if len(live) > 2:
                survivor, gone = rng.sample(live, 2)
                entity_services.entity_merge(
                    survivor=survivor, others=[gone], by=editor
                )
        elif action == "entity kind":
            entity = Entity.objects.order_by("?").first()
            entity.kind = rng.choice(["person", "organisation", "place"])
            entity.save()
        if step % 4 == 3:
            postings.build = counted_build
            try:
                kept = postings.current()
            finally:
                postings.build = real_build
            assert not builds, (step, action)  # caught up, not built again
            assert state(kept) == state(real_build(current_stamp())), (step, action)
    assert_caught_up()


@pytest.mark.django_db
def test_catching_up_costs_what_changed_not_the_archive(
    vocabulary,  # noqa: F811
    make_article,
):
    region, entity = vocabulary["regions"][2], vocabulary["entities"][0]
    costs = []
    for size in (10, 60):
        for _ in range(size - Article.objects.count()):
            make_article(regions=[region], entities=[entity])
        postings.current()
        make_article(regions=[region], entities=[entity])
        with CaptureQueriesContext(connection) as queries:
            postings.current()
        costs.append(len(queries))
        with CaptureQueriesContext(connection) as queries:
            postings.current()
        assert len(queries) == 1  # the stamp: nothing changed
    # The stamp, the log, the changed articles and their tags.
    assert costs[0] == costs[1] <= 4
    assert_caught_up()


@pytest.mark.django_db
def test_a_scheduled_article_is_caught_up_when_its_time_comes(
    vocabulary,  # noqa: F811
    make_article,
):
    region = vocabulary["regions"][1]
    make_article(regions=[vocabulary["regions"][-1]])
    soon = timezone.now() + datetime.timedelta(hours=1)
    article = make_article(publish_at=soon, regions=[region])
    assert article.pk not in postings.current().listed
    Article.objects.filter(pk=article.pk).update(
        publish_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    posted = postings.current()
    assert article.pk in posted.listed
    assert article.pk in posted.in_region(region)
    assert_caught_up()


@pytest.mark.django_db
def test_a_region_moved_builds_the_postings_again(
    vocabulary,  # noqa: F811
    make_article,
):
    banten, city, ntb = (vocabulary["regions"][n] for n in (0, 1, -1))
    article = make_article(regions=[city])
    assert article.pk in postings.current().in_region(banten)
    city.parent = ntb
    city.save()
    posted = postings.current()
    assert article.pk not in posted.in_region(banten)
    assert article.pk in posted.in_region(ntb)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite runs one write transaction at a time; threads would share "
    "its in-memory test database",
)
def test_a_change_not_yet_committed_is_caught_up_after_it_commits(
    vocabulary,  # noqa: F811
    make_article,
    editor,
):
    """A publish whose transaction is still open when a reader catches up:
    the reader does not see its version yet, and the next reader after the
    commit replays it (versions commit in order under the stamp's row
    lock)."""
    import threading

    from django.db import transaction

    region = vocabulary["regions"][1]
    article = make_article(status=Status.DRAFT, regions=[region])
    postings.current()
    written, release = threading.Event(), threading.Event()

    def writer():
        try:
            with transaction.atomic():
                editorial.article_set_status(
                    article=Article.objects.get(pk=article.pk),
                    to_status=Status.PUBLISHED,
                    by=editor,
                )
                written.set()
                release.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=writer)
    thread.start()
    assert written.wait(10)
    assert article.pk not in postings.current().listed  # not committed yet
    release.set()
    thread.join(10)
    posted = postings.current()
    assert article.pk in posted.listed
    assert article.pk in posted.in_region(region)
    assert_caught_up()


@pytest.mark.django_db
def test_an_entity_renamed_or_of_another_kind_is_read_again(
    vocabulary,  # noqa: F811
    make_article,
):
    entity = vocabulary["entities"][0]  # a person
    article = make_article(entities=[entity])
    assert article.pk in postings.current().kinds()["person"]
    entity.kind, entity.name = "place", "Tempat Baru"
    entity.save()
    posted = postings.current()
    assert article.pk in posted.kinds()["place"]
    assert article.pk not in posted.kinds().get("person", set())
    assert posted.entity_info[entity.pk][0] == "Tempat Baru"
    assert_caught_up()


@pytest.mark.django_db
def test_a_new_worker_loads_the_shared_postings_and_catches_them_up(
    vocabulary,  # noqa: F811
    make_article,
    settings,
    tmp_path,
):
    """With a cache shared between processes (Redis in production; a file
    cache here) the postings one worker built are loaded by the next, not
    built again, and caught up from the log."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
        }
    }
    region = vocabulary["regions"][1]
    make_article(regions=[region])
    postings.current()  # the first worker builds and shares them
    postings.forget()  # another worker, nothing in its memory
    later = make_article(regions=[region])
    real_build, builds = postings.build, []
    postings.build = lambda stamp: builds.append(stamp) or real_build(stamp)
    try:
        posted = postings.current()
    finally:
        postings.build = real_build
    assert not builds
    assert later.pk in posted.in_region(region)
    assert_caught_up()


@pytest.mark.django_db
def test_the_log_is_pruned_and_postings_older_than_it_are_built_again(
    vocabulary,  # noqa: F811
    make_article,
    monkeypatch,
):
    from articles.freshness import changes
    from articles.models import PostingChange

    monkeypatch.setattr(changes, "LOG_KEEP", 6)
    monkeypatch.setattr(changes, "LOG_PRUNE_EVERY", 3)
    region = vocabulary["regions"][1]
    make_article(regions=[region])
    postings.current()
    old = postings._state[0]
    old_version = old.version
    for _ in range(12):
        make_article(regions=[region])
    version = current_stamp().version
    assert not PostingChange.objects.filter(version__lt=version - 9).exclude(
        kind=PostingChange.EVERYTHING
    )
    assert PostingChange.objects.count() < 12 * 3
    # A process that held the old postings builds again, and is exact.
    assert old_version < version - 9
    builds = []
    real_build = postings.build
    monkeypatch.setattr(postings, "build", lambda s: builds.append(s) or real_build(s))
    posted = postings.current()
    assert builds
    assert len(posted.in_region(region)) == 13
    assert_caught_up()
