import datetime

import pytest
from django.db import IntegrityError
from django.utils import timezone

from articles.models import Article


@pytest.mark.django_db
class TestPublished:
    def test_published_includes_only_published_with_past_time(self, make_article):
        visible = make_article()
        make_article(status=Article.Status.DRAFT)
        make_article(status=Article.Status.REVIEW)
        make_article(status=Article.Status.ARCHIVED, publish_at=timezone.now())

        assert list(Article.objects.published()) == [visible]

    def test_published_excludes_future_publish_time(self, make_article):
        scheduled = make_article(
            publish_at=timezone.now() + datetime.timedelta(minutes=5)
        )

        assert scheduled.is_scheduled
        assert not scheduled.is_public
        assert not Article.objects.published().exists()

    def test_scheduled_article_appears_once_its_time_has_passed(self, make_article):
        article = make_article(publish_at=timezone.now() + datetime.timedelta(hours=1))
        # Nothing is run in between: visibility is computed at query time.
        Article.objects.filter(pk=article.pk).update(
            publish_at=timezone.now() - datetime.timedelta(seconds=1)
        )
        assert list(Article.objects.published()) == [article]


@pytest.mark.django_db
class TestConstraints:
    def test_published_article_needs_a_publish_time(self):
        with pytest.raises(IntegrityError):
            Article.objects.create(
                title="T", slug="t", body="b", status=Article.Status.PUBLISHED
            )

    def test_image_needs_alt_text(self):
        with pytest.raises(IntegrityError):
            Article.objects.create(
                title="T", slug="t", body="b", featured_image="articles/x.jpg"
            )


@pytest.mark.django_db
def test_slug_is_derived_from_title_and_kept_unique():
    first = Article.objects.create(title="Kawasan Industri Cilegon", body="b")
    second = Article.objects.create(title="Kawasan industri Cilegon!", body="b")
    third = Article.objects.create(title="Kawasan Industri Cilegon", body="b")
    assert first.slug == "kawasan-industri-cilegon"
    assert second.slug == "kawasan-industri-cilegon-2"
    assert third.slug == "kawasan-industri-cilegon-3"


@pytest.mark.django_db
def test_entities_and_keywords_are_separate_tag_sets(make_article, make_entity):
    ks = make_entity("PT Krakatau Steel (Persero) Tbk")
    article = make_article(entities=[ks])
    article.keywords.add("baja")

    assert list(article.entities.all()) == [ks]
    assert list(article.keywords.names()) == ["baja"]
    assert list(Article.objects.filter(entities=ks)) == [article]


@pytest.mark.django_db
def test_for_listing_loads_relations_in_constant_queries(
    django_assert_num_queries, make_article, make_entity, make_region, make_topic
):
    region, topic, entity = make_region(), make_topic(), make_entity()
    for _ in range(5):
        make_article(regions=[region], topics=[topic], entities=[entity])

    # articles (with source joined) + regions + topics + entities
    with django_assert_num_queries(4):
        rows = [
            (
                a.source,
                list(a.regions.all()),
                list(a.topics.all()),
                list(a.entities.all()),
            )
            for a in Article.objects.for_listing()
        ]
    assert len(rows) == 5
