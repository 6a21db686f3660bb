"""The tracker's totals kept in tables (issue 31): after every write that
changes a public fact (accepted, corrected, rejected, deleted; an article
published, unpublished, scheduled, deleted, its topics changed) and after a
scheduled article's time passes, the tracker's figures equal a direct sum of
the accepted facts of public articles; a rebuild equals the maintained
tables; pages read the totals, never the facts."""

import datetime
from collections import defaultdict
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, Sum
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from articles import editorial, facts
from articles.facts import rebuilding, selectors
from articles.models import Article, Fact, TrackerTotal
from articles.models.tracker import ALL_YEARS
from entities.models import Region

PUBLISHED, DRAFT = Article.Status.PUBLISHED, Article.Status.DRAFT
Scope = TrackerTotal.Scope


# ---------------------------------------------------------------------------
# The figures two ways: through the tracker, and summed directly from facts


def shape(total) -> tuple:
    return (total.rupiah, dict(total.foreign), total.count)


def through_tracker() -> dict:
    """What the tracker shows: its index tables and every region's and
    company's page figures."""
    rebuilding.refresh()
    pages = {}
    for scope, key in TrackerTotal.objects.filter(year=ALL_YEARS).values_list(
        "scope", "key"
    ):
        if scope in (Scope.REGION, Scope.COMPANY):
            figures = selectors._scope_figures(scope, key)
            pages[(scope, key)] = (shape(figures["total"]), figures["counts"])
    return {
        "years": {t.key: shape(t) for t in selectors.totals_by_year()},
        "provinces": {t.key.pk: shape(t) for t in selectors.totals_by_province()},
        "companies": {t.key: shape(t) for t in selectors.totals_by_company()},
        "topics": {t.key.pk: shape(t) for t in selectors.totals_by_topic()},
        "pages": pages,
    }


def _grouped(rows) -> dict:
    """{key: (rupiah, {currency: amount}, count)} of (key, currency, sum, n)."""
    found = defaultdict(lambda: [Decimal(0), {}, 0])
    for key, currency, amount, n in rows:
        entry = found[key]
        if currency == "IDR":
            entry[0] += amount
        else:
            entry[1][currency] = entry[1].get(currency, Decimal(0)) + amount
        entry[2] += n
    return {key: tuple(entry) for key, entry in found.items()}


def summed(queryset, field=None):
    """The sums by currency (and ``field``) of ``queryset``'s facts."""
    fields = [field] if field else []
    rows = (
        queryset.order_by()
        .values(*fields, "currency")
        .annotate(amount=Sum("value"), n=Count("pk"))
        .values_list(*fields, "currency", "amount", "n")
    )
    grouped = _grouped(row if field else (None, *row) for row in rows)
    return grouped if field else grouped.get(None, (Decimal(0), {}, 0))


def counted(queryset) -> dict:
    return dict(
        queryset.order_by()
        .values("kind")
        .annotate(n=Count("pk"))
        .values_list("kind", "n")
    )


def directly() -> dict:
    """The same figures summed straight from the facts: accepted, of an
    article published with its publish time passed."""
    public = Fact.objects.filter(
        review=Fact.Review.ACCEPTED,
        article__status=PUBLISHED,
        article__publish_at__lte=timezone.now(),
    )
    money = public.filter(kind="investment")
    provinces, pages = {}, {}
    for region in Region.objects.all():
        inside = public.filter(region__path__startswith=region.path)
        if counts := counted(inside):
            total = summed(inside.filter(kind="investment"))
            pages[(Scope.REGION, str(region.pk))] = (total, counts)
            if region.kind == Region.Kind.PROVINCE and total[2]:
                provinces[region.pk] = total
    slugs = public.exclude(company_slug="").values_list("company_slug", flat=True)
    for slug in set(slugs):
        mine = public.filter(company_slug=slug)
        total = summed(mine.filter(kind="investment"))
        pages[(Scope.COMPANY, slug)] = (total, counted(mine))
    return {
        "years": summed(
            money.annotate(year=ExtractYear("article__publish_at")), "year"
        ),
        "provinces": provinces,
        "companies": summed(money.exclude(company_slug=""), "company_slug"),
        "topics": summed(money.exclude(article__topics=None), "article__topics"),
        "pages": pages,
    }


def assert_in_step():
    assert through_tracker() == directly()
    assert rebuilding.rebuild(apply=False).totals == 0


# ---------------------------------------------------------------------------
# One write at a time

_keys = iter(range(10**6))


def add_fact(article, kind="investment", value=100, currency="IDR", **fields):
    """A pending fact of ``article`` (as extraction leaves it)."""
    return Fact.objects.create(
        article=article,
        kind=kind,
        key=f"{kind}:{next(_keys)}",
        value=Decimal(value),
        currency=currency if kind == "investment" else "",
        unit="" if kind == "investment" else "orang",
        **fields,
    )


