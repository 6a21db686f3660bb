"""Writes: the editorial workflow, bulk curation and the newsroom's roles."""

import re
from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from entities import services as entity_services
from entities.extraction import Extractor
from entities.models import Entity, EntityAlias, Region

from . import freshness, images
from .models import Article, Source, Suggestion, Topic, content_fingerprint

Status = Article.Status

PUBLISH_PERMISSION = "articles.publish_article"

# Allowed moves between states, and whether only editors may make them.
TRANSITIONS = {
    (Status.DRAFT, Status.REVIEW): False,
    (Status.REVIEW, Status.DRAFT): False,
    (Status.DRAFT, Status.PUBLISHED): True,
    (Status.REVIEW, Status.PUBLISHED): True,
    (Status.PUBLISHED, Status.DRAFT): True,
    (Status.PUBLISHED, Status.ARCHIVED): True,
    (Status.ARCHIVED, Status.DRAFT): True,
    (Status.ARCHIVED, Status.PUBLISHED): True,
    (Status.DRAFT, Status.ARCHIVED): True,
    (Status.REVIEW, Status.ARCHIVED): True,
}
CONTRIBUTOR_STATES = frozenset({Status.DRAFT, Status.REVIEW})


def can_publish(user) -> bool:
    return user.has_perm(PUBLISH_PERMISSION)


def can_edit(user, article) -> bool:
    """Contributors edit drafts and articles in review; editors edit anything."""
    return can_publish(user) or article.status in CONTRIBUTOR_STATES


def require_edit(user, article) -> None:
    """Raise ``PermissionDenied`` unless ``user`` may change ``article``."""
    if not can_edit(user, article):
        raise PermissionDenied(
            _("You may not change “%(title)s”.") % {"title": article.title}
        )


def allowed_statuses(*, current, user) -> list[str]:
    """Return the states ``user`` may move an article in state ``current`` to
    (``current`` itself included)."""
    publisher = can_publish(user)
    return [
        status
        for status in Status.values
        if status == current
        or (
            (current, status) in TRANSITIONS
            and (publisher or not TRANSITIONS[(current, status)])
        )
    ]


def workflow_check(*, from_status, to_status, by) -> None:
    """Raise ``PermissionDenied`` unless ``by`` may move an article between states.

    Contributors may only work on drafts and articles in review, and only move
    them between those two states; everything else is for editors.
    """
    if not can_publish(by) and from_status not in CONTRIBUTOR_STATES:
        raise PermissionDenied(
            _("Only editors can change published or archived articles.")
        )
    if to_status not in allowed_statuses(current=from_status, user=by):
        raise PermissionDenied(
            _("You may not move an article from “%(from)s” to “%(to)s”.")
            % {"from": Status(from_status).label, "to": Status(to_status).label}
        )


def _stamp(article, *, from_status, by, reason):
    """Record who changed the status and when; default the publish time."""
    if article.status != from_status:
        article.status_changed_at = timezone.now()
        article.status_changed_by = by
        reason = reason or _("Status: %(from)s → %(to)s") % {
            "from": Status(from_status).label,
            "to": Status(article.status).label,
        }
    if article.status == Status.PUBLISHED and article.publish_at is None:
        article.publish_at = timezone.now()
    article._change_reason = reason
    article._history_user = by


@transaction.atomic
def article_save(*, article, previous_status, by, image_changed=False, reason=""):
    """Save an article edited in a form, enforcing the workflow.

    ``previous_status`` is the state the article was in before the edit (for a
    new article, draft). Sets the author of new articles, records status changes,
    defaults the publish time on publishing and renders image renditions when the
    image changed.
    """
    workflow_check(from_status=previous_status, to_status=article.status, by=by)
    if article._state.adding:
        article.created_by = by
    _stamp(article, from_status=previous_status, by=by, reason=reason)
    if image_changed:
        article.image_renditions = {}
    article.save()
    if image_changed and article.featured_image:
        article.image_renditions = images.make_renditions(
            article.featured_image, article.pk
        )
        Article.objects.filter(pk=article.pk).update(
            image_renditions=article.image_renditions
        )
        freshness.bump()
    return article


@transaction.atomic
def article_set_status(*, article, to_status, by, publish_at=None):
    """Move one article to ``to_status`` (a future ``publish_at`` schedules it)."""
    from_status = article.status
    workflow_check(from_status=from_status, to_status=to_status, by=by)
    article.status = to_status
    if publish_at is not None:
        article.publish_at = publish_at
    _stamp(article, from_status=from_status, by=by, reason="")
    article.full_clean()
    article.save()
    return article


@transaction.atomic
def articles_set_status(*, articles, to_status, by) -> int:
    """Move every article in ``articles`` to ``to_status``, all or none."""
    count = 0
    for article in articles.select_for_update(of=("self",)).order_by("pk"):
        if article.status != to_status:
            article_set_status(article=article, to_status=to_status, by=by)
            count += 1
    return count


