"""The test suite: fast hashing, in-memory mail, plain static storage; the
cache in memory, or production's Redis cache when REDIS_URL is set."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOCAL_CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# With REDIS_URL (CI's second pass) the suite runs on the backend production
# uses (base.py: django-redis), whose answers differ from local memory's
# (set() returns True, for one).
PRODUCTION_CACHES = CACHES  # noqa: F405
if not os.environ.get("REDIS_URL"):  # noqa: F405
    CACHES = LOCAL_CACHES
else:
    # A CI machine busy with other suites can keep the local Redis from
    # answering within production's 0.2 s; each such timeout would open the
    # circuit breaker for 5 s and turn the next hits into misses. The tests of
    # timeouts and of the breaker use production's values on their own ports.
    CACHES["default"]["OPTIONS"].update(  # noqa: F405
        SOCKET_CONNECT_TIMEOUT=2, SOCKET_TIMEOUT=2
    )
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Serve static files straight from the apps: no collectstatic needed here.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Whole-page caching is switched on by the tests about it; others inspect the
# context of freshly rendered responses.
WARTA_PAGE_CACHE_SECONDS = 0
# The rules' tests test the rules: the trained model beside them is tested on
# its own (tests/entities/extraction/test_sequence.py), with models it trains.
WARTA_SEQUENCE_MODEL = ""
# So is the trained filter of facts (tests/entities/extraction/test_fact_filter.py).
WARTA_FACT_FILTER = ""
# Tests move scheduled articles' times by hand; the stamp is read each time
# (tests of the kept stamp turn it on).
WARTA_STAMP_IN_CACHE = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    # A test database needs no durability: commits (migrations, tests that
    # empty the tables) do not wait for the disk.
    DATABASES["default"]["OPTIONS"]["options"] += " -c synchronous_commit=off"  # noqa: F405
# pytest-xdist runs the suite in several processes; every test empties the cache
# (FLUSHDB on Redis), so each worker gets a Redis database of its own: the one
# REDIS_URL names for the first, the ones below it for the others.
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")  # noqa: F405
if os.environ.get("REDIS_URL") and _worker.startswith("gw"):  # noqa: F405
    from urllib.parse import urlsplit, urlunsplit

    _url = urlsplit(CACHES["default"]["LOCATION"])
    _db = int(_url.path.strip("/") or 0) - int(_worker[2:])
    if _db < 0:
        raise RuntimeError("more pytest workers than Redis databases below REDIS_URL's")
    CACHES["default"]["LOCATION"] = urlunsplit(_url._replace(path=f"/{_db}"))
# jobs: jobs run inline, in the test's transaction (django-q2's sync mode); the
# test of a worker killed mid-import starts a real cluster of its own.
Q_CLUSTER = {**Q_CLUSTER, "sync": True}  # noqa: F405
