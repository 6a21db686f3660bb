"""Scheduled ingest from partner feeds (issue 24, item 3): a source's feed,
served here by a local HTTP server, is polled when due; its new items land in
review with suggestions, items already here are skipped, and the source's
admin page shows the last success, the last error and the next poll."""

import datetime
import http.server
import threading

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.jobs import feeds
from articles.models import Article, Job

FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Kabar Banten</title><link>https://kabarbanten.id</link>
{items}
</channel></rss>"""
ITEM = """<item><title>{title}</title><link>https://kabarbanten.id/{slug}</link>
<description>&lt;p&gt;CILEGON - {text}&lt;/p&gt;</description></item>"""


def feed_of(*numbers):
    return FEED.format(
        items="".join(
            ITEM.format(
                title=f"Smelter ke-{n} di Cilegon beroperasi",
                slug=f"smelter-{n}",
                text=f"Smelter nomor {n} milik PT Krakatau Steel di Cilegon mulai "
                f"beroperasi dengan kapasitas {n} ribu ton per tahun.",
            )
            for n in numbers
        )
    ).encode()


@pytest.fixture
def partner():
    """A local HTTP server whose one feed the test sets (``partner.body``);
    ``partner.status`` other than 200 answers that status."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(server.status)
            self.send_header("Content-Type", "application/rss+xml")
            self.end_headers()
            self.wfile.write(server.body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.body, server.status = feed_of(1, 2), 200
    server.url = f"http://127.0.0.1:{server.server_address[1]}/rss.xml"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def source(partner, make_source):
    return make_source("Kabar Banten", feed_url=partner.url, feed_interval=30)


@pytest.mark.django_db
class TestFeedPoll:
    def test_a_due_feed_is_imported_to_review_with_suggestions(self, source):
        now = timezone.now()
        (job_id,) = feeds.feeds_poll_due(now=now)
        job = Job.objects.get(pk=job_id)
        assert (job.kind, job.state) == ("feed_poll", Job.State.SUCCEEDED)
        assert job.result["created"] == 2
        articles = Article.objects.order_by("original_url")
        assert [a.original_url for a in articles] == [
            "https://kabarbanten.id/smelter-1",
            "https://kabarbanten.id/smelter-2",
        ]
        assert {a.status for a in articles} == {Article.Status.REVIEW}
        assert {a.source for a in articles} == {source}
        assert all(a.suggestions.exists() for a in articles)
        source.refresh_from_db()
        assert source.feed_last_success is not None
        assert source.feed_last_error == ""
        assert source.feed_next_poll > now + datetime.timedelta(minutes=29)

    def test_a_source_not_due_is_left_alone(self, source):
        source.feed_next_poll = timezone.now() + datetime.timedelta(minutes=5)
        source.save()
        assert feeds.feeds_poll_due() == []
        assert not Article.objects.exists()

    def test_polling_again_imports_only_the_new_items(self, source, partner):
        feeds.feeds_poll_due()
        partner.body = feed_of(1, 2, 3)
        later = timezone.now() + datetime.timedelta(minutes=31)
        (job_id,) = feeds.feeds_poll_due(now=later)
        assert Job.objects.get(pk=job_id).result == {
            "source": "Kabar Banten",
            "created": 1,
            "duplicates": 2,
        }
        assert Article.objects.count() == 3

    def test_an_unreachable_feed_is_the_sources_last_error(self, source, partner):
        partner.status = 500
        (job_id,) = feeds.feeds_poll_due()
        job = Job.objects.get(pk=job_id)
        assert job.state == Job.State.FAILED
        source.refresh_from_db()
        assert "500" in source.feed_last_error
        assert source.feed_last_success is None
        assert source.feed_next_poll is not None
        assert not Article.objects.exists()

    def test_a_broken_feed_imports_nothing_and_says_why(self, source, partner):
        partner.body = b"<rss><channel><item><title>x"
        feeds.feeds_poll_due()
        source.refresh_from_db()
        assert partner.url in source.feed_last_error
        assert not Article.objects.exists()

    def test_sources_without_a_feed_are_never_polled(self, make_source):
        make_source("Tanpa Umpan")
        assert feeds.feeds_poll_due() == []


@pytest.mark.django_db
def test_the_source_page_shows_last_success_last_error_next_poll(
    client, admin_user, source
):
    source.feed_last_error = "2026-12-07 10:00: HTTP Error 500"
    source.save()
    client.force_login(admin_user)
    page = client.get(reverse("admin:articles_source_change", args=[source.pk]))
    text = page.content.decode()
    assert "HTTP Error 500" in text
    assert "field-feed_last_success" in text
    assert "field-feed_next_poll" in text


@pytest.mark.django_db
def test_the_poll_is_on_the_workers_schedule():
    from django_q.models import Schedule

    schedule = Schedule.objects.get(name="warta-feeds")
    assert schedule.func == "articles.jobs.feeds.feeds_poll_due"
    assert (schedule.schedule_type, schedule.minutes) == (Schedule.MINUTES, 1)