@transaction.atomic
def articles_tag(
    *, articles, by, add: bool, topic=None, region=None, entity=None
) -> int:
    """Add (or remove) one topic, region or entity on every article, all or none.

    Each article's version is raised, so an editor with an older copy of it open
    cannot silently put the old tags back.
    """
    (target,) = [value for value in (topic, region, entity) if value is not None]
    manager_name = "topics" if topic else "regions" if region else "entities"
    verb = _("Added") if add else _("Removed")
    count = 0
    for article in articles.select_for_update(of=("self",)).order_by("pk"):
        require_edit(by, article)
        manager = getattr(article, manager_name)
        (manager.add if add else manager.remove)(target)
        article._change_reason = f"{verb} {target._meta.verbose_name} {target}"
        article._history_user = by
        article.save(update_fields=["updated_at"])
        count += 1
    return count


ROLES = {
    "Contributor": (
        "articles.add_article",
        "articles.change_article",
        "articles.delete_article",
        "articles.view_article",
        "articles.view_source",
        "articles.view_topic",
        "articles.view_suggestion",
        "articles.change_suggestion",
        "entities.view_entity",
        "entities.view_entityalias",
        "entities.view_region",
        "taggit.view_tag",
    ),
    "Editor": (
        "articles.add_article",
        "articles.change_article",
        "articles.delete_article",
        "articles.view_article",
        "articles.publish_article",
        "articles.add_source",
        "articles.change_source",
        "articles.delete_source",
        "articles.view_source",
        "articles.add_topic",
        "articles.change_topic",
        "articles.delete_topic",
        "articles.view_topic",
        "articles.view_suggestion",
        "articles.change_suggestion",
        "entities.add_entity",
        "entities.change_entity",
        "entities.delete_entity",
        "entities.view_entity",
        "entities.merge_entity",
        "entities.add_entityalias",
        "entities.change_entityalias",
        "entities.delete_entityalias",
        "entities.view_entityalias",
        "entities.view_entitymerge",
        "entities.add_region",
        "entities.change_region",
        "entities.view_region",
        "taggit.add_tag",
        "taggit.change_tag",
        "taggit.delete_tag",
        "taggit.view_tag",
    ),
}


def roles_sync() -> dict[str, int]:
    """Create the Contributor and Editor groups with exactly their permissions.

    Idempotent: run after every migration and by ``manage.py sync_roles``.
    Returns the number of permissions per group.
    """
    result = {}
    for name, codes in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        permissions = []
        for code in codes:
            app_label, codename = code.split(".")
            permissions.append(
                Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                )
            )
        group.permissions.set(permissions)
        result[name] = len(permissions)
    return result


# Import ------------------------------------------------------------------------


@dataclass
class ImportResult:
    parsed: object
    article: Article
    created: bool
    suggestions: int = 0


def source_for(*, name="", homepage="") -> Source | None:
    """Return the source an article names (by name, slug or web address),
    creating it when it is named but not yet known; ``None`` when unnamed."""
    if not name and not homepage:
        return None
    domain = re.sub(r"^https?://(www\.)?|/.*$", "", homepage or "") or None
    lookup = Q()
    if name:
        lookup |= Q(name__iexact=name) | Q(slug=slugify(name))
    if domain:
        lookup |= Q(homepage__icontains=domain) | Q(name__iexact=domain)
    source = Source.objects.filter(lookup).first()
    if source:
        return source
    name = name or domain
    source = Source(
        name=name,
        slug=slugify(name),
        homepage=homepage or "",
        kind=Source.Kind.NEWS_SITE,
    )
    source.full_clean()
    source.save()
    return source


def find_duplicate(parsed) -> Article | None:
    """An article already holding the same original URL or the same text."""
    lookup = Q(content_hash=content_fingerprint(parsed.body))
    if parsed.original_url:
        lookup |= Q(original_url=parsed.original_url)
    return Article.objects.filter(lookup).first()


@transaction.atomic
def article_import(*, parsed, by=None) -> ImportResult:
    """Create an article "in review" from a parsed file, with its source when one
    can be identified and with suggested entities, regions and topics; or return
    the existing article when the same URL or text is already here."""
    duplicate = find_duplicate(parsed)
    if duplicate:
        return ImportResult(parsed, duplicate, created=False)
    article = Article(
        title=parsed.title[:255],
        body=parsed.body,
        standfirst=parsed.standfirst,
        dateline=parsed.dateline,
        dateline_region=_dateline_region(parsed.dateline),
        source=source_for(name=parsed.outlet, homepage=parsed.outlet_homepage),
        original_url=parsed.original_url,
        original_published_on=parsed.original_published_on,
        byline=parsed.byline,
        credit=parsed.credit,
        language=parsed.language or "id",
        status=Article.Status.REVIEW,
        created_by=by,
    )
    article.full_clean()
    article._change_reason = _("Imported from %(origin)s") % {"origin": parsed.origin}
    article._history_user = by
    article.save()
    return ImportResult(
        parsed, article, created=True, suggestions=len(article_suggest(article=article))
    )


