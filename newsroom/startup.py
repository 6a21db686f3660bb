"""What a web worker does once, before it serves its first request."""

import logging
import time

logger = logging.getLogger(__name__)


def warm() -> None:
    """Build what the public lists count with (the postings of
    ``articles.publiccounts``) now, so that the first readers after a start
    or a deploy do not wait for it. A failure (the database down at start)
    is logged and the worker serves anyway: its first requests build what
    they need, and ``/healthz`` says what is wrong.

    The build's one long query runs without the web requests' statement
    timeout, which it may exceed at a million articles."""
    from django.db import connection, transaction

    from articles.publiccounts import postings

    started = time.monotonic()
    try:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL statement_timeout = 0")
            postings.current()
    except Exception:
        logger.exception("warm-up at start failed; the first requests will build")
    else:
        logger.info("warmed up in %.1f s", time.monotonic() - started)
