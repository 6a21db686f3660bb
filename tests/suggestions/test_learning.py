"""Learning from the desk: accepted forms become aliases that find the entity in
the next article; what the desk keeps rejecting is not proposed again."""

import pytest

from articles.suggestions import services
from entities import services as entity_services
from entities.models import Entity, EntityAlias

pytestmark = pytest.mark.django_db


def suggestions(make_article, body, status="review"):
    article = make_article(body=f"<p>{body}</p>", status=status)
    return article, {s.name: s for s in services.article_suggest(article=article)}


def test_evidence_names_the_rule_that_fired(make_article):
    _article, found = suggestions(
        make_article, "Direktur Utama PT Baja Jambi, Budi Santoso, mengatakan."
    )
    assert found["Budi Santoso"].evidence.startswith("[people.role_apposition] ")


def test_an_accepted_variant_becomes_an_alias_that_finds_the_entity(
    make_article, make_entity, editor
):
    entity = make_entity("Dinas Perindustrian Provinsi Jambi", kind="organisation")
    _article, found = suggestions(
        make_article, "Dinas Perindustrian Jambi mencatat ekspor naik."
    )
    suggestion = found["Dinas Perindustrian Provinsi Jambi"]
    assert suggestion.entity == entity
    services.suggestion_accept(suggestion=suggestion, by=editor)
    assert EntityAlias.objects.filter(
        entity=entity, name="Dinas Perindustrian Jambi"
    ).exists()
    # The next article writes only the learned form, in a sentence no rule reads.
    _article, found = suggestions(
        make_article, "Laporan itu disusun bersama dinas perindustrian jambi."
    )
    assert found["Dinas Perindustrian Provinsi Jambi"].entity == entity


def test_rejected_twice_is_not_proposed_again(make_article, editor):
    text = "Ketua Koperasi Maju, Wage Rudolf, mengatakan harga naik."
    for _ in range(2):
        _article, found = suggestions(make_article, text)
        services.suggestion_reject(suggestion=found["Wage Rudolf"], by=editor)
    _article, found = suggestions(make_article, text)
    assert "Wage Rudolf" not in found


def test_rejected_once_is_still_proposed(make_article, editor):
    text = "Ketua Koperasi Maju, Wage Rudolf, mengatakan harga naik."
    _article, found = suggestions(make_article, text)
    services.suggestion_reject(suggestion=found["Wage Rudolf"], by=editor)
    _article, found = suggestions(make_article, text)
    assert "Wage Rudolf" in found


def test_the_index_is_built_once_and_rebuilt_when_entities_change(make_entity):
    make_entity("PT Baja Jambi", kind="organisation")
    first = entity_services.entity_index()
    assert entity_services.entity_index() is first
    EntityAlias.objects.create(entity=Entity.objects.get(), name="BJ")
    second = entity_services.entity_index()
    assert second is not first
    assert second.get("BJ").name == "PT Baja Jambi"
