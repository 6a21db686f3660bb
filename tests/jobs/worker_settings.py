"""Settings of the real worker the kill test starts: the test settings on a
file database (DATABASE_URL), the ORM broker, one worker, a short retry."""

from newsroom.settings.test import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "tests.jobs.killapp"]  # noqa: F405
Q_CLUSTER = {
    **{k: v for k, v in Q_CLUSTER.items() if k != "redis"},  # noqa: F405
    "sync": False,
    "orm": "default",
    "workers": 1,
    "timeout": 20,
    "retry": 22,
    "max_attempts": 3,
    "poll": 0.2,
}
