"""Scheduled ingest from partner feeds (issue 24, item 3; what Superdesk calls
ingest providers).

A source with a feed address is polled every ``feed_interval`` minutes: the
worker's scheduler calls ``feeds_poll_due`` every minute (the schedule is made
by migration 0019), which starts a ``feed_poll`` job for each source due. The
job reads the feed and imports its new items through the importer, as review
articles with suggestions; items already here (same original address or same
text) are skipped, so polling the same feed again adds nothing. The source
keeps its last success, last error and next poll for its admin page."""

import datetime
import urllib.request
from urllib.error import HTTPError

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.importing.parsers import ImportFailed, parse_feed
from articles.importing.plan import plan
from articles.importing.write import write
from articles.jobs.runner import JobRefused, job_kind
from articles.jobs.services import job_progress, job_start
from articles.models import Source

# Seconds one poll waits for a partner's server.
FETCH_TIMEOUT = 20


def _due(now):
    return Source.objects.exclude(feed_url="").filter(
        Q(feed_next_poll__isnull=True) | Q(feed_next_poll__lte=now)
    )


def feeds_poll_due(*, now=None) -> list[int]:
    """Start a poll job for every source whose feed is due; return the jobs'
    ids. Each source's next poll moves on at once, so the next minute's call
    does not start a second job for it."""
    now = now or timezone.now()
    started = []
    for source in _due(now):
        Source.objects.filter(pk=source.pk).update(
            feed_next_poll=now + datetime.timedelta(minutes=source.feed_interval)
        )
        started.append(job_start(kind="feed_poll", by=None, source=source.pk).pk)
    return started


def _fetch(url: str) -> bytes:
    limit = settings.WARTA_IMPORT_MAX_BYTES
    request = urllib.request.Request(url, headers={"User-Agent": "WartaIndustri"})
    with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as response:  # noqa: S310 (the editors' own feed addresses)
        content = response.read(limit + 1)
    if len(content) > limit:
        raise ImportFailed(
            _("%(url)s: the feed is larger than %(size)d MB")
            % {"url": url, "size": limit // 2**20}
        )
    return content


@job_kind("feed_poll", label=gettext_lazy("Poll a partner feed"))
def feed_poll(job, *, source):
    """Import the new items of one source's feed, all or none."""
    found = Source.objects.filter(pk=source).exclude(feed_url="").first()
    if found is None:
        raise JobRefused(_("The source or its feed address is gone."))
    now = timezone.now()
    next_poll = now + datetime.timedelta(minutes=found.feed_interval)
    job_progress(job, done=0, total=1, current=found.feed_url)
    try:
        parsed = parse_feed(_fetch(found.feed_url), origin=found.feed_url)
        planned = plan(parsed, by=None)
        for item in planned:
            if item.created:  # the polled source, whatever the feed calls itself
                item.article.source, item.new_source = found, ""
        write(
            planned,
            by=None,
            reason=_("From the feed of %(source)s") % {"source": found.name},
        )
    except (ImportFailed, OSError, ValueError) as exc:
        message = str(exc)
        if isinstance(exc, (OSError, ValueError)):  # the server, not the feed
            reason = exc if isinstance(exc, HTTPError) else getattr(exc, "reason", exc)
            message = _("%(url)s: the feed could not be read (%(reason)s)") % {
                "url": found.feed_url,
                "reason": reason,
            }
        Source.objects.filter(pk=found.pk).update(
            feed_last_error=f"{timezone.localtime(now):%Y-%m-%d %H:%M}: {message}",
            feed_next_poll=next_poll,
        )
        raise JobRefused(message, file=found.feed_url) from exc
    Source.objects.filter(pk=found.pk).update(
        feed_last_success=now, feed_last_error="", feed_next_poll=next_poll
    )
    job_progress(job, done=1)
    created = [item for item in planned if item.created]
    return {
        "source": found.name,
        "created": len(created),
        "duplicates": len(planned) - len(created),
    }
