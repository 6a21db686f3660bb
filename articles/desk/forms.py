from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import (
    AdminFileWidget,
    AutocompleteSelect,
    AutocompleteSelectMultiple,
)
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.forms import Script
from django.template.loader import render_to_string
from django.urls import reverse_lazy
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django_prose_editor.widgets import AdminProseEditorWidget

from articles import editorial
from articles.desk.drafts import DraftFormFields
from articles.editorial import history, images
from articles.models import Article, Topic, richtext, workflow
from entities.models import Entity, Region


class BodyEditorWidget(AdminProseEditorWidget):
    """The body's rich-text editor with the toolbar of ``richtext.EXTENSIONS``,
    loaded by our own module (``warta/body-editor.js``) instead of an inline
    import map, which the site's Content-Security-Policy forbids. Without
    JavaScript it is a plain textarea of HTML, sanitised the same way."""

    def __init__(self, attrs=None, **kwargs):
        # The "Insert image" picker of the media library (``desk.media``).
        attrs = {
            "data-media-picker": reverse_lazy("admin:articles_mediaimage_picker"),
            "data-media-upload": reverse_lazy("admin:articles_mediaimage_upload"),
            **(attrs or {}),
        }
        super().__init__(
            attrs,
            config={"extensions": richtext.EXTENSIONS},
            preset="configurable",
            **kwargs,
        )

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        picker = render_to_string(
            "admin/articles/mediaimage/picker.html",
            {"textarea_id": (attrs or {}).get("id") or f"id_{name}"},
        )
        return mark_safe(html + picker)  # noqa: S308 (our template, escaped)

    @property
    def media(self):
        return forms.Media(
            css={
                "all": [
                    "django_prose_editor/material-icons.css",
                    "django_prose_editor/editor.css",
                    "django_prose_editor/overrides.css",
                ]
            },
            js=[Script("warta/body-editor.js", type="module")],
        )


class ThumbnailFileWidget(AdminFileWidget):
    """The admin's file input with a thumbnail of the image saved (its smallest
    rendition), so the editor sees which picture the article carries, not only
    its file name."""

    thumbnail = None  # {"url", "width", "height", "alt"} set by the form

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        if not (self.thumbnail and value):
            return html
        return format_html(
            '<img class="image-thumb" src="{}" alt="{}" width="{}">{}',
            self.thumbnail["url"],
            self.thumbnail["alt"],
            min(self.thumbnail["width"], 240),
            html,
        )


class SafeImageField(forms.ImageField):
    """An image upload checked against our format, byte and pixel limits before
    Django's own ImageField decodes anything."""

    widget = ThumbnailFileWidget

    def to_python(self, data):
        if data not in self.empty_values:
            images.validate_image(data)
        return super().to_python(data)


