"""Comparing two revisions of an article (Wagtail's "Compare", WordPress's
revisions): the editor picks any two in its history and sees each field that
differs, texts word by word (``editorial.diff``), tags as added and removed."""

from dataclasses import dataclass

from django.contrib.admin.utils import unquote
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from articles.editorial import history
from articles.editorial.diff import Segment, word_diff
from articles.models import Article, richtext

# The fields a person compares, in the form's order; the rest (version, the
# derived text and counts, stamps) follow from these or are bookkeeping.
COMPARED = (
    "title",
    "standfirst",
    "body",
    "source",
    "original_url",
    "original_published_on",
    "dateline",
    "dateline_region",
    "byline",
    "credit",
    "language",
    "status",
    "publish_at",
    "is_featured",
    "assignee",
    "featured_image_alt",
    "featured_image_caption",
    "featured_image_credit",
    "slug",
)


@dataclass
class FieldChange:
    label: str
    diff: list  # word diff segments, from the older revision to the newer


def _shown(revision, name) -> str:
    field = Article._meta.get_field(name)
    if name == "body":
        return richtext.to_text(revision.body or "")
    if field.is_relation:
        related = getattr(revision, name, None)
        return str(related) if related is not None else ""
    value = getattr(revision, name)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value or ""))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if hasattr(value, "tzinfo"):
        return date_format(localtime(value), "j M Y, H.i")
    return "" if value is None else str(value)


def revision_changes(older, newer) -> list[FieldChange]:
    """Each field that differs between two revisions (``HistoricalArticle``
    rows), and the tags added and removed."""
    changes = []
    for name in COMPARED:
        diff = word_diff(_shown(older, name), _shown(newer, name))
        if diff:
            label = Article._meta.get_field(name).verbose_name
            changes.append(FieldChange(str(label).capitalize(), diff))
    tags = history.tag_changes(older.tags, newer.tags)
    if tags:
        # Each tag whole ("Topik: Baja"), removed or added: words of two tag
        # names are not to be matched with each other.
        changes.append(
            FieldChange(
                _("Tags"),
                [Segment("del" if t.startswith("−") else "ins", t[2:]) for t in tags],
            )
        )
    return changes


def _revision_label(revision) -> str:
    when = date_format(localtime(revision.history_date), "j M Y, H.i")
    who = revision.history_user or _("someone")
    return _("version %(version)s, %(when)s, %(who)s") % {
        "version": revision.version,
        "when": when,
        "who": who,
    }


class RevisionCompare:
    """Mixed into ``ArticleAdmin``: the compare page, and the history list's
    choice of two revisions."""

    def history_view(self, request, object_id, extra_context=None):
        compare_url = None
        if unquote(str(object_id)).isdigit():
            compare_url = reverse(
                "admin:articles_article_compare", args=[unquote(str(object_id))]
            )
        return super().history_view(
            request, object_id, {"compare_url": compare_url, **(extra_context or {})}
        )

    def compare_view(self, request, object_id):
        article = self.get_object(request, str(object_id))
        if article is None or not self.has_view_permission(request, article):
            raise Http404
        ids = [request.GET.get("from", ""), request.GET.get("to", "")]
        if not all(v.isascii() and v.isdigit() for v in ids):
            raise Http404
        found = {
            r.history_id: r
            for r in article.history.filter(history_id__in=ids).select_related(
                "history_user"
            )
        }
        if len(found) != len(set(ids)):
            raise Http404
        older, newer = sorted(
            (found[int(v)] for v in ids), key=lambda r: (r.history_date, r.history_id)
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": _("Compare revisions of “%(title)s”") % {"title": article.title},
            "older": _revision_label(older),
            "newer": _revision_label(newer),
            "changes": revision_changes(older, newer),
        }
        return TemplateResponse(request, "admin/articles/article/compare.html", context)
