"""RSS 2.0 and Atom feeds: latest, and per region (rolled up), topic, entity and
source.

Authors: Atom requires one (RFC 4287 4.1.1): the feed is by the newsroom and
each entry by the people its byline names, else its source, else the newsroom
(``metadata.authors``). RSS 2.0's ``<author>`` is an email address, which we do
not publish; names go in Dublin Core's ``dc:creator`` instead, whose creator may
be "a person, an organization, or a service".

Ids: each article's is a ``tag:`` URI (RFC 4151), ``tag:<host>,<year>:article/<id>``,
the same in RSS (``guid``) and Atom: made of what never changes (the year the
article was created here, its id), so it survives a new slug or publish time.
"""

import contextvars
from datetime import UTC
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.formats import date_format
from django.utils.html import escape, format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from articles import publiccounts
from articles.freshness import taxonomy
from articles.models import Author, Topic, richtext
from articles.site import listing
from articles.site.metadata.authors import NEWSROOM, article_authors
from articles.site.metadata.share import modified_at
from entities.models import Entity, EntityRedirect, Region

FEED_SIZE = 30
DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"


def tag_specific(article) -> str:
    """The part of ``article``'s tag URI after the host: the year it was created
    here (UTC) and its id."""
    return f"{article.created_at.astimezone(UTC).year}:article/{article.pk}"


def tag_uri(link: str, specific: str) -> str:
    """A tag URI (RFC 4151) minted on the host of ``link``, the site's own."""
    return f"tag:{urlsplit(link).hostname},{specific}"


def with_corrections(articles: list) -> list:
    """``articles`` with the corrections of those that have some read in one
    query (none when no article was corrected)."""
    prefetch_related_objects([a for a in articles if a.corrected_at], "corrections")
    return articles


def corrections_html(article) -> str:
    """The article's corrections, clarifications and replies after its body, as
    the article page shows them: a feed reader sees what changed and when."""
    if not article.corrected_at:
        return ""
    notes = format_html_join(
        "",
        "<li><strong>{}</strong> &middot; {}<p>{}</p></li>",
        (
            (
                note.get_kind_display(),
                date_format(timezone.localtime(note.published_at), "DATETIME_FORMAT"),
                linebreaksbr(note.text),
            )
            for note in article.corrections.all()
        ),
    )
    if not notes:
        return ""
    heading = _("Corrections and clarifications")
    return format_html("<h2>{}</h2><ul>{}</ul>", heading, notes)


def with_tag_id(item) -> dict:
    if not item.get("tag_specific"):
        return item
    return {**item, "unique_id": tag_uri(item["link"], item["tag_specific"])}


class RssWithContent(Rss201rev2Feed):
    """RSS 2.0 with each article's body as ``content:encoded``, its authors as
    ``dc:creator`` and a tag URI as its ``guid``."""

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
            "xmlns:dc": DUBLIN_CORE,
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, with_tag_id(item))
        for author in item.get("authors", ()):
            handler.addQuickElement("dc:creator", author.name)
        if item.get("content_html"):
            handler.addQuickElement("content:encoded", item["content_html"])


