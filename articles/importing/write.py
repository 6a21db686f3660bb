"""Step 3 of an import: the planned articles written in one transaction of
bulk inserts, through ``editorial.articles_create``: new sources, the articles
(in review) with a revision each, their suggestions and facts, their text
signatures, and the stories near-copies join."""

from django.db import transaction
from django.utils.translation import gettext as _

from articles import editorial, stories
from articles.importing.parsers import ImportFailed
from articles.models import Article, Fact, Quote, Source
from articles.models.suggestions import Suggestion


@transaction.atomic
def write(planned, *, by=None, reason="") -> None:
    """Step 3: write the planned articles, their sources, revisions and
    suggestions in one transaction of bulk inserts."""
    new = [item for item in planned if item.created]
    if not new:
        return
    # A colleague may have imported the same text since the plan was made.
    hashes = [item.article.content_hash for item in new]
    if Article.objects.filter(content_hash__in=hashes).exists():
        raise ImportFailed(
            _("Some of these articles were imported meanwhile; run the import again.")
        )
    made = {}
    for item in new:
        # Validated by the plan (``plan._plan_sources``), as the dry run saw;
        # one a colleague created since under the same address is used.
        source = item.source_to_create
        if source is None or item.article.source is not None:
            continue
        if id(source) not in made:
            made[id(source)] = Source.objects.filter(slug=source.slug).first()
            if made[id(source)] is None:
                source.save()
                made[id(source)] = source
        item.article.source = made[id(source)]
    origins = {id(item.article): item.parsed.origin for item in new}
    editorial.articles_create(
        articles=[item.article for item in new],
        by=by,
        reason=lambda article: (
            reason or _("Imported from %(origin)s") % {"origin": origins[id(article)]}
        ),
    )
    suggestions = []
    for item in new:
        for suggestion in item.suggestions:
            suggestion.article = item.article
            suggestions.append(suggestion)
    Suggestion.objects.bulk_create(suggestions, batch_size=500)
    found = []
    for item in new:
        for fact in item.facts:
            fact.article = item.article
            found.append(fact)
    Fact.objects.bulk_create(found, batch_size=500)
    quotes = []
    for item in new:
        for quote in item.quotes:
            quote.article = item.article
            quotes.append(quote)
    Quote.objects.bulk_create(quotes, batch_size=500)
    _write_stories(new, by=by)


def _story_root(item):
    """Which story ``item`` belongs to: ``("story", id)`` of an archived one,
    ``("archived", pk)`` for a story to start with an archived article, or
    ``("item", id)`` for one to start with an article of this batch."""
    same = item.same_story
    if same is None:
        return ("item", id(item))
    if same.archived is not None:
        if same.story_id:
            return ("story", same.story_id)
        return ("archived", same.archived.pk)
    return _story_root(same.earlier)


def _write_stories(new, *, by) -> None:
    """Index the new articles' texts and put near-copies in their stories: a
    fixed number of bulk queries for the whole batch."""
    from articles.models.stories import Signature, Story, StoryMember

    signatures, bands = [], []
    for item in new:
        rows, keys = stories.index_rows(item.article, item.signature, item.day)
        signatures += rows
        bands += keys
    Signature.objects.bulk_create(signatures, batch_size=500)
    stories.insert_bands(bands)
    groups = {}
    for item in new:
        if item.same_story is not None:
            groups.setdefault(_story_root(item), []).append(item)
    if not groups:
        return
    # An archived article may have joined a story since the plan was made.
    archived = [pk for kind, pk in groups if kind == "archived"]
    joined = dict(
        StoryMember.objects.filter(article_id__in=archived).values_list(
            "article_id", "story_id"
        )
    )
    story_of, founders = {}, []
    fresh = [
        root
        for root in groups
        if root[0] == "item" or (root[0] == "archived" and root[1] not in joined)
    ]
    for root, story in zip(
        fresh, Story.objects.bulk_create([Story() for _root in fresh]), strict=True
    ):
        story_of[root] = story.pk
        if root[0] == "archived":
            founders.append(StoryMember(story=story, article_id=root[1]))
    for root in groups:
        if root[0] == "story":
            story_of[root] = root[1]
        elif root[0] == "archived" and root[1] in joined:
            story_of[root] = joined[root[1]]
    members = list(founders)
    by_id = {id(item): item for item in new}
    for root, copies in groups.items():
        if root[0] == "item":
            members.append(
                StoryMember(story_id=story_of[root], article=by_id[root[1]].article)
            )
        for item in copies:
            same = item.same_story
            matched = same.archived or same.earlier.article
            members.append(
                StoryMember(
                    story_id=story_of[root],
                    article=item.article,
                    matched_id=matched.pk,
                    similarity=round(same.match.score, 3),
                    additions=same.additions,
                )
            )
    for member in members:
        member.method = StoryMember.Method.IMPORT
        member.added_by = by
    StoryMember.objects.bulk_create(members, batch_size=500)
    stories.stories_refresh(set(story_of.values()))
