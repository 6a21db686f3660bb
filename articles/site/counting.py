"""How many articles a list holds, and its facets: the one place pages, the
API and the date archive ask.

A list with no filter, or with one region, one topic or one entity, reads the
public counts (``publiccounts``: the numbers the front page, ``/indeks/`` and
the API's vocabulary show); any other combination is counted over its full
match set in the database, once per content stamp. Either way the number is
the one a direct count of the list's articles gives (tests/site/
test_counting.py checks it for random filter combinations)."""

from django.utils.translation import get_language

from articles import publiccounts
from articles.freshness import cached
from articles.site import facets, search

# The filters a list may carry that the public counts know alone.
COUNTED_ALONE = {"region", "topic", "entity"}


def active_filters(filterset) -> dict:
    """The filters of a valid ``filterset`` that narrow the list."""
    data = getattr(filterset.form, "cleaned_data", {})
    return {name: value for name, value in data.items() if value}


def filters_key(filters: dict) -> str:
    """A stable text for a set of cleaned filters (cache keys)."""

    def part(value):
        if hasattr(value, "pk"):
            return str(value.pk)
        if (
            isinstance(value, list | tuple | set)
            or hasattr(value, "__iter__")
            and (not isinstance(value, str))
        ):
            return ",".join(sorted(part(v) for v in value))
        return str(value)

    return "&".join(f"{name}={part(filters[name])}" for name in sorted(filters))


def matches(filterset):
    """Every article the list of ``filterset`` holds, unordered (a search's
    matches included: ``search.matching``)."""
    articles = filterset.qs
    text = active_filters(filterset).get("q")
    return search.matching(articles, text) if text else articles


def _from_public_counts(filters: dict) -> int | None:
    """The list's count from the public counts, when they know it alone."""
    if not filters:
        return publiccounts.total()
    if len(filters) != 1 or not set(filters) <= COUNTED_ALONE:
        return None
    ((name, value),) = filters.items()
    if name == "region":
        return publiccounts.all_region_counts().get(value.pk, 0)
    if name == "topic":
        return publiccounts.all_topic_counts().get(value.pk, 0)
    entities = list(value)
    if len(entities) == 1:
        return publiccounts.all_entity_counts().get(entities[0].pk, 0)
    return None


def match_ids(filterset) -> list[int]:
    """The ids of every article the list of ``filterset`` holds, read once per
    request (the list's count and its facets share them)."""
    if not hasattr(filterset, "_match_ids"):
        filterset._match_ids = list(
            matches(filterset).order_by().values_list("pk", flat=True)
        )
    return filterset._match_ids


def list_count(filterset) -> int:
    """The number of articles the list of (valid) ``filterset`` holds."""
    filters = active_filters(filterset)
    known = _from_public_counts(filters)
    if known is not None:
        return known
    return cached(
        f"list-count:{filters_key(filters)}", lambda: len(match_ids(filterset))
    )


# Facets whose link replaces the list's value of the same filter: counted over
# the list without that filter, so a facet's number is the number of the list
# it leads to. (A region's facet offers its sub-regions, inside it; an entity's
# is added to the others.)
REPLACING = ("topic", "source", "kind")


def without(filterset, name):
    """``filterset`` with the filter ``name`` dropped (valid, as it was)."""
    data = filterset.data.copy()
    data.pop(name, None)
    other = type(filterset)(data=data, queryset=filterset.queryset)
    other.is_valid()
    return other


def _facets(filterset) -> dict:
    filters = active_filters(filterset)
    found = facets.list_facets(
        matches(filterset), region=filters.get("region"), ids=match_ids(filterset)
    )
    for name in REPLACING:
        if name in filters:
            other = without(filterset, name)
            found[name] = facets.list_facets(
                matches(other), region=filters.get("region"), only=(name,)
            )[name]
    return found


def list_facets(filterset) -> dict:
    """The facets of the list of ``filterset``, counted over every match: each
    value's number is the count of the list its link leads to."""
    filters = active_filters(filterset)
    # Labels (topic names, entity kinds) are in the page's language.
    return cached(
        f"list-facets:{get_language()}:{filters_key(filters)}",
        lambda: _facets(filterset),
    )
