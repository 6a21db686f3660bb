from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import (
    AdminFileWidget,
    AutocompleteSelect,
    AutocompleteSelectMultiple,
)
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from entities.models import Entity, Region

from . import images, services
from .models import Article, Topic


class SafeImageField(forms.ImageField):
    """An image upload checked against our format, byte and pixel limits before
    Django's own ImageField decodes anything."""

    widget = AdminFileWidget

    def to_python(self, data):
        if data not in self.empty_values:
            images.validate_image(data)
        return super().to_python(data)


class ArticleAdminForm(forms.ModelForm):
    """The article form of the admin.

    - Entities are picked from the existing vocabulary by name or alias (an
      autocomplete over ``EntityAdmin.search_fields``) instead of taggit's
      free-text field, which would create a new entity for every typo.
    - ``expected_version`` carries the version the editor opened; a save based on
      an older version than the database holds is refused (optimistic locking),
      so nobody silently overwrites a colleague.
    - The status may only move as the workflow allows for this user.
    """

    user = None  # set per request by ArticleAdmin.get_form
    restoring = False  # True on the history page, where the instance is an old revision

    entities = forms.ModelMultipleChoiceField(
        label=_("Entities"),
        queryset=Entity.objects.all(),
        required=False,
        widget=AutocompleteSelectMultiple(
            Article._meta.get_field("entities"), admin.site
        ),
        help_text=_("People, organisations and places the article mentions."),
    )
    original_url = forms.URLField(
        label=_("original URL"), max_length=500, required=False, assume_scheme="https"
    )
    featured_image = SafeImageField(label=_("featured image"), required=False)
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Article
        fields = (
            "title",
            "slug",
            "standfirst",
            "body",
            "regions",
            "topics",
            "entities",
            "keywords",
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
            "featured_image",
            "featured_image_alt",
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        stored = self._stored()
        self.previous_status = stored["status"] if stored else Article.Status.DRAFT
        if stored:
            # The version must come from the same row read as the content shown:
            # reading it again here could pair old content with a newer version
            # saved in between, and the next save would silently undo that one.
            # Restoring shows an old revision on purpose; it replaces whatever
            # is current, so it expects the current version.
            self.fields["expected_version"].initial = (
                stored["version"] if self.restoring else self.instance.version
            )
        if "status" in self.fields and self.user is not None:
            allowed = services.allowed_statuses(
                current=self.previous_status, user=self.user
            )
            self.fields["status"].choices = [
                choice
                for choice in self.fields["status"].choices
                if choice[0] in allowed
            ]

    def _stored(self, *, lock=False):
        if not self.instance.pk:
            return None
        rows = Article.objects.filter(pk=self.instance.pk)
        if lock:
            rows = rows.select_for_update()
        return rows.values("version", "status").first()

    def clean(self):
        data = super().clean()
        stored = self._stored(lock=True)
        if stored:
            self.previous_status = stored["status"]
            expected = data.get("expected_version")
            if expected is None:
                raise forms.ValidationError(
                    _(
                        "This form does not say which version of the article it edits; "
                        "open the article again."
                    ),
                    code="edit_conflict",
                )
            if expected != stored["version"]:
                raise forms.ValidationError(
                    self.conflict_message(expected), code="edit_conflict"
                )
            # Saving raises the version from what the database holds.
            self.instance.version = stored["version"]
        status = data.get("status", self.previous_status)
        if status == Article.Status.PUBLISHED and "publish_at" in self.fields:
            # Publishing without a time means now.
            data["publish_at"] = data.get("publish_at") or timezone.now()
        if self.user is not None:
            try:
                services.workflow_check(
                    from_status=self.previous_status, to_status=status, by=self.user
                )
            except PermissionDenied as exc:
                self.add_error("status" if "status" in self.fields else None, str(exc))
        return data

    def conflict_message(self, expected):
        latest = self.instance.history.order_by("-history_date").first()
        if latest is None:
            return _(
                "Someone changed this article after you opened it. Your changes "
                "were not saved; open the article again."
            )
        who = latest.history_user or _("Someone")
        when = date_format(localtime(latest.history_date), "DATETIME_FORMAT")
        changed = []
        if expected:
            seen = (
                self.instance.history.filter(version=expected)
                .order_by("-history_date")
                .first()
            )
            if seen:
                changed = [
                    str(Article._meta.get_field(change.field).verbose_name)
                    for change in latest.diff_against(seen).changes
                    if change.field
                    not in ("version", "status_changed_at", "status_changed_by")
                ]
        message = _(
            "%(who)s changed this article at %(when)s, after you opened it. "
            "Your changes were not saved, so nothing was overwritten. "
        ) % {"who": who, "when": when}
        if changed:
            message += _("They changed: %(fields)s. ") % {"fields": ", ".join(changed)}
        return message + _(
            "Copy your edits, open the article again to see the latest version, "
            "and apply them there."
        )


class BulkTagForm(forms.Form):
    """The intermediate page of the bulk add/remove actions: which value."""

    def __init__(self, *args, kind, **kwargs):
        super().__init__(*args, **kwargs)
        model, field_name = {
            "topic": (Topic, "topics"),
            "region": (Region, "regions"),
            "entity": (Entity, "entities"),
        }[kind]
        self.fields["value"] = forms.ModelChoiceField(
            label=model._meta.verbose_name.capitalize(),
            queryset=model.objects.all(),
            widget=AutocompleteSelect(Article._meta.get_field(field_name), admin.site),
        )