@pytest.fixture
def desk(make_region, make_topic, make_article, editor):
    """Two provinces with a regency each, two topics, two published articles
    and a draft, each with pending facts of two companies."""

    class Desk:
        pass

    d = Desk()
    d.editor = editor
    d.jateng = make_region("Jawa Tengah", code="33")
    d.batang = make_region("Batang", parent=d.jateng, kind="regency", code="33.25")
    d.banten = make_region("Banten", code="36")
    d.cilegon = make_region("Cilegon", parent=d.banten, kind="city", code="36.72")
    d.steel, d.food = make_topic("Baja"), make_topic("Pangan")
    d.articles = [
        make_article(status=PUBLISHED, topics=[d.steel]),
        make_article(status=PUBLISHED, topics=[d.steel, d.food]),
        make_article(status=DRAFT, topics=[d.food]),
    ]
    d.facts = []
    for n, article in enumerate(d.articles):
        d.facts += [
            add_fact(
                article, value=1000 * (n + 1), company="PT Baja Raya", region=d.batang
            ),
            add_fact(
                article,
                value=7 * (n + 1),
                currency="USD",
                company="PT Kimia Jaya",
                region=d.cilegon,
            ),
            add_fact(
                article, kind="jobs", value=50, company="PT Baja Raya", region=d.jateng
            ),
        ]
    return d


def decide(d, fact, accept=True, **changes):
    fact.refresh_from_db()
    facts.fact_decide(fact=fact, accept=accept, by=d.editor, changes=changes)


@pytest.mark.django_db
class TestKeptInStep:
    def test_accepting_correcting_and_rejecting(self, desk):
        assert_in_step()
        for fact in desk.facts:
            decide(desk, fact)
        assert_in_step()
        assert selectors.totals_by_province()[0].rupiah == Decimal(3000)
        decide(desk, desk.facts[0], value=Decimal(5000), region=desk.cilegon)
        decide(desk, desk.facts[1], company="PT Lain")
        assert_in_step()
        decide(desk, desk.facts[3], accept=False)
        assert_in_step()
        assert {t.label for t in selectors.totals_by_company()} == {
            "PT Baja Raya",
            "PT Kimia Jaya",
            "PT Lain",
        }

    def test_publishing_unpublishing_scheduling_and_deleting(self, desk):
        for fact in desk.facts:
            decide(desk, fact)
        first, second, draft = desk.articles
        editorial.article_set_status(article=draft, to_status=PUBLISHED, by=desk.editor)
        assert_in_step()
        editorial.article_set_status(article=first, to_status=DRAFT, by=desk.editor)
        assert_in_step()
        later = timezone.now() + datetime.timedelta(hours=2)
        editorial.article_set_status(
            article=second, to_status=PUBLISHED, by=desk.editor, publish_at=later
        )
        assert_in_step()  # scheduled: not counted
        editorial.article_delete(article=draft, by=desk.editor)
        assert_in_step()

    def test_a_scheduled_article_counts_once_its_time_has_passed(self, desk):
        for fact in desk.facts:
            decide(desk, fact)
        draft = desk.articles[2]
        soon = timezone.now() + datetime.timedelta(hours=1)
        editorial.article_set_status(
            article=draft, to_status=PUBLISHED, by=desk.editor, publish_at=soon
        )
        before = selectors.totals_by_year()
        assert_in_step()
        # The clock passing its publish time writes nothing.
        Article.objects.filter(pk=draft.pk).update(
            publish_at=timezone.now() - datetime.timedelta(seconds=1)
        )
        assert sum(t.rupiah for t in selectors.totals_by_year()) == sum(
            t.rupiah for t in before
        ) + Decimal(3000)
        assert_in_step()

    def test_topics_changed_move_the_sector_totals(self, desk):
        for fact in desk.facts:
            decide(desk, fact)
        desk.articles[0].topics.set([desk.food])
        assert_in_step()
        desk.food.delete()
        assert_in_step()

    def test_a_region_moved_to_another_province(self, desk):
        for fact in desk.facts:
            decide(desk, fact)
        desk.batang.parent = desk.banten
        desk.batang.save()
        assert_in_step()
        desk.cilegon.delete()  # its facts lose their region
        assert_in_step()


@pytest.mark.django_db
def test_the_rebuild_command_reports_and_repairs_drift(desk):
    for fact in desk.facts:
        decide(desk, fact)
    call_command("rebuild_tracker", "--check")  # nothing drifted
    TrackerTotal.objects.filter(scope="a", year=ALL_YEARS, currency="IDR").update(
        amount=1
    )
    with pytest.raises(CommandError, match="1 total"):
        call_command("rebuild_tracker", "--check")
    call_command("rebuild_tracker")
    call_command("rebuild_tracker", "--check")
    assert_in_step()