class AtomWithContent(Atom1Feed):
    """Atom 1.0 with each article's body as ``<content type="html">``, an
    ``<author>`` for each of its authors and a tag URI as its ``<id>``."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, with_tag_id(item))
        for author in item.get("authors", ()):
            handler.startElement("author", {})
            handler.addQuickElement("name", author.name)
            if author.url:
                handler.addQuickElement("uri", author.url)
            handler.endElement("author")
        if item.get("content_html"):
            handler.addQuickElement("content", item["content_html"], {"type": "html"})


_ABSOLUTE = contextvars.ContextVar("feed_absolute", default=None)


class LatestArticlesFeed(Feed):
    feed_type = RssWithContent
    title = _("Warta Industri: latest articles")
    description = _("Regional industry news from Indonesia.")
    author_name = NEWSROOM
    query_params = ()  # feeds read no parameter (``public_page``)

    def get_feed(self, obj, request):
        # Library images in the bodies get full addresses (one feed object
        # serves every request: the request's host is per context).
        token = _ABSOLUTE.set(request.build_absolute_uri)
        try:
            feed = super().get_feed(obj, request)
        finally:
            _ABSOLUTE.reset(token)
        feed.feed["author_link"] = request.build_absolute_uri(reverse("articles:home"))
        return feed

    def link(self, obj=None):
        return reverse("articles:home")

    def items(self, obj=None):
        return with_corrections(self.articles(obj))

    def articles(self, obj=None):
        return listing.newest(listing.public_articles(), FEED_SIZE)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Readers parse descriptions as HTML: the plain summary is escaped, so
        # stored text such as "<b>" shows as typed instead of becoming markup.
        return escape(item.summary())

    def item_extra_kwargs(self, item):
        return {
            "content_html": richtext.for_feeds(
                richtext.sanitize(item.body), absolute=_ABSOLUTE.get()
            )
            + corrections_html(item),
            "authors": article_authors(item),
            "tag_specific": tag_specific(item),
        }

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return modified_at(item)

    def item_categories(self, item):
        return [topic.name for topic in listing.tags_of(item).topics]

    # Replaced by the tag URI (``with_tag_id``); never a permalink.
    item_guid_is_permalink = False


class ObjectFeed(LatestArticlesFeed):
    """A feed of one region, topic, entity or source, looked up by slug (404 if
    unknown)."""

    model = None
    kind_label = None

    def get_queryset(self):
        return self.model.objects.all()

    def get_object(self, request, slug):
        return get_object_or_404(self.get_queryset(), slug=slug)

    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except Http404:
            moved = self.moved_to(kwargs.get("slug"))
            if moved is None:
                raise
        # An old address (a slug changed, an entity merged away): the same
        # feed, RSS or Atom, at the new one, as the page itself does.
        return HttpResponsePermanentRedirect(
            reverse(request.resolver_match.view_name, kwargs={"slug": moved.slug})
        )

    def moved_to(self, slug):
        """What an old address of this kind of feed leads to now (or None)."""
        return None

    def title(self, obj):
        return _("Warta Industri: %(kind)s %(name)s") % {
            "kind": self.kind_label,
            "name": obj,
        }

    def description(self, obj):
        return self.title(obj)

    def link(self, obj):
        return obj.get_absolute_url()


class RegionFeed(ObjectFeed):
    model = Region
    kind_label = _("region")

    def articles(self, obj):
        return listing.newest(listing.articles_in_region(region=obj), FEED_SIZE)


class TopicFeed(ObjectFeed):
    model = Topic
    kind_label = _("topic")

    def get_object(self, request, slug):
        topic = super().get_object(request, slug)
        if not publiccounts.all_topic_counts().get(topic.pk):
            raise Http404
        return topic

    def articles(self, obj):
        return listing.newest(listing.articles_in_topic(topic=obj), FEED_SIZE)


class EntityFeed(ObjectFeed):
    model = Entity
    kind_label = _("entity")

    def get_queryset(self):
        return listing.public_entities().frequent(settings.WARTA_FREQUENT_ENTITY)

    def articles(self, obj):
        return listing.newest(listing.articles_mentioning(entity=obj), FEED_SIZE)

    def moved_to(self, slug):
        moved = EntityRedirect.objects.filter(
            old_slug=slug, entity__in=listing.public_entities()
        ).first()
        return moved.entity if moved else None


class SourceFeed(ObjectFeed):
    kind_label = _("source")

    def get_object(self, request, slug):
        # Only sources of a published article, like the source's page.
        source = taxonomy().source_by_slug.get(slug)
        if source is None or not publiccounts.source_counts().get(source.pk):
            raise Http404
        return source

    def articles(self, obj):
        return listing.newest(listing.public_articles().filter(source=obj), FEED_SIZE)


class AuthorFeed(ObjectFeed):
    model = Author
    kind_label = _("author")

    def articles(self, obj):
        return listing.newest(listing.articles_by_author(author=obj), FEED_SIZE)


def atom(feed_class):
    """Return the Atom 1.0 variant of an RSS feed class."""
    return type(
        f"Atom{feed_class.__name__}",
        (feed_class,),
        {"feed_type": AtomWithContent, "subtitle": feed_class.description},
    )
