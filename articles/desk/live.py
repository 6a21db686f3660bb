"""The open article form's live side: who else has it open (presence), the
person's own automatic copy (autosave) and a preview of the public page with
the form's unsaved values. JSON endpoints inside the admin, each a
CSRF-protected POST from ``warta/editing.js``, each for whoever may edit the
article (or add one, for the add form)."""

import types

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from articles.desk.forms import ArticleAdminForm
from articles.editorial import autosave, presence, recovery
from articles.models import Article, richtext
from articles.site import related
from articles.site.listing import ListedTags

# Plain text fields a preview shows as typed even when the form refuses them.
AS_TYPED = (
    "title",
    "standfirst",
    "byline",
    "dateline",
    "credit",
    "featured_image_caption",
    "featured_image_credit",
)


def live_urls(admin):
    """The endpoints, by article id and for the add form ("new")."""
    wrap = admin.admin_site.admin_view
    urls = []
    for name, view in (
        ("presence", presence_view),
        ("leave", leave_view),
        ("autosave", autosave_view),
        ("preview", preview_view),
    ):

        def bound(request, object_id=None, _view=view):
            return _view(request, admin, object_id)

        view_name = f"articles_article_{name}"
        urls.append(path(f"<int:object_id>/{name}/", wrap(bound), name=view_name))
        if name in ("autosave", "preview"):
            urls.append(path(f"add/{name}/", wrap(bound), name=f"{view_name}_new"))
    return urls


def live_side(admin, request, article):
    """For the change form (``editing``): presence, the person's automatic
    copy (restored into the form, or discarded: then a redirect) and the
    addresses of the endpoints, in ``request._live`` for its context."""
    copy = autosave.autosave_of(user=request.user, article=article)
    if copy and request.method == "POST" and "discard_autosave" in request.POST:
        autosave.autosave_forget(user=request.user, article=article)
        admin.message_user(request, _("The automatic copy was discarded."))
        return redirect(request.path)
    if copy and request.method == "GET":
        form_class = admin.get_form(request, article, change=article is not None)
        values = autosave.pending(form_class, article, copy)
        if not values:
            # Nothing in it the article does not already say: not offered.
            autosave.autosave_forget(user=request.user, article=article)
            copy = None
    if copy and request.method == "GET" and "autosave" in request.GET:
        request._reapplied = values
        admin.message_user(
            request,
            _("The automatic copy is in the form. Check it, then save."),
            messages.WARNING,
        )
        copy = None  # offered no more: it is in the form
    request._live = {
        "autosave_copy": copy,
        "autosave_every": autosave.EVERY,
        "heartbeat": presence.HEARTBEAT,
        **form_context(article),
    }
    if article is not None and request.method == "GET":
        presence.presence_beat(article=article, user=request.user)
        request._live["present"] = present_json(article, request.user)
    return None


def _article(admin, request, object_id):
    """The article the person may edit, or ``None`` for the add form (if they
    may add one). Anything else is a 404: whether the article exists is not
    told, nor who has it open."""
    if object_id is None:
        if not admin.has_add_permission(request):
            raise Http404
        return None
    article = admin._editable(request, str(object_id))
    if article is None:
        raise Http404
    return article


@require_POST
def presence_view(request, admin, object_id):
    """A heartbeat: the person has the form open; answers who else has."""
    article = _article(admin, request, object_id)
    presence.presence_beat(article=article, user=request.user)
    return JsonResponse(
        {
            "others": present_json(article, request.user),
            "heartbeat": presence.HEARTBEAT,
        }
    )


def present_json(article, user):
    return [
        {"name": p.name, "since": p.since_shown, "message": p.message}
        for p in presence.others_present(article=article, user=user)
    ]


@require_POST
def leave_view(request, admin, object_id):
    """The form's page was left (``navigator.sendBeacon`` on ``pagehide``)."""
    article = _article(admin, request, object_id)
    presence.presence_leave(article=article, user=request.user)
    return JsonResponse({"left": True})


@require_POST
def autosave_view(request, admin, object_id=None):
    """Keep the posted form as the person's own copy; never the article."""
    article = _article(admin, request, object_id)
    try:
        copy = autosave.autosave_store(
            user=request.user,
            article=article,
            data=request.POST,
            fields=ArticleAdminForm._meta.fields,
        )
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as exc:
        return JsonResponse({"error": " ".join(exc.messages)}, status=400)
    when = time_format(timezone.localtime(copy.saved_at), "H.i")
    return JsonResponse(
        {
            "saved_at": when,
            "message": _("Automatic copy kept at %(time)s") % {"time": when},
        }
    )


@require_POST
def preview_view(request, admin, object_id=None):
    """The public article page with the form's unsaved values, as HTML for a
    sandboxed frame. The body is cleaned exactly as a save cleans it; nothing
    is saved."""
    article = _article(admin, request, object_id)
    form_class = admin.get_form(request, article, change=article is not None)
    instance = recovery._fresh(article) if article else Article()
    form = form_class(data=request.POST, files={}, instance=instance)
    form.user = None  # no workflow check and no row lock: nothing is saved
    form.is_valid()
    if "body" in form.errors:
        return JsonResponse({"error": " ".join(form.errors["body"])}, status=400)
    for name in AS_TYPED:
        if name in form.errors:
            setattr(instance, name, request.POST.get(name, ""))
    try:
        instance.derive()
    except richtext.TextWouldBeLost as exc:
        return JsonResponse({"error": " ".join(exc.messages)}, status=400)
    instance.slug = instance.slug or slugify(instance.title) or "pratinjau"
    instance.updated_at = instance.updated_at or timezone.now()
    data = form.cleaned_data
    instance.listed_tags = ListedTags(
        regions=sorted(data.get("regions") or [], key=lambda r: r.path),
        topics=sorted(data.get("topics") or [], key=lambda t: t.name),
        entities=sorted(data.get("entities") or [], key=lambda e: e.name),
    )
    # The keywords typed, not the stored ones (a new article has none).
    typed = TypedKeywords(data.get("keywords") or [])
    instance.__dict__["keywords"] = typed
    instance._prefetched_objects_cache = {"keywords": typed.all()}
    html = render_to_string(
        "articles/article_detail.html",
        {
            "article": instance,
            "object": instance,
            "preview": True,
            "live_preview": True,
            "entity_groups": related.entities_by_kind(instance),
            "related": [],
            "json_ld": {},
            "byline_links": [],
            "corrections": [],
            "story": related.Coverage(),
        },
        request=request,
    )
    return JsonResponse(
        {
            "html": html,
            "words": instance.word_count,
            "minutes": instance.reading_minutes,
        }
    )


class TypedKeywords:
    """The keywords typed in the form, in place of the article's tag manager
    for the preview's page (read as if prefetched: no query)."""

    def __init__(self, names):
        self.names = [types.SimpleNamespace(name=name) for name in names]

    def all(self):
        return self.names

    def get_prefetch_querysets(self, instances, querysets=None):
        raise NotImplementedError  # never asked: the cache already holds them


def form_context(article):
    """The addresses the form's script posts to, for the change form's
    template."""
    if article is None:
        return {
            "live_urls": {
                "autosave": reverse("admin:articles_article_autosave_new"),
                "preview": reverse("admin:articles_article_preview_new"),
            }
        }
    return {
        "live_urls": {
            name: reverse(f"admin:articles_article_{name}", args=[article.pk])
            for name in ("presence", "leave", "autosave", "preview")
        },
    }
