"""Admin building blocks both apps use (``articles`` builds on ``entities``)."""

import datetime

from django import forms
from django.contrib import messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.formats import date_format
from django.utils.html import format_html, strip_tags
from django.utils.text import capfirst
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import DeletedObject
from simple_history.template_utils import HistoricalRecordContextHelper

from .versioning import version_check


def run_all_or_nothing(modeladmin, request, write):
    """Run ``write`` (a service that changes everything or nothing) and return its
    result; a refusal becomes an error message and ``None``."""
    try:
        return write()
    except (PermissionDenied, ValidationError) as exc:
        modeladmin.message_user(
            request,
            _("Nothing was changed: %(error)s") % {"error": refusal(exc)},
            messages.ERROR,
        )
        return None


def refusal(exc) -> str:
    """The text of a refusal, for people (a ValidationError's messages joined)."""
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc)


class PlainCheckboxAdmin:
    """Mixed into admins of long lists: each changelist row's checkbox with
    Django's markup, written directly. Django renders it with a form widget and
    its template, about half a millisecond a row (a quarter of a 50-row article
    changelist's time)."""

    def action_checkbox(self, obj):
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select"'
            ' aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            str(obj.pk),
            format_html(_("Select this object for an action - {}"), str(obj)),
        )


class LabelledInlineFormSet(forms.BaseInlineFormSet):
    """A tabular inline's rows whose fields name themselves: the inline labels
    its columns in the table head only, which is no label for a screen reader
    (axe ``label``, critical); the delete box included."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        for field in form.fields.values():
            field.widget.attrs.setdefault("aria-label", capfirst(str(field.label)))


class VersionedForm(forms.ModelForm):
    """A model form that refuses a save based on an older version than the
    database holds (the article form's stale-save refusal, for the
    vocabulary). ``expected_version`` carries the version the form was opened
    at; ``GuardedHistoryAdmin`` renders it and sets ``current`` (the object as
    it is now) when a revision is being restored, which expects the current
    version. The check locks the row (the admin's save runs in one
    transaction), so no save slips in between the check and the write."""

    current = None
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        shown = self.current or self.instance
        if shown.pk is not None:
            self.fields["expected_version"].initial = shown.version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            return cleaned
        expected = cleaned.get("expected_version")
        if expected is None:
            raise ValidationError(
                _(
                    "This form does not say which version it edits; reload the "
                    "page and make the change again."
                ),
                code="conflict",
            )
        version_check(self.instance, expected)
        return cleaned


class GuardedHistoryAdmin(SimpleHistoryAdmin):
    """django-simple-history's history pages, held to the rules of a normal save.

    Its revert form saves with only *view* permission; here:

    - the object and revision ids must be numbers (anything else is a 404);
    - a revision is shown only to who may view the object as it is now, and
      restoring it (POST) needs change permission on the object as it is now;
    - the restore is saved through ``save_model`` and ``save_related`` like a
      normal save, so each app's services (and their rules) do the writing, in
      one transaction.
    """

    def _guarded_history_view(self, request, object_id, extra_context=None):
        _require_ids(object_id)
        current = self.get_object(request, unquote(object_id))
        if current is None or not self.has_view_permission(request, current):
            raise Http404
        return super().history_view(request, object_id, extra_context)

    @transaction.atomic
    def history_form_view(self, request, object_id, version_id, extra_context=None):
        _require_ids(object_id, version_id)
        current = self.get_object(request, unquote(object_id))
        if current is None or not self.has_view_permission(request, current):
            raise Http404
        if request.method == "POST" and not self.has_change_permission(
            request, current
        ):
            raise PermissionDenied
        request._history_current = current
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if issubclass(form, VersionedForm):
            current = getattr(request, "_history_current", None)
            form = type(form.__name__, (form,), {"current": current})
        return form

    def get_fieldsets(self, request, obj=None):
        """A versioned form carries its hidden version with the first
        section, for who may save it."""
        fieldsets = super().get_fieldsets(request, obj)
        form = self.form
        if not (
            issubclass(form, VersionedForm) and self.has_change_permission(request, obj)
        ):
            return fieldsets
        (name, options), *rest = fieldsets
        first = {**options, "fields": (*options["fields"], "expected_version")}
        return [(name, first), *rest]

    def revert_disabled(self, request, obj=None):
        current = getattr(request, "_history_current", None)
        return not self.has_change_permission(request, current or obj)

    def has_view_history_or_change_history_permission(self, request, obj=None):
        current = getattr(request, "_history_current", None)
        return self.has_view_permission(request, current or obj)

    def is_restoring(self, request) -> bool:
        return hasattr(request, "_history_current")

    def history_view(self, request, object_id, extra_context=None):
        columns = [
            (name, _column_label(self, name))
            for name in self.get_history_list_display(request)
        ]
        return self._guarded_history_view(
            request, object_id, {"history_columns": columns, **(extra_context or {})}
        )

    def get_historical_record_context_helper(self, request, historical_record):
        return RevisionChangesHelper(self.model, historical_record)


def _require_ids(*values):
    for value in values:
        text = unquote(str(value))
        if not (text.isascii() and text.isdigit()):
            raise Http404


def _column_label(model_admin, name):
    attribute = getattr(model_admin, name, None)
    label = getattr(attribute, "short_description", None)
    if label is None:
        try:
            label = model_admin.model._meta.get_field(name).verbose_name
        except Exception:  # not a field: show the name
            label = name
    return capfirst(label)


class RevisionChangesHelper(HistoricalRecordContextHelper):
    """What changed between two revisions, for people: choices by their labels,
    times in local time, long texts shortened to their beginning."""

    LIMIT = 160

    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        if value is None or value == "":
            return "—"  # not "None", nor "Deleted pengguna (pk=None)"
        if isinstance(value, DeletedObject):
            if value.pk is None:
                return "—"
            return _("deleted %(kind)s (#%(pk)s)") % {
                "kind": value.model._meta.verbose_name,
                "pk": value.pk,
            }
        field = self.model._meta.get_field(change.field)
        if getattr(field, "choices", None):
            return dict(field.flatchoices).get(value, value)
        if isinstance(value, datetime.datetime):
            return date_format(localtime(value), "j M Y, H.i")
        if isinstance(value, str) and len(value) > self.LIMIT:
            text = strip_tags(value) if "<" in value else value
            return text[: self.LIMIT].rsplit(" ", 1)[0] + " …"
        return value
