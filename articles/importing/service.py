"""Writing imported articles: all of a batch or nothing."""

import re
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext as _

from entities.models import Region

from ..models import Article, Source, content_fingerprint
from ..suggestions.services import article_suggest


@dataclass
class ImportResult:
    parsed: object
    article: Article
    created: bool
    suggestions: int = 0


def source_for(*, name="", homepage="") -> Source | None:
    """Return the source an article names (by name, slug or web address),
    creating it when it is named but not yet known; ``None`` when unnamed."""
    if not name and not homepage:
        return None
    domain = re.sub(r"^https?://(www\.)?|/.*$", "", homepage or "") or None
    lookup = Q()
    if name:
        lookup |= Q(name__iexact=name) | Q(slug=slugify(name))
    if domain:
        lookup |= Q(homepage__icontains=domain) | Q(name__iexact=domain)
    source = Source.objects.filter(lookup).first()
    if source:
        return source
    name = name or domain
    source = Source(
        name=name,
        slug=slugify(name),
        homepage=homepage or "",
        kind=Source.Kind.NEWS_SITE,
    )
    source.full_clean()
    source.save()
    return source


def find_duplicate(parsed) -> Article | None:
    """An article already holding the same original URL or the same text."""
    lookup = Q(content_hash=content_fingerprint(parsed.body))
    if parsed.original_url:
        lookup |= Q(original_url=parsed.original_url)
    return Article.objects.filter(lookup).first()


@transaction.atomic
def article_import(*, parsed, by=None) -> ImportResult:
    """Create an article "in review" from a parsed file, with its source when one
    can be identified and with suggested entities, regions and topics; or return
    the existing article when the same URL or text is already here."""
    duplicate = find_duplicate(parsed)
    if duplicate:
        return ImportResult(parsed, duplicate, created=False)
    article = Article(
        title=parsed.title[:255],
        body=parsed.body,
        standfirst=parsed.standfirst,
        dateline=parsed.dateline,
        dateline_region=_dateline_region(parsed.dateline),
        source=source_for(name=parsed.outlet, homepage=parsed.outlet_homepage),
        original_url=parsed.original_url,
        original_published_on=parsed.original_published_on,
        byline=parsed.byline,
        credit=parsed.credit,
        language=parsed.language or "id",
        status=Article.Status.REVIEW,
        created_by=by,
    )
    article.full_clean()
    article._change_reason = _("Imported from %(origin)s") % {"origin": parsed.origin}
    article._history_user = by
    article.save()
    return ImportResult(
        parsed, article, created=True, suggestions=len(article_suggest(article=article))
    )


def _dateline_region(dateline):
    from entities import gazetteer

    resolved = gazetteer.resolve(dateline.title()) if dateline else None
    return Region.objects.filter(code=resolved[0].code).first() if resolved else None
