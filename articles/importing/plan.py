"""Step 2 of an import, reading only: what each parsed article becomes.

Duplicates (by original URL or text fingerprint, against the archive and within
the batch), near-copies (the same story as an archived article or an earlier
one of the batch: ``articles.stories``), sources, dateline regions, validation
of every field, and the suggestions for each article."""

import re
from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import CheckConstraint, Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from articles import facts, stories
from articles.importing.parsers import ImportFailed, ParsedArticle
from articles.models import Article, Source, content_fingerprint, workflow
from articles.models.suggestions import Suggestion
from articles.stories import compare as story_compare
from articles.stories.index import Match, Sig, band_keys, signature
from articles.stories.memory import MemoryIndex
from articles.suggestions.services import Proposer
from entities.models import Region


@dataclass
class SameStory:
    """A near-copy found while planning: of an archived article, or of an
    earlier article of this batch; and what the copy adds to it."""

    match: Match
    additions: dict
    archived: Article | None = None
    story_id: int | None = None  # the archived article's story, if any
    earlier: "Planned | None" = None

    @property
    def title(self) -> str:
        return self.archived.title if self.archived else self.earlier.article.title


@dataclass
class Planned:
    """One parsed article and what importing it will do."""

    parsed: ParsedArticle
    article: Article | None = None  # unsaved; None for a duplicate
    duplicate: Article | None = None
    duplicate_in_batch: str = ""  # the origin of an earlier copy in this batch
    new_source: str = ""
    # The source to create for it (validated; shared by every article of the
    # batch naming the same new outlet), saved by ``write``.
    source_to_create: Source | None = None
    suggestions: list = field(default_factory=list)
    facts: list = field(default_factory=list)  # unsaved, pending review
    quotes: list = field(default_factory=list)  # unsaved
    signature: Sig | None = None
    day: object = None
    same_story: SameStory | None = None

    @property
    def created(self) -> bool:
        return self.article is not None

    PREVIEW_CHARS = 600

    @property
    def preview(self) -> str:
        """The beginning of the text as it will be stored (the dry run shows
        it), cut at a word."""
        text = self.article.body_text if self.article else self.parsed.text
        if len(text) <= self.PREVIEW_CHARS:
            return text
        return text[: self.PREVIEW_CHARS].rsplit(" ", 1)[0] + " …"

    @property
    def boilerplate(self) -> list[str]:
        """The paragraphs left out as site furniture or spam ("Baca juga: …",
        "Editor: …", advertisements), as they were written."""
        return list(self.parsed.boilerplate)


def _domain(homepage):
    return re.sub(r"^https?://(www\.)?|/.*$", "", homepage or "") or None


def find_source(*, name="", homepage="") -> Source | None:
    """The known source an article names (by name, slug or web address)."""
    domain = _domain(homepage)
    lookup = Q()
    if name:
        lookup |= Q(name__iexact=name) | Q(slug=slugify(name))
    if domain:
        lookup |= Q(homepage__icontains=domain) | Q(name__iexact=domain)
    return Source.objects.filter(lookup).first() if lookup else None


def find_duplicate(parsed) -> Article | None:
    """An article already holding the same original URL or the same text."""
    return find_duplicates([parsed])[0]


# Records whose archived copies are looked up in one query (two parameters each).
DUPLICATE_CHUNK = 500


def find_duplicates(parsed_articles) -> list[Article | None]:
    """``find_duplicate`` of each parsed article, in one query per
    ``DUPLICATE_CHUNK`` of them: the same article for each (the first in the
    archive's order holding its text or URL)."""
    found = []
    for start in range(0, len(parsed_articles), DUPLICATE_CHUNK):
        chunk = parsed_articles[start : start + DUPLICATE_CHUNK]
        hashes = [content_fingerprint(parsed.text) for parsed in chunk]
        urls = {parsed.original_url for parsed in chunk if parsed.original_url}
        lookup = Q(content_hash__in=set(hashes))
        if urls:
            lookup |= Q(original_url__in=urls)
        # In the order ``first()`` would take them (the model's, pk last).
        archived = list(Article.objects.filter(lookup))
        for parsed, fingerprint in zip(chunk, hashes, strict=True):
            found.append(
                next(
                    (
                        article
                        for article in archived
                        if article.content_hash == fingerprint
                        or (
                            parsed.original_url
                            and article.original_url == parsed.original_url
                        )
                    ),
                    None,
                )
            )
    return found


