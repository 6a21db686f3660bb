import pytest
from django.urls import reverse
from django.utils.html import escape

from articles import publiccounts
from articles.models import Article, Source, Topic
from entities.models import Entity, EntityAlias, Region

ADMIN_MODELS = (Article, Topic, Source, Entity, Region)


@pytest.fixture
def admin_client_seeded(admin_client, seed_data):
    return admin_client


def changelist_url(model):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


@pytest.mark.django_db
@pytest.mark.parametrize("model", ADMIN_MODELS, ids=lambda m: m.__name__)
def test_changelist_add_and_change_pages_render(admin_client_seeded, model):
    opts = model._meta
    assert admin_client_seeded.get(changelist_url(model)).status_code == 200
    add = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
    assert admin_client_seeded.get(add).status_code == 200
    obj = model.objects.first()
    change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    response = admin_client_seeded.get(change)
    assert response.status_code == 200
    # The form is the object's own: its name is in the page's title.
    assert f"<title>{escape(str(obj))} |" in response.content.decode()


@pytest.mark.django_db
def test_article_changelist_shows_the_seed_articles(admin_client_seeded):
    response = admin_client_seeded.get(changelist_url(Article))
    content = response.content.decode()
    for article in Article.objects.all():
        assert article.title in content
    assert "Kota Cilegon" in content


@pytest.mark.django_db
def test_article_change_form_lists_its_entities(admin_client_seeded):
    article = Article.objects.get(slug__startswith="gubernur-banten")
    url = reverse("admin:articles_article_change", args=[article.pk])
    content = admin_client_seeded.get(url).content.decode()
    assert 'name="entities"' in content
    assert "Andra Soni" in content


@pytest.mark.django_db
def test_entity_autocomplete_finds_by_alias(admin_client_seeded):
    response = admin_client_seeded.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "articles",
            "model_name": "article",
            "field_name": "entities",
            "term": "Kemenperin",
        },
    )
    assert response.status_code == 200
    names = [row["text"] for row in response.json()["results"]]
    assert names == ["Kementerian Perindustrian"]


@pytest.mark.django_db
def test_saving_an_article_tags_existing_entities(admin_client_seeded):
    article = Article.objects.get(slug__startswith="pt-ksp-undang")
    url = reverse("admin:articles_article_change", args=[article.pk])
    ks = Entity.objects.get(name="PT Krakatau Steel (Persero) Tbk")
    ulsan = Entity.objects.get(name="Ulsan")
    entity_total = Entity.objects.count()
    form = {
        "title": article.title,
        "slug": article.slug,
        "standfirst": article.standfirst,
        "body": article.body,
        "publish_at_0": "2026-11-20",
        "publish_at_1": "09:00:00",
        "language": "id",
        "regions": [r.pk for r in article.regions.all()],
        "topics": [t.pk for t in article.topics.all()],
        "entities": [ks.pk, ulsan.pk],
        "keywords": "eco industrial park",
        "expected_version": article.version,
        "notes-TOTAL_FORMS": 0,
        "notes-INITIAL_FORMS": 0,
    }

    response = admin_client_seeded.post(url, form)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert set(article.entities.all()) == {ks, ulsan}
    assert Entity.objects.count() == entity_total


@pytest.mark.django_db
@pytest.mark.parametrize("model", ADMIN_MODELS, ids=lambda m: m.__name__)
def test_changelist_queries_do_not_grow_with_rows(
    admin_client,
    django_assert_num_queries,
    make_article,
    make_entity,
    make_region,
    make_topic,
    make_source,
    model,
):
    def add_rows(n):
        for _ in range(n):
            region, topic, source = make_region(), make_topic(), make_source()
            entity = make_entity(region=region, aliases=["alias"])
            make_article(
                regions=[region], topics=[topic], entities=[entity], source=source
            )

    url = changelist_url(model)
    add_rows(2)
    admin_client.get(url)  # warm the session and content types
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert admin_client.get(url).status_code == 200
    add_rows(8)
    # The writes marked public counts stale: the first reader of any page that
    # shows counts recounts those once (publiccounts.refresh), a cost of the writes
    # and not of the list's rows.
    publiccounts.counts_up_to_date()
    with django_assert_num_queries(len(small.captured_queries)):
        assert admin_client.get(url).status_code == 200


