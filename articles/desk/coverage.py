"""The coverage dashboard: how many articles each province got on each root
topic in the last 30, 90 or 365 days (regencies and cities rolled up, sub-topics
counted for their root), the provinces with none, and the facts waiting for
review; every cell links to the article list behind it."""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.freshness import taxonomy
from articles.models import Article, Fact
from entities.models import Region

PERIODS = (30, 90, 365)


@dataclass
class Cell:
    count: int
    url: str
    shade: int  # 0 (none) to 4 (the most of the table)


def _root(topic, tax):
    chain = tax.topic_ancestors(topic)
    return chain[0] if chain else topic


def coverage(days: int):
    """(provinces, root topics, {(province pk, topic pk): article count},
    {province pk: article count}) over published articles of the last
    ``days`` days. One query."""
    tax = taxonomy()
    start = timezone.localdate() - datetime.timedelta(days=days)
    since = timezone.make_aware(datetime.datetime.combine(start, datetime.time()))
    rows = (
        Article.objects.published()
        .filter(publish_at__gte=since)
        .values_list("pk", "regions", "topics")
    )
    cells: dict[tuple, set] = {}
    totals: dict[int, set] = {}
    for pk, region_id, topic_id in rows:
        region = tax.regions.get(region_id)
        province = _province(region, tax) if region else None
        if province is None:
            continue
        totals.setdefault(province.pk, set()).add(pk)
        topic = tax.topics.get(topic_id)
        if topic is not None:
            cells.setdefault((province.pk, _root(topic, tax).pk), set()).add(pk)
    provinces = sorted(
        (r for r in tax.regions.values() if r.kind == Region.Kind.PROVINCE),
        key=lambda r: r.name,
    )
    topics = sorted(
        (t for t in tax.topics.values() if t.parent_id is None), key=lambda t: t.name
    )
    return (
        provinces,
        topics,
        {key: len(ids) for key, ids in cells.items()},
        {key: len(ids) for key, ids in totals.items()},
    )


def _province(region, tax):
    for candidate in (*tax.region_ancestors(region), region):
        if candidate.kind == Region.Kind.PROVINCE:
            return candidate
    return None


def _list_url(province, topic, days):
    # Midnight in the newsroom's time zone, with its offset: an aware time.
    start = timezone.localdate() - datetime.timedelta(days=days)
    since = timezone.make_aware(
        datetime.datetime.combine(start, datetime.time())
    ).isoformat()
    query = {"regions__path__startswith": province.path, "publish_at__gte": since}
    if topic is not None:
        # The root topic and its sub-topics, as the cell counts them.
        subtree = taxonomy().topic_subtree(topic)
        query["topics__id__in"] = ",".join(str(t.pk) for t in subtree)
    return f"{reverse('admin:articles_article_changelist')}?{urlencode(query)}"


def coverage_view(model_admin, request):
    days = request.GET.get("days", "90")
    if days not in {str(p) for p in PERIODS}:
        raise Http404(_("Choose 30, 90 or 365 days."))
    days = int(days)
    provinces, topics, cells, totals = coverage(days)
    top = max(cells.values(), default=0) or 1
    table = []
    for province in provinces:
        row = []
        for topic in topics:
            count = cells.get((province.pk, topic.pk), 0)
            shade = 0 if not count else 1 + min(3, (count * 4 - 1) // top)
            row.append(Cell(count, _list_url(province, topic, days), shade))
        table.append((province, totals.get(province.pk, 0), row))
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("Coverage"),
        "opts": model_admin.model._meta,
        "days": days,
        "periods": PERIODS,
        "topics": topics,
        "table": table,
        "uncovered": [p for p in provinces if not totals.get(p.pk)],
        "pending_facts": Fact.objects.filter(review=Fact.Review.PENDING).count(),
        "facts_url": reverse("admin:articles_fact_changelist")
        + "?review__exact=pending",
    }
    return TemplateResponse(request, "admin/articles/article/coverage.html", context)
