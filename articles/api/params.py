"""Query parameters: every one checked, every mistake a 400 naming it.

The article filters are the public list's own (``ArticleFilter``, the same
form and the same validation); the API adds its paging parameters and refuses
what it does not know, so that a misspelt filter is not silently ignored.
"""

from django.conf import settings
from django.core import signing
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework.exceptions import APIException

from articles.api.pagination import Cursor, InvalidCursor
from articles.site import listing, search
from articles.site.filters import ArticleFilter

FILTERS = tuple(ArticleFilter.base_filters)
# Parameters that may be given more than once.
REPEATABLE = frozenset({"entity"})
PAGING = ("cursor", "page_size")


class InvalidParameters(APIException):
    status_code = 400
    default_code = "invalid_parameters"
    default_detail = gettext_lazy("Some query parameters could not be used.")

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__()
        self.errors = errors


class Check:
    """Collects every parameter's problems, so that one 400 names them all:
    unknown names and repeats first, then each value as it is read."""

    def __init__(self, query, allowed):
        self.query, self.errors = query, {}
        for name, values in query.lists():
            if name not in allowed:
                self.errors[name] = [_("Unknown parameter.")]
            elif len(values) > 1 and name not in REPEATABLE:
                self.errors[name] = [_("Give this parameter once.")]

    def read(self, reader, *args, **kwargs):
        """``reader(query, ...)``, or ``None`` with its errors kept."""
        try:
            return reader(self.query, *args, **kwargs)
        except InvalidParameters as exc:
            for name, messages in exc.errors.items():
                self.errors.setdefault(name, messages)
            return None

    def done(self) -> None:
        if self.errors:
            raise InvalidParameters(self.errors)


def check_names(query, allowed) -> None:
    """Refuse parameters not in ``allowed`` and repeats of those that take one
    value."""
    Check(query, allowed).done()


def form_errors(form) -> dict[str, list[str]]:
    """A form's errors by parameter, in English."""
    with translation.override("en"):
        return {
            ("parameters" if name == "__all__" else name): [
                error["message"] for error in errors
            ]
            for name, errors in form.errors.get_json_data().items()
        }


def article_filter(query) -> ArticleFilter:
    """The public list's filter set, bound to ``query`` and valid."""
    filterset = ArticleFilter(data=query, queryset=listing.public_articles())
    if not filterset.is_valid():
        raise InvalidParameters(form_errors(filterset.form))
    return filterset


def filtered_articles(filterset: ArticleFilter):
    """Published articles matching the filters: the same as the HTML list's,
    every match of ``q`` included (unordered; the API orders newest first)."""
    articles = filterset.qs
    text = filterset.form.cleaned_data.get("q")
    if text:
        articles = search.matching(articles, text)
    return articles


def text(query, name, *, max_length) -> str:
    """A text parameter with its spaces collapsed."""
    value = " ".join(query.get(name, "").split())
    if len(value) > max_length:
        raise InvalidParameters(
            {name: [_("At most %(count)d characters.") % {"count": max_length}]}
        )
    return value


def signed(query, name, *, salt):
    """A value this API signed (a cursor), or ``None`` when not given."""
    raw = query.get(name)
    if raw is None:
        return None
    try:
        return signing.Signer(salt=salt).unsign_object(raw)
    except (signing.BadSignature, ValueError, TypeError):
        raise InvalidParameters(
            {name: [_("Invalid cursor: use the next link as given.")]}
        ) from None


def whole_number(query, name, *, default, maximum, minimum=1) -> int:
    raw = query.get(name)
    if raw is None:
        return default
    if not (raw.isascii() and raw.isdigit() and minimum <= int(raw) <= maximum):
        raise InvalidParameters(
            {name: [f"A whole number from {minimum} to {maximum}."]}
        )
    return int(raw)


def page_size(query) -> int:
    return whole_number(
        query,
        "page_size",
        default=settings.WARTA_PAGE_SIZE,
        maximum=settings.WARTA_MAX_PAGE_SIZE,
    )


def choice(query, name, choices, *, default=None):
    if name not in query:
        return default
    value = query.get(name)
    if value not in choices:
        raise InvalidParameters(
            {name: [_("One of: %(choices)s.") % {"choices": ", ".join(choices)}]}
        )
    return value


def cursor(query, *, forwards_only=False) -> Cursor | None:
    raw = query.get("cursor")
    if raw is None:
        return None
    try:
        position = Cursor.decode(raw)
    except InvalidCursor:
        raise InvalidParameters(
            {"cursor": [_("Invalid cursor: use the next or previous link as given.")]}
        ) from None
    if forwards_only and position.backwards:
        raise InvalidParameters({"cursor": [_("Only next links continue an export.")]})
    return position
