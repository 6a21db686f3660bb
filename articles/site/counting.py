"""How many articles a list holds, and its facets: the one place pages, the
API and the date archive ask.

A list with no filter, or with one region, one topic or one entity, reads the
public counts (``publiccounts``: the numbers the front page, ``/indeks/`` and
the API's vocabulary show); any other combination, and every facet, is
counted over its full match set from the postings (``publiccounts.postings``:
bitmaps of the listed articles per region, topic, source, entity and kind,
intersected), with a search's or a date range's matches read from the
database first. Either way the number is the one a direct count of the
list's articles gives (tests/site/test_counting.py checks it for random
filter combinations, also while articles are published and unpublished)."""

from django.utils.translation import get_language
from pyroaring import BitMap

from articles import publiccounts
from articles.freshness import cached
from articles.publiccounts import postings
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
        f"list-count:{filters_key(filters)}",
        lambda: len(posted_matches(filterset, postings.current())),
    )


# The filters the postings answer; the others (a search, dates) are read from
# the database and intersected.
POSTED = {"region", "topic", "entity", "kind", "source"}


def _from_database(filterset) -> BitMap | None:
    """The matches of the filters of ``filterset`` the postings do not answer
    (a search, a date range), read from the database; None when it has none."""
    filters = active_filters(filterset)
    rest = [name for name in filters if name not in POSTED]
    if not rest:
        return None
    if not hasattr(filterset, "_database_matches"):
        if rest == ["q"]:
            # A search alone: the text index's ids and the postings of the
            # entities the text names (the list's matches keep the public ones).
            text = filters["q"]
            posted = postings.current()
            filterset._database_matches = BitMap(search.text_ids(text)).union(
                *(
                    posted.entity[pk]
                    for pk in search.entities_named(" ".join(text.split()))
                    if pk in posted.entity
                )
            )
        else:
            data = {name: filterset.data.get(name) for name in rest}
            narrowed = type(filterset)(data=data, queryset=filterset.queryset)
            narrowed.is_valid()
            filterset._database_matches = BitMap(
                matches(narrowed).order_by().values_list("pk", flat=True)
            )
    return filterset._database_matches


def posted_matches(filterset, posted, *, leave_out=None) -> BitMap:
    """Every article the list of ``filterset`` holds (without its filter
    ``leave_out``), as a bitmap: the postings of its filters intersected, and
    the database's matches of a search or dates."""
    filters = {
        name: value
        for name, value in active_filters(filterset).items()
        if name != leave_out
    }
    found = posted.matching(
        region=filters.get("region"),
        topic=filters.get("topic"),
        entities=list(filters.get("entity") or ()),
        kind=filters.get("kind"),
        source=filters.get("source"),
    )
    database = _from_database(filterset)
    return found if database is None else found & database


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
    posted = postings.current()
    found = facets.posted_facets(
        posted, posted_matches(filterset, posted), region=filters.get("region")
    )
    for name in REPLACING:
        if name in filters:
            found[name] = facets.posted_facets(
                posted,
                posted_matches(filterset, posted, leave_out=name),
                region=filters.get("region"),
                only=(name,),
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