def _dateline_region(dateline, regions):
    from entities import gazetteer

    resolved = gazetteer.resolve(dateline.title()) if dateline else None
    if not resolved:
        return None
    code = resolved[0].code
    if code not in regions:
        regions[code] = Region.objects.filter(code=code).first()
    return regions[code]


# How often ``plan`` reports how far it is (articles).
PROGRESS_EVERY = 50


def plan(parsed_articles, *, by=None, progress=None) -> list[Planned]:
    """Step 2: decide what each parsed article becomes, reading only. Raises
    ``ImportFailed`` naming the record of the first article that is invalid,
    and for whatever writing would refuse: the dry run promises the write.
    ``progress(done, origin)``, if given, is called every ``PROGRESS_EVERY``
    articles (a job's progress bar; it may raise to stop the plan)."""
    if by is not None and not workflow.can_publish(by):
        raise ImportFailed(_("Only editors import articles."))
    proposer = Proposer()
    planned, fingerprints, urls, sources, regions = [], {}, {}, {}, {}
    fact_regions, speakers = {}, {}
    batch = MemoryIndex()
    parsed_articles = list(parsed_articles)
    archived = find_duplicates(parsed_articles)
    verdicts = {}
    for position, (parsed, duplicate) in enumerate(
        zip(parsed_articles, archived, strict=True)
    ):
        if progress and position % PROGRESS_EVERY == 0:
            progress(position, parsed.origin)
        item = Planned(parsed)
        planned.append(item)
        fingerprint = content_fingerprint(parsed.text)
        earlier = fingerprints.get(fingerprint) or urls.get(parsed.original_url)
        if earlier:
            item.duplicate_in_batch = earlier
            continue
        item.duplicate = duplicate
        if item.duplicate:
            continue
        fingerprints[fingerprint] = parsed.origin
        if parsed.original_url:
            urls[parsed.original_url] = parsed.origin
        source = None
        if parsed.outlet or parsed.outlet_homepage:
            key = (parsed.outlet.lower(), _domain(parsed.outlet_homepage))
            if key not in sources:
                sources[key] = find_source(
                    name=parsed.outlet, homepage=parsed.outlet_homepage
                )
            source = sources[key]
            if source is None:
                item.new_source = parsed.outlet or _domain(parsed.outlet_homepage)
        article = Article(
            title=parsed.title,
            body=parsed.body,
            standfirst=parsed.standfirst,
            dateline=parsed.dateline,
            dateline_region=_dateline_region(parsed.dateline, regions),
            source=source,
            original_url=parsed.original_url,
            original_published_on=parsed.original_published_on,
            byline=parsed.byline,
            credit=parsed.credit,
            language=parsed.language or "id",
            status=Article.Status.REVIEW,
            created_by=by,
            imported_from=parsed.origin[:300],
        )
        try:
            _full_clean(article, verdicts)
        except ValidationError as exc:
            raise ImportFailed(f"{parsed.origin}: {describe(exc)}") from exc
        article.derive()
        item.article = article
        item.suggestions = proposer.propose(
            title=article.title, text=article.body_text, dateline=article.dateline
        )
        item.facts = facts.facts_for(
            title=article.title, text=article.body_text, regions=fact_regions
        )
        item.quotes = facts.quotes_for(text=article.body_text, people=speakers)
        item.signature = signature(article.body_text)
        item.day = parsed.original_published_on or timezone.localdate()
    _plan_sources(planned)
    # Near-copies, in the batch's order: of an archived article (asked only for
    # texts sharing a band key with one) or of an earlier article of the batch.
    archived_keys = stories.archived_keys(
        key
        for item in planned
        if item.signature is not None
        for key in band_keys(item.signature)
    )
    for position, item in enumerate(planned):
        if item.created:
            item.same_story = _same_story(item, batch, planned, archived_keys)
            if item.signature is not None:
                batch.add(position, item.signature, item.parsed.original_published_on)
    return planned


