"""Quotes of an article, attributed to people: extracted with the facts (at
import, on "suggest again", on save); a person's page shows them unless an
editor hides one."""

import hashlib

from django.db import transaction
from django.utils.translation import gettext as _

from articles.editorial.history import record_link_changes
from articles.models import Article
from articles.models.quotes import Quote
from articles.models.workflow import require_edit
from entities.extraction.quotes import extract_quotes
from entities.models import Entity


def quote_key(speaker: str, text: str) -> str:
    """The same words of the same speaker are one quote, wherever they move."""
    words = " ".join(text.split()).lower()[:300]
    return hashlib.sha256(f"{speaker.lower()}|{words}".encode()).hexdigest()


def quotes_for(*, text: str, people=None) -> list[Quote]:
    """Unsaved quotes of a text; ``people`` caches {speaker: Entity or None}."""
    people = {} if people is None else people
    found = extract_quotes(text, proposals=())
    for speaker in {q.speaker for q in found} - set(people):
        people[speaker] = (
            Entity.objects.filter(kind=Entity.Kind.PERSON)
            .matching_name(speaker)
            .first()
        )
    quotes, keys = [], set()
    for quote in found:
        key = quote_key(quote.speaker, quote.text)
        if key in keys or not quote.text.strip():
            continue
        keys.add(key)
        quotes.append(
            Quote(
                key=key,
                kind=quote.kind,
                speaker=quote.speaker[:200],
                entity=people[quote.speaker],
                text=quote.text.strip()[:2000],
                position=quote.start,
            )
        )
    return quotes


@transaction.atomic
def article_extract_quotes(*, article) -> list[Quote]:
    """The article's quotes not found before (hidden ones stay hidden)."""
    seen = set(article.quotes.values_list("key", flat=True))
    new = [q for q in quotes_for(text=article.body_text) if q.key not in seen]
    for quote in new:
        quote.article = article
    return Quote.objects.bulk_create(new)


@transaction.atomic
def quote_hide(*, quote, by, hidden=True) -> Quote:
    """Hide a wrong quote from the person's page (or show it again); the
    article gets a revision saying so."""
    require_edit(by, quote.article)
    quote.hidden = hidden
    quote.save(update_fields=["hidden"])
    template = _("Quote hidden: %(quote)s") if hidden else _("Quote shown: %(quote)s")
    record_link_changes(
        [quote.article_id], by=by, reason=template % {"quote": quote.speaker}
    )
    return quote


def quotes_of(entity, *, limit=20):
    """What ``entity`` said in public articles, newest first (hidden ones
    left out)."""
    return (
        Quote.objects.filter(
            entity=entity, hidden=False, article__in=Article.objects.published()
        )
        .select_related("article")
        .order_by("-article__publish_at", "position")[:limit]
    )