class ArticleAdminForm(DraftFormFields, forms.ModelForm):
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
    current = None  # the article as it is now, while ``restoring``
    # Files this request wrote to storage; deleted unless the save commits (set
    # per request by ArticleAdmin).
    staged_files = None
    # Refused edits being re-applied onto the current version (``recovery``).
    reapplied = None

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
    featured_image = SafeImageField(label=capfirst(_("featured image")), required=False)
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # The pending draft revision the form shows (``desk.drafts``), if any.
    expected_draft = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # Set by the workflow button pressed (never rendered as a field).
    transition = forms.ChoiceField(
        required=False,
        choices=[("", "")] + [(name, name) for name in workflow.TRANSITION_BUTTONS],
    )

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
            "publish_at",
            "is_featured",
            "assignee",
            "featured_image",
            "featured_image_alt",
            "featured_image_caption",
            "featured_image_credit",
        )
        widgets = {
            "body": BodyEditorWidget,
            "title": forms.TextInput(attrs={"class": "vLargeTextField title-input"}),
            "standfirst": forms.Textarea(attrs={"rows": 3, "class": "vLargeTextField"}),
        }

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
        self.show_draft(stored)
        image = self.fields.get("featured_image")
        thumbnail = self.instance.image_rendition(320) if stored else None
        if image is not None and thumbnail:
            image.widget.thumbnail = {
                **thumbnail,
                "alt": self.instance.featured_image_alt,
            }
        parts = getattr(self.fields.get("publish_at"), "widget", None)
        if len(getattr(parts, "widgets", ())) == 2:
            # The admin's split date/time inputs have no labels of their own.
            date, time = parts.widgets
            date.attrs["aria-label"] = _("Publish date")
            time.attrs["aria-label"] = _("Publish time")
        if self.reapplied and not self.is_bound:
            self.initial.update(self.reapplied)
        self.revision, self.missing_tags = None, []
        if self.restoring and self.current is not None and not self.is_bound:
            # Restoring brings back content and tags, never where the article
            # stands: the form shows today's publishing fields.
            for name in history.KEPT_ON_RESTORE:
                field = name.removesuffix("_id")
                if field in self.fields:
                    self.initial[field] = getattr(self.current, name)
        if self.restoring:
            # The old revision's tags, not today's (which the instance would show).
            self.revision = getattr(self.instance, "_history", None)
            if self.revision is not None and not self.is_bound:
                tags, self.missing_tags = history.restorable(self.revision.tags)
                for name, objects in tags.items():
                    if name in self.fields:
                        self.initial[name] = objects
            elif self.revision is not None:
                self.missing_tags = history.restorable(self.revision.tags)[1]

    def _stored(self):
        if not self.instance.pk:
            return None
        return (
            Article.objects.filter(pk=self.instance.pk)
            .values("version", "status", *self.STORED)
            .first()
        )

    def clean_featured_image(self):
        """A new upload is stored now (metadata stripped, random name, with
        renditions), so that a full or read-only disk is a message here rather
        than a failure after the article is saved."""
        value = self.cleaned_data.get("featured_image")
        self.staged_image = None
        if isinstance(value, UploadedFile):
            try:
                self.staged_image = images.stage(value)
            except images.ImageNotStored as exc:
                raise forms.ValidationError(exc.messages, code=exc.code) from exc
            if self.staged_files is not None:
                self.staged_files.extend(self.staged_image.names)
            return self.staged_image.name
        return value

    def clean_publish_at(self):
        """The publish time as typed, unless it is the stored time at the
        precision the form shows (seconds, or minutes when typed without them):
        then the stored time itself. The form never shows fractions of a
        second, so without this every save of an article published "now"
        rewrote its publish time and the revision reported it changed."""
        value = self.cleaned_data.get("publish_at")
        shown = self.current if self.restoring and self.current else self.instance
        stored = shown.publish_at
        if value and stored and workflow.same_shown_time(value, stored):
            return stored
        return value

    def clean(self):
        data = super().clean()
        if self.instance.pk and data.get("expected_version") is None:
            raise forms.ValidationError(
                _(
                    "This form does not say which version of the article it edits; "
                    "open the article again."
                ),
                code="edit_conflict",
            )
        return data

    def _post_clean(self):
        # The fields are valid and copied onto the instance: ask the update
        # service whether this save may happen, with the workflow button
        # pressed (the service applies it). It locks the row until the save,
        # which reuses the check (``checked``) instead of reading it again.
        super()._post_clean()
        staged = getattr(self, "staged_image", None)
        if staged is not None:
            self.instance.image_renditions = staged.renditions
            self.instance.image_width = staged.width
            self.instance.image_height = staged.height
        elif "featured_image" in self.changed_data and not self.instance.featured_image:
            self.instance.image_renditions = {}
            self.instance.image_width = self.instance.image_height = None
        if self.restoring and self.current is not None:
            # Whatever the old revision said, the workflow state stays as it is
            # now: a restored live article stays live (issue 25).
            for name in history.KEPT_ON_RESTORE:
                setattr(self.instance, name, getattr(self.current, name))
        self.checked = None
        if self.user is None or self.errors:
            return
        try:
            self.check_save()
        except editorial.EditConflict as exc:
            self.add_error(None, exc)
        except PermissionDenied as exc:
            self.add_error(None, str(exc))
        except ValidationError as exc:
            if hasattr(exc, "error_dict") and "publish_at" not in self.fields:
                exc = ValidationError(exc.messages)
            self.add_error(None, exc)

    def tags(self) -> dict:
        """The tags the form sets, for ``editorial.article_update``."""
        return {
            name: self.cleaned_data[name]
            for name in ("regions", "topics", "entities", "keywords")
            if name in self.cleaned_data
        }


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
