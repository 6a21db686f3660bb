"""WSGI entry point (gunicorn newsroom.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.production")
# Web requests get the statement timeout (see WARTA_STATEMENT_TIMEOUT_MS);
# management commands, which do not come through here, do not.
os.environ.setdefault("WARTA_WEB_PROCESS", "1")

application = get_wsgi_application()

# Each worker imports this module before it accepts a connection: build the
# public lists' postings now rather than in its first reader's request
# (WARTA_WARM_AT_START=0 skips it).
if os.environ.get("WARTA_WARM_AT_START", "1") != "0":
    from newsroom.startup import warm

    warm()
