"""Every write on an article, whoever makes it (the admin, imports, the API,
commands, accepted suggestions), with its permission checked here for every
caller: one article saved (``update``), moved through the workflow
(``status``), tagged in bulk (``tagging``), created in bulk (``create``), noted
(``notes``), corrected (``corrections``), revised while live (``drafts``);
the roles that decide who may (``roles``), the revisions (``history``), kept
refused edits (``recovery``), mail (``notifications``), images (``images``);
and the desk's topics (``vocabulary``)."""

from articles.editorial.corrections import article_correct
from articles.editorial.create import articles_create
from articles.editorial.drafts import (
    draft_check,
    draft_discard,
    draft_publish,
    draft_save,
    draft_schedule,
)
from articles.editorial.notes import note_add
from articles.editorial.removal import (
    article_delete,
    articles_delete,
    owned_by_article,
)
from articles.editorial.roles import ROLES, roles_sync
from articles.editorial.status import article_set_status, articles_set_status
from articles.editorial.tagging import articles_tag
from articles.editorial.update import (
    Checked,
    EditConflict,
    apply_transition,
    article_check,
    article_update,
    conflict_message,
)
from articles.editorial.vocabulary import topic_update

__all__ = [
    "ROLES",
    "Checked",
    "EditConflict",
    "apply_transition",
    "article_check",
    "article_correct",
    "article_delete",
    "article_set_status",
    "article_update",
    "articles_create",
    "articles_delete",
    "articles_set_status",
    "articles_tag",
    "conflict_message",
    "draft_check",
    "draft_discard",
    "draft_publish",
    "draft_save",
    "draft_schedule",
    "note_add",
    "owned_by_article",
    "roles_sync",
    "topic_update",
]
