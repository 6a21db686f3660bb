"""Template helpers shared by the site's pages."""

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import translate_url
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()


@register.filter
def richtext(value):
    """An article body, sanitised again on output (``articles.models.richtext``),
    its tables made to scroll on narrow screens, and marked safe. Should stored
    HTML ever not pass, its text is shown, escaped."""
    from articles.models import richtext as rich

    try:
        return mark_safe(rich.for_readers(rich.sanitize(value)))
    except rich.TextWouldBeLost:
        return mark_safe(rich.from_text(rich.to_text(value)))


@register.filter
def machine_time(value):
    """A moment for ``<time datetime>`` and metadata: local time to the second
    with its offset ("2025-03-10T09:00:00+07:00"). Django's ``date:'c'`` keeps
    microseconds, which the HTML checker refuses (a time published "now")."""
    if not value:
        return ""
    return timezone.localtime(value).isoformat(timespec="seconds")


@register.filter
def with_dateline(body, dateline):
    """The (already rendered) body with ``dateline`` opening its first
    paragraph, as in print: "CILEGON – Gubernur …", one run of text, so the
    paragraph's second line starts at the margin and a space follows the dash."""
    if not dateline:
        return body
    opening = format_html('<span class="dateline">{} –</span> ', dateline)
    if body.startswith("<p>"):
        return mark_safe("<p>" + opening + body[3:])
    return mark_safe(format_html("<p>{}</p>", opening) + body)


# The characters that could end a <script> element or open an HTML comment.
_JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data):
    """Render ``data`` as a schema.org JSON-LD script that text cannot break out of."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(
        '<script type="application/ld+json">'
        + payload.translate(_JSON_SCRIPT_ESCAPES)
        + "</script>"
    )


@register.simple_tag(takes_context=True)
def url_in_language(context, language_code):
    """Return the current page's address in another language."""
    request = context["request"]
    return translate_url(request.get_full_path(), language_code)


def _list_params(context):
    """The current query, page number reset: where links that change the list
    start from."""
    params = context["request"].GET.copy()
    params.pop("page", None)
    return params


def _chosen(values, value):
    """``values`` with ``value`` among them (once)."""
    return values if value in values else [*values, value]


def _query(context, change):
    params = _list_params(context)
    change(params)
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag(takes_context=True)
def query_with(context, key, value, append=False):
    """Return the current query string with ``key`` set to ``value`` (added to its
    values with ``append``), and the page number reset."""

    def change(params):
        params.setlist(key, _chosen(params.getlist(key) if append else [], value))

    return _query(context, change)


@register.simple_tag(takes_context=True)
def query_without(context, key, value):
    """Return the current query string without ``key=value``, page number reset."""

    def change(params):
        params.setlist(key, [v for v in params.getlist(key) if v != value])

    return _query(context, change)


@register.simple_tag(takes_context=True)
def facet(context, title, key, values, append=False, named=False):
    """One facet of a list: its values as links to the list narrowed by each
    (``query_with``), with their counts. Written here rather than through a
    template: a list page has about a hundred of these links, and a template
    loop copying the query for each was a fifth of the page's time. ``named``:
    the values are names in the newsroom's language (regions, topics,
    entities), marked with it on a page in another language."""
    if not values:
        return ""
    params = _list_params(context)
    chosen = params.getlist(key) if append else []
    lang = lang_attr(context) if named else ""
    items = []
    for value in values:
        params.setlist(key, _chosen(chosen, value.value))
        items.append((f"?{params.urlencode()}", lang, value.label, value.count))
    return format_html(
        '\n<h3>{}</h3>\n<ul class="counted">\n  {}\n</ul>\n',
        title,
        format_html_join(
            "",
            '<li><a href="{}"{}>{}</a> <span class="count">{}</span></li>',
            items,
        ),
    )


@register.simple_tag(takes_context=True)
def page_url(context, number):
    """Return the current query string pointing at page ``number``."""
    params = context["request"].GET.copy()
    params["page"] = number
    return f"?{params.urlencode()}"


@register.simple_tag(takes_context=True)
def article_card(context, article, size="", level=3):
    """An article's card (``includes/article_card.html``), kept rendered in the
    cache by what it shows (``articles.site.cards``). size: "lead", "secondary" or
    compact (""); level: the heading level."""
    from articles.site.cards import render_card

    return render_card(context, article, size=size, level=level)


@register.simple_tag(takes_context=True)
def lang_attr(context, language_code=None):
    """` lang="…"` when content in ``language_code`` (the newsroom's own
    language if not given: its regions, topics and entities are named in it)
    sits on a page in another language (WCAG 3.1.2); nothing otherwise."""
    language_code = language_code or settings.LANGUAGE_CODE
    if language_code == context.get("LANGUAGE_CODE", get_language()):
        return ""
    return format_html(' lang="{}"', language_code)
