"""What a contributor is told when she may not open something (issue 25):
an Indonesian page in the admin's look, and "not yours", not "deleted"."""

import pytest
from django.urls import reverse

from articles.models import Article
from tests.editorial.test_workflow import logged_in


@pytest.mark.django_db
def test_a_refused_admin_url_answers_in_the_admins_look(client, contributor):
    logged_in(client, contributor)
    response = client.get(reverse("admin:auth_user_changelist"))
    assert response.status_code == 403
    html = response.content.decode()
    assert '<html lang="id"' in html
    assert 'id="site-name"' in html and "Warta Industri" in html  # admin header
    assert "Anda tidak boleh membuka halaman ini" in html
    assert "403 Forbidden" not in html
    english = client.get("/en" + reverse("admin:auth_user_changelist"))
    assert english.status_code == 403
    assert '<html lang="en"' in english.content.decode()


@pytest.mark.django_db
def test_the_public_site_403_is_the_sites_page(rf, contributor):
    from django.core.exceptions import PermissionDenied

    from newsroom.views import permission_denied

    request = rf.get("/artikel/x/")
    request.user = contributor
    response = permission_denied(request, PermissionDenied())
    assert response.status_code == 403
    html = response.content.decode()
    assert "Tidak diizinkan" in html and 'id="site-name"' not in html


@pytest.mark.django_db
def test_an_article_that_is_not_hers_says_so(
    client, contributor, make_user, make_article
):
    other = make_user("Contributor")
    draft = make_article(
        "Draf orang lain", status=Article.Status.DRAFT, created_by=other
    )
    logged_in(client, contributor)
    response = client.get(
        reverse("admin:articles_article_change", args=[draft.pk]), follow=True
    )
    shown = " ".join(str(m) for m in response.context["messages"])
    assert "bukan untuk Anda buka" in shown
    assert "tidak ada" not in shown and "Draf orang lain" not in shown
    missing = client.get(
        reverse("admin:articles_article_change", args=[999999]), follow=True
    )
    assert "tidak ada" in " ".join(str(m) for m in missing.context["messages"])
