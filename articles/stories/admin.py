"""Stories in the newsroom: the list (size, outlets, first and last seen),
merging, a story's page (pick the canonical version, split articles off) and
two versions side by side with the differences marked."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from articles import stories as services
from articles.models import Article, workflow
from articles.models.stories import Story, StoryMember
from articles.stories import compare
from entities.admin_base import PlainCheckboxAdmin, run_all_or_nothing

ADDITION_LABELS = {
    "quotes": gettext_lazy("quotes"),
    "figures": gettext_lazy("figures"),
    "names": gettext_lazy("names"),
}


def additions_html(additions) -> str:
    """What a copy adds, one line per kind, escaped."""
    return format_html_join(
        "",
        "<div><strong>{}:</strong> {}</div>",
        (
            (ADDITION_LABELS.get(kind, kind), "; ".join(values))
            for kind, values in (additions or {}).items()
        ),
    )


def story_note(article) -> str:
    """The article form's note: the story it is in, the article it copies and
    what it adds, with links to the story and the comparison."""
    try:
        member = article.story_member
    except StoryMember.DoesNotExist:
        return "–"
    story_url = reverse("admin:articles_story_change", args=[member.story_id])
    viewer = getattr(article, "viewer", None)
    if member.matched_id is None or (
        viewer is not None and not workflow.can_view(viewer, member.matched)
    ):
        # Another's draft or article in review is not named to a contributor.
        return format_html(
            '{} <a href="{}">{}</a>',
            _("In a story with other versions:"),
            story_url,
            _("see the story"),
        )
    compare_url = reverse(
        "admin:articles_story_compare",
        args=[member.story_id, member.matched_id, article.pk],
    )
    return format_html(
        '<p class="story-note"><strong>{}</strong> “{}”{} · <a href="{}">{}</a> · '
        '<a href="{}">{}</a></p>{}',
        _("Same story as"),
        member.matched.title,
        format_html(" ({})", member.matched.source) if member.matched.source else "",
        compare_url,
        _("compare side by side"),
        story_url,
        _("see the story"),
        format_html(
            "<p>{}</p>{}",
            _("What this version adds:"),
            additions_html(member.additions),
        )
        if member.additions
        else format_html("<p>{}</p>", _("It adds no quotes, figures or names.")),
    )


class InStoryFilter(admin.SimpleListFilter):
    """On the article list: articles found to copy another one (the copies an
    import left in review), or any article of a story."""

    title = gettext_lazy("story")
    parameter_name = "story"

    def lookups(self, request, model_admin):
        return (
            ("copy", _("Same story as another article")),
            ("any", _("In a story")),
            ("none", _("In no story")),
        )

    def queryset(self, request, queryset):
        if self.value() == "copy":
            return queryset.filter(story_member__matched__isnull=False)
        if self.value() == "any":
            return queryset.filter(story_member__isnull=False)
        if self.value() == "none":
            return queryset.filter(story_member__isnull=True)
        return queryset


class StorySizeFilter(admin.SimpleListFilter):
    title = gettext_lazy("size")
    parameter_name = "size"

    def lookups(self, request, model_admin):
        return (("2", _("2 articles")), ("3", _("3 or more")), ("5", _("5 or more")))

    def queryset(self, request, queryset):
        if self.value() == "2":
            return queryset.filter(size=2)
        if self.value() in ("3", "5"):
            return queryset.filter(size__gte=int(self.value()))
        return queryset


@admin.action(
    description=gettext_lazy("Merge the selected stories into the oldest"),
    permissions=["change"],
)
def merge_stories(modeladmin, request, queryset):
    stories = list(queryset.order_by("first_seen", "pk"))
    if len(stories) < 2:
        modeladmin.message_user(
            request, _("Select at least two stories to merge."), messages.WARNING
        )
        return
    into = run_all_or_nothing(
        modeladmin,
        request,
        lambda: services.stories_merge(
            stories=stories, into=stories[0], by=request.user
        ),
    )
    if into is not None:
        modeladmin.message_user(
            request,
            ngettext(
                "%(count)d story merged into “%(story)s”.",
                "%(count)d stories merged into “%(story)s”.",
                len(stories) - 1,
            )
            % {"count": len(stories) - 1, "story": into},
            messages.SUCCESS,
        )


@admin.register(Story)
class StoryAdmin(PlainCheckboxAdmin, admin.ModelAdmin):
    list_display = ("title", "size", "outlets", "first_seen", "last_seen")
    list_filter = (StorySizeFilter, "canonical_by_desk")
    search_fields = ("canonical__title",)
    list_select_related = ("canonical",)
    list_per_page = 50
    show_full_result_count = False
    actions = [merge_stories]

    def get_queryset(self, request):
        """Every story for editors. A contributor sees the article form's rows
        only (``workflow.visible_q``): a story whose canonical version (its
        name) they may see, and of it only the members they may see; the list,
        its search, the autocomplete and the story page all read this."""
        condition = workflow.visible_q(request.user, "article__")
        members = StoryMember.objects.select_related("article__source")
        # The model's ordering, said again: a count's GROUP BY drops it, and
        # the autocomplete pages what this returns (unordered pages may
        # repeat or skip a story).
        queryset = super().get_queryset(request).order_by(*Story._meta.ordering)
        if condition is None:
            return queryset.annotate(size=Count("members")).prefetch_related(
                Prefetch("members", queryset=members)
            )
        visible = StoryMember.objects.filter(condition)
        named = workflow.visible_q(request.user, "canonical__")
        return (
            queryset.filter(
                Q(canonical__isnull=True) | named,
                Exists(visible.filter(story=OuterRef("pk"))),
            )
            .annotate(
                size=Count(
                    "members",
                    filter=Q(members__in=visible.values("pk")),
                )
            )
            .prefetch_related(Prefetch("members", queryset=members.filter(condition)))
        )

    @staticmethod
    def visible_members(request, story):
        """The story's members ``request.user`` may see."""
        condition = workflow.visible_q(request.user, "article__")
        members = story.members.all()
        return members if condition is None else members.filter(condition)

    def get_urls(self):
        return [
            path(
                "<int:story_id>/compare/<int:left>/<int:right>/",
                self.admin_site.admin_view(self.compare_view),
                name="articles_story_compare",
            ),
            *super().get_urls(),
        ]

    def has_add_permission(self, request):
        return False

    @admin.display(description=gettext_lazy("story"), ordering="canonical__title")
    def title(self, story):
        return str(story)

    @admin.display(description=gettext_lazy("articles"), ordering="size")
    def size(self, story):
        return story.size

    @admin.display(description=gettext_lazy("outlets"))
    def outlets(self, story):
        names = {
            m.article.source.name if m.article.source else _("source not stated")
            for m in story.members.all()
        }
        return ", ".join(sorted(names))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        story = self.get_object(request, object_id)
        if story is None or not self.has_view_permission(request, story):
            raise Http404
        if request.method == "POST":
            if not self.has_change_permission(request, story):
                raise PermissionDenied
            return self._change(request, story)
        members = list(
            self.visible_members(request, story)
            .select_related("article__source", "matched__source", "added_by")
            .order_by("article__created_at", "article__pk")
        )
        shown = {member.article_id for member in members}
        for member in members:
            if member.matched_id not in shown:
                member.matched = None  # a version this reader may not open
            member.additions_html = additions_html(member.additions)
            if story.canonical_id and member.article_id != story.canonical_id:
                member.compare_url = reverse(
                    "admin:articles_story_compare",
                    args=[story.pk, story.canonical_id, member.article_id],
                )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Story: %(story)s") % {"story": story},
            "opts": self.model._meta,
            "story": story,
            "members": members,
            "can_change": self.has_change_permission(request, story),
            "seen": [
                date_format(localtime(value), "DATETIME_FORMAT") if value else "–"
                for value in (story.first_seen, story.last_seen)
            ],
        }
        return TemplateResponse(request, "admin/articles/story/story.html", context)

    def _change(self, request, story):
        member_ids = set(story.members.values_list("article_id", flat=True))
        here = reverse("admin:articles_story_change", args=[story.pk])
        if "canonical" in request.POST:
            article = get_object_or_404(
                Article, pk=_int(request.POST["canonical"]), pk__in=member_ids
            )
            services.story_set_canonical(story=story, article=article, by=request.user)
            self.message_user(
                request,
                _("“%(title)s” is now the version readers see.")
                % {"title": article.title},
                messages.SUCCESS,
            )
        elif "split" in request.POST:
            chosen = [_int(pk) for pk in request.POST.getlist("articles")]
            articles = list(Article.objects.filter(pk__in=set(chosen) & member_ids))
            if not articles or len(articles) == len(member_ids):
                self.message_user(
                    request,
                    _("Choose some, but not all, of the story's articles."),
                    messages.WARNING,
                )
                return HttpResponseRedirect(here)
            new = services.story_split(story=story, articles=articles, by=request.user)
            self.message_user(
                request,
                ngettext(
                    "%(count)d article split off into a story of its own.",
                    "%(count)d articles split off into a story of their own.",
                    len(articles),
                )
                % {"count": len(articles)},
                messages.SUCCESS,
            )
            if not Story.objects.filter(pk=story.pk).exists():
                here = reverse("admin:articles_story_change", args=[new.pk])
        return HttpResponseRedirect(here)

    def compare_view(self, request, story_id, left, right):
        """Two versions of a story side by side: words only in the left one
        struck through, words only in the right one marked."""
        story = self.get_object(request, str(story_id))
        if story is None:
            raise Http404
        if not self.has_view_permission(request, story):
            raise PermissionDenied
        # Both versions must be ones the reader may open in the article form:
        # a contributor gets a 404 for another's draft, as there.
        members = {
            m.article_id: m
            for m in self.visible_members(request, story)
            .select_related("article__source")
            .filter(article_id__in=[left, right])
        }
        if left not in members or right not in members:
            raise Http404
        a, b = members[left].article, members[right].article
        context = {
            **self.admin_site.each_context(request),
            "title": _("Compare two versions"),
            "opts": self.model._meta,
            "story": story,
            "left": a,
            "right": b,
            "rows": compare.side_by_side(a.body_text, b.body_text),
            "title_rows": compare.side_by_side(a.title, b.title),
            "adds": additions_html(compare.additions(a.body_text, b.body_text)),
        }
        return TemplateResponse(request, "admin/articles/story/compare.html", context)


def _int(value) -> int:
    text = str(value)
    if not (text.isascii() and text.isdigit()):
        raise Http404
    return int(text)
