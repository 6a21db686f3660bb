"""Draft revisions of a live article at the desk (``editorial.drafts``): the
change form's "Save as a draft revision" button and its banner, the form
showing the revision instead of the live text, and the review page where an
editor sees what publishing changes, word by word, and publishes, schedules or
discards it."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from articles import editorial
from articles.desk.compare import revision_changes
from articles.editorial import drafts, history
from articles.models import Article, ArticleDraft, workflow

SAVE_DRAFT = "_save_draft"


def _as_stored(pk, stored) -> Article:
    """The article as the form's first read found it (its workflow fields)."""
    return Article(
        pk=pk,
        status=stored["status"],
        publish_at=stored["publish_at"],
        created_by_id=stored["created_by_id"],
        assignee_id=stored["assignee_id"],
    )


class DraftFormFields:
    """Mixed into ``ArticleAdminForm``: which revision the form shows (its
    ``expected_draft`` field), and the revision's values in the form."""

    STORED = ("pending_draft__version", "publish_at", "created_by_id", "assignee_id")

    saving_draft = False  # set per request: the draft button was pressed
    pending_draft = None  # the revision the form shows
    draft_stored = None  # what ``editorial.draft_check`` returned
    stored_article = None  # the article's workflow fields as first read

    def show_draft(self, stored) -> None:
        """Put the article's pending revision, applied onto the live article,
        in the form (not while a revision of the history is restored)."""
        if stored is None:
            return
        self.stored_article = _as_stored(self.instance.pk, stored)
        version = stored["pending_draft__version"]
        self.fields["expected_draft"].initial = version
        if version is None or self.restoring:
            return
        draft = (
            ArticleDraft.objects.select_related(
                "created_by", "updated_by", "scheduled_by"
            )
            .filter(article_id=self.instance.pk)
            .first()
        )
        if draft is None:
            return
        self.pending_draft = draft
        if self.is_bound:
            # A posted form shows what was posted; its initial values stay
            # the live ones (what a refused save's edits are compared with).
            return
        fields, tags = drafts.merged(draft, live=self.instance)
        for name, value in fields.items():
            if name.removesuffix("_id") in self.fields:
                self.initial[name.removesuffix("_id")] = value
        objects, _missing = history.restorable(tags)
        self.initial.update(
            {n: objs for n, objs in objects.items() if n in self.fields}
        )

    def check_save(self) -> None:
        """Ask the services whether this save may happen: as a draft revision,
        or as a save of the article (``editorial.article_check``) from a form
        that showed the revision it still is."""
        data = self.cleaned_data
        if self.saving_draft:
            self.draft_stored = editorial.draft_check(
                article=self.instance,
                by=self.user,
                expected_version=data.get("expected_version"),
                expected_draft=data.get("expected_draft"),
            )
            return
        self.checked = editorial.article_check(
            article=self.instance,
            by=self.user,
            expected_version=data.get("expected_version"),
            transition=data.get("transition") or None,
        )
        if self.instance.pk and not self.restoring and data.get("expected_draft"):
            drafts.check_draft_unchanged(self.instance, data["expected_draft"])


