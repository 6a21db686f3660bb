"""Admin building blocks (entities/admin_base.py)."""

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import translation

from articles.models import Article
from entities.admin_base import PlainCheckboxAdmin
from entities.models import Entity

TRICKY = 'Baja "Krakatau" & <Posco> \u2019s'


@pytest.mark.django_db
class TestPlainCheckbox:
    @pytest.mark.parametrize("language", ["id", "en"])
    @pytest.mark.parametrize("model", [Article, Entity])
    def test_same_markup_as_djangos_widget(
        self, language, model, make_article, make_entity
    ):
        obj = make_article(title=TRICKY) if model is Article else make_entity(TRICKY)
        model_admin = admin.site._registry[model]
        assert isinstance(model_admin, PlainCheckboxAdmin)
        with translation.override(language):
            ours = model_admin.action_checkbox(obj)
            djangos = admin.ModelAdmin.action_checkbox(model_admin, obj)
        assert str(ours) == str(djangos)
        assert "&lt;Posco&gt;" in ours

    def test_changelist_rows_can_be_selected(self, client, editor, make_article):
        article = make_article(title=TRICKY)
        client.force_login(editor)

        content = client.get(reverse("admin:articles_article_changelist")).content
        assert (
            f'<input type="checkbox" name="_selected_action" value="{article.pk}"'
            ' class="action-select"'
        ) in content.decode()
