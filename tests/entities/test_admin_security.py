"""Red team round two (issue 32, Medium) on the entity and topic admin. Each
test failed before its fix."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.security


def test_a_contributor_opens_an_entity_page(client, contributor, make_entity):
    """Was a 500: ``KeyError: 'slug'`` (the read-only form has no slug field)."""
    entity = make_entity("PT Krakatau Steel", aliases=["KS"])
    client.force_login(contributor)
    page = client.get(reverse("admin:entities_entity_change", args=[entity.pk]))
    assert page.status_code == 200
    assert "PT Krakatau Steel" in page.content.decode()


def entity_form(entity, **changes):
    return {
        "name": entity.name,
        "slug": entity.slug,
        "kind": entity.kind,
        "description": entity.description,
        "expected_version": entity.version,
        "aliases-TOTAL_FORMS": 0,
        "aliases-INITIAL_FORMS": 0,
        **changes,
    }


def test_a_stale_entity_save_is_refused_and_nothing_is_overwritten(
    client, editor, make_user, make_entity
):
    entity = make_entity("PT Chandra Asri", description="Asli")
    url = reverse("admin:entities_entity_change", args=[entity.pk])
    opened = entity_form(entity)  # both editors open version 1
    other = make_user("Editor", "redaktur2")
    client.force_login(other)
    first = client.post(url, {**opened, "description": "Ditulis redaktur kedua"})
    assert first.status_code == 302
    client.force_login(editor)
    late = client.post(url, {**opened, "description": "Ditulis redaktur pertama"})
    assert late.status_code == 200
    html = late.content.decode()
    assert "redaktur2" in html  # who changed it
    assert "Ditulis redaktur pertama" in html  # the refused edit is kept
    entity.refresh_from_db()
    assert entity.description == "Ditulis redaktur kedua"
    assert entity.version == 2
    # Based on the version now stored, the same edit saves.
    again = client.post(
        url,
        {**opened, "expected_version": 2, "description": "Ditulis redaktur pertama"},
    )
    assert again.status_code == 302
    entity.refresh_from_db()
    assert (entity.description, entity.version) == ("Ditulis redaktur pertama", 3)


def test_an_entity_form_without_its_version_is_refused(client, editor, make_entity):
    entity = make_entity("PT Pupuk Indonesia")
    data = entity_form(entity, description="Tanpa versi")
    del data["expected_version"]
    client.force_login(editor)
    url = reverse("admin:entities_entity_change", args=[entity.pk])
    assert client.post(url, data).status_code == 200
    entity.refresh_from_db()
    assert entity.description == ""


def test_the_service_refuses_a_stale_version(editor, make_entity):
    from django.core.exceptions import ValidationError

    from entities import services

    entity = make_entity("PT Timah")
    entity.description = "Baru"
    services.entity_update(entity=entity, by=editor, expected_version=1)
    stale = type(entity).objects.get(pk=entity.pk)
    stale.description = "Basi"
    with pytest.raises(ValidationError) as refused:
        services.entity_update(entity=stale, by=editor, expected_version=1)
    assert refused.value.code == "conflict"
    assert type(entity).objects.get(pk=entity.pk).description == "Baru"


def test_a_chain_of_merges_keeps_every_undo_record(editor, make_entity, make_article):
    """A into B, then B into C: the first merge's record was deleted with B."""
    from articles.models import TaggedEntity
    from entities import services
    from entities.models import Entity, EntityMerge

    a, b, c = (make_entity(n) for n in ("PT Baja A", "PT Baja B", "PT Baja C"))
    on_a, on_b, on_c = (make_article(entities=[e]) for e in (a, b, c))

    def links():
        return set(TaggedEntity.objects.values_list("content_object_id", "tag__name"))

    before = links()
    (first,) = services.entity_merge(survivor=b, others=[a], by=editor)
    (second,) = services.entity_merge(survivor=c, others=[b], by=editor)
    assert set(EntityMerge.objects.values_list("pk", flat=True)) == {
        first.pk,
        second.pk,
    }
    first.refresh_from_db()
    assert first.survivor == c
    # Undone in either order, everything comes back.
    services.entity_merge_undo(merge=first, by=editor)
    assert {on_a.pk: "PT Baja A"}.items() <= dict(links()).items()
    second.refresh_from_db()
    restored_b = services.entity_merge_undo(merge=second, by=editor)
    assert links() == before
    assert set(Entity.objects.values_list("name", flat=True)) == {
        "PT Baja A",
        "PT Baja B",
        "PT Baja C",
    }
    assert restored_b.aliases.count() == 0
    assert not Entity.objects.get(name="PT Baja C").aliases.exists()


def test_undoing_the_later_merge_hands_the_earlier_record_back(
    editor, make_entity, make_article
):
    from entities import services

    a, b, c = (make_entity(n) for n in ("CV Semen A", "CV Semen B", "CV Semen C"))
    make_article(entities=[a])
    (first,) = services.entity_merge(survivor=b, others=[a], by=editor)
    (second,) = services.entity_merge(survivor=c, others=[b], by=editor)
    restored_b = services.entity_merge_undo(merge=second, by=editor)
    first.refresh_from_db()
    assert first.survivor == restored_b
    restored_a = services.entity_merge_undo(merge=first, by=editor)
    assert restored_a.name == "CV Semen A"
    assert list(restored_a.tagged_articles.values_list("tag__name", flat=True)) == [
        "CV Semen A"
    ]
