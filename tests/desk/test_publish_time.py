"""The publish time survives a save that did not touch it (issue 30, item 4):
the form shows seconds at most, the stored time may have fractions of one."""

import datetime
import re

import pytest
from django.urls import reverse

from articles.models import Article
from tests.editorial.test_workflow import form_data

PUBLISHED = datetime.datetime(2026, 3, 10, 2, 15, 42, 123456, tzinfo=datetime.UTC)


def shown_publish_time(client, article):
    """The date and time inputs as the change form renders them."""
    html = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    found = dict(
        re.findall(r'name="(publish_at_[01])" value="([^"]*)"', html.content.decode())
    )
    return {
        "publish_at_0": found["publish_at_0"],
        "publish_at_1": found["publish_at_1"],
    }


def save(client, article, **overrides):
    data = form_data(article, **{**shown_publish_time(client, article), **overrides})
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    return article


@pytest.mark.django_db
class TestPublishTimeKept:
    def test_a_save_keeps_the_stored_time_and_reports_no_change(
        self, admin_client, make_article
    ):
        article = make_article(publish_at=PUBLISHED)
        save(admin_client, article, title="Judul yang diperbaiki")
        assert article.publish_at == PUBLISHED
        latest, before = article.history.all()[:2]
        changed = {change.field for change in latest.diff_against(before).changes}
        assert "publish_at" not in changed
        assert "title" in changed

    def test_typed_to_the_minute_keeps_the_seconds(self, admin_client, make_article):
        article = make_article(publish_at=PUBLISHED)
        save(admin_client, article, publish_at_1="09.15")
        assert article.publish_at == PUBLISHED

    def test_a_new_time_is_saved(self, admin_client, make_article):
        article = make_article(publish_at=PUBLISHED)
        save(admin_client, article, publish_at_1="09.16.00")
        assert article.publish_at == PUBLISHED.replace(
            minute=16, second=0, microsecond=0
        )
        assert Article.objects.get(pk=article.pk).publish_at.minute == 16
