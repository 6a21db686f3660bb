"""Settings shared by every environment; values that differ come from os.environ."""

import datetime
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item]


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = env_bool("DJANGO_DEBUG")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

DJANGO_APPS = [
    "newsroom.apps.NewsroomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]
THIRD_PARTY_APPS = [
    "django_prose_editor",
    "taggit",
    "django_filters",
    "simple_history",
    "axes",
    "corsheaders",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
]
LOCAL_APPS = [
    "newsroom",
    "entities",
    "articles",
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

# Headers every response needs (CSP, X-Frame-Options, request id) come from the
# outermost layers, so that they are on error responses raised further in, too.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "newsroom.middleware.request_id",
    # CORS headers for /api/ only (CORS_URLS_REGEX), on errors and 429s too.
    "corsheaders.middleware.CorsMiddleware",
    "newsroom.middleware.noindex_newsroom",
    "newsroom.middleware.reject_nul_bytes",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Cached public pages are answered here, before sessions, locale, CSRF,
    # authentication and the view (articles.freshness.front).
    "articles.freshness.front.FrontPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "articles.freshness.pages.ContentStampMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so that it sees the login views' responses.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Login throttling: five wrong passwords for one username from one address lock
# that pair out for 15 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "lockout.html"
# Behind a TLS proxy every request comes from the proxy's address: with
# DJANGO_TRUSTED_PROXIES=N (the number of proxies in front that append to
# X-Forwarded-For) the client's address is read from that header instead.
# Never set it without such a proxy: clients could then pick their address.
WARTA_TRUSTED_PROXIES = int(os.environ.get("DJANGO_TRUSTED_PROXIES", "0"))
AXES_CLIENT_IP_CALLABLE = "newsroom.clientip.client_ip"

# The admin's address; move it off the well-known path if you like.
ADMIN_PATH = os.environ.get("DJANGO_ADMIN_PATH", "admin/").strip("/") + "/"

# Content-Security-Policy for the public site and the admin alike: no inline or
# third-party scripts. Styles allow inline attributes, which the admin uses.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        # Embedded posts, loaded only when the reader asks (articles.models.embeds).
        "frame-src": [
            "https://www.youtube-nocookie.com",
            "https://platform.twitter.com",
            "https://www.instagram.com",
        ],
    }
}
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "newsroom" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsroom.middleware.safe_request",
            ],
        },
    },
]

# SQLite in the project folder unless DATABASE_URL names another database.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while an editor saves; IMMEDIATE transactions take the
    # write lock up front so that concurrent saves wait instead of failing.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
# A 503 (database restarting or overloaded) asks clients to retry after this.
WARTA_RETRY_AFTER_SECONDS = 5
# Web requests (not management commands) give up on a statement after this many
# milliseconds, so that a pathological query answers 503 quickly instead of
# holding a worker; newsroom/wsgi.py marks the web process. 0: no limit.
WARTA_STATEMENT_TIMEOUT_MS = int(os.environ.get("DJANGO_STATEMENT_TIMEOUT_MS", "5000"))
# Except a list's search matches read from the text index (``site.search
# .text_ids``, once per content stamp): a word in nearly every article of a
# million takes seconds to read, and its readers should wait, not get a 503.
WARTA_SEARCH_STATEMENT_TIMEOUT_MS = int(
    os.environ.get("DJANGO_SEARCH_STATEMENT_TIMEOUT_MS", "30000")
)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Page queries are short index scans: starting parallel workers for them costs
    # more (tens of milliseconds on a small machine) than it saves.
    pg_options = ["-c max_parallel_workers_per_gather=0"]
    if env_bool("WARTA_WEB_PROCESS") and WARTA_STATEMENT_TIMEOUT_MS:
        pg_options.append(f"-c statement_timeout={WARTA_STATEMENT_TIMEOUT_MS}")
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "options", " ".join(pg_options)
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def redis_cache(location, key_prefix="warta"):
    """The Redis cache: an optimisation, so when Redis is down or hangs the site
    serves from the database, uncached (errors ignored, short timeouts), and
    uses Redis again by itself when it answers. Every call goes through a
    circuit breaker (``newsroom.cache_breaker``): after a timeout or a
    connection error Redis is left alone for ``REDIS_BREAKER_SECONDS``, then
    tried with one call."""
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": location,
        "KEY_PREFIX": key_prefix,
        "OPTIONS": {
            "CLIENT_CLASS": "newsroom.cache_breaker.BreakerClient",
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": float(
                os.environ.get("REDIS_CONNECT_TIMEOUT", "0.1")
            ),
            "SOCKET_TIMEOUT": float(os.environ.get("REDIS_TIMEOUT", "0.2")),
            "BREAKER_SECONDS": float(os.environ.get("REDIS_BREAKER_SECONDS", "5")),
            "BREAKER_FAILURES": int(os.environ.get("REDIS_BREAKER_FAILURES", "1")),
        },
    }


