"""Writes on the vocabulary: merge, undo a merge, split and rename entities.

Articles are reached only through reverse relations (``entity.tagged_articles``
is the article–entity link table), so this app never imports ``articles``.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .models import Entity, EntityAlias, EntityMerge, EntityRedirect, Region
from .signals import article_links_changed
from .versioning import version_check, version_raise


def _require(by, permission) -> None:
    """Refuse unless ``by`` holds ``permission``: every decision on the
    vocabulary names the person making it, and each service checks it itself
    (the admin is one caller among others)."""
    if by is None or not by.has_perm(permission):
        raise PermissionDenied(_("You may not change entities this way."))


def _redirect(old_slug, entity) -> None:
    """Make ``old_slug`` answer with ``entity``'s page (301)."""
    if old_slug and old_slug != entity.slug:
        EntityRedirect.objects.update_or_create(
            old_slug=old_slug, defaults={"entity": entity}
        )


def _claim_slug(entity) -> None:
    """An entity's own slug is never a redirect to another one."""
    EntityRedirect.objects.filter(old_slug=entity.slug).delete()


def _add_alias(entity, name) -> bool:
    """Give ``entity`` the alias ``name``; return whether it was new."""
    if not name or name.lower() == entity.name.lower():
        return False
    return EntityAlias.objects.get_or_create(entity=entity, name=name)[1]


@transaction.atomic
def entity_merge(*, survivor: Entity, others, by) -> list[EntityMerge]:
    """Merge ``others`` into ``survivor`` and return one undoable log per merge.

    The survivor gains every article link, alias and sub-organisation of the
    others, their names as aliases, and any description or region it lacked.
    Nothing is lost: each merged entity's fields, aliases and article links are
    kept in its ``EntityMerge.snapshot``. Needs ``entities.merge_entity``.
    """
    _require(by, "entities.merge_entity")
    logs, touched = [], set()
    for other in others:
        if other.pk == survivor.pk:
            continue
        links = other.tagged_articles.all()
        article_ids = sorted(links.values_list("content_object_id", flat=True))
        already = set(
            survivor.tagged_articles.filter(
                content_object_id__in=article_ids
            ).values_list("content_object_id", flat=True)
        )
        aliases = sorted(other.aliases.values_list("name", flat=True))
        snapshot = {
            "name": other.name,
            "slug": other.slug,
            "kind": other.kind,
            "description": other.description,
            "region": other.region.code if other.region_id else None,
            "parent": other.parent_id,
            "aliases": aliases,
            "articles": article_ids,
            "articles_already_on_survivor": sorted(already),
            "units": sorted(other.units.values_list("pk", flat=True)),
            "survivor_filled": [],
        }
        links.filter(content_object_id__in=already).delete()
        links.update(tag=survivor)
        touched.update(article_ids)
        # The merged entity's addresses (its own and any it inherited) now
        # lead to the survivor.
        snapshot["redirects"] = sorted(
            [other.slug, *other.redirects.values_list("old_slug", flat=True)]
        )
        other.redirects.update(entity=survivor)
        _redirect(other.slug, survivor)
        other.units.update(parent=survivor)
        # Merges into ``other`` would go with it (their survivor is deleted):
        # they follow their articles to the new survivor, and undoing this
        # merge hands them back.
        snapshot["merges"] = sorted(
            EntityMerge.objects.filter(survivor=other).values_list("pk", flat=True)
        )
        EntityMerge.objects.filter(pk__in=snapshot["merges"]).update(survivor=survivor)
        snapshot["added_aliases"] = [
            name for name in (*aliases, other.name) if _add_alias(survivor, name)
        ]
        for field in ("description", "region"):
            if not getattr(survivor, field) and getattr(other, field):
                setattr(survivor, field, getattr(other, field))
                snapshot["survivor_filled"].append(field)
        survivor._change_reason = _("Merged “%(name)s” into this entity") % {
            "name": other.name
        }
        survivor._history_user = by
        version_raise(survivor)
        survivor.save()
        other._change_reason = _("Merged into “%(name)s”") % {"name": survivor.name}
        other._history_user = by
        other.delete()
        logs.append(
            EntityMerge.objects.create(
                survivor=survivor,
                merged_name=snapshot["name"],
                snapshot=snapshot,
                merged_by=by,
            )
        )
    _links_changed(
        touched,
        by=by,
        reason=_("Entities merged into “%(name)s”") % {"name": survivor.name},
    )
    return logs


