"""Tags on articles: entities (``TaggedEntity``) and free keywords
(``TaggedKeyword``), django-taggit through models with natural keys."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from taggit.models import TaggedItemBase

from entities.models import Entity


class ArticleTagManager(models.Manager):
    def get_by_natural_key(self, article_slug, tag_name):
        return self.get(content_object__slug=article_slug, tag__name=tag_name)


class ArticleTagBase(TaggedItemBase):
    """A tag on an article, addressed in fixtures as (article slug, tag name).

    taggit's through models have no natural key of their own, so fixtures would
    otherwise carry integer ids that collide with rows editors have added.
    """

    objects = ArticleTagManager()

    class Meta:
        abstract = True

    def natural_key(self):
        return (*self.content_object.natural_key(), *self.tag.natural_key())

    natural_key.dependencies = ["articles.article", "entities.entity", "taggit.tag"]


class TaggedEntity(ArticleTagBase):
    """The link between an article and an entity it mentions."""

    tag = models.ForeignKey(
        Entity,
        verbose_name=_("entity"),
        on_delete=models.CASCADE,
        related_name="tagged_articles",
        db_index=False,  # the first column of taggedentity_tag_article
    )
    content_object = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="tagged_entities",
    )

    class Meta:
        verbose_name = _("tagged entity")
        verbose_name_plural = _("tagged entities")
        constraints = [
            models.UniqueConstraint(
                fields=("content_object", "tag"), name="taggedentity_unique"
            ),
        ]
        indexes = [
            # An entity's articles, read from the index alone: a frequent
            # entity's tens of thousands of tags without reading the table.
            models.Index(
                fields=("tag", "content_object"), name="taggedentity_tag_article"
            ),
        ]


class TaggedKeyword(ArticleTagBase):
    """A free keyword (taggit's own Tag) on an article."""

    content_object = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="tagged_keywords",
    )

    class Meta:
        verbose_name = _("keyword")
        verbose_name_plural = _("keywords")
        constraints = [
            models.UniqueConstraint(
                fields=("content_object", "tag"), name="taggedkeyword_unique"
            ),
        ]
