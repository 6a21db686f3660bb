"""Page-shaped reads (articles/listing.py)."""

import datetime

import pytest
from django.utils import timezone

from articles.site import related


def days_ago(n):
    return timezone.now() - datetime.timedelta(days=n)


@pytest.mark.django_db
class TestRelatedArticles:
    def test_distinctive_entities_rank_by_how_many_are_shared(
        self, make_article, make_entity
    ):
        a, b = make_entity("PT Satu"), make_entity("PT Dua")
        article = make_article(entities=[a, b], publish_at=days_ago(0))
        both = make_article(entities=[a, b], publish_at=days_ago(30))
        one = make_article(entities=[a], publish_at=days_ago(1))
        make_article(entities=[], publish_at=days_ago(1))

        assert related.related_articles(article=article, limit=5) == [both, one]

    def test_when_every_entity_is_frequent_only_the_newest_are_ranked(
        self, settings, make_article, make_entity
    ):
        # At a million articles the frequent entities are on hundreds of
        # thousands: ranking all of them ran into the statement timeout.
        settings.WARTA_FREQUENT_ENTITY = 3
        a, b = make_entity("PT Satu"), make_entity("PT Dua")
        article = make_article(entities=[a, b], publish_at=days_ago(0))
        old_both = make_article(entities=[a, b], publish_at=days_ago(300))
        newest = [
            make_article(entities=[a], publish_at=days_ago(1 + n)) for n in range(25)
        ]
        for n in range(3):
            make_article(entities=[b], publish_at=days_ago(400 + n))
        # limit 1: the newest 20 sharing any are ranked; the old article
        # sharing both is beyond them.
        assert related.related_articles(article=article, limit=1) == [newest[0]]
        # limit 2: the newest 40 include it, and it shares most.
        assert related.related_articles(article=article, limit=2) == [
            old_both,
            newest[0],
        ]
