"""Django's admin autodiscovery imports ``<app>.admin``: the newsroom's admin
lives in ``articles.desk``."""

from articles.desk import articles, jobs, vocabulary  # noqa: F401  (registers the admins)