class ScheduleForm(forms.Form):
    publish_at = forms.DateTimeField(
        label=_("Publish the revision at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )


class DraftEditing:
    """Mixed into ``ArticleAdmin``: saving a draft revision from the change
    form, the banner, and the review page."""

    def get_urls(self):
        return [
            path(
                "<int:object_id>/draft/",
                self.admin_site.admin_view(self.draft_view),
                name="articles_article_draft",
            ),
            *super().get_urls(),
        ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.saving_draft = request.method == "POST" and SAVE_DRAFT in request.POST
        return form

    def save_model(self, request, obj, form, change):
        if form.saving_draft:
            editorial.draft_save(
                article=obj, by=request.user, tags=form.tags(), stored=form.draft_stored
            )
            form.save_m2m = lambda: None
            request._draft_saved = True
            return
        super().save_model(request, obj, form, change)
        shown = form.cleaned_data.get("expected_draft")
        if change and shown and not form.restoring:
            # The form showed the revision: what was saved is it, now live.
            drafts.draft_applied(article=obj, expected_draft=shown)
            self.message_user(
                request, _("The draft revision was published with this save.")
            )

    def response_change(self, request, obj):
        if getattr(request, "_draft_saved", False):
            self.message_user(
                request,
                _(
                    "Saved as a draft revision. Readers see the published version "
                    "until an editor publishes the revision."
                ),
                messages.SUCCESS,
            )
            return redirect(request.path)
        return super().response_change(request, obj)

    def render_change_form(self, request, context, add=False, change=False, **kwargs):
        form = context["adminform"].form
        stored = form.stored_article
        if change and stored is not None and not form.restoring:
            user = request.user
            context["can_save_draft"] = workflow.can_save_draft(user, stored)
            context["pending_draft"] = form.pending_draft
            context["can_publish_draft"] = workflow.can_publish(user)
            context["draft_review_url"] = reverse(
                "admin:articles_article_draft", args=[stored.pk]
            )
            context["schedule_form"] = ScheduleForm(
                auto_id="id_draft_%s", use_required_attribute=False
            )
            if context["can_save_draft"] and not workflow.can_edit(user, stored):
                # A contributor's live article: only a draft revision.
                context.update(
                    show_save=False,
                    show_save_and_continue=False,
                    show_save_and_add_another=False,
                )
        return super().render_change_form(request, context, add, change, **kwargs)

    def draft_view(self, request, object_id):
        """The review page of an article's pending revision (GET), and its
        actions (POST): publish, schedule, unschedule, discard."""
        article = self.get_object(request, str(object_id))
        if article is None or not self.has_view_permission(request, article):
            raise Http404
        user = request.user
        change_url = reverse("admin:articles_article_change", args=[article.pk])
        editor = workflow.can_publish(user)
        if not (editor or workflow.can_save_draft(user, article)):
            raise Http404
        draft = (
            ArticleDraft.objects.select_related(
                "created_by", "updated_by", "scheduled_by"
            )
            .filter(article=article)
            .first()
        )
        if draft is None:
            self.message_user(
                request,
                _("This article has no draft revision (any more)."),
                messages.WARNING,
            )
            return redirect(change_url)
        if request.method == "POST":
            return self._draft_action(request, article, change_url)
        article.tags = history.snapshot(history.current_tags(article))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": _("Draft revision of “%(title)s”") % {"title": article.title},
            "draft": draft,
            "changes": revision_changes(
                article, drafts.as_published(draft, live=article)
            ),
            "live_changed": draft.base_version != article.version,
            "can_publish_draft": editor,
            "schedule_form": ScheduleForm(
                auto_id="id_draft_%s", use_required_attribute=False
            ),
            "change_url": change_url,
        }
        return TemplateResponse(
            request, "admin/articles/article/draft_review.html", context
        )

    def _draft_action(self, request, article, change_url):
        numbers = [
            request.POST.get(n, "") for n in ("expected_draft", "expected_version")
        ]
        action = request.POST.get("action")
        if not all(n.isascii() and n.isdigit() for n in numbers) or action not in (
            "publish",
            "schedule",
            "unschedule",
            "discard",
        ):
            return HttpResponseBadRequest(_("This form is not one the desk sent."))
        expected_draft, expected_version = (int(n) for n in numbers)
        review_url = reverse("admin:articles_article_draft", args=[article.pk])
        try:
            if action == "publish":
                _article, missing = editorial.draft_publish(
                    article=article,
                    by=request.user,
                    expected_version=expected_version,
                    expected_draft=expected_draft,
                )
                self.message_user(request, _("The draft revision is published."))
                if missing:
                    self.message_user(
                        request,
                        _("Not applied, because they no longer exist: %(names)s.")
                        % {"names": ", ".join(missing)},
                        messages.WARNING,
                    )
                return redirect(change_url)
            if action == "discard":
                editorial.draft_discard(
                    article=article, by=request.user, expected_draft=expected_draft
                )
                self.message_user(request, _("The draft revision was discarded."))
                return redirect(change_url)
            when = None
            if action == "schedule":
                schedule = ScheduleForm(request.POST)
                if not schedule.is_valid():
                    raise ValidationError(_("Choose a date and time to schedule."))
                when = schedule.cleaned_data["publish_at"]
            editorial.draft_schedule(
                article=article,
                by=request.user,
                when=when,
                expected_draft=expected_draft,
            )
            self.message_user(
                request,
                _("The revision will be published at %(when)s.")
                % {"when": date_format(localtime(when), "DATETIME_FORMAT")}
                if when
                else _("The revision is no longer scheduled."),
            )
            return redirect(review_url)
        except (PermissionDenied, ValidationError) as exc:
            text = "; ".join(getattr(exc, "messages", None) or [str(exc)])
            self.message_user(request, text, messages.ERROR)
            return redirect(review_url)
