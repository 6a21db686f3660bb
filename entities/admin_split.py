"""Splitting an entity in two (one name that covered two people or
organisations): the page where the editor names the new one and chooses its
articles, by ticking them or by a filter (words of the title, a date range).

An entity can be on thousands of articles (6,176 listed as checkboxes made a
1.1 MB page): the page lists them 50 at a time, and "every article matching
the filter" moves them all without ticking one. The articles are reached
through the entity's links (``tagged_articles``): this app never imports
``articles``.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Entity

PER_PAGE = 50
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
FILTERS = ("q", "date_from", "date_to")


class IdsField(forms.Field):
    """The ids of the ticked articles (checkboxes the template draws)."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        try:
            return [int(v) for v in value or []]
        except (TypeError, ValueError):
            raise ValidationError(_("Choose articles from the list.")) from None


class SplitFilterForm(forms.Form):
    """Which of the entity's articles are listed (and moved, with "every
    article matching the filter")."""

    q = forms.CharField(label=_("Words in the title"), required=False, max_length=200)
    date_from = forms.DateField(
        label=_("Published from"), required=False, widget=DATE_INPUT
    )
    date_to = forms.DateField(label=_("until"), required=False, widget=DATE_INPUT)

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            raise ValidationError(_("The start date is after the end date."))
        return data

    def apply(self, links):
        data = self.cleaned_data
        for word in (data.get("q") or "").split():
            links = links.filter(content_object__title__icontains=word)
        # Days in the newsroom's time zone, as the list shows them.
        if data.get("date_from"):
            links = links.filter(
                content_object__publish_at__date__gte=data["date_from"]
            )
        if data.get("date_to"):
            links = links.filter(content_object__publish_at__date__lte=data["date_to"])
        return links

    def query(self) -> str:
        """The filter as a query string, for the pages' links."""
        return urlencode({k: self.data[k] for k in FILTERS if self.data.get(k)})


class SplitForm(forms.Form):
    SCOPES = [
        ("chosen", _("The articles I ticked")),
        ("filter", _("Every article matching the filter")),
    ]
    name = forms.CharField(label=_("Name of the new entity"), max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), choices=Entity.Kind.choices)
    scope = forms.ChoiceField(
        label=_("Move"),
        choices=SCOPES,
        initial="chosen",
        required=False,  # none chosen: the ticked ones
        widget=forms.RadioSelect,
    )
    articles = IdsField(required=False)
    # How many the filter matched on the page the editor saw: if more arrived
    # since, she confirms again rather than moving articles she never saw.
    expected = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        data["scope"] = data.get("scope") or "chosen"
        if data["scope"] == "chosen" and not data.get("articles"):
            raise ValidationError(_("Tick at least one article, or move by filter."))
        return data


class EntitySplitAdmin:
    """Mixed into ``EntityAdmin``: the split page."""

    def split_view(self, request, object_id):
        entity = get_object_or_404(Entity, pk=object_id)
        if not self.has_merge_permission(request):
            raise PermissionDenied
        links = entity.tagged_articles.order_by("-content_object__publish_at", "-pk")
        source = request.POST if request.method == "POST" else request.GET
        filters = SplitFilterForm(source)
        matching = filters.apply(links) if filters.is_valid() else links.none()
        form = SplitForm(
            request.POST if request.method == "POST" else None,
            initial={"kind": entity.kind},
        )
        if request.method == "POST" and filters.is_valid() and form.is_valid():
            done = self._split(request, entity, form, matching)
            if done is not None:
                return redirect("admin:entities_entity_change", done.pk)
        page = Paginator(
            matching.select_related("content_object").only(
                "content_object__title",
                "content_object__publish_at",
                "content_object__status",
                "content_object_id",
                "tag_id",
            ),
            PER_PAGE,
        ).get_page(request.GET.get("page"))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Split %(name)s") % {"name": entity.name},
            "opts": self.model._meta,
            "original": entity,
            "form": form,
            "filters": filters,
            "page": page,
            "total": links.count(),
            # Ticks survive a refused split (a name taken, nothing chosen).
            "chosen": set(getattr(form, "cleaned_data", {}).get("articles") or []),
            "query": filters.query(),
        }
        status = 400 if filters.is_bound and not filters.is_valid() else 200
        return TemplateResponse(
            request, "admin/entities/entity/split.html", context, status=status
        )

    def _split(self, request, entity, form, matching):
        data = form.cleaned_data
        if data["scope"] == "filter":
            ids = list(matching.values_list("content_object_id", flat=True))
            if data.get("expected") is not None and len(ids) != data["expected"]:
                form.add_error(
                    None,
                    _(
                        "The filter now matches %(count)s articles, not %(seen)s: "
                        "check the list and split again."
                    )
                    % {"count": len(ids), "seen": data["expected"]},
                )
                return None
        else:
            ids = data["articles"]
        try:
            new = services.entity_split(
                entity=entity,
                name=data["name"],
                kind=data["kind"],
                article_ids=ids,
                by=request.user,
            )
        except ValidationError as exc:
            form.add_error("name", exc)
            return None
        self.message_user(
            request,
            _("Created %(new)s from %(old)s.") % {"new": new, "old": entity},
            messages.SUCCESS,
        )
        return new
