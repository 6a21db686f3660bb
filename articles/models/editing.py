"""Who has an article's form open (``EditingPresence``: a heartbeat, never a
lock) and each person's own automatic copy of the form they are typing in
(``AutosaveCopy``: never written over the article)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EditingPresence(models.Model):
    """``user`` has ``article``'s form open since ``since``; the form's last
    heartbeat came at ``seen``. An entry not renewed for a minute is ignored
    (a closed laptop leaves no trace beyond that), so nothing can strand a
    story: the version check on save stays the only refusal."""

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("editor"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    since = models.DateTimeField(_("since"), default=timezone.now)
    seen = models.DateTimeField(_("last seen"), default=timezone.now)

    class Meta:
        verbose_name = _("editing presence")
        verbose_name_plural = _("editing presences")
        constraints = [
            models.UniqueConstraint(
                fields=("article", "user"), name="editing_presence_once"
            ),
        ]

    def __str__(self):
        return f"{self.user} @ {self.article_id}"


class AutosaveCopy(models.Model):
    """``user``'s own copy of the form of ``article`` (``None``: a new article
    not yet saved), as it stood at ``saved_at``: the form's fields as posted,
    based on the article's ``base_version``. Saving the article deletes it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("editor"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    base_version = models.PositiveIntegerField(_("based on version"), default=0)
    data = models.JSONField(_("form data"), default=dict)
    saved_at = models.DateTimeField(_("saved"), default=timezone.now)

    class Meta:
        verbose_name = _("automatic copy")
        verbose_name_plural = _("automatic copies")
        constraints = [
            models.UniqueConstraint(
                fields=("user", "article"), name="autosave_copy_once"
            ),
            # One copy of "a new article" per person (NULLs are distinct).
            models.UniqueConstraint(
                fields=("user",),
                condition=models.Q(article__isnull=True),
                name="autosave_copy_new_once",
            ),
        ]

    def __str__(self):
        return f"{self.user} @ {self.article_id or 'new'}"
