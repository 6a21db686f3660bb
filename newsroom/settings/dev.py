"""Local development: `make run`."""

from .base import *  # noqa: F403
from .base import env_bool

# Off unless asked for (DJANGO_DEBUG=1): `make run` shows the site as readers see
# it, with its own 404 and 500 pages.
DEBUG = env_bool("DJANGO_DEBUG")
# Uploaded images straight from MEDIA_ROOT (production leaves them to the proxy).
WARTA_SERVE_MEDIA = True
SECRET_KEY = SECRET_KEY or "django-insecure-local-development-only"  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Serve static files straight from the apps: no collectstatic needed here.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
