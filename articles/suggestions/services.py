"""Proposing and deciding suggestions: what the extractor finds becomes tags
only when an editor accepts it."""

import re

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.editorial import article_update
from articles.models import Topic
from articles.models.suggestions import Suggestion
from articles.models.workflow import require_edit
from entities import services as entity_services
from entities.extraction import Extractor, within_limit
from entities.extraction.proposals import normalise
from entities.models import Entity, EntityAlias, Region

# A name the desk rejected this often (and never accepted) as a person or an
# organisation is this newsroom's negative evidence: it is not proposed again.
NEGATIVE_AFTER = 2


def rejected_keys() -> set[str]:
    """Keys of people and organisations rejected at least ``NEGATIVE_AFTER``
    times and never accepted, in any article."""
    decided = Suggestion.objects.filter(
        kind__in=(Suggestion.Kind.PERSON, Suggestion.Kind.ORGANISATION)
    ).exclude(status=Suggestion.Status.PENDING)
    accepted = set(
        decided.filter(status=Suggestion.Status.ACCEPTED).values_list("key", flat=True)
    )
    rows = (
        decided.filter(status=Suggestion.Status.REJECTED)
        .values("key")
        .annotate(n=Count("pk"))
        .filter(n__gte=NEGATIVE_AFTER)
    )
    return {row["key"] for row in rows} - accepted


def evidence_with_rule(proposal) -> str:
    """The evidence shown to editors, opened by the rule that fired."""
    prefix = f"[{proposal.rule}] " if proposal.rule else ""
    return (prefix + proposal.evidence)[:1000]


class Proposer:
    """What proposing needs, built once and used for many articles: the extractor
    with the index of known entities and the desk's negative evidence, and the
    topics' keyword patterns."""

    def __init__(self):
        self.extractor = Extractor(
            known=entity_services.entity_index(), rejected=rejected_keys()
        )
        self.topics = []
        for topic in Topic.objects.exclude(keywords=""):
            keywords = list(
                filter(None, (k.strip() for k in topic.keywords.splitlines()))
            )
            if not keywords:
                continue  # scores nothing
            self.topics.append(
                (
                    topic,
                    # Any keyword at all, whole word or not: a text without
                    # one needs none of the counts below.
                    re.compile("|".join(map(re.escape, keywords)), re.IGNORECASE),
                    [
                        re.compile(rf"(?<!\w){re.escape(k)}(?!\w)", re.IGNORECASE)
                        for k in keywords
                    ],
                )
            )

    def topic_scores(self, text: str, title: str = "") -> list[tuple[Topic, int]]:
        """Score every topic by how often its keywords occur (title counts
        double), in the part of the text the extractor reads."""
        text, title = within_limit(text), within_limit(title)
        scores = []
        for topic, any_keyword, patterns in self.topics:
            if not (any_keyword.search(text) or any_keyword.search(title)):
                continue
            score = sum(
                len(p.findall(text)) + 2 * len(p.findall(title)) for p in patterns
            )
            if score:
                scores.append((topic, score))
        return scores

    def propose(
        self,
        *,
        title: str,
        text: str,
        dateline: str = "",
        seen=(),
        tagged_entities=(),
        tagged_regions=(),
        tagged_topics=(),
        min_topic_score=2,
    ) -> list[Suggestion]:
        """Unsaved suggestions for an article with ``title`` and body ``text``
        (plain), leaving out what is ``seen`` (proposed before, rejected
        included) or already tagged."""
        seen = set(seen)
        created = []
        proposals = fold_name_forms(
            list(self.extractor.extract(text, title=title, dateline=dateline))
        )
        for proposal in proposals:
            if proposal.key in seen or proposal.entity_id in tagged_entities:
                continue
            if (
                proposal.kind in (Suggestion.Kind.REGION, Suggestion.Kind.PLACE)
                and proposal.code in tagged_regions
            ):
                # The region is on the article: neither it nor the place of
                # the same code is news (accepting the place added a second
                # "Banten", as an entity).
                continue
            created.append(
                Suggestion(
                    kind=proposal.kind,
                    key=proposal.key[:200],
                    name=proposal.name[:200],
                    role=proposal.role[:200],
                    aliases=sorted(proposal.aliases - {proposal.name}),
                    code=proposal.code,
                    entity_id=proposal.entity_id,
                    evidence=evidence_with_rule(proposal),
                    confidence=round(proposal.confidence, 2),
                )
            )
            seen.add(proposal.key)
        for topic, score in self.topic_scores(text, title):
            key = f"topic:{topic.slug}"
            if score >= min_topic_score and key not in seen:
                if topic.pk in tagged_topics:
                    continue
                created.append(
                    Suggestion(
                        kind=Suggestion.Kind.TOPIC,
                        key=key,
                        name=topic.name,
                        topic=topic,
                        evidence=topic.keywords.replace("\n", ", ")[:1000],
                        confidence=min(0.95, 0.5 + 0.1 * score),
                    )
                )
        return created


