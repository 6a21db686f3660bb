"""The media library in the admin: images with their caption, credit and alt
text, searchable, with a thumbnail and the articles that use each; and the
body editor's picker ("Insert image"), which searches the library and uploads
new images as JSON. Every write goes through ``editorial.media``."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import JsonResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from articles.desk.forms import SafeImageField
from articles.editorial import media as services
from articles.models import MediaImage

PICKER_RESULTS = 24


class MediaImageForm(forms.ModelForm):
    """A library image: the file only when it is added (an image's words may
    be corrected later; a different picture is a new library image)."""

    file = SafeImageField(label=gettext_lazy("image"), required=True)

    staged = None

    class Meta:
        model = MediaImage
        fields = ("file", "alt_text", "caption", "credit")

    def clean(self):
        """Once every field is valid, store the upload (a full or read-only
        disk is a message here, not a failure after the save)."""
        data = super().clean()
        if not self.errors and data.get("file"):
            try:
                self.staged = services.media_image_stage(data["file"])
            except ValidationError as exc:
                self.add_error("file", exc)
        return data


@admin.register(MediaImage)
class MediaImageAdmin(admin.ModelAdmin):
    list_display = ("thumbnail", "__str__", "credit", "uploaded_at", "uploaded_by")
    list_display_links = ("thumbnail", "__str__")
    list_select_related = ("uploaded_by",)
    search_fields = ("caption", "credit", "alt_text")
    date_hierarchy = "uploaded_at"
    form = MediaImageForm
    list_per_page = 50

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("file", "alt_text", "caption", "credit")
        return (
            "preview",
            "alt_text",
            "caption",
            "credit",
            "size",
            "uploaded_by",
            "uploaded_at",
            "usage",
        )

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        return ("preview", "size", "uploaded_by", "uploaded_at", "usage")

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None:
            kwargs["form"] = forms.ModelForm
        return super().get_form(request, obj, change, **kwargs)

    @admin.display(description=gettext_lazy("image"))
    def thumbnail(self, obj):
        shown = obj.image_rendition(320)
        if not shown:
            return "—"
        return format_html(
            '<img class="image-thumb" src="{}" alt="{}" width="120">',
            shown["url"],
            obj.alt_text,
        )

    @admin.display(description=gettext_lazy("image"))
    def preview(self, obj):
        shown = obj.image_rendition(480)
        if not shown:
            return "—"
        return format_html(
            '<img class="image-thumb" src="{}" alt="{}" width="{}">',
            shown["url"],
            obj.alt_text,
            min(shown["width"], 480),
        )

    @admin.display(description=gettext_lazy("size"))
    def size(self, obj):
        return f"{obj.image_width or '?'}×{obj.image_height or '?'} px"

    @admin.display(description=gettext_lazy("used in"))
    def usage(self, obj):
        articles = list(obj.usage().only("pk", "title")[:50])
        if not articles:
            return _("No article uses this image.")
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li><a href="{}">{}</a></li>',
                (
                    (reverse("admin:articles_article_change", args=[a.pk]), a.title)
                    for a in articles
                ),
            ),
        )

    def save_model(self, request, obj, form, change):
        if change:
            services.media_image_update(
                image=obj,
                by=request.user,
                **{name: getattr(obj, name) for name in form.changed_data},
            )
            return
        saved = services.media_image_create(
            staged=form.staged,
            alt_text=obj.alt_text,
            caption=obj.caption,
            credit=obj.credit,
            by=request.user,
        )
        obj.__dict__.update(saved.__dict__)

    def delete_model(self, request, obj):
        services.media_image_delete(image=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for image in queryset:
            services.media_image_delete(image=image, by=request.user)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "picker/",
                view(require_GET(self.picker_view)),
                name="articles_mediaimage_picker",
            ),
            path(
                "picker/upload/",
                view(require_POST(self.upload_view)),
                name="articles_mediaimage_upload",
            ),
            *super().get_urls(),
        ]

    def picker_view(self, request):
        """Library images matching ``q`` (caption, credit, alt text), newest
        first, or those named by ``ids``, as JSON for the body editor."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        query = request.GET.get("q", "").strip()[:200]
        found = MediaImage.objects.all()
        ids = request.GET.get("ids")
        if ids is not None:
            # The images a body already places (the editor names them).
            wanted = [int(i) for i in ids.split(",")[:PICKER_RESULTS] if i.isdigit()]
            found = found.filter(pk__in=[i for i in wanted if i < 2**63])
        for word in query.split()[:8]:
            found = found.filter(
                Q(caption__icontains=word)
                | Q(credit__icontains=word)
                | Q(alt_text__icontains=word)
            )
        return JsonResponse(
            {"results": [picked(image) for image in found[:PICKER_RESULTS]]}
        )

    def upload_view(self, request):
        """A new library image from the picker's form; JSON of the image, or
        of the errors with status 400."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = MediaImageForm(request.POST, request.FILES)
        if not form.is_valid():
            return JsonResponse({"errors": _errors(form)}, status=400)
        try:
            image = services.media_image_create(
                staged=form.staged,
                alt_text=form.cleaned_data["alt_text"],
                caption=form.cleaned_data["caption"],
                credit=form.cleaned_data["credit"],
                by=request.user,
            )
        except ValidationError as exc:
            return JsonResponse({"errors": exc.messages}, status=400)
        return JsonResponse(picked(image), status=201)


def picked(image: MediaImage) -> dict:
    shown = image.image_rendition(320) or {}
    return {
        "id": image.pk,
        "thumbnail": shown.get("url", ""),
        "alt": image.alt_text,
        "caption": image.caption,
        "credit": image.credit,
    }


def _errors(form) -> list[str]:
    return [
        f"{form.fields[name].label}: {message}" if name in form.fields else message
        for name, messages_ in form.errors.items()
        for message in messages_
    ]
