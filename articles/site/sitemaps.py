from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, OuterRef
from django.urls import reverse

from articles.models import (
    Article,
    Author,
    Source,
    StandingPage,
    TaggedEntity,
    Topic,
)
from entities.models import Entity, Region


class ArticleSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8
    i18n = True
    alternates = True

    def items(self):
        return (
            Article.objects.published()
            .order_by("-publish_at", "-pk")
            .only("slug", "updated_at")
        )

    def lastmod(self, item):
        return item.updated_at


class WithPublishedArticlesSitemap(Sitemap):
    """Regions, topics, entities and sources that have a published article."""

    changefreq = "daily"
    priority = 0.5
    i18n = True
    alternates = True
    model = None

    def has_articles(self):
        raise NotImplementedError

    def items(self):
        return (
            self.model.objects.filter(self.has_articles()).order_by("pk").only("slug")
        )


class RegionSitemap(WithPublishedArticlesSitemap):
    model = Region

    def has_articles(self):
        # Only regions tagged directly: a parent of a tagged region is listed by
        # its own tag or reached through the index page.
        return Exists(Article.objects.published().filter(regions=OuterRef("pk")))


class TopicSitemap(WithPublishedArticlesSitemap):
    """Every topic with a published article in it or in a sub-topic."""

    model = Topic

    def items(self):
        from articles.publiccounts import all_topic_counts

        counts = all_topic_counts()
        return [
            topic
            for topic in Topic.objects.order_by("pk").only("slug")
            if counts.get(topic.pk)
        ]


class EntitySitemap(WithPublishedArticlesSitemap):
    model = Entity

    def has_articles(self):
        return Exists(
            TaggedEntity.objects.filter(
                tag=OuterRef("pk"),
                content_object__in=Article.objects.published(),
            )
        )


class SourceSitemap(WithPublishedArticlesSitemap):
    model = Source

    def has_articles(self):
        return Exists(Article.objects.published().filter(source=OuterRef("pk")))


class PagesSitemap(Sitemap):
    priority = 1.0
    changefreq = "hourly"
    i18n = True
    alternates = True

    def items(self):
        return ["articles:home", "articles:list", "articles:index"]

    def location(self, item):
        return reverse(item)


class StandingPagesSitemap(Sitemap):
    """The standing pages an editor has written (/redaksi/, /koreksi/, …)."""

    changefreq = "monthly"
    priority = 0.3
    i18n = True
    alternates = True

    def items(self):
        return list(StandingPage.objects.order_by("pk").only("slug", "updated_at"))

    def location(self, item):
        return reverse(f"articles:page-{item.slug}")

    def lastmod(self, item):
        return item.updated_at


class AuthorSitemap(Sitemap):
    """Every writer's profile page: each has a page whether or not a published
    byline names them yet."""

    changefreq = "weekly"
    priority = 0.4
    i18n = True
    alternates = True

    def items(self):
        return Author.objects.order_by("pk").only("slug")


SITEMAPS = {
    "pages": PagesSitemap,
    "standing": StandingPagesSitemap,
    "authors": AuthorSitemap,
    "articles": ArticleSitemap,
    "regions": RegionSitemap,
    "topics": TopicSitemap,
    "entities": EntitySitemap,
    "sources": SourceSitemap,
}


# Google News: articles published in the last two days, at most a thousand
# (https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap).
NEWS_HOURS = 48
NEWS_LIMIT = 1000
PUBLICATION_NAME = "Warta Industri"


def news_articles(*, now=None):
    """The public articles of the last ``NEWS_HOURS``, newest first, each story
    once (lists' articles)."""
    import datetime

    from django.utils import timezone

    since = (now or timezone.now()) - datetime.timedelta(hours=NEWS_HOURS)
    return (
        Article.objects.listed()
        .filter(publish_at__gte=since)
        .order_by("-publish_at", "-pk")
        .only("slug", "title", "publish_at")[:NEWS_LIMIT]
    )


def news_sitemap(request):
    """The Google News sitemap (``news-sitemap.xml``)."""
    from django.shortcuts import render

    origin = request.build_absolute_uri("/").rstrip("/")
    response = render(
        request,
        "news_sitemap.xml",
        {
            "articles": news_articles(),
            "origin": origin,
            "publication": PUBLICATION_NAME,
            "language": "id",
        },
        content_type="application/xml",
    )
    return response


news_sitemap.query_params = ()  # reads no parameter (``public_page``)
