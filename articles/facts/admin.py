"""Facts in the newsroom: the inline on the article form (accept, correct or
reject each), the list of every fact with bulk actions; the list of quotes,
where an editor hides a wrong one."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from articles.facts import quotes as services_quotes
from articles.facts import services
from articles.models import Article
from articles.models.facts import Fact
from articles.models.quotes import Quote
from entities.admin_base import PlainCheckboxAdmin, run_all_or_nothing

DECISIONS = [
    ("", _("keep")),
    ("accept", _("accept")),
    ("reject", _("reject")),
]


class FactForm(forms.ModelForm):
    """A fact as the desk corrects it; ``decision`` says what to do with it."""

    decision = forms.ChoiceField(label=_("decision"), choices=DECISIONS, required=False)

    class Meta:
        model = Fact
        fields = ("value", "unit", "currency", "company", "region", "status")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The tabular inline labels its columns only in the table head, which
        # is no label for a screen reader: each field names itself (axe).
        for field in self.fields.values():
            field.widget.attrs.setdefault("aria-label", str(field.label))


class FactInline(admin.TabularInline):
    model = Fact
    form = FactForm
    extra = 0
    can_delete = False
    fields = (
        "kind",
        "surface",
        "value",
        "unit",
        "currency",
        "company",
        "region",
        "status",
        "review",
        "decision",
        "evidence",
    )
    readonly_fields = ("kind", "surface", "review", "evidence")
    raw_id_fields = ("region",)
    verbose_name_plural = _("facts (only accepted facts are public)")

    def has_add_permission(self, request, obj=None):
        return False


def save_fact_formset(request, formset) -> None:
    """The inline's decisions, each through ``services.fact_decide`` (a
    correction is accepted with the decision; a change without a decision
    accepts it)."""
    for form in formset.forms:
        decision = form.cleaned_data.get("decision")
        if not decision and not form.has_changed():
            continue
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        changes.pop("decision", None)
        services.fact_decide(
            fact=form.instance,
            accept=decision != "reject",
            by=request.user,
            changes=changes if decision != "reject" else None,
        )
    formset.new_objects = formset.changed_objects = []
    formset.deleted_objects = []


def fact_action(accept):
    def action(modeladmin, request, queryset):
        facts = (
            Fact.objects.filter(article__in=queryset)
            if queryset.model is Article
            else queryset
        )
        count = run_all_or_nothing(
            modeladmin,
            request,
            lambda: services.facts_decide(facts=facts, accept=accept, by=request.user),
        )
        if count is None:
            return
        accepted, rejected = (
            _("%(count)d fact(s) accepted."),
            _("%(count)d fact(s) rejected."),
        )
        template = accepted if accept else rejected
        modeladmin.message_user(request, template % {"count": count}, messages.SUCCESS)

    action.__name__ = "accept_facts" if accept else "reject_facts"
    description = (
        _("Accept all pending facts") if accept else _("Reject all pending facts")
    )
    return admin.action(description=description, permissions=["change"])(action)


@admin.register(Fact)
class FactAdmin(PlainCheckboxAdmin, admin.ModelAdmin):
    list_display = (
        "surface",
        "kind",
        "value",
        "unit",
        "currency",
        "company",
        "region",
        "status",
        "review",
        "article",
    )
    list_filter = ("review", "kind", "status")
    search_fields = ("company", "surface", "article__title", "evidence")
    list_select_related = ("article", "region")
    readonly_fields = [f.name for f in Fact._meta.fields if f.name != "id"]
    actions = [fact_action(True), fact_action(False)]

    def has_add_permission(self, request):
        return False


def quote_action(hidden):
    def action(modeladmin, request, queryset):
        def hide_all():
            for quote in queryset.select_related("article"):
                services_quotes.quote_hide(quote=quote, by=request.user, hidden=hidden)
            return queryset.count()

        count = run_all_or_nothing(modeladmin, request, hide_all)
        if count is not None:
            modeladmin.message_user(
                request,
                (
                    _("%(count)d quote(s) hidden.")
                    if hidden
                    else _("%(count)d quote(s) shown.")
                )
                % {"count": count},
                messages.SUCCESS,
            )

    action.__name__ = "hide_quotes" if hidden else "show_quotes"
    description = _("Hide from the person's page") if hidden else _("Show again")
    return admin.action(description=description, permissions=["change"])(action)


@admin.register(Quote)
class QuoteAdmin(PlainCheckboxAdmin, admin.ModelAdmin):
    list_display = ("speaker", "entity", "kind", "text", "hidden", "article")
    list_filter = ("hidden", "kind")
    search_fields = ("speaker", "text", "article__title")
    list_select_related = ("article", "entity")
    readonly_fields = [f.name for f in Quote._meta.fields if f.name != "id"]
    actions = [quote_action(True), quote_action(False)]

    def has_add_permission(self, request):
        return False
