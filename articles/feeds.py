"""RSS 2.0 and Atom feeds: latest, and per region (rolled up), topic and entity."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from entities.models import Entity, Region

from . import listing, richtext
from .models import Topic

FEED_SIZE = 30


class RssWithContent(Rss201rev2Feed):
    """RSS 2.0 with each article's body as ``content:encoded``."""

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content_html"):
            handler.addQuickElement("content:encoded", item["content_html"])


class AtomWithContent(Atom1Feed):
    """Atom 1.0 with each article's body as ``<content type="html">``."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content_html"):
            handler.addQuickElement("content", item["content_html"], {"type": "html"})


class LatestArticlesFeed(Feed):
    feed_type = RssWithContent
    title = _("Warta Industri: latest articles")
    description = _("Regional industry news from Indonesia.")

    def link(self, obj=None):
        return reverse("articles:home")

    def items(self, obj=None):
        return listing.newest(listing.public_articles(), FEED_SIZE)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Readers parse descriptions as HTML: the plain summary is escaped, so
        # stored text such as "<b>" shows as typed instead of becoming markup.
        return escape(item.summary())

    def item_extra_kwargs(self, item):
        return {"content_html": richtext.sanitize(item.body)}

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.byline or (item.source.name if item.source else None)

    def item_categories(self, item):
        return [topic.name for topic in item.topics.all()]

    def item_guid(self, item):
        return f"warta-industri:article:{item.pk}"

    item_guid_is_permalink = False


class ObjectFeed(LatestArticlesFeed):
    """A feed of one region, topic or entity, looked up by slug (404 if unknown)."""

    model = None
    kind_label = None

    def get_queryset(self):
        return self.model.objects.all()

    def get_object(self, request, slug):
        return get_object_or_404(self.get_queryset(), slug=slug)

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

    def items(self, obj):
        return listing.newest(listing.articles_in_region(region=obj), FEED_SIZE)


class TopicFeed(ObjectFeed):
    model = Topic
    kind_label = _("topic")

    def get_object(self, request, slug):
        topic = super().get_object(request, slug)
        if not listing.all_topic_counts().get(topic.pk):
            raise Http404
        return topic

    def items(self, obj):
        return listing.newest(listing.articles_in_topic(topic=obj), FEED_SIZE)


class EntityFeed(ObjectFeed):
    model = Entity
    kind_label = _("entity")

    def get_queryset(self):
        return listing.public_entities().frequent(settings.WARTA_FREQUENT_ENTITY)

    def items(self, obj):
        return listing.newest(listing.articles_mentioning(entity=obj), FEED_SIZE)


def atom(feed_class):
    """Return the Atom 1.0 variant of an RSS feed class."""
    return type(
        f"Atom{feed_class.__name__}",
        (feed_class,),
        {"feed_type": AtomWithContent, "subtitle": feed_class.description},
    )