@pytest.mark.django_db
def test_article_changelist_query_count(admin_client_seeded, django_assert_num_queries):
    url = changelist_url(Article)
    admin_client_seeded.get(url)
    # session, user, list-filter choices (sources, topics), filtered count, page of
    # articles, their regions, topics and entities (one query: listing.attach_tags)
    # and the content stamp (whether this process's taxonomy memo is current)
    with django_assert_num_queries(8):
        admin_client_seeded.get(url)


@pytest.mark.django_db
def test_entity_alias_inline_saves(admin_client_seeded):
    entity = Entity.objects.get(name="Japnas Banten")
    url = reverse("admin:entities_entity_change", args=[entity.pk])
    aliases = list(entity.aliases.all())
    data = {
        "name": entity.name,
        "slug": entity.slug,
        "kind": entity.kind,
        "description": entity.description,
        "region": entity.region_id,
        "parent": entity.parent_id,
        "expected_version": entity.version,
        "aliases-TOTAL_FORMS": len(aliases) + 1,
        "aliases-INITIAL_FORMS": len(aliases),
        "aliases-MIN_NUM_FORMS": 0,
        "aliases-MAX_NUM_FORMS": 1000,
    }
    for i, alias in enumerate(aliases):
        data[f"aliases-{i}-id"] = alias.pk
        data[f"aliases-{i}-entity"] = entity.pk
        data[f"aliases-{i}-name"] = alias.name
    data[f"aliases-{len(aliases)}-entity"] = entity.pk
    data[f"aliases-{len(aliases)}-name"] = "JAPNAS Banten"

    response = admin_client_seeded.post(url, data)

    assert response.status_code == 302
    assert EntityAlias.objects.filter(entity=entity, name="JAPNAS Banten").exists()


@pytest.mark.django_db
def test_article_changelist_and_change_form_stay_light(
    admin_client_seeded, make_article, django_assert_max_num_queries
):
    entities = list(Entity.objects.all()[:5])
    for _ in range(60):
        make_article(entities=entities, regions=[Region.objects.get(code="36.72")])
    url = changelist_url(Article)
    admin_client_seeded.get(url)  # the session; the taxonomy memo of this process
    # A list of several pages reads a page's ids, then its rows by id
    # (desk.changelist.ArticlePaginator): one query more than a single page.
    with django_assert_max_num_queries(9):
        assert admin_client_seeded.get(url).status_code == 200
    with django_assert_max_num_queries(9):
        assert admin_client_seeded.get(url, {"p": "2"}).status_code == 200
    article = Article.objects.get(slug__startswith="gubernur-banten")
    change = reverse("admin:articles_article_change", args=[article.pk])
    assert len(admin_client_seeded.get(change).content) <= 60 * 1024


@pytest.mark.django_db
def test_article_search_uses_the_text_index(admin_client_seeded):
    url = changelist_url(Article)
    found = admin_client_seeded.get(url, {"q": "Krakatau"}).context["cl"].result_list
    assert found and all(
        "krakatau" in (a.title + a.standfirst + a.body).lower() for a in found
    )
    article = Article.objects.get(slug__startswith="gubernur-banten")
    by_slug = admin_client_seeded.get(url, {"q": article.slug}).context["cl"]
    assert list(by_slug.result_list) == [article]


