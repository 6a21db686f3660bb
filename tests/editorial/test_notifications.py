"""Red team round two (issue 32, Low): a title with a line break silently
stopped the workflow mails (Django refuses a subject with one as a header
injection). Failed before the fix."""

import pytest
from django.core import mail

from articles import editorial
from articles.models import Article

pytestmark = pytest.mark.security


def test_a_title_with_a_line_break_still_mails_on_one_subject_line(
    editor, contributor, make_article, django_capture_on_commit_callbacks
):
    editor.email = "ed@warta.example"
    editor.save()
    article = make_article(status=Article.Status.DRAFT, created_by=contributor)
    # Stored as given (a save keeps every character); only the mail folds it.
    Article.objects.filter(pk=article.pk).update(title="Pabrik baja\r\nCilegon")
    article.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        editorial.article_set_status(
            article=article, to_status=Article.Status.REVIEW, by=contributor
        )
    (message,) = mail.outbox
    assert message.to == ["ed@warta.example"]
    assert "Pabrik baja Cilegon" in message.subject
    assert "\n" not in message.subject and "\r" not in message.subject
