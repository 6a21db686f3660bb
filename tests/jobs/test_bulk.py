"""Tagging "all matching" articles as one job (issue 25): more than 1,000
articles, no ids in any request, only those the list's filter matches."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from articles.desk import bulk
from articles.models import Article, Job

CHANGELIST = reverse("admin:articles_article_changelist")
MATCHING = 1050


@pytest.fixture
def many(db):
    """1,050 articles in English, and 3 in Indonesian (bulk-created)."""
    articles = [
        Article(
            title=f"Steel plant {n}",
            slug=f"steel-{n}",
            body=f"<p>Plant number {n} opened.</p>",
            status=Article.Status.REVIEW,
            language="en" if n < MATCHING else "id",
        )
        for n in range(MATCHING + 3)
    ]
    for article in articles:
        article.derive()
    return Article.objects.bulk_create(articles, batch_size=500)


def fields_in(html):
    return len(re.findall(r"<(?:input|select|textarea)\b[^>]*\bname=", html))


@pytest.mark.slow
@pytest.mark.django_db
def test_add_a_topic_to_all_1050_matching_articles_as_one_job(
    client, editor, many, make_topic
):
    topic = make_topic("Baja")
    client.force_login(editor)
    url = f"{CHANGELIST}?language__exact=en"
    first_page = [a.pk for a in many[:50]]
    confirm = client.post(
        url,
        {
            "action": "add_topic",
            "select_across": "1",
            "index": "0",
            "_selected_action": first_page,
        },
    )
    assert confirm.status_code == 200
    page = confirm.content.decode()
    assert confirm.context["count"] == MATCHING
    # The page posts back a handful of fields, never one per article.
    assert fields_in(page) < 20 < settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    answer = client.post(
        url,
        {
            "action": "add_topic",
            "select_across": "1",
            "_selected_action": [many[0].pk],
            "value": topic.pk,
            "apply": "1",
        },
    )
    job = Job.objects.get()
    assert answer["Location"] == reverse("admin:articles_job_change", args=[job.pk])
    assert (job.kind, job.state) == ("articles_tag_matching", Job.State.SUCCEEDED)
    assert (job.done, job.total) == (MATCHING, MATCHING)
    assert job.result["articles"] == MATCHING
    assert topic.articles.count() == MATCHING
    assert not topic.articles.filter(language="id").exists()


@pytest.mark.django_db
def test_the_worker_rebuilds_the_list_the_user_saw(editor, many):
    found = bulk.matching(query="language__exact=id", user=editor)
    assert sorted(found.values_list("pk", flat=True)) == [a.pk for a in many[-3:]]


@pytest.mark.django_db
def test_a_contributors_job_tags_nothing(contributor, many, make_topic):
    topic = make_topic("Baja")
    job = Job.objects.create(
        kind="articles_tag_matching",
        created_by=contributor,
        params={"query": "", "target": "topic", "value": topic.pk, "add": True},
    )
    from articles.jobs import run_job

    run_job(job.pk)
    job.refresh_from_db()
    assert job.state == Job.State.FAILED
    assert not topic.articles.exists()