def fold_name_forms(proposals: list) -> list:
    """One person once: a person proposed under a form of another proposed
    person's name (its words among the other's: "Andra" or "Dr. Andra Soni"
    beside "Andra Soni") is folded into the fuller one, as an alias."""
    people = sorted(
        (p for p in proposals if p.kind == Suggestion.Kind.PERSON),
        key=lambda p: -len(normalise(p.name).split()),
    )
    folded = set()
    for n, fuller in enumerate(people):
        if id(fuller) in folded:
            continue
        words = set(normalise(fuller.name).split())
        for other in people[n + 1 :]:
            other_words = set(normalise(other.name).split())
            if id(other) in folded or not other_words or not other_words <= words:
                continue
            if other.entity_id and fuller.entity_id != other.entity_id:
                continue  # two known people: the index knows better
            fuller.aliases |= {other.name, *other.aliases}
            fuller.confidence = max(fuller.confidence, other.confidence)
            folded.add(id(other))
    return [p for p in proposals if id(p) not in folded]


@transaction.atomic
def article_suggest(*, article, proposer=None) -> list[Suggestion]:
    """Propose people, organisations, places, regions and topics for ``article``
    from its text.

    Nothing already on the article is proposed, and nothing proposed before (in
    particular nothing rejected) is proposed again.
    """
    proposer = proposer or Proposer()
    suggestions = proposer.propose(
        title=article.title,
        text=article.body_text,
        dateline=article.dateline,
        seen=article.suggestions.values_list("key", flat=True),
        tagged_entities=set(article.entities.values_list("pk", flat=True)),
        tagged_regions=set(article.regions.values_list("code", flat=True)),
        tagged_topics=set(article.topics.values_list("pk", flat=True)),
    )
    for suggestion in suggestions:
        suggestion.article = article
    return Suggestion.objects.bulk_create(suggestions)


def _require(by, permission, what):
    if not by.has_perm(permission):
        raise PermissionDenied(
            _(
                "“%(name)s” is not in the newsroom yet, and you may not add it: "
                "ask an editor to add it, or link the suggestion to an existing one."
            )
            % {"name": what}
        )


def _region_for(code, by, name):
    existing = Region.objects.filter(code=code).first()
    if existing:
        return existing
    _require(by, "entities.add_region", name)
    return entity_services.region_from_gazetteer(code)


def _learn_aliases(entity, suggestion) -> Entity:
    """Accepting a suggestion for a known entity teaches its written forms:
    they become aliases, so the next article that writes them finds it."""
    for form in (suggestion.name, *suggestion.aliases):
        form = form.strip()[:100]
        if form and form.lower() != entity.name.lower() and len(form) > 1:
            EntityAlias.objects.get_or_create(entity=entity, name=form)
    return entity


