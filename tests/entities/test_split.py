"""Splitting a big entity (issue 25): 6,176 articles listed as checkboxes made
a 2.8 s, 1.1 MB page. Now: 50 a page, a search box and a date range, and
"every article matching the filter"."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, TaggedEntity
from entities.models import Entity


def _articles_of(entity, count, title, day):
    when = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    articles = [
        Article(
            title=f"{title} {n}",
            slug=f"{title.lower().replace(' ', '-')}-{n}",
            body=f"<p>Isi {n}.</p>",
            status=Article.Status.PUBLISHED,
            publish_at=when,
        )
        for n in range(count)
    ]
    for article in articles:
        article.derive()
    made = Article.objects.bulk_create(articles, batch_size=500)
    TaggedEntity.objects.bulk_create(
        [TaggedEntity(tag=entity, content_object=a) for a in made], batch_size=500
    )
    return made


@pytest.fixture
def gunawan(make_entity):
    entity = make_entity("Gunawan", kind=Entity.Kind.PERSON)
    _articles_of(entity, 5600, "Gunawan pengusaha baja", datetime.date(2026, 3, 2))
    _articles_of(entity, 400, "Gunawan Japnas", datetime.date(2026, 6, 15))
    return entity


@pytest.mark.django_db
class TestSplitBigEntity:
    @pytest.mark.slow
    def test_a_big_entity_splits_by_filter_on_a_small_page(
        self, client, editor, gunawan, django_assert_max_num_queries
    ):
        client.force_login(editor)
        url = reverse("admin:entities_entity_split", args=[gunawan.pk])
        client.get(url)  # the session
        with django_assert_max_num_queries(12):
            page = client.get(url)
        assert page.status_code == 200
        assert len(page.content) < 100 * 1024
        assert page.content.decode().count('name="articles"') == 50

        found = client.get(url, {"q": "japnas", "date_from": "2026-06-01"})
        assert found.context["page"].paginator.count == 400

        response = client.post(
            url,
            {
                "name": "Gunawan (Japnas)",
                "kind": "person",
                "scope": "filter",
                "q": "japnas",
                "date_from": "2026-06-01",
                "expected": "400",
            },
        )
        assert response.status_code == 302
        new = Entity.objects.get(name="Gunawan (Japnas)")
        assert new.tagged_articles.count() == 400
        assert gunawan.tagged_articles.count() == 5600
        assert not new.tagged_articles.exclude(
            content_object__title__startswith="Gunawan Japnas"
        ).exists()


@pytest.mark.django_db
class TestSplitFilters:
    def test_ticked_articles_move(self, client, editor, make_entity):
        entity = make_entity("Budi", kind=Entity.Kind.PERSON)
        one, two = _articles_of(entity, 2, "Budi", datetime.date(2026, 1, 5))
        client.force_login(editor)
        url = reverse("admin:entities_entity_split", args=[entity.pk])
        response = client.post(
            url,
            {
                "name": "Budi (Kadin)",
                "kind": "person",
                "scope": "chosen",
                "articles": [two.pk],
            },
        )
        assert response.status_code == 302
        assert list(
            Entity.objects.get(name="Budi (Kadin)").tagged_articles.values_list(
                "content_object_id", flat=True
            )
        ) == [two.pk]

    def test_nothing_ticked_and_bad_dates_are_said_in_indonesian(
        self, client, editor, make_entity
    ):
        entity = make_entity("Sari", kind=Entity.Kind.PERSON)
        _articles_of(entity, 3, "Sari", datetime.date(2026, 1, 5))
        client.force_login(editor)
        url = reverse("admin:entities_entity_split", args=[entity.pk])
        empty = client.post(
            url, {"name": "Sari (2)", "kind": "person", "scope": "chosen"}
        )
        assert empty.status_code == 200
        assert "Centang paling sedikit satu artikel" in empty.content.decode()
        assert not Entity.objects.filter(name="Sari (2)").exists()
        bad = client.get(url, {"date_from": "kemarin"})
        assert bad.status_code == 400
        backwards = client.get(
            url, {"date_from": "2026-02-01", "date_to": "2026-01-01"}
        )
        assert "Tanggal awal setelah tanggal akhir" in backwards.content.decode()

    def test_a_filter_that_now_matches_more_asks_again(
        self, client, editor, make_entity
    ):
        entity = make_entity("Rudi", kind=Entity.Kind.PERSON)
        _articles_of(entity, 3, "Rudi", datetime.date(2026, 1, 5))
        client.force_login(editor)
        url = reverse("admin:entities_entity_split", args=[entity.pk])
        response = client.post(
            url,
            {"name": "Rudi (2)", "kind": "person", "scope": "filter", "expected": "2"},
        )
        assert response.status_code == 200
        assert not Entity.objects.filter(name="Rudi (2)").exists()


@pytest.mark.django_db
def test_ticks_survive_a_refused_split(client, editor, make_entity):
    entity = make_entity("Andi", kind=Entity.Kind.PERSON)
    make_entity("Andi (Kadin)", kind=Entity.Kind.PERSON)
    one, two = _articles_of(entity, 2, "Andi", datetime.date(2026, 1, 5))
    client.force_login(editor)
    url = reverse("admin:entities_entity_split", args=[entity.pk])
    response = client.post(
        url,
        {
            "name": "Andi (Kadin)",
            "kind": "person",
            "scope": "chosen",
            "articles": [two.pk],
        },
    )
    assert response.status_code == 200  # the name is taken
    html = response.content.decode()
    assert f'value="{two.pk}" id="article-{two.pk}" checked' in html
    assert f'value="{one.pk}" id="article-{one.pk}">' in html