if os.environ.get("REDIS_URL"):
    CACHES = {"default": redis_cache(os.environ["REDIS_URL"])}
    # The breaker logs when Redis stops and starts answering (not every
    # ignored call); Redis's own error answers are logged by it too.
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = False
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "warta",
        }
    }

# Errors: tracebacks go to stderr with the request id (the 500 page shows it);
# with DJANGO_ADMINS ("Name <a@b.id>, …") and an SMTP server they are mailed too.
ADMINS = [
    tuple(part.strip(" >") for part in admin.split("<", 1))
    for admin in env_list("DJANGO_ADMINS")
    if "<" in admin
]
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
SERVER_EMAIL = os.environ.get("DJANGO_SERVER_EMAIL", "warta@localhost")
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", SERVER_EMAIL)
# The site's address as people reach it, for links in notification mail.
WARTA_SITE_URL = os.environ.get("DJANGO_SITE_URL", "http://127.0.0.1:8000")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "newsroom.logs.RequestIdFilter"},
        "once_per_30s": {"()": "newsroom.logs.OncePerInterval"},
        "refused_hosts": {"()": "newsroom.logs.RefusedHosts", "seconds": 10},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
    },
    "formatters": {
        "plain": {
            "format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"
        },
    },
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "plain",
        },
        "stderr_throttled": {
            "class": "logging.StreamHandler",
            "filters": ["request_id", "once_per_30s"],
            "formatter": "plain",
        },
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "filters": ["require_debug_false", "request_id"],
            "level": "ERROR",
        },
    },
    "root": {"handlers": ["stderr"], "level": "WARNING"},
    "loggers": {
        "django.request": {
            "handlers": ["stderr", "mail_admins"],
            "level": "ERROR",
            "propagate": False,
        },
        "django.security": {
            "handlers": ["stderr"],
            "level": "WARNING",
            "propagate": False,
        },
        # A forged Host (answered 400): one line without a traceback, at most
        # one per 10 s, instead of an ERROR with a traceback per request.
        "django.security.DisallowedHost": {
            "handlers": ["stderr"],
            "filters": ["refused_hosts"],
            "level": "WARNING",
            "propagate": False,
        },
        "warta": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        # Cache errors are ignored (pages are served uncached); say so, once
        # per half minute per kind of error.
        "warta.cache": {
            "handlers": ["stderr_throttled"],
            "level": "WARNING",
            "propagate": False,
        },
        # The cache's circuit breaker: one line when Redis stops answering, one
        # when it answers again.
        "warta.cache.breaker": {
            "handlers": ["stderr"],
            "level": "INFO",
            "propagate": False,
        },
    },
}

_VALIDATORS = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_VALIDATORS}.UserAttributeSimilarityValidator"},
    {"NAME": f"{_VALIDATORS}.MinimumLengthValidator"},
    {"NAME": f"{_VALIDATORS}.CommonPasswordValidator"},
    {"NAME": f"{_VALIDATORS}.NumericPasswordValidator"},
]

LANGUAGE_CODE = "id"
LANGUAGES = [
    ("id", _("Indonesian")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "newsroom" / "locale"]
# One way to write a date per language, everywhere: newsroom/formats/<lang>/.
FORMAT_MODULE_PATH = ["newsroom.formats"]
# Local time everywhere people read it (lists, history, pages); WIB by default.
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "Asia/Jakarta")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
# Files browsers ask for at the site's root (favicon.ico, apple-touch-icon.png),
# served there by WhiteNoise.
WHITENOISE_ROOT = BASE_DIR / "newsroom" / "webroot"
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
# Serve MEDIA_ROOT from Django (development, a one-machine site); production
# normally lets the web server or proxy serve it.
WARTA_SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# Entity and keyword names are case-sensitive tags; keep slugs ASCII for URLs.
TAGGIT_CASE_INSENSITIVE = True
TAGGIT_STRIP_UNICODE_WHEN_SLUGIFYING = True

