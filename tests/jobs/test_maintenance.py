"""Maintenance as jobs: rebuilding the stories, recounting, the media cleanup
and a backup run through the same services and commands, for editors."""

import pytest

from articles import jobs
from articles.models import Job


@pytest.mark.django_db
class TestMaintenanceJobs:
    def test_a_recount_job_recounts(self, editor, make_article, make_region):
        make_article(regions=[make_region("Banten", code="36")])
        job = jobs.job_start(kind="recount", by=editor)
        assert job.state == Job.State.SUCCEEDED
        assert job.result["recounted"] > 0

    def test_a_stories_rebuild_job_reports_its_counts_and_steps(
        self, editor, make_article
    ):
        make_article(body="<p>Pabrik baja di Cilegon mulai berproduksi Senin.</p>")
        job = jobs.job_start(kind="stories_rebuild", by=editor)
        assert job.state == Job.State.SUCCEEDED
        assert job.result["articles"] == 1
        assert job.done >= 1

    def test_a_media_cleanup_job_keeps_the_commands_report(self, editor):
        job = jobs.job_start(kind="media_cleanup", by=editor)
        assert job.state == Job.State.SUCCEEDED
        assert "0 unreferenced file(s) deleted" in job.result["output"]

    @pytest.mark.parametrize(
        "kind", ["recount", "stories_rebuild", "media_cleanup", "backup"]
    )
    def test_contributors_may_not_start_them(self, contributor, kind):
        job = jobs.job_start(kind=kind, by=contributor)
        assert job.state == Job.State.FAILED
        assert job.errors[0]["message"] == (
            "Hanya redaktur yang dapat memulai pekerjaan ini."
        )