@pytest.mark.django_db
def test_an_editor_deletes_an_imported_article_with_everything_it_owns(
    client, editor, make_article, make_region, make_entity
):
    """Issue 25: editors could not delete any article with suggestions ("your
    account doesn't have permission to delete: suggestion"), and the
    superuser's confirm page listed "Article_regions object (39620)"."""
    from articles import editorial
    from articles.models import ArticleNote, Suggestion

    region = make_region("Banten")
    article = make_article(
        "Diimpor", regions=[region], entities=[make_entity("PT Baja")]
    )
    Suggestion.objects.create(
        article=article,
        kind="organisation",
        name="PT Lain",
        evidence="PT Lain",
        confidence=0.8,
    )
    editorial.note_add(article=article, text="Cek angka.", by=editor)
    client.force_login(editor)
    url = reverse("admin:articles_article_delete", args=[article.pk])

    page = client.get(url).content.decode()
    assert "izin" not in page  # nothing the role may not delete
    assert "Article_regions" not in page and "object (" not in page
    assert "1 usulan" in page and "1 catatan internal" in page

    response = client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not Article.objects.filter(pk=article.pk).exists()
    assert not Suggestion.objects.exists() and not ArticleNote.objects.exists()


def _bulk_articles(count, title, status, **fields):
    articles = [
        Article(
            title=f"{title} {n}",
            slug=f"{title.lower().replace(' ', '-')}-{status}-{n}",
            body=f"<p>Paragraf {n}.</p>",
            status=status,
            **fields,
        )
        for n in range(count)
    ]
    for article in articles:
        article.derive()
    return Article.objects.bulk_create(articles, batch_size=500)


@pytest.mark.django_db
def test_admin_search_is_complete_and_its_count_true_with_a_filter(
    admin_client_seeded,
):
    """Issue 25: the search capped matches at 1,000 before the filters and
    showed the capped number as the total ("baja" said 1000 when 11,253
    matched; "baja" in review showed 40 of 221)."""
    _bulk_articles(1100, "Ekspor galvanis", Article.Status.DRAFT)
    _bulk_articles(30, "Pabrik galvanis", Article.Status.REVIEW)
    _bulk_articles(5, "Pabrik semen", Article.Status.REVIEW)
    url = changelist_url(Article)

    everything = admin_client_seeded.get(url, {"q": "galvanis"}).context["cl"]
    assert everything.result_count == 1130

    in_review = admin_client_seeded.get(url, {"q": "galvanis", "workflow": "review"})
    cl = in_review.context["cl"]
    assert cl.result_count == 30
    assert {a.title.split()[0] for a in cl.result_list} == {"Pabrik"}


@pytest.mark.django_db
def test_admin_search_finds_word_prefixes(admin_client_seeded):
    """Issue 25: "Krakat" found nothing; an editor types the start of a name."""
    url = changelist_url(Article)
    cl = admin_client_seeded.get(url, {"q": "Krakat"}).context["cl"]
    whole = admin_client_seeded.get(url, {"q": "Krakatau"}).context["cl"]
    assert cl.result_count == whole.result_count > 0
    none = admin_client_seeded.get(url, {"q": "Krakatx"}).context["cl"]
    assert none.result_count == 0


@pytest.mark.django_db
def test_the_source_filter_has_no_bare_dash(admin_client_seeded):
    """The walk at 390 px: a "-" under the sources (the related filter's empty
    choice, the same list as "Sumber diketahui: Tanpa sumber")."""
    response = admin_client_seeded.get(changelist_url(Article))
    cl = response.context["cl"]
    spec = next(s for s in cl.filter_specs if getattr(s, "field_path", "") == "source")
    choices = list(spec.choices(cl))
    assert len(choices) == 1 + Source.objects.count()  # "All" and each source
    assert not any("source__isnull" in c["query_string"] for c in choices)


@pytest.mark.django_db
def test_the_featured_image_label_is_capitalised(admin_client_seeded):
    article = Article.objects.first()
    change = reverse("admin:articles_article_change", args=[article.pk])
    html = admin_client_seeded.get(change).content.decode()
    assert '<label for="id_featured_image">Gambar utama:</label>' in html