# Uploaded images: refused above these limits before any pixel is decoded.
WARTA_IMAGE_MAX_BYTES = 10 * 1024 * 1024
WARTA_IMAGE_MAX_PIXELS = 40_000_000
WARTA_IMAGE_RENDITION_WIDTHS = (480, 960, 1600)
# An upload (or a restore) is refused unless this much disk stays free after it.
WARTA_MEDIA_FREE_MARGIN = int(os.environ.get("WARTA_MEDIA_FREE_MARGIN", 50 * 2**20))

# Imports: files uploaded in the admin wait here between the dry run and the
# confirmation (not served; on several servers, a folder all of them share).
WARTA_IMPORT_STAGING_ROOT = Path(
    os.environ.get("DJANGO_IMPORT_STAGING_ROOT", BASE_DIR / "var" / "imports")
)
# Imports: one file and one run are refused above these limits.
WARTA_IMPORT_MAX_BYTES = int(os.environ.get("WARTA_IMPORT_MAX_BYTES", 25 * 2**20))
WARTA_IMPORT_MAX_RECORDS = int(os.environ.get("WARTA_IMPORT_MAX_RECORDS", "10000"))

# Suggestions: the extractor and the topics' keywords read at most this many
# characters of an article's text (cut at a space), whatever its length: what
# one article may cost (news articles run 2,000 to 20,000 characters; the
# rules take time linear in what they read). The story comparison page
# compares as much of each version.
WARTA_EXTRACTION_MAX_CHARS = int(os.environ.get("WARTA_EXTRACTION_MAX_CHARS", "100000"))
# The trained sequence model beside the extractor's rules (built by
# `manage.py build_sequence_model`; empty: the rules alone). It is used when
# python-crfsuite (a dependency) can be imported.
WARTA_SEQUENCE_MODEL = os.environ.get(
    "WARTA_SEQUENCE_MODEL",
    str(BASE_DIR / "entities" / "extraction" / "sequence" / "model.crfsuite"),
)
# The trained filter of the capacities and jobs the facts rules propose (built
# by `manage.py build_fact_filter`, committed as
# entities/extraction/facts/filter.crfsuite). Off (empty) by default: on the
# dev half, cross-validated, it raised no precision without cutting more
# recall (docs/datadesk.md, "A trained filter for capacities and jobs").
WARTA_FACT_FILTER = os.environ.get("WARTA_FACT_FILTER", "")

# Public listings.
WARTA_PAGE_SIZE = 20
WARTA_MAX_PAGE_SIZE = 100
WARTA_HOME_COUNTRY = "ID"
# An entity's co-mentioned entities are counted over this many of its newest
# articles. Lists are not windowed: their pages reach the last article
# (articles.site.paging, docs/archive.md).
WARTA_LIST_WINDOW = 500
# Entities tagged on at least this many articles are listed by walking the
# newest articles; rarer ones by looking up their tags (SQLite has no per-value
# statistics to choose between the two).
WARTA_FREQUENT_ENTITY = 5000

# Caches, keyed by the content stamp (see articles/cache/), so a publish or
# an edit is visible at once. Public pages are cached whole unless this is 0.
WARTA_PAGE_CACHE_SECONDS = int(os.environ.get("DJANGO_PAGE_CACHE_SECONDS", "600"))
# While the database cannot be reached, serve the newest copy of a public page
# still in the page cache (marked stale) instead of a 503.
WARTA_SERVE_STALE = env_bool("DJANGO_SERVE_STALE", default=True)
WARTA_DATA_CACHE_SECONDS = 3600
# Article cards kept rendered, keyed by what they show (articles.site.cards); 0: off.
WARTA_CARD_CACHE_SECONDS = int(os.environ.get("DJANGO_CARD_CACHE_SECONDS", "3600"))
# Keep the content stamp in the cache too, so that a cached page costs no
# database round trip: only with a cache every worker shares (Redis).
WARTA_STAMP_IN_CACHE = env_bool(
    "DJANGO_STAMP_IN_CACHE", default=bool(os.environ.get("REDIS_URL"))
)
# The longest a kept stamp is trusted should a write's drop of it be lost.
WARTA_STAMP_CACHE_SECONDS = 60

