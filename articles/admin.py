"""Django's admin autodiscovery imports ``<app>.admin``: the newsroom's admin
lives in ``articles.desk``."""

# Importing registers the admins.
from articles.desk import (  # noqa: F401
    articles,
    corrections,
    jobs,
    media,
    pages,
    vocabulary,
)
