"""Public pages. Every article queryset comes from ``listing`` and so from
``Article.objects.published()``; nothing unpublished reaches a public URL."""

from django.conf import settings
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import BadRequest
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, ListView, TemplateView
from django_filters.views import FilterView

from articles import facts, publiccounts
from articles.freshness import taxonomy
from articles.models import Article, ArticleRedirect
from articles.site import counting, listing, related, seo
from articles.site.filters import ArticleFilter
from articles.site.metadata import authors, jsonld
from articles.site.paging import ArchivePaginator
from entities.models import Entity, EntityRedirect


class ArchiveListMixin:
    """Numbered pages to a list's last article (``paging``), with a page size a
    reader may choose, within bounds, and the list's count from ``counting`` or
    the public counts (``list_count``).

    An unusable ``per_page`` is a 400; an unusable or out-of-range ``page`` is a
    404 (``ListView``'s own behaviour).
    """

    search_text = None
    # What the page reads from the query (``public_page``); any other
    # parameter is dropped before the view runs.
    query_params = ("page", "per_page")

    def get_paginate_by(self, queryset):
        raw = self.request.GET.get("per_page")
        if raw is None:
            return settings.WARTA_PAGE_SIZE
        if not (raw.isascii() and raw.isdigit()) or not (
            1 <= int(raw) <= settings.WARTA_MAX_PAGE_SIZE
        ):
            raise BadRequest(
                _("per_page must be a whole number from 1 to %(max)d.")
                % {"max": settings.WARTA_MAX_PAGE_SIZE}
            )
        return int(raw)

    def list_count(self, queryset) -> int:
        """How many articles the list holds (``counting``)."""
        raise NotImplementedError

    def get_paginator(self, queryset, per_page, **kwargs):
        return ArchivePaginator(
            queryset,
            per_page,
            count=self.list_count(queryset),
            text=self.search_text,
            **kwargs,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context.get("page_obj")
        context["seo"] = seo.list_links(self.request, page)
        if page is not None:
            # The first and last pages and two on each side of this one.
            context["page_range"] = list(
                page.paginator.get_elided_page_range(
                    page.number, on_each_side=2, on_ends=1
                )
            )
        return context


class HomeView(TemplateView):
    template_name = "articles/home.html"
    query_params = ()

    def get_context_data(self, **kwargs):
        featured, latest = listing.home_articles()
        # The lead story: the newest featured article, else the newest one.
        stories = featured or latest
        lead = stories[0] if stories else None
        return super().get_context_data(
            lead=lead,
            featured=featured[1:],
            latest=latest if featured else latest[1:],
            regions=publiccounts.region_counts(regions=listing.top_level_regions()),
            topics=publiccounts.topic_tree(),
            **kwargs,
        )


class ArticleListView(ArchiveListMixin, FilterView):
    """The filterable list. Invalid filter values answer 400 with the form's errors."""

    filterset_class = ArticleFilter
    template_name = "articles/article_filter.html"
    context_object_name = "articles"
    query_params = (*ArchiveListMixin.query_params, *ArticleFilter.base_filters)

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["queryset"] = listing.public_articles()
        return kwargs

    def get(self, request, *args, **kwargs):
        self.filterset = self.get_filterset(self.get_filterset_class())
        if self.filterset.is_bound and not self.filterset.is_valid():
            self.object_list = Article.objects.none()
            context = self.get_context_data(filter=self.filterset, invalid=True)
            return self.render_to_response(context, status=400)
        self.object_list = self.filterset.qs
        self.search_text = getattr(self.filterset.form, "cleaned_data", {}).get("q")
        return self.render_to_response(
            self.get_context_data(filter=self.filterset, object_list=self.object_list)
        )

    def list_count(self, queryset) -> int:
        return counting.list_count(self.filterset)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not kwargs.get("invalid"):
            cleaned = getattr(self.filterset.form, "cleaned_data", {})
            # Counted over every match, once per filters and content stamp.
            context["facets"] = counting.list_facets(self.filterset)
            context["search_text"] = cleaned.get("q") or ""
            context["filtered"] = any(cleaned.get(name) for name in cleaned)
            if context["filtered"]:
                # A facet combination: followed, not indexed (the unfiltered
                # list and the region, topic and entity pages are).
                context["seo"] = seo.list_links(
                    self.request, context.get("page_obj"), index=False
                )
        params = self.request.GET.copy()
        params.pop("page", None)
        context["query_string"] = params.urlencode()
        return context


class ArticleDetailView(DetailView):
    context_object_name = "article"
    query_params = ()

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            moved = ArticleRedirect.objects.filter(
                old_slug=kwargs.get("slug"),
                article__in=listing.public_articles(),
            ).first()
            if moved is None:
                raise
            return HttpResponsePermanentRedirect(moved.article.get_absolute_url())

    def get_queryset(self):
        # Every published version has its page, copies of a story included.
        return Article.objects.published().select_related("source", "story_member")

    def get_object(self, queryset=None):
        article = super().get_object(queryset)
        listing.attach_tags([article])
        return article

    def get_context_data(self, **kwargs):
        article = self.object
        profiles = authors.byline_profiles(article)
        return super().get_context_data(
            entity_groups=related.entities_by_kind(article),
            related=related.related_articles(article=article),
            json_ld=self.json_ld(article, profiles),
            # The byline's people, linked to their profiles (when any has one).
            byline_links=authors.byline_links(article, profiles),
            # Read only for an article that has some.
            corrections=list(article.corrections.all()) if article.corrected_at else [],
            story=related.coverage(article),
            **kwargs,
        )

    def json_ld(self, article, profiles):
        origin = self.request.build_absolute_uri("/").rstrip("/")
        return jsonld.news_article(article, origin=origin, profiles=profiles)


class ArticlePreviewView(PermissionRequiredMixin, ArticleDetailView):
    get = DetailView.get  # a preview is by id: no moved addresses
    """Any article, whatever its status, exactly as the public page will show it,
    for signed-in staff who may view articles. Never cached, never indexed."""

    permission_required = "articles.view_article"

    def get_login_url(self):
        return reverse("admin:login")

    def has_permission(self):
        return self.request.user.is_staff and super().has_permission()

    def get_queryset(self):
        # Only what this person may see in the newsroom (``workflow.visible_q``).
        return Article.objects.visible_to(self.request.user).select_related(
            "source", "story_member"
        )

    def get_object(self, queryset=None):
        article = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        listing.attach_tags([article])
        return article

    def get_context_data(self, **kwargs):
        return super().get_context_data(preview=True, **kwargs)

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        patch_cache_control(response, private=True, no_store=True)
        return response


class ObjectArticlesView(ArchiveListMixin, ListView):
    """A page about one region, topic, entity or source, listing its articles."""

    context_object_name = "articles"

    def get(self, request, *args, slug, **kwargs):
        self.object = self.get_object(slug)
        if self.object is None:
            moved = self.moved_to(slug)
            if moved is None:
                raise Http404
            return HttpResponsePermanentRedirect(moved.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def moved_to(self, slug):
        """Where an old address of this kind of page leads now (or None)."""
        return None

    def get_context_data(self, **kwargs):
        return super().get_context_data(object=self.object, **kwargs)


class RegionDetailView(ObjectArticlesView):
    template_name = "articles/region_detail.html"

    def get_object(self, slug):
        return taxonomy().region_by_slug.get(slug)

    def get_queryset(self):
        return listing.articles_in_region(region=self.object)

    def list_count(self, queryset) -> int:
        return publiccounts.all_region_counts().get(self.object.pk, 0)

    def get_context_data(self, **kwargs):
        tax = taxonomy()
        return super().get_context_data(
            ancestors=tax.region_ancestors(self.object),
            children=publiccounts.region_counts(
                regions=tax.region_children(self.object)
            ),
            **kwargs,
        )


class TopicDetailView(ObjectArticlesView):
    template_name = "articles/topic_detail.html"

    def get_object(self, slug):
        # Only topics a published article is on (here or in a sub-topic).
        topic = taxonomy().topic_by_slug.get(slug)
        return (
            topic if topic and publiccounts.all_topic_counts().get(topic.pk) else None
        )

    def get_queryset(self):
        return listing.articles_in_topic(topic=self.object)

    def list_count(self, queryset) -> int:
        return publiccounts.all_topic_counts().get(self.object.pk, 0)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            subtopics=taxonomy().topic_children(self.object), **kwargs
        )


class EntityDetailView(ObjectArticlesView):
    template_name = "articles/entity_detail.html"

    def get_object(self, slug):
        # Only entities a published article carries: a name used only in drafts
        # (a secret acquisition's company) has no public page.
        return (
            listing.public_entities()
            .frequent(settings.WARTA_FREQUENT_ENTITY)
            .select_related("region", "parent")
            .with_alias_names()
            .filter(slug=slug)
            .first()
        )

    def get_queryset(self):
        return listing.articles_mentioning(entity=self.object)

    def list_count(self, queryset) -> int:
        return publiccounts.all_entity_counts().get(self.object.pk, 0)

    def moved_to(self, slug):
        # A merged entity's page, or one whose slug changed.
        moved = EntityRedirect.objects.filter(
            old_slug=slug, entity__in=listing.public_entities()
        ).first()
        return moved.entity if moved else None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Counted over the entity's newest articles (``listing.Window``'s
        # ``WARTA_LIST_WINDOW``), read as a subquery of the same query.
        newest = self.object_list.order_by("-publish_at", "-pk").values("pk")
        context["co_mentioned"] = related.co_mentioned_entities(
            entity=self.object, ids=newest[: settings.WARTA_LIST_WINDOW]
        )
        if self.object.kind == Entity.Kind.PERSON:
            context["quotes"] = list(facts.quotes_of(self.object))
        return context


class SourceDetailView(ObjectArticlesView):
    template_name = "articles/source_detail.html"

    def get_object(self, slug):
        # Only sources of a published article.
        source = taxonomy().source_by_slug.get(slug)
        return (
            source if source and publiccounts.source_counts().get(source.pk) else None
        )

    def get_queryset(self):
        # The outlet's own versions, copies of a story included.
        return Article.objects.published().filter(source=self.object)

    def list_count(self, queryset) -> int:
        return publiccounts.source_counts().get(self.object.pk, 0)


class IndexView(TemplateView):
    """Every region, topic and the most mentioned entities, with article counts."""

    template_name = "articles/index.html"
    query_params = ()

    def get_context_data(self, **kwargs):
        tax = taxonomy()
        provinces = publiccounts.region_counts(regions=listing.top_level_regions())
        by_parent = {
            region.pk: publiccounts.region_counts(regions=tax.region_children(region))
            for region, _ in provinces
        }
        topics = publiccounts.topic_tree()
        kinds = [
            (label, publiccounts.entity_counts(kind=kind))
            for kind, label in Entity.Kind.choices
        ]
        return super().get_context_data(
            regions=[(r, n, by_parent.get(r.pk, [])) for r, n in provinces],
            topics=topics,
            entity_kinds=[(label, list(rows)) for label, rows in kinds if rows],
            **kwargs,
        )


@require_GET
def robots_txt(request):
    # The admin is not named here (its address is a setting, and this file is
    # public); its responses carry X-Robots-Tag: noindex instead.
    lines = [
        "User-agent: *",
        "Disallow: /pratinjau/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        f"Sitemap: {request.build_absolute_uri(reverse('articles:news-sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def bad_request(request, exception):
    """The 400 page, rendered with the request so the site chrome works.

    Only our own ``BadRequest`` messages are shown; other suspicious-operation
    messages may quote attacker-controlled headers.
    """
    message = str(exception) if type(exception) is BadRequest else ""
    return render(request, "400.html", {"message": message}, status=400)