# Adds the bare JSON view that `make bench` compares every page with.
WARTA_BENCH = env_bool("DJANGO_BENCH")

# The public read API (/api/v1/, articles/api/): anonymous GET only, JSON only,
# errors as JSON, a rate limit per client address.
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": [],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "articles.api.base.exception_handler",
    # ``format`` is the export's own parameter, not a renderer switch.
    "URL_FORMAT_OVERRIDE": None,
}
# Requests per client address ("120/min"); empty: no limit. Downloads (the
# streamed export) count against both.
WARTA_API_RATES = {
    "api": os.environ.get("DJANGO_API_RATE", "120/min"),
    "export": os.environ.get("DJANGO_API_EXPORT_RATE", "20/hour"),
}
# The most articles one streamed download holds (its Link header continues).
WARTA_API_EXPORT_LIMIT = int(os.environ.get("DJANGO_API_EXPORT_LIMIT", "10000"))
# Absolute addresses in exports made outside a request (manage.py) use
# WARTA_SITE_URL, above.
SPECTACULAR_SETTINGS = {
    "TITLE": "Warta Industri API",
    "DESCRIPTION": (
        "Read-only access to the published articles of Warta Industri and to "
        "the regions, topics, entities and sources they carry. See "
        "docs/api.md in the repository for a guide."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "ENUM_NAME_OVERRIDES": {
        "EntityKind": "entities.kinds.EntityKind",
        "SourceKind": "articles.models.Source.Kind",
        "RegionLevel": "entities.models.Region.Kind",
    },
}
# Any origin may read the API (GET); nothing else is shared across origins.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_HEADERS = ("accept", "if-none-match", "if-modified-since")
CORS_EXPOSE_HEADERS = (
    "ETag",
    "Last-Modified",
    "Link",
    "Retry-After",
    "X-Export-Limit",
    "X-Request-ID",
)
CORS_PREFLIGHT_MAX_AGE = 86400

# redteam: bounds on the streamed export (articles.api.downloads) so that slow
# readers cannot hold every worker: downloads at once across all workers (the
# others get 503 + Retry-After), the most seconds one may run before it is
# broken off, and the size of the pieces it is written in.
WARTA_API_EXPORT_CONCURRENT = int(os.environ.get("DJANGO_API_EXPORT_CONCURRENT", "1"))
WARTA_API_EXPORT_SECONDS = float(os.environ.get("DJANGO_API_EXPORT_SECONDS", "20"))
WARTA_API_EXPORT_CHUNK = int(os.environ.get("DJANGO_API_EXPORT_CHUNK", "65536"))

# jobs: long work (imports, "suggest again", bulk tagging, feeds) runs as queued
# jobs on django-q2 (docs/jobs.md). Without REDIS_URL the queue is a table of the
# site's own database (no extra server: `make run` starts one worker beside
# runserver); with it, Redis carries the queue and several workers take from it.
INSTALLED_APPS += ["django_q"]
Q_CLUSTER = {
    "name": "warta",
    "workers": int(os.environ.get("WARTA_JOB_WORKERS", "2")),
    # A job may run this long; a job whose worker died is handed out again after
    # ``retry`` seconds (more than the timeout, as django-q2 requires), at most
    # ``max_attempts`` times in all.
    "timeout": int(os.environ.get("WARTA_JOB_TIMEOUT", "1800")),
    "retry": int(os.environ.get("WARTA_JOB_TIMEOUT", "1800")) + 60,
    "max_attempts": 2,
    "ack_failures": True,
    "recycle": 50,
    "save_limit": 500,
    "poll": 1,
    "catch_up": False,
    "label": _("Job queue"),
}
if os.environ.get("REDIS_URL"):
    Q_CLUSTER["redis"] = os.environ["REDIS_URL"]
else:
    Q_CLUSTER["orm"] = "default"
