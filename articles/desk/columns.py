"""What the article list and form show beyond the fields: status badges,
source and tags, authors, suggestions, notes, the story, revision details."""

from django.contrib import admin
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.editorial import history
from articles.site import listing
from articles.stories import admin as story_admin
from articles.suggestions import review


class ArticleColumns:
    """The article admin's display columns and read-only fields."""

    @admin.display(description=_("suggestions"))
    def suggestion_summary(self, obj):
        pending = review.pending_count(obj)
        url = reverse("admin:articles_article_suggestions", args=[obj.pk])
        if not pending:
            return format_html('<a href="{}">{}</a>', url, _("None pending"))
        return format_html(
            '<a class="button" href="{}">{}</a>',
            url,
            ngettext(
                "Review %(count)d suggestion", "Review %(count)d suggestions", pending
            )
            % {"count": pending},
        )

    @admin.display(description=_("notes"))
    def notes_thread(self, obj):
        notes = list(obj.notes.select_related("author")) if obj.pk else []
        if not notes:
            return _("No notes yet.")
        return format_html(
            '<ol class="notes">{}</ol>',
            format_html_join(
                "",
                '<li><span class="meta">{} · {}</span><br>{}</li>',
                (
                    (
                        note.author or "–",
                        date_format(localtime(note.created_at), "j M Y, H.i"),
                        linebreaksbr(note.text),
                    )
                    for note in notes
                ),
            ),
        )

    @admin.display(description=_("length"))
    def text_length(self, obj):
        minutes = obj.reading_minutes
        return ngettext(
            "%(words)d words · %(minutes)d minute to read",
            "%(words)d words · %(minutes)d minutes to read",
            minutes,
        ) % {"words": obj.word_count, "minutes": minutes}

    @admin.display(description=_("status"))
    def status_label(self, record):
        return record.get_status_display()

    @admin.display(description=_("story"))
    def story_note(self, obj):
        return story_admin.story_note(obj)

    @admin.display(description=_("tags changed"))
    def tag_changes(self, record):
        previous = record.prev_record
        lines = history.tag_changes(previous.tags if previous else {}, record.tags)
        return format_html_join(mark_safe("<br>"), "{}", ((line,) for line in lines))

    @admin.display(description=_("workflow"))
    def workflow_summary(self, obj):
        parts = []
        if obj.created_by:
            parts.append(str(_("created by %(user)s")) % {"user": obj.created_by})
        if obj.status_changed_by and obj.status_changed_at:
            parts.append(
                str(_("status set by %(user)s")) % {"user": obj.status_changed_by}
            )
        parts.append(str(_("version %(n)d")) % {"n": obj.version})
        return format_html("{} · {}", self.status_badge(obj), " · ".join(parts))

    @admin.display(description=_("status"), ordering="status")
    def status_badge(self, obj):
        """Where the article stands; a scheduled article says when it goes live."""
        if obj.is_scheduled:
            label = _("Scheduled · %(when)s") % {
                "when": date_format(localtime(obj.publish_at), "j M, H.i")
            }
            state = "scheduled"
        else:
            label, state = obj.get_status_display(), obj.status
        star = (
            format_html(' <span class="featured" title="{}">★</span>', _("featured"))
            if obj.is_featured
            else ""
        )
        return format_html(
            '<span class="status status-{}">{}</span>{}', state, label, star
        )

    @admin.display(description=_("source and tags"), ordering="source__name")
    def source_and_tags(self, obj):
        """Where the article comes from, and what it is tagged with (one column,
        so the title keeps its room)."""
        tags = self.tag_summary(obj)
        if not obj.source and tags == "–":
            return "–"
        return format_html(
            '<span class="source">{}</span><span class="tags">{}</span>',
            obj.source.name if obj.source else "–",
            tags,
        )

    @admin.display(description=_("tags"))
    def tag_summary(self, obj):
        """Counts of regions, topics and entities; the names in a tooltip."""
        tags = listing.tags_of(obj)  # ArticleChangeList attached them
        groups = [
            (tags.regions, _("region"), _("regions")),
            (tags.topics, _("topic"), _("topics")),
            (tags.entities, _("entity"), _("entities")),
        ]
        parts, names = [], []
        for items, one, many in groups:
            if items:
                # No break inside "3 topics"; the column wraps between groups.
                parts.append(f"{len(items)}\u00a0{one if len(items) == 1 else many}")
                names += [item.name for item in items]
        if not parts:
            return "–"
        return format_html(
            '<span title="{}">{}</span>', ", ".join(names), " · ".join(parts)
        )

    @admin.display(description=_("author"))
    def people(self, obj):
        author = obj.created_by.get_username() if obj.created_by else "–"
        if obj.assignee_id and obj.assignee_id != obj.created_by_id:
            return f"{author} → {obj.assignee.get_username()}"
        return author

    @admin.display(description=_("last edited"), ordering="updated_at")
    def last_edited(self, obj):
        when = localtime(obj.updated_at)
        if when.date() == localtime().date():
            return date_format(when, "H.i")
        return date_format(when, "j M Y")