@transaction.atomic
def entity_merge_undo(*, merge: EntityMerge, by) -> Entity:
    """Recreate the merged entity with its aliases and article links, as before
    (``entities.merge_entity``)."""
    _require(by, "entities.merge_entity")
    if merge.undone_at:
        raise ValidationError(_("This merge has already been undone."))
    snap = merge.snapshot
    survivor = merge.survivor
    if Entity.objects.filter(name=snap["name"]).exists():
        raise ValidationError(
            _("An entity called “%(name)s” exists again; rename it first.")
            % {"name": snap["name"]}
        )
    restored = Entity(
        name=snap["name"],
        slug=snap["slug"],
        kind=snap["kind"],
        description=snap["description"],
        region=Region.objects.filter(code=snap["region"]).first()
        if snap["region"]
        else None,
        parent=Entity.objects.filter(pk=snap["parent"]).first()
        if snap["parent"]
        else None,
    )
    if Entity.objects.filter(slug=restored.slug).exists():
        restored.slug = ""
    restored._change_reason = _("Restored by undoing a merge")
    restored._history_user = by
    restored.save()
    # Its addresses are its own again.
    EntityRedirect.objects.filter(
        old_slug__in=snap.get("redirects", [snap["slug"]]), entity=survivor
    ).update(entity=restored)
    _claim_slug(restored)
    # Names it gained from merges into it that were undone since went back
    # to their own entities then.
    given_back = {
        name
        for earlier in EntityMerge.objects.filter(
            pk__in=snap.get("merges", []), undone_at__isnull=False
        )
        for name in earlier.snapshot.get("added_aliases", [])
    }
    for alias in snap["aliases"]:
        if alias not in given_back:
            EntityAlias.objects.get_or_create(entity=restored, name=alias)
    moved = [
        pk for pk in snap["articles"] if pk not in snap["articles_already_on_survivor"]
    ]
    survivor.tagged_articles.filter(content_object_id__in=moved).update(tag=restored)
    link_model = survivor.tagged_articles.model
    link_model.objects.bulk_create(
        link_model(tag=restored, content_object_id=pk)
        for pk in snap["articles_already_on_survivor"]
    )
    Entity.objects.filter(pk__in=snap["units"], parent=survivor).update(parent=restored)
    EntityMerge.objects.filter(pk__in=snap.get("merges", []), survivor=survivor).update(
        survivor=restored
    )
    survivor.aliases.filter(name__in=snap["added_aliases"]).delete()
    for field in snap["survivor_filled"]:
        setattr(survivor, field, "" if field == "description" else None)
    survivor._change_reason = _("Undid the merge of “%(name)s”") % {
        "name": snap["name"]
    }
    survivor._history_user = by
    version_raise(survivor)
    survivor.save()
    merge.undone_at = timezone.now()
    merge.save(update_fields=["undone_at"])
    _links_changed(
        snap["articles"],
        by=by,
        reason=_("Undid the merge of “%(name)s”") % {"name": snap["name"]},
    )
    return restored


@transaction.atomic
def entity_split(*, entity: Entity, name: str, kind: str, article_ids, by) -> Entity:
    """Create a new entity called ``name`` and move the given articles' links from
    ``entity`` to it (for one name that covered two people or organisations;
    ``entities.merge_entity``)."""
    _require(by, "entities.merge_entity")
    if Entity.objects.filter(name__iexact=name).exists():
        raise ValidationError(
            _("An entity called “%(name)s” already exists.") % {"name": name}
        )
    new = Entity(name=name, kind=kind, region=entity.region)
    new._change_reason = _("Split from “%(name)s”") % {"name": entity.name}
    new._history_user = by
    new.save()
    moved = list(
        entity.tagged_articles.filter(
            content_object_id__in=list(article_ids)
        ).values_list("content_object_id", flat=True)
    )
    entity.tagged_articles.filter(content_object_id__in=moved).update(tag=new)
    _links_changed(
        moved,
        by=by,
        reason=_("Split “%(new)s” from “%(old)s”")
        % {"new": new.name, "old": entity.name},
    )
    return new


