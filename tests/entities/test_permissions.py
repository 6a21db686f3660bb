"""Issue 26: entity services check the user's permission themselves, whoever
calls them (the admin is one caller). Each test failed before the fix."""

import pytest
from django.core.exceptions import PermissionDenied

from entities import services
from entities.models import Entity, EntityMerge

pytestmark = pytest.mark.security


@pytest.fixture
def pair(make_entity, make_article):
    keep, dup = make_entity("PT Krakatau Steel"), make_entity("Krakatau Steel")
    article = make_article(entities=[dup])
    return keep, dup, article


@pytest.mark.parametrize("who", ["contributor", None])
def test_merge_split_and_undo_need_the_merge_permission(who, request, pair, editor):
    user = request.getfixturevalue(who) if who else None
    keep, dup, article = pair
    with pytest.raises(PermissionDenied):
        services.entity_merge(survivor=keep, others=[dup], by=user)
    assert Entity.objects.filter(pk=dup.pk).exists()
    with pytest.raises(PermissionDenied):
        services.entity_split(
            entity=dup, name="Baru", kind="person", article_ids=[article.pk], by=user
        )
    assert not Entity.objects.filter(name="Baru").exists()
    (log,) = services.entity_merge(survivor=keep, others=[dup], by=editor)
    with pytest.raises(PermissionDenied):
        services.entity_merge_undo(merge=log, by=user)
    assert EntityMerge.objects.get(pk=log.pk).undone_at is None


def test_saving_an_entity_needs_add_or_change_permission(contributor, editor, pair):
    keep, _dup, _article = pair
    keep.description = "Ditulis kontributor"
    with pytest.raises(PermissionDenied):
        services.entity_update(entity=keep, by=contributor)
    with pytest.raises(PermissionDenied):
        services.entity_update(entity=Entity(name="Entitas baru"), by=contributor)
    assert Entity.objects.get(pk=keep.pk).description == ""
    assert not Entity.objects.filter(name="Entitas baru").exists()
    services.entity_update(entity=Entity(name="Entitas baru"), by=editor)
    assert Entity.objects.filter(name="Entitas baru").exists()
