"""The job pages (issue 24, item 2): a running job shows a progress bar
(done/total, the current file) and reloads itself; the cancel button asks it
to stop; a contributor sees only her own jobs, editors every job."""

import pytest
from django.urls import reverse

from articles.models import Job

LIST = reverse("admin:articles_job_changelist")


def page_of(job):
    return reverse("admin:articles_job_change", args=[job.pk])


@pytest.fixture
def running(contributor):
    return Job.objects.create(
        kind="import_check",
        created_by=contributor,
        state=Job.State.RUNNING,
        done=3,
        total=10,
        current="baja.json",
    )


@pytest.mark.django_db
class TestJobPage:
    def test_a_running_job_shows_its_progress_and_reloads_itself(
        self, client, contributor, running
    ):
        client.force_login(contributor)
        page = client.get(page_of(running)).content.decode()
        assert '<progress id="job-progress" max="10" value="3">30%</progress>' in page
        assert "3 / 10" in page
        assert "baja.json" in page
        # Updated in place by admin.js (tests/e2e), no <meta refresh> (axe).
        assert 'data-refresh="2"' in page
        assert 'http-equiv="refresh"' not in page
        assert 'name="cancel_job"' in page

    def test_the_page_reads_the_job_in_a_fixed_number_of_queries(
        self, client, contributor, running, django_assert_max_num_queries
    ):
        client.force_login(contributor)
        with django_assert_max_num_queries(8):
            assert client.get(page_of(running)).status_code == 200

    def test_cancel_asks_the_running_job_to_stop(self, client, contributor, running):
        client.force_login(contributor)
        answer = client.post(page_of(running), {"cancel_job": "1"})
        assert answer.status_code == 302
        running.refresh_from_db()
        assert running.cancel_requested
        assert running.state == Job.State.RUNNING  # its worker stops it
        page = client.get(page_of(running)).content.decode()
        assert "Membatalkan…" in page
        assert 'name="cancel_job"' not in page

    def test_a_queued_job_is_cancelled_at_once(self, client, editor):
        job = Job.objects.create(kind="recount", created_by=editor)
        client.force_login(editor)
        client.post(page_of(job), {"cancel_job": "1"})
        job.refresh_from_db()
        assert job.state == Job.State.CANCELLED

    def test_another_contributors_job_is_not_found(self, client, running, make_user):
        client.force_login(make_user("Contributor"))
        assert client.get(page_of(running)).status_code == 404
        assert client.post(page_of(running), {"cancel_job": "1"}).status_code == 404
        running.refresh_from_db()
        assert not running.cancel_requested

    def test_editors_see_every_job_contributors_their_own(
        self, client, editor, running, make_user
    ):
        other = make_user("Contributor")
        client.force_login(editor)
        assert client.get(page_of(running)).status_code == 200
        assert list(client.get(LIST).context["cl"].result_list) == [running]
        client.force_login(other)
        listing = client.get(LIST)
        assert listing.status_code == 200
        assert list(listing.context["cl"].result_list) == []
        client.force_login(running.created_by)
        assert list(client.get(LIST).context["cl"].result_list) == [running]

    def test_the_list_shows_each_jobs_progress(self, client, contributor, running):
        client.force_login(contributor)
        page = client.get(LIST).content.decode()
        assert '<progress max="10" value="3">30%</progress> 3 / 10' in page


@pytest.mark.django_db
class TestSuggestAgain:
    def test_suggest_again_answers_with_a_job_that_links_back(
        self, client, editor, make_article
    ):
        from articles.models import Article

        article = make_article(
            status=Article.Status.DRAFT,
            body="<p>Gubernur Banten Andra Soni meninjau PT Krakatau Steel.</p>",
        )
        review = reverse("admin:articles_article_suggestions", args=[article.pk])
        client.force_login(editor)
        answer = client.post(review, {"suggest_again": "1"})
        job = Job.objects.get()
        assert answer["Location"] == page_of(job)
        assert (job.kind, job.state) == ("suggest_again", Job.State.SUCCEEDED)
        assert job.result["suggestions"] == article.suggestions.count() > 0
        page = client.get(page_of(job)).content.decode()
        assert f'href="{review}"' in page

    def test_only_who_may_change_the_article_suggests_again(
        self, client, contributor, make_article
    ):
        article = make_article(body="<p>Gubernur Banten Andra Soni hadir.</p>")
        review = reverse("admin:articles_article_suggestions", args=[article.pk])
        client.force_login(contributor)
        assert client.post(review, {"suggest_again": "1"}).status_code == 403
        assert not Job.objects.exists()


@pytest.mark.django_db
class TestStartingMaintenance:
    def test_an_editor_starts_a_recount_from_the_job_list(self, client, editor):
        client.force_login(editor)
        listing = client.get(LIST).content.decode()
        assert 'name="kind" value="recount"' in listing
        answer = client.post(reverse("admin:articles_job_start"), {"kind": "recount"})
        job = Job.objects.get()
        assert answer["Location"] == page_of(job)
        assert (job.kind, job.state) == ("recount", Job.State.SUCCEEDED)

    def test_contributors_see_no_buttons_and_may_not_start(self, client, contributor):
        client.force_login(contributor)
        assert 'name="kind"' not in client.get(LIST).content.decode()
        start = reverse("admin:articles_job_start")
        assert client.post(start, {"kind": "recount"}).status_code == 403
        assert not Job.objects.exists()

    def test_only_maintenance_kinds_start_here(self, client, editor):
        client.force_login(editor)
        start = reverse("admin:articles_job_start")
        assert client.post(start, {"kind": "import_write"}).status_code == 404
        assert not Job.objects.exists()


@pytest.mark.django_db
def test_a_failed_jobs_page_names_file_record_and_field(client, editor):
    job = Job.objects.create(
        kind="import_check",
        created_by=editor,
        state=Job.State.FAILED,
        errors=[
            {
                "file": "angka.json",
                "record": "2",
                "field": "byline",
                "message": "angka.json, rekaman 2: berisi angka",
            }
        ],
    )
    client.force_login(editor)
    page = client.get(page_of(job)).content.decode()
    assert "berisi angka" in page
    assert "rekaman: 2; kolom: byline" in page
