"""The people who write for the newsroom: a byline's names become profiles
(name, photo, role, short bio, links) with a page and a feed; the masthead
(/redaksi/) lists those on it."""

import re

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from entities.text import check_text_fields


class AuthorQuerySet(models.QuerySet):
    def named(self, names):
        """The profiles of ``names`` as bylines print them (case aside)."""
        query = models.Q(pk__in=[])
        for name in names:
            query |= models.Q(name__iexact=name)
        return self.filter(query)

    def masthead(self):
        return self.filter(on_masthead=True).order_by("masthead_order", "name")

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Author(models.Model):
    """A writer or editor of the newsroom, matched to bylines by name."""

    name = models.CharField(
        _("name"),
        max_length=100,
        unique=True,
        help_text=_("As bylines print it, e.g. Ika Rahmawati."),
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    role = models.CharField(
        _("role"), max_length=100, blank=True, help_text=_("e.g. Redaktur pelaksana.")
    )
    bio = models.TextField(_("short bio"), blank=True)
    photo = models.ImageField(_("photo"), upload_to="authors/", blank=True)
    links = models.TextField(
        _("links"),
        blank=True,
        help_text=_("One address a line: a profile elsewhere, an email address."),
    )
    on_masthead = models.BooleanField(_("on the masthead"), default=False)
    masthead_order = models.PositiveSmallIntegerField(
        _("place on the masthead"), default=100
    )

    objects = AuthorQuerySet.as_manager()

    class Meta:
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ("name",)

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:author", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        check_text_fields(self)

    def link_list(self) -> list[str]:
        """The profile's links, "mailto:" added to an email address."""
        found = []
        for line in self.links.splitlines():
            line = line.strip()
            if "@" in line and "://" not in line and not line.startswith("mailto:"):
                line = "mailto:" + line
            if line:
                found.append(line)
        return found

    def byline_pattern(self) -> str:
        """A regular expression finding the name as a word in a byline (both
        databases read it: no \\b, which PostgreSQL spells differently)."""
        return r"(^|[^\w])" + re.escape(self.name).replace(r"\ ", " ") + r"($|[^\w])"
