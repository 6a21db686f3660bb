import pytest
from django.urls import reverse

from articles.models import TaggedEntity
from entities import services
from entities.models import Entity, EntityAlias, EntityMerge


@pytest.fixture
def duplicates(make_entity, make_article):
    """Two entries for Krakatau Steel, on overlapping articles."""
    ks = make_entity("PT Krakatau Steel (Persero) Tbk", aliases=["KS"])
    dup = make_entity(
        "Krakatau Steel", aliases=["PT KS", "KS"], description="BUMN baja"
    )
    unit = make_entity("Divisi Baja", parent=dup)
    a1 = make_article(entities=[ks])
    a2 = make_article(entities=[dup])
    both = make_article(entities=[ks, dup])
    return ks, dup, unit, a1, a2, both


def links():
    return set(TaggedEntity.objects.values_list("content_object_id", "tag__name"))


@pytest.mark.django_db
class TestMerge:
    def test_survivor_keeps_every_article_and_the_names(self, duplicates, editor):
        ks, dup, unit, a1, a2, both = duplicates

        (log,) = services.entity_merge(survivor=ks, others=[dup], by=editor)

        assert not Entity.objects.filter(name="Krakatau Steel").exists()
        for article in (a1, a2, both):
            assert list(article.entities.all()) == [ks]
        assert set(ks.aliases.values_list("name", flat=True)) == {
            "KS",
            "PT KS",
            "Krakatau Steel",
        }
        assert Entity.objects.matching_name("Krakatau Steel").get() == ks
        unit.refresh_from_db()
        assert unit.parent == ks
        ks.refresh_from_db()
        assert ks.description == "BUMN baja"  # filled where the survivor had none
        assert log.merged_by == editor
        assert log.snapshot["articles"] == sorted([a2.pk, both.pk])
        assert "Krakatau Steel" in ks.history.first().history_change_reason

    def test_undo_puts_everything_back(self, duplicates, editor):
        ks, dup, unit, a1, a2, both = duplicates
        before_links = links()
        before_aliases = set(EntityAlias.objects.values_list("entity__name", "name"))

        (log,) = services.entity_merge(survivor=ks, others=[dup], by=editor)
        restored = services.entity_merge_undo(merge=log, by=editor)

        assert restored.name == "Krakatau Steel"
        assert restored.slug == dup.slug
        assert links() == before_links
        assert (
            set(EntityAlias.objects.values_list("entity__name", "name"))
            == before_aliases
        )
        unit.refresh_from_db()
        assert unit.parent == restored
        ks.refresh_from_db()
        assert ks.description == ""
        log.refresh_from_db()
        assert log.undone_at is not None
        with pytest.raises(services.ValidationError):
            services.entity_merge_undo(merge=log, by=editor)

    def test_admin_merge_action_with_a_choice_of_survivor(
        self, client, editor, duplicates
    ):
        ks, dup, *_ = duplicates
        client.force_login(editor)
        url = reverse("admin:entities_entity_changelist")
        page = client.post(
            url, {"action": "merge_entities", "_selected_action": [ks.pk, dup.pk]}
        )
        assert page.status_code == 200
        assert "Krakatau Steel" in page.content.decode()
        client.post(
            url,
            {
                "action": "merge_entities",
                "_selected_action": [ks.pk, dup.pk],
                "apply": "1",
                "survivor": dup.pk,
            },
        )
        assert not Entity.objects.filter(pk=ks.pk).exists()
        assert EntityMerge.objects.get().survivor == dup

    def test_contributors_cannot_merge(self, client, contributor, duplicates):
        ks, dup, *_ = duplicates
        client.force_login(contributor)
        client.post(
            reverse("admin:entities_entity_changelist"),
            {
                "action": "merge_entities",
                "_selected_action": [ks.pk, dup.pk],
                "apply": "1",
                "survivor": ks.pk,
            },
        )
        assert Entity.objects.filter(pk__in=[ks.pk, dup.pk]).count() == 2

    def test_admin_undo_action_says_what_it_will_change_first(
        self, client, editor, duplicates
    ):
        ks, dup, *_ = duplicates
        (log,) = services.entity_merge(survivor=ks, others=[dup], by=editor)
        client.force_login(editor)
        url = reverse("admin:entities_entitymerge_changelist")
        confirm = client.post(
            url, {"action": "undo_merges", "_selected_action": [log.pk]}
        )
        assert confirm.status_code == 200
        assert "“Krakatau Steel”" in confirm.content.decode()
        assert not Entity.objects.filter(name="Krakatau Steel").exists()
        client.post(
            url, {"action": "undo_merges", "_selected_action": [log.pk], "apply": "1"}
        )
        assert Entity.objects.filter(name="Krakatau Steel").exists()


