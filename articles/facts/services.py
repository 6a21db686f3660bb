"""Facts from articles, and the desk's decisions on them: extracted at import,
on "suggest again" and on save; public only once an editor accepts them; each
decision a revision of the article."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.editorial.history import record_link_changes
from articles.models.facts import Fact, company_slug
from articles.models.workflow import require_edit
from entities.extraction.facts import extract_facts
from entities.models import Region

# The fields an editor may correct when accepting a fact.
CORRECTABLE = ("value", "unit", "currency", "company", "region", "status")


def fact_key(kind: str, value: Decimal, unit: str, currency: str) -> str:
    """What makes a fact the same one when the article is extracted again."""
    return f"{kind}:{value.normalize():f}:{unit or currency}"[:120]


def facts_for(*, title: str, text: str, regions: dict | None = None) -> list[Fact]:
    """Unsaved facts (no article yet) for a text; ``regions`` caches
    {code: Region or None} across many articles (an import)."""
    regions = {} if regions is None else regions
    found = extract_facts(text, title=title)
    wanted = {f.region for f in found if f.region and f.region not in regions}
    if wanted:
        stored = {r.code: r for r in Region.objects.filter(code__in=wanted)}
        regions.update({code: stored.get(code) for code in wanted})
    return [
        Fact(
            kind=fact.kind,
            key=fact_key(fact.kind, fact.value, fact.unit, fact.currency),
            value=fact.value,
            unit=fact.unit,
            currency=fact.currency,
            company=fact.company[:200],
            company_slug=company_slug(fact.company),
            region=regions.get(fact.region) if fact.region else None,
            status=fact.status,
            surface=fact.surface[:200],
            evidence=fact.evidence[:2000],
        )
        for fact in found
    ]


@transaction.atomic
def article_extract_facts(*, article) -> list[Fact]:
    """Extract ``article``'s facts again: what was not found before is added,
    pending; what the desk decided (rejected included) stays as decided."""
    seen = set(article.facts.values_list("key", flat=True))
    new = [
        fact
        for fact in facts_for(title=article.title, text=article.body_text)
        if fact.key not in seen
    ]
    for fact in new:
        fact.article = article
    return Fact.objects.bulk_create(new)


def _describe(fact) -> str:
    return f"{fact.get_kind_display()} {fact.surface or fact.value}"


@transaction.atomic
def fact_decide(*, fact, accept: bool, by, changes=None) -> Fact:
    """Accept (with the editor's ``changes`` to ``CORRECTABLE`` fields, if
    any) or reject ``fact``; the article gets a revision saying so."""
    require_edit(by, fact.article)
    _apply(fact, accept=accept, by=by, changes=changes)
    record_link_changes([fact.article_id], by=by, reason=_reason(fact, accept))
    return fact


def _apply(fact, *, accept, by, changes):
    for name, value in (changes or {}).items():
        if name not in CORRECTABLE:
            raise ValueError(name)
        setattr(fact, name, value)
    fact.review = Fact.Review.ACCEPTED if accept else Fact.Review.REJECTED
    fact.decided_by, fact.decided_at = by, timezone.now()
    fact.full_clean(exclude=["article", "decided_by", "region"])
    fact.save()


def _reason(fact, accept):
    template = _("Fact accepted: %(fact)s") if accept else _("Fact rejected: %(fact)s")
    return template % {"fact": _describe(fact)}


@transaction.atomic
def facts_decide(*, facts, accept: bool, by) -> int:
    """Accept or reject every pending fact in ``facts``, all or none; one
    revision per article."""
    decided: dict[int, list] = {}
    for fact in facts.filter(review=Fact.Review.PENDING).select_related("article"):
        require_edit(by, fact.article)
        _apply(fact, accept=accept, by=by, changes=None)
        decided.setdefault(fact.article_id, []).append(fact)
    for article_id, group in decided.items():
        if len(group) == 1:
            reason = _reason(group[0], accept)
        elif accept:
            reason = _("%(count)d facts accepted") % {"count": len(group)}
        else:
            reason = _("%(count)d facts rejected") % {"count": len(group)}
        record_link_changes([article_id], by=by, reason=reason)
    return sum(len(group) for group in decided.values())