def _entity_for(suggestion, by) -> Entity:
    """The entity the suggestion names: linked, found by name or alias, or
    created (with its aliases) by someone allowed to add entities."""
    if suggestion.entity_id:
        return _learn_aliases(suggestion.entity, suggestion)
    for form in (suggestion.name, *suggestion.aliases):
        existing = Entity.objects.matching_name(form).first()
        if existing:
            return _learn_aliases(existing, suggestion)
    _require(by, "entities.add_entity", suggestion.name)
    region = None
    if suggestion.code:
        region = _region_for(suggestion.code, by, suggestion.name)
    entity = Entity(
        name=suggestion.name,
        kind=suggestion.kind,
        description=suggestion.role,
        region=region,
    )
    entity.full_clean(exclude=["slug"])
    entity.save()
    for alias in suggestion.aliases:
        if alias.lower() != entity.name.lower():
            EntityAlias.objects.get_or_create(entity=entity, name=alias[:100])
    return entity


@transaction.atomic
def suggestion_accept(*, suggestion, by) -> Suggestion:
    """Tag the article with what the suggestion names and mark it accepted.

    Creating the entity or region it names (when there is none yet) needs the
    permission to add one; otherwise a suggestion can only be linked to what
    exists. The tagging goes through ``article_update`` (version raised,
    revision with tags).
    """
    article = suggestion.article
    require_edit(by, article)
    if suggestion.kind == Suggestion.Kind.REGION:
        region = _region_for(suggestion.code, by, suggestion.name)
        tags = {"regions": [*article.regions.all(), region]}
    elif suggestion.kind == Suggestion.Kind.TOPIC:
        tags = {"topics": [*article.topics.all(), suggestion.topic]}
    else:
        entity = _entity_for(suggestion, by)
        suggestion.entity = entity
        tags = {"entities": [*article.entities.all(), entity]}
    suggestion.status = Suggestion.Status.ACCEPTED
    suggestion.decided_by, suggestion.decided_at = by, timezone.now()
    suggestion.save()
    article_update(
        article=article,
        by=by,
        tags=tags,
        reason=_("Accepted suggestion %(s)s") % {"s": suggestion},
    )
    return suggestion


@transaction.atomic
def suggestion_reject(*, suggestion, by) -> Suggestion:
    """Mark the suggestion rejected: it is not proposed again for this article."""
    require_edit(by, suggestion.article)
    suggestion.status = Suggestion.Status.REJECTED
    suggestion.decided_by, suggestion.decided_at = by, timezone.now()
    suggestion.save()
    return suggestion


@transaction.atomic
def suggestions_decide(*, suggestions, accept: bool, by) -> int:
    """Accept or reject every pending suggestion in ``suggestions``, all or none."""
    decide = suggestion_accept if accept else suggestion_reject
    count = 0
    for suggestion in suggestions.filter(
        status=Suggestion.Status.PENDING
    ).select_related("article", "entity", "topic"):
        decide(suggestion=suggestion, by=by)
        count += 1
    return count


@transaction.atomic
def suggestions_decide_rows(*, suggestions, accept: bool, by) -> int:
    """Decide suggestions as the review page shows them: a region and the place
    proposed for the same code are one thing. Accepting them tags the region
    and, when the place entity exists or ``by`` may create it, the place too;
    otherwise the region stands for it. All or none."""
    suggestions = list(
        suggestions.filter(status=Suggestion.Status.PENDING).select_related(
            "article", "entity", "topic"
        )
    )
    regions = {
        (s.article_id, s.code) for s in suggestions if s.kind == Suggestion.Kind.REGION
    }
    count = 0
    for suggestion in sorted(suggestions, key=lambda s: s.kind != "region"):
        paired = (
            suggestion.kind == Suggestion.Kind.PLACE
            and (suggestion.article_id, suggestion.code) in regions
        )
        if accept and paired and not _place_available(suggestion, by):
            suggestion.status = Suggestion.Status.ACCEPTED
            suggestion.decided_by, suggestion.decided_at = by, timezone.now()
            suggestion.save()
        elif accept:
            suggestion_accept(suggestion=suggestion, by=by)
        else:
            suggestion_reject(suggestion=suggestion, by=by)
        count += 1
    return count


def _place_available(suggestion, by) -> bool:
    """Whether accepting this place suggestion can tag an entity: one exists, or
    ``by`` may create it."""
    if suggestion.entity_id or by.has_perm("entities.add_entity"):
        return True
    return any(
        Entity.objects.matching_name(form).exists()
        for form in (suggestion.name, *suggestion.aliases)
    )
