"""The article form's layout: its sections, what is read-only for whom, and
the per-request form class that carries the user and the request's state."""

from django.utils.translation import gettext_lazy as _

from articles.models import workflow


class ArticleFormLayout:
    """Mixed into ``ArticleAdmin``: how the change form is laid out."""

    def get_fieldsets(self, request, obj=None):
        publishing = ("publish_at", "is_featured", "assignee")
        if obj is not None:
            publishing = ("workflow_summary", *publishing)
        return (
            (
                None,
                {
                    "fields": (
                        "title",
                        "standfirst",
                        "body",
                        *(("text_length", "story_note") if obj is not None else ()),
                        "expected_version",
                    )
                },
            ),
            (
                _("Tagging"),
                {
                    "fields": (
                        *(("suggestion_summary",) if obj is not None else ()),
                        "regions",
                        "topics",
                        "entities",
                        "keywords",
                    )
                },
            ),
            (
                _("Source"),
                {
                    "fields": (
                        "source",
                        "original_url",
                        "original_published_on",
                        "dateline",
                        "dateline_region",
                        "byline",
                        "credit",
                        "language",
                    )
                },
            ),
            (_("Publishing"), {"fields": publishing}),
            (
                _("Image"),
                {
                    "fields": (
                        "featured_image",
                        "featured_image_alt",
                        "featured_image_caption",
                        "featured_image_credit",
                    )
                },
            ),
            (
                _("Advanced options"),
                {
                    "classes": ("collapse",),
                    "fields": ("slug", "created_at", "updated_at"),
                },
            ),
            *(
                ((_("Internal notes"), {"fields": ("notes_thread",)}),)
                if obj is not None
                else ()
            ),
        )

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not workflow.can_publish(request.user):
            # Scheduling, featuring and assigning are editors' decisions.
            fields += ["publish_at", "is_featured", "assignee"]
        return fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None:
            # Read-only notes on the form (the story note) name other articles
            # only when this reader may open them.
            obj.viewer = request.user
        return type(
            form.__name__,
            (form,),
            {
                "user": request.user,
                "restoring": self.is_restoring(request),
                # The article as it is now, when a revision is being restored.
                "current": getattr(request, "_history_current", None),
                "staged_files": getattr(request, "_staged_files", None),
                "reapplied": getattr(request, "_reapplied", None),
            },
        )
