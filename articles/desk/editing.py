"""Editing one article in the admin: the change form with kept refused edits,
uploads that are deleted unless the save commits, the workflow buttons, the
save through ``editorial`` and restoring a revision."""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.shortcuts import redirect
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from articles import editorial
from articles.desk import live
from articles.editorial import autosave, images, recovery
from articles.facts import article_extract_facts, article_extract_quotes
from articles.facts.admin import save_fact_formset
from articles.models import Article, ArticleNote, Fact, workflow


class ArticleEditing:
    """The article admin's change form, save and restore."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        article = self._editable(request, object_id)
        if object_id is None or article is not None:
            answer = live.live_side(self, request, article)
            if answer is not None:
                return answer
            extra_context = {**(extra_context or {}), **request._live}
        entry = recovery.kept(request, article) if article else None
        if entry and request.method == "POST" and "discard_refused" in request.POST:
            # A POST (the form's own button, with its CSRF token): a link or
            # an image someone else planted could otherwise discard them.
            recovery.forget(request, article)
            self.message_user(request, _("Your refused edits were discarded."))
            return redirect(request.path)
        if entry and request.method == "GET":
            refused = recovery.compare(self.get_form(request, article), article, entry)
            if refused and "reapply" in request.GET:
                request._reapplied = refused.values
                request._reapplied_note = refused.note
                self.message_user(
                    request,
                    _(
                        "Your edits are in the form, on top of the current version. "
                        "Check them, then save."
                    ),
                    messages.WARNING,
                )
            extra_context = {**(extra_context or {}), "refused": refused}
        response = self._deleting_unsaved_uploads(
            request,
            super().changeform_view,
            object_id,
            form_url,
            extra_context,
        )
        context = getattr(response, "context_data", None) or {}
        adminform = context.get("adminform")
        if article and adminform and recovery.refused_as_stale(adminform.form):
            # Keep what was refused, and show it beside the current version.
            recovery.keep(request, article, request.POST, request.FILES)
            context["refused"] = recovery.compare(
                self.get_form(request, article),
                article,
                recovery.kept(request, article),
            )
        return response

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        note = getattr(request, "_reapplied_note", "")
        if note and inline.model is ArticleNote and request.method == "GET":
            # The note typed with the refused save, back in its box.
            kwargs["initial"] = [{"text": note}]
        return kwargs

    def _editable(self, request, object_id):
        """The article of a change page the user may edit (else ``None``)."""
        if object_id is None:
            return None
        article = self.get_object(request, unquote(object_id))
        if article is None or not self.has_change_permission(request, article):
            return None
        return article

    def history_form_view(self, request, *args, **kwargs):
        return self._deleting_unsaved_uploads(
            request, super().history_form_view, *args, **kwargs
        )

    @staticmethod
    def _deleting_unsaved_uploads(request, view, *args, **kwargs):
        """Uploads are stored while the form is validated; whatever a request
        stored that no article refers to when it ends (an invalid form, a
        refused or failed save, rolled back) is deleted."""
        request._staged_files = []
        try:
            return view(request, *args, **kwargs)
        finally:
            images.delete_unreferenced(request._staged_files)

    def save_model(self, request, obj, form, change):
        reason = ""
        if self.is_restoring(request):
            reason = self._prepare_restore(request, obj, form)
        editorial.article_update(
            article=obj,
            by=request.user,
            expected_version=form.cleaned_data.get("expected_version"),
            tags=form.tags(),
            reason=reason,
            # Checked (and locked) while the form was validated, in this
            # transaction: not read again.
            checked=form.checked,
        )
        # The service has set the tags; the history view would set them again.
        form.save_m2m = lambda: None
        # Facts the edited text states that were not found before, pending.
        article_extract_facts(article=obj)
        article_extract_quotes(article=obj)

    def _prepare_restore(self, request, obj, form):
        """Restoring a revision: what cannot come back is kept as it is now, and
        the editor is told."""
        current = request._history_current
        if obj.featured_image != current.featured_image:
            # Replaced images are deleted; the current one stays.
            obj.featured_image = current.featured_image
            obj.featured_image_alt = current.featured_image_alt
            self.message_user(
                request,
                _("The image was not restored: replaced images are not kept."),
                messages.WARNING,
            )
        obj.image_renditions = current.image_renditions
        obj.image_width, obj.image_height = current.image_width, current.image_height
        missing = getattr(form, "missing_tags", [])
        if missing:
            self.message_user(
                request,
                _("Not restored, because they no longer exist: %(names)s.")
                % {"names": ", ".join(missing)},
                messages.WARNING,
            )
        when = date_format(localtime(form.revision.history_date), "DATETIME_FORMAT")
        self.message_user(
            request,
            _(
                "The text and tags of the revision of %(when)s are back. Where the "
                "article stands is as it was: %(status)s."
            )
            % {"when": when, "status": _status_label(current)},
            messages.INFO,
        )
        return _("Restored the revision of %(when)s") % {
            "when": date_format(
                localtime(form.revision.history_date), "DATETIME_FORMAT"
            )
        }

    def save_related(self, request, form, formsets, change):
        # Tags were set by ``editorial.article_update`` (see ``save_model``).
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_formset(self, request, form, formset, change):
        if formset.model is Fact:
            save_fact_formset(request, formset)
            return None
        if formset.model is ArticleNote:
            for note_form in formset.forms:
                text = note_form.cleaned_data.get("text", "").strip()
                if text:
                    note = editorial.note_add(
                        article=form.instance, text=text, by=request.user
                    )
                    self._warn_unreached(request, note.mentions)
            formset.new_objects = formset.changed_objects = []
            formset.deleted_objects = []
            return None
        return super().save_formset(request, form, formset, change)

    def _warn_unreached(self, request, mentions):
        """A mention that reached nobody is said, not silently dropped."""
        if mentions.unknown:
            self.message_user(
                request,
                _(
                    "Nobody in the newsroom is called %(names)s: the note was "
                    "saved, but nobody was told."
                )
                % {"names": ", ".join(f"@{name}" for name in mentions.unknown)},
                messages.WARNING,
            )
        if mentions.cannot_open:
            self.message_user(
                request,
                _(
                    "%(names)s cannot open this article and was not told: the note "
                    "was saved. Assign the article to them first."
                )
                % {
                    "names": ", ".join(
                        f"@{user.get_username()}" for user in mentions.cannot_open
                    )
                },
                messages.WARNING,
            )

    BUTTON_LABELS = {
        "review": _("Submit for review"),
        "publish": _("Publish now"),
        "schedule": _("Schedule"),
        "draft": _("Return to draft"),
        "archive": _("Archive"),
    }

    def render_change_form(self, request, context, add=False, change=False, **kwargs):
        obj = context.get("original")
        stored = Article.objects.filter(pk=obj.pk).first() if obj and obj.pk else None
        if context.get("has_change_permission", True) or add:
            names = workflow.buttons_for(
                request.user,
                current=stored.status if stored else Article.Status.DRAFT,
                scheduled=bool(stored and stored.is_scheduled),
            )
            context["workflow_buttons"] = [
                (name, self.BUTTON_LABELS[name], name) for name in names
            ]
        return super().render_change_form(request, context, add, change, **kwargs)

    def _after_transition(self, request):
        # A workflow button keeps the editor on the article, to see the result.
        if request.POST.get("transition") and "_continue" not in request.POST:
            request.POST = request.POST.copy()
            request.POST["_continue"] = "1"

    def response_change(self, request, obj):
        recovery.forget(request, obj)
        autosave.autosave_forget(user=request.user, article=obj)
        self._after_transition(request)
        return super().response_change(request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        autosave.autosave_forget(user=request.user, article=None)
        self._after_transition(request)
        return super().response_add(request, obj, post_url_continue)

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_public else obj.get_preview_url()


def _status_label(article) -> str:
    """The article's status as the list shows it ("Scheduled · 12 Mar, 09.00")."""
    if article.is_scheduled:
        return _("Scheduled · %(when)s") % {
            "when": date_format(localtime(article.publish_at), "j M, H.i")
        }
    return str(article.get_status_display())
