"""/api/v1/facts/: the public facts (accepted by the desk, of published
articles) with the article behind each, filtered by kind, region (its
sub-regions included) and company, newest article first, a page at a time."""

from django.core.paginator import EmptyPage, Paginator
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from articles.api import params
from articles.api import representations as rep
from articles.api.base import PublicAPIView
from articles.api.schema import ERRORS, NOT_MODIFIED, query
from articles.facts import selectors
from articles.freshness import taxonomy
from articles.models import Fact
from entities.extraction.facts import as_json

PAGE = 100

fact_list = extend_schema(
    operation_id="facts_list",
    summary="Facts (investment, capacity, jobs, land) the desk accepted",
    parameters=[
        query("kind", enum=Fact.Kind.values),
        query("region", description="Region slug (sub-regions included)."),
        query("company", description="Company slug, as on /investasi/."),
        query("page", int, description=f"Page number ({PAGE} facts a page)."),
    ],
    responses={200: OpenApiTypes.OBJECT, **NOT_MODIFIED, **ERRORS},
    tags=["facts"],
)


def fact_data(fact, links) -> dict:
    return {
        "kind": fact.kind,
        "value": as_json(fact.value),
        "unit": fact.unit,
        "currency": fact.currency,
        "company": fact.company,
        "company_slug": fact.company_slug,
        "region": rep.region_ref(fact.region) if fact.region else None,
        "status": fact.status,
        "evidence": fact.evidence,
        "article": {
            "id": fact.article_id,
            "title": fact.article.title,
            "url": links.article(fact.article),
        },
    }


class FactListView(PublicAPIView):
    @fact_list
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def respond(self, request):
        params.check_names(request.GET, ("kind", "region", "company", "page"))
        facts = (
            Fact.objects.public()
            .select_related("article", "region")
            .order_by("-article__publish_at", "pk")
        )
        errors = {}
        kind = request.GET.get("kind")
        if kind:
            if kind not in Fact.Kind.values:
                errors["kind"] = [f"One of {', '.join(Fact.Kind.values)}."]
            facts = facts.filter(kind=kind)
        slug = request.GET.get("region")
        if slug:
            region = taxonomy().region_by_slug.get(slug)
            if region is None:
                errors["region"] = ["No such region."]
            else:
                facts = selectors.facts_in_region(region)
                facts = facts.filter(kind=kind) if kind else facts
        company = request.GET.get("company")
        if company:
            facts = facts.filter(company_slug=company)
        number = request.GET.get("page", "1")
        if not number.isdigit() or not 0 < int(number) < 10**6:
            errors["page"] = ["A whole number from 1."]
        if errors:
            raise params.InvalidParameters(errors)
        try:
            page = Paginator(facts, PAGE).page(int(number))
        except EmptyPage as exc:
            raise params.InvalidParameters({"page": ["No such page."]}) from exc
        links = rep.Links.for_request(request)
        return Response(
            {
                "count": page.paginator.count,
                "next": page.next_page_number() if page.has_next() else None,
                "results": [fact_data(fact, links) for fact in page],
            }
        )