@transaction.atomic
def entity_update(*, entity: Entity, by, reason="", expected_version=None) -> Entity:
    """Save a new or edited ``entity`` (its fields already set): the one way the
    newsroom saves an entity, a restored revision included. Renaming keeps the
    old name as an alias, so that it still matches.

    ``expected_version`` is the version the edit started from: if the entity
    changed since, the save is refused (``ValidationError``, code
    ``conflict``) and nothing is written. Needs ``entities.add_entity`` for a
    new entity, ``entities.change_entity`` otherwise."""
    _require(by, "entities.change_entity" if entity.pk else "entities.add_entity")
    version_check(entity, expected_version)
    version_raise(entity)
    old_name, old_slug = (
        Entity.objects.filter(pk=entity.pk).values_list("name", "slug").first()
        if entity.pk
        else (None, None)
    ) or (None, None)
    renamed = old_name is not None and old_name != entity.name
    if renamed and not reason:
        reason = _("Renamed from “%(name)s”") % {"name": old_name}
    entity._change_reason = reason[:100]
    entity._history_user = by
    entity.full_clean(exclude=None if entity.slug else ["slug"])
    entity.save()
    if renamed:
        _add_alias(entity, old_name)
    _redirect(old_slug, entity)
    _claim_slug(entity)
    return entity


@transaction.atomic
def region_from_gazetteer(code: str) -> Region:
    """Return the Region with ``code``, creating it (and any missing parents) from
    the gazetteer."""
    from . import gazetteer

    existing = Region.objects.filter(code=code).first()
    if existing:
        return existing
    parent = None
    for place in gazetteer.ancestry(code):
        region = Region.objects.filter(code=place.code).first()
        if region is None:
            slug = place.slug
            if Region.objects.filter(slug=slug).exists():
                slug = f"{slug}-{slugify(place.code)}"
            region = Region.objects.create(
                name=place.name,
                slug=slug,
                kind=place.kind,
                code=place.code,
                parent=parent,
            )
        parent = region
    if parent is None:
        raise ValidationError(
            _("No region with code %(code)s is known.") % {"code": code}
        )
    return parent


_INDEX_CACHE: dict = {}


def entity_version() -> tuple:
    """A cheap fingerprint of the entities and aliases: it changes whenever one
    is added, deleted or renamed (renaming adds an alias)."""
    from django.db.models import Count, Max

    entities = Entity.objects.aggregate(n=Count("pk"), top=Max("pk"))
    aliases = EntityAlias.objects.aggregate(n=Count("pk"), top=Max("pk"))
    return (entities["n"], entities["top"], aliases["n"], aliases["top"])


def entity_index():
    """The known entities and aliases as one ``KnownIndex`` (an Aho-Corasick
    automaton), built once per process and rebuilt when the entities change."""
    from .extraction import known_index

    version = entity_version()
    cached = _INDEX_CACHE.get("index")
    if cached and cached[0] == version:
        return cached[1]
    aliases = {}
    for entity_id, alias in EntityAlias.objects.values_list("entity_id", "name"):
        aliases.setdefault(entity_id, []).append(alias)
    index = known_index(
        (pk, name, kind, aliases.get(pk, []))
        for pk, name, kind in Entity.objects.values_list("pk", "name", "kind")
    )
    _INDEX_CACHE["index"] = (version, index)
    return index


def _links_changed(article_ids, *, by, reason):
    """Tell the apps that build on entities which articles' tags just moved."""
    if article_ids:
        article_links_changed.send(
            sender=Entity, article_ids=sorted(set(article_ids)), by=by, reason=reason
        )