def _plan_sources(planned) -> None:
    """The new sources the batch names, validated now, so that the dry run
    refuses what writing would refuse (a name too long, an address that is
    none). Outlets whose names give the same address (``Kabar-Industri`` and
    ``kabar industri``) are one source."""
    by_slug = {}
    for item in planned:
        if not (item.created and item.new_source):
            continue
        name = item.new_source
        slug = slugify(name) or "sumber"
        if slug not in by_slug:
            source = Source(
                name=name,
                slug=slug,
                homepage=item.parsed.outlet_homepage or "",
                kind=Source.Kind.NEWS_SITE,
            )
            try:
                source.full_clean()
            except ValidationError as exc:
                raise ImportFailed(
                    _("%(record)s: source “%(name)s”: %(error)s")
                    % {
                        "record": item.parsed.origin,
                        "name": name,
                        "error": describe(exc, Source),
                    }
                ) from exc
            by_slug[slug] = source
        item.source_to_create = by_slug[slug]


def _full_clean(article, verdicts) -> None:
    """``article.full_clean(exclude=["slug"], validate_unique=False)``, asking
    the database about the model's check constraints once per combination of
    the values they read (``verdicts`` remembers the answers): Django asks it
    once per constraint and article, two queries per imported article."""
    constraints = [c for _model, group in article.get_constraints() for c in group]
    if not all(isinstance(c, CheckConstraint) for c in constraints):
        article.full_clean(exclude=["slug"], validate_unique=False)
        return
    errors, exclude = {}, {"slug"}
    try:
        article.clean_fields(exclude=exclude)
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    try:
        article.clean()
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    exclude |= {name for name in errors if name != NON_FIELD_ERRORS}
    read = sorted(
        {f for c in constraints for f in Q(c.condition).referenced_base_fields}
    )
    key = (
        frozenset(exclude),
        tuple(article._meta.get_field(name).value_to_string(article) for name in read),
    )
    if key not in verdicts:
        try:
            article.validate_constraints(exclude=exclude)
            verdicts[key] = None
        except ValidationError as exc:
            verdicts[key] = exc
    if verdicts[key] is not None:
        errors = verdicts[key].update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def _same_story(item, batch, planned, archived_keys=None) -> SameStory | None:
    """The archived or earlier batch article (``batch`` holds the positions of
    those in ``planned``) that ``item`` copies best, if any (``archived_keys``:
    see ``stories.find_same_story``)."""
    if item.signature is None:
        return None
    # A text whose date was not found is compared on any day: its import day
    # says nothing of when it was published.
    day = item.parsed.original_published_on
    found = stories.find_same_story(item.signature, day, archived_keys=archived_keys)
    earlier = batch.matches(item.signature, day)
    text = item.article.body_text
    # The copy's people and organisations, as its suggestions found them.
    names = [
        (s.name, s.aliases or [])
        for s in item.suggestions
        if s.kind in (Suggestion.Kind.PERSON, Suggestion.Kind.ORGANISATION)
    ]
    if found and not (earlier and earlier[0][1].score > found.match.score):
        archived = Article.objects.only("pk", "title", "slug", "body_text").get(
            pk=found.article_id
        )
        return SameStory(
            found.match,
            story_compare.additions(archived.body_text, text, names),
            archived=archived,
            story_id=found.story_id,
        )
    if earlier:
        position, match = earlier[0]
        other = planned[position]
        return SameStory(
            match,
            story_compare.additions(other.article.body_text, text, names),
            earlier=other,
        )
    return None


def describe(exc: ValidationError, model=Article) -> str:
    """A validation error for people: each field's name and its messages."""
    if not hasattr(exc, "error_dict"):
        return " ".join(exc.messages)
    parts = []
    for name, errors in exc.error_dict.items():
        messages = " ".join(m for error in errors for m in error.messages)
        if name == "__all__":
            parts.append(messages)
        else:
            parts.append(f"{model._meta.get_field(name).verbose_name}: {messages}")
    return "; ".join(parts)
