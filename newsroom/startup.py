"""What a web worker does once, before it serves its first request."""

import logging
import time

logger = logging.getLogger(__name__)


def warm() -> None:
    """Build what the public lists count with (the postings of
    ``articles.publiccounts``) now, so that the first readers after a start
    or a deploy do not wait for it. A failure (the database down at start)
    is logged and the worker serves anyway: its first requests build what
    they need, and ``/healthz`` says what is wrong."""
    from articles.publiccounts import postings

    started = time.monotonic()
    try:
        postings.warm()
    except Exception:
        logger.exception("warm-up at start failed; the first requests will build")
    else:
        logger.info("warmed up in %.1f s", time.monotonic() - started)
