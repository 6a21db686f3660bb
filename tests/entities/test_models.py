import pytest
from django.core.exceptions import ValidationError

from entities.models import Entity, Region


@pytest.mark.django_db
class TestRegion:
    def test_path_follows_the_chain_of_codes(self, make_region):
        country = make_region("Indonesia", kind=Region.Kind.COUNTRY, code="ID")
        banten = make_region("Banten", parent=country, code="36")
        cilegon = make_region("Kota Cilegon", parent=banten, code="36.72")

        assert cilegon.path == "/ID/36/36.72/"
        assert [r.code for r in cilegon.ancestors()] == ["ID", "36"]

    def test_descendants_include_every_level(self, make_region):
        banten = make_region("Banten", code="36")
        cilegon = make_region("Kota Cilegon", parent=banten, code="36.72")
        district = make_region(
            "Kecamatan Citangkil", parent=cilegon, kind=Region.Kind.DISTRICT
        )
        other = make_region("Nusa Tenggara Barat", code="52")

        subtree = set(Region.objects.descendants_of(banten))

        assert subtree == {banten, cilegon, district}
        assert other not in subtree
        assert banten not in set(
            Region.objects.descendants_of(banten, include_self=False)
        )

    def test_moving_a_region_moves_its_subtree(self, make_region):
        old, new = make_region(code="11"), make_region(code="12")
        child = make_region(parent=old, code="11.01")
        grandchild = make_region(parent=child, code="11.01.001")

        child.parent = new
        child.save()

        grandchild.refresh_from_db()
        assert grandchild.path == "/12/11.01/11.01.001/"
        assert set(Region.objects.descendants_of(new)) == {new, child, grandchild}

    def test_region_cannot_move_below_its_own_descendant(self, make_region):
        top = make_region(code="11")
        child = make_region(parent=top, code="11.01")
        top.parent = child

        with pytest.raises(ValidationError):
            top.full_clean()

    def test_codes_are_unique(self, make_region):
        make_region(code="36")
        with pytest.raises(ValidationError):
            Region(name="Dup", slug="dup", kind="province", code="36").full_clean()


@pytest.mark.django_db
class TestEntity:
    def test_matching_name_finds_by_alias_case_insensitively(self, make_entity):
        ks = make_entity("PT Krakatau Steel (Persero) Tbk", aliases=["KS", "PT KS"])
        make_entity("PT Krakatau Sarana Properti", aliases=["KSP"])

        assert list(Entity.objects.matching_name("pt ks")) == [ks]
        assert list(
            Entity.objects.matching_name("PT Krakatau Steel (Persero) Tbk")
        ) == [ks]

    def test_slug_is_generated_ascii(self, make_entity):
        entity = make_entity("Dinas Perindustrian & Perdagangan")
        assert entity.slug == "dinas-perindustrian-perdagangan"

    def test_parent_must_be_an_organisation(self, make_entity):
        person = make_entity("Andra Soni", kind=Entity.Kind.PERSON)
        unit = make_entity("Biro Ekonomi", parent=person)

        with pytest.raises(ValidationError) as excinfo:
            unit.full_clean()
        assert "parent" in excinfo.value.message_dict