@pytest.mark.django_db
class TestSplitAndRename:
    def test_split_moves_the_chosen_articles(
        self, make_entity, make_article, editor, client
    ):
        gunawan = make_entity("Gunawan", kind=Entity.Kind.PERSON)
        a1, a2 = make_article(entities=[gunawan]), make_article(entities=[gunawan])
        client.force_login(editor)
        url = reverse("admin:entities_entity_split", args=[gunawan.pk])
        assert client.get(url).status_code == 200
        response = client.post(
            url, {"name": "Gunawan (Japnas)", "kind": "person", "articles": [a2.pk]}
        )
        assert response.status_code == 302
        new = Entity.objects.get(name="Gunawan (Japnas)")
        assert list(a1.entities.all()) == [gunawan]
        assert list(a2.entities.all()) == [new]

    def test_rename_keeps_the_old_name_as_alias(self, client, editor, make_entity):
        entity = make_entity("Disperindag Cilegon")
        client.force_login(editor)
        response = client.post(
            reverse("admin:entities_entity_change", args=[entity.pk]),
            {
                "name": "Dinas Perindustrian dan Perdagangan Kota Cilegon",
                "kind": "organisation",
                "description": "",
                "slug": entity.slug,
                "expected_version": entity.version,
                "aliases-TOTAL_FORMS": 0,
                "aliases-INITIAL_FORMS": 0,
                "aliases-MIN_NUM_FORMS": 0,
                "aliases-MAX_NUM_FORMS": 1000,
            },
        )
        assert response.status_code == 302
        entity.refresh_from_db()
        assert entity.name.startswith("Dinas")
        assert entity.slug == "disperindag-cilegon"  # addresses do not change
        assert Entity.objects.matching_name("Disperindag Cilegon").get() == entity

    def test_entity_change_form_shows_co_mentions(self, client, editor, seed_data):
        entity = Entity.objects.get(name="Kementerian Perindustrian")
        client.force_login(editor)
        content = client.get(
            reverse("admin:entities_entity_change", args=[entity.pk])
        ).content
        assert "Kota Cilegon</a> (2)" in content.decode()


def test_entities_never_imports_articles():
    import ast
    import pathlib

    root = pathlib.Path(__file__).resolve().parents[2] / "entities"
    for path in root.rglob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            assert not any(n.split(".")[0] == "articles" for n in names), path


@pytest.mark.django_db
class TestDeskFixes:
    """Issue 13.7: entities that save on the first try, a merge page that counts
    right, and addresses that survive merges and renames."""

    def test_a_new_entity_saves_without_a_slug(self, client, editor):
        client.force_login(editor)
        response = client.post(
            reverse("admin:entities_entity_add"),
            {
                "name": "PT Baja Baru Nusantara",
                "slug": "",
                "kind": "organisation",
                "description": "",
                "aliases-TOTAL_FORMS": 0,
                "aliases-INITIAL_FORMS": 0,
            },
        )
        assert response.status_code == 302, response.context["adminform"].errors
        assert Entity.objects.get(name="PT Baja Baru Nusantara").slug == (
            "pt-baja-baru-nusantara"
        )

    def test_merge_page_counts_right_under_a_search_and_picks_the_biggest(
        self, client, editor, make_entity, make_article
    ):
        big = make_entity("PT Semen Nusantara", aliases=["Semen Nusa", "SN Semen"])
        small = make_entity("Semen Nusantara")
        for _ in range(3):
            make_article(entities=[big])
        make_article(entities=[small])
        client.force_login(editor)
        page = client.post(
            reverse("admin:entities_entity_changelist") + "?q=Semen",
            {"action": "merge_entities", "_selected_action": [small.pk, big.pk]},
        )
        counts = {e.name: e.article_total for e in page.context["entities"]}
        assert counts == {"PT Semen Nusantara": 3, "Semen Nusantara": 1}
        assert page.context["survivor"] == big.pk
        assert f'value="{big.pk}" required checked' in page.content.decode()

    def test_merged_and_renamed_entities_keep_their_addresses(
        self, client, editor, make_entity, make_article
    ):
        ks, dup = make_entity("PT Krakatau Steel"), make_entity("Krakatau Steel")
        make_article(entities=[ks, dup])
        old = dup.get_absolute_url()
        (log,) = services.entity_merge(survivor=ks, others=[dup], by=editor)
        response = client.get(old)
        assert response.status_code == 301
        assert response["Location"] == ks.get_absolute_url()
        ks.slug = "krakatau-steel-persero"
        services.entity_update(entity=ks, by=editor)
        assert client.get("/entitas/pt-krakatau-steel/")["Location"] == (
            "/entitas/krakatau-steel-persero/"
        )
        assert client.get(old)["Location"] == "/entitas/krakatau-steel-persero/"
        services.entity_merge_undo(merge=log, by=editor)
        assert client.get(old).status_code == 200  # its own page again


@pytest.mark.django_db
def test_changed_article_slugs_keep_their_addresses(client, editor, make_article):
    from articles import editorial as article_services

    article = make_article(title="Judul lama")
    old = article.get_absolute_url()
    article.slug = "judul-baru"
    article_services.article_update(article=article, by=editor)
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == "/artikel/judul-baru/"
    english = client.get("/en" + old)
    assert english["Location"] == "/en/artikel/judul-baru/"
    assert client.get("/artikel/tidak-pernah-ada/").status_code == 404
