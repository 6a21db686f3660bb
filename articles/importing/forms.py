"""The import page's form: one or more text, JSON or RSS/Atom files."""

from django import forms
from django.utils.translation import gettext_lazy as _

from articles.importing import parsers


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field, as Django's documentation shows: each one is
    cleaned like a single file, and the field's value is the list."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            if not data and self.required:
                raise forms.ValidationError(self.error_messages["required"])
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class ImportForm(forms.Form):
    """The admin's import page: one or more text, JSON or RSS/Atom files."""

    MAX_FILES = 200
    MAX_BYTES = 10 * 1024 * 1024

    files = MultipleFileField(
        label=_("Files"),
        widget=MultipleFileInput(attrs={"accept": ".txt,.json,.xml,.rss,.atom"}),
        help_text=_(
            "Text files as regional sites publish them, JSON (see its schema "
            "below) or RSS/Atom feeds. Nothing is imported until you confirm."
        ),
        error_messages={"required": _("Choose at least one file.")},
    )

    @property
    def json_schema(self) -> str:
        """The JSON schema, shown under the form."""
        return parsers.json_schema()

    def clean_files(self):
        uploads = self.cleaned_data["files"]
        if len(uploads) > self.MAX_FILES:
            raise forms.ValidationError(
                _("At most %(count)d files at a time.") % {"count": self.MAX_FILES}
            )
        for upload in uploads:
            if upload.size > self.MAX_BYTES:
                raise forms.ValidationError(
                    _("%(name)s is larger than %(size)d MB.")
                    % {"name": upload.name, "size": self.MAX_BYTES // 2**20}
                )
        return uploads