def _dateline_region(dateline):
    from entities import gazetteer

    resolved = gazetteer.resolve(dateline.title()) if dateline else None
    return Region.objects.filter(code=resolved[0].code).first() if resolved else None


# Suggestions -------------------------------------------------------------------


def topic_scores(text: str, title: str = "") -> list[tuple[Topic, int]]:
    """Score every topic by how often its keywords occur (title counts double)."""
    scores = []
    for topic in Topic.objects.exclude(keywords=""):
        score = 0
        for keyword in filter(None, (k.strip() for k in topic.keywords.splitlines())):
            pattern = re.compile(rf"(?<!\w){re.escape(keyword)}(?!\w)", re.IGNORECASE)
            score += len(pattern.findall(text)) + 2 * len(pattern.findall(title))
        if score:
            scores.append((topic, score))
    return scores


@transaction.atomic
def article_suggest(*, article, min_topic_score=2) -> list[Suggestion]:
    """Propose people, organisations, places, regions and topics for ``article``.

    Nothing already on the article is proposed, and nothing proposed before (in
    particular nothing rejected) is proposed again.
    """
    extractor = Extractor(known=entity_services.entity_index())
    proposals = extractor.extract(
        article.body, title=article.title, dateline=article.dateline
    )
    seen = set(article.suggestions.values_list("key", flat=True))
    tagged_entities = set(article.entities.values_list("pk", flat=True))
    tagged_regions = set(article.regions.values_list("code", flat=True))
    created = []
    for proposal in proposals:
        if proposal.key in seen or proposal.entity_id in tagged_entities:
            continue
        if proposal.kind == Suggestion.Kind.REGION and proposal.code in tagged_regions:
            continue
        created.append(
            Suggestion(
                article=article,
                kind=proposal.kind,
                key=proposal.key[:200],
                name=proposal.name[:200],
                role=proposal.role[:200],
                aliases=sorted(proposal.aliases - {proposal.name}),
                code=proposal.code,
                entity_id=proposal.entity_id,
                evidence=proposal.evidence[:1000],
                confidence=round(proposal.confidence, 2),
            )
        )
        seen.add(proposal.key)
    tagged_topics = set(article.topics.values_list("pk", flat=True))
    for topic, score in topic_scores(article.body, article.title):
        key = f"topic:{topic.slug}"
        if (
            score >= min_topic_score
            and key not in seen
            and topic.pk not in tagged_topics
        ):
            created.append(
                Suggestion(
                    article=article,
                    kind=Suggestion.Kind.TOPIC,
                    key=key,
                    name=topic.name,
                    topic=topic,
                    evidence=topic.keywords.replace("\n", ", ")[:1000],
                    confidence=min(0.95, 0.5 + 0.1 * score),
                )
            )
    return Suggestion.objects.bulk_create(created)


def _entity_for(suggestion) -> Entity:
    if suggestion.entity_id:
        return suggestion.entity
    for form in (suggestion.name, *suggestion.aliases):
        existing = Entity.objects.matching_name(form).first()
        if existing:
            return existing
    region = None
    if suggestion.code:
        region = entity_services.region_from_gazetteer(suggestion.code)
    entity = Entity(
        name=suggestion.name[:100],
        kind=suggestion.kind,
        description=suggestion.role,
        region=region,
    )
    entity.save()
    for alias in suggestion.aliases:
        if alias.lower() != entity.name.lower():
            EntityAlias.objects.get_or_create(entity=entity, name=alias[:100])
    return entity


@transaction.atomic
def suggestion_accept(*, suggestion, by) -> Suggestion:
    """Tag the article with what the suggestion names (creating the entity or
    region if it does not exist yet) and mark it accepted."""
    article = suggestion.article
    require_edit(by, article)
    if suggestion.kind == Suggestion.Kind.REGION:
        article.regions.add(entity_services.region_from_gazetteer(suggestion.code))
    elif suggestion.kind == Suggestion.Kind.TOPIC:
        article.topics.add(suggestion.topic)
    else:
        entity = _entity_for(suggestion)
        suggestion.entity = entity
        article.entities.add(entity)
    suggestion.status = Suggestion.Status.ACCEPTED
    suggestion.decided_by, suggestion.decided_at = by, timezone.now()
    suggestion.save()
    article._change_reason = _("Accepted suggestion %(s)s") % {"s": suggestion}
    article._history_user = by
    article.save(update_fields=["updated_at"])
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
