"""Entities on the desk (issue 25, Lows): a name that is another's alias is
said; an entity's old feed address follows it."""

import pytest
from django.urls import reverse

from entities import services
from entities.models import Entity


@pytest.mark.django_db
def test_a_name_that_is_another_entitys_alias_warns(client, editor, make_entity):
    make_entity("Kementerian Perindustrian", aliases=["Kemenperin"])
    client.force_login(editor)
    response = client.post(
        reverse("admin:entities_entity_add"),
        {
            "name": "Kemenperin",
            "kind": "organisation",
            "description": "",
            "slug": "",
            "aliases-TOTAL_FORMS": 0,
            "aliases-INITIAL_FORMS": 0,
            "aliases-MIN_NUM_FORMS": 0,
            "aliases-MAX_NUM_FORMS": 1000,
        },
        follow=True,
    )
    shown = " ".join(str(m) for m in response.context["messages"])
    assert "juga alias dari Kementerian Perindustrian" in shown
    assert Entity.objects.filter(name="Kemenperin").exists()


@pytest.mark.django_db
def test_an_old_feed_address_follows_the_entity(
    client, editor, make_entity, make_article
):
    entity = make_entity("PT Baja Banten")
    make_article(entities=[entity])
    old = entity.slug
    entity.slug = "baja-banten"
    services.entity_update(entity=entity, by=editor)
    for name in ("articles:entity-feed", "articles:entity-feed-atom"):
        response = client.get(reverse(name, kwargs={"slug": old}))
        assert response.status_code == 301, name
        assert response["Location"] == reverse(name, kwargs={"slug": "baja-banten"})
        assert client.get(response["Location"]).status_code == 200
    assert (
        client.get(
            reverse("articles:entity-feed", kwargs={"slug": "tidak-ada"})
        ).status_code
        == 404
    )