@pytest.mark.django_db
def test_after_a_change_pages_read_the_totals_not_the_facts(
    client, desk, django_assert_max_num_queries
):
    for fact in desk.facts:
        decide(desk, fact)
    index = reverse("articles:investment")
    region = reverse("articles:investment-region", args=[desk.jateng.slug])
    client.get(index), client.get(region)  # the taxonomy memo warmed
    decide(desk, desk.facts[0], value=Decimal(9000))
    cache.clear()
    # The stamp, the totals' state, the years, provinces and topics, the
    # companies' rupiah, their foreign money: no fact read.
    with django_assert_max_num_queries(5) as queries:
        assert client.get(index).status_code == 200
    assert not any('"articles_fact"' in q["sql"] for q in queries.captured_queries)
    # The stamp, the state, the region's totals, the ids of its newest facts
    # of each kind (from the counted rows), those facts by id.
    with django_assert_max_num_queries(5) as queries:
        page = client.get(region)
    assert page.context["total"].rupiah == Decimal(9000 + 2000)  # and the second
    facts_read = [q for q in queries.captured_queries if '"articles_fact"' in q["sql"]]
    assert len(facts_read) == 1
    assert '"articles_fact"."id" IN (' in facts_read[0]["sql"]


# ---------------------------------------------------------------------------
# Any sequence of writes


@pytest.mark.django_db
def test_any_sequence_of_writes_keeps_the_totals_in_step(desk):
    """A state machine of accept, correct, reject, publish, unpublish,
    schedule, the clock passing a publish time, topics changed and delete:
    after every step the tracker equals a direct sum, and a rebuild changes
    nothing."""
    regions = [desk.batang, desk.cilegon, desk.jateng, None]
    companies = ["PT Baja Raya", "PT Kimia Jaya", ""]
    topics = [desk.steel, desk.food]

    class Writes(RuleBasedStateMachine):
        def __init__(self):
            super().__init__()
            self.savepoint = transaction.atomic()
            self.savepoint.__enter__()
            self.articles = list(
                Article.objects.filter(pk__in=[a.pk for a in desk.articles])
            )
            self.facts = list(Fact.objects.filter(article__in=self.articles))

        def teardown(self):
            transaction.set_rollback(True)
            self.savepoint.__exit__(None, None, None)

        def article(self, n):
            article = self.articles[n % len(self.articles)]
            return Article.objects.filter(pk=article.pk).first()

        def fact(self, n):
            return Fact.objects.filter(pk=self.facts[n % len(self.facts)].pk).first()

        @rule(n=st.integers(0, 8), accept=st.booleans())
        def decide(self, n, accept):
            if fact := self.fact(n):
                facts.fact_decide(fact=fact, accept=accept, by=desk.editor)

        @rule(
            n=st.integers(0, 8),
            value=st.integers(1, 10**6),
            region=st.sampled_from(regions),
            company=st.sampled_from(companies),
        )
        def correct(self, n, value, region, company):
            if fact := self.fact(n):
                changes = {"value": Decimal(value), "region": region}
                changes["company"] = company
                facts.fact_decide(
                    fact=fact, accept=True, by=desk.editor, changes=changes
                )

        @rule(n=st.integers(0, 2), to=st.sampled_from([PUBLISHED, DRAFT]))
        def set_status(self, n, to):
            if article := self.article(n):
                editorial.article_set_status(
                    article=article, to_status=to, by=desk.editor
                )

        @rule(n=st.integers(0, 2), minutes=st.integers(1, 600))
        def schedule(self, n, minutes):
            if article := self.article(n):
                later = timezone.now() + datetime.timedelta(minutes=minutes)
                editorial.article_set_status(
                    article=article,
                    to_status=PUBLISHED,
                    by=desk.editor,
                    publish_at=later,
                )

        @rule()
        def time_passes(self):
            # Every scheduled article's time comes: nothing is written but the
            # clock. Here its publish time moves to just now, with no signal
            # (later than anything public before, as the clock would be).
            Article.objects.scheduled().update(
                publish_at=timezone.now() - datetime.timedelta(milliseconds=10)
            )

        @rule(n=st.integers(0, 2), chosen=st.sets(st.sampled_from(topics)))
        def set_topics(self, n, chosen):
            if article := self.article(n):
                article.topics.set(chosen)

        @rule(n=st.integers(0, 2))
        def delete(self, n):
            if article := self.article(n):
                editorial.article_delete(article=article, by=desk.editor)

        @invariant()
        def in_step(self):
            assert_in_step()

    settings_ = settings(
        max_examples=25,
        stateful_step_count=12,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    from hypothesis.stateful import run_state_machine_as_test

    run_state_machine_as_test(Writes, settings=settings_)
