import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from articles.models import Article

pytestmark = pytest.mark.e2e

PASSWORD = "kata-sandi-uji-123"


def staff(username, role):
    user = User.objects.create_user(username, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


def log_in(browser, site, username):
    context = browser.new_context(locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(site + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("input[type=submit]").click()
    expect(page.locator("#user-tools")).to_contain_text(username)
    return context, page


def test_editor_takes_an_article_from_review_to_published(browser, site):
    staff("kontributor", "Contributor")
    staff("redaktur", "Editor")
    title = "Smelter baru di Sumbawa Barat mulai beroperasi"

    context, page = log_in(browser, site, "kontributor")
    page.goto(site + "/admin/articles/article/add/")
    page.locator("#id_title").press_sequentially(title)
    expect(page.locator("#id_slug")).to_have_value(
        "smelter-baru-di-sumbawa-barat-mulai-beroperasi"
    )
    page.locator(".field-body [contenteditable=true]").click()
    page.keyboard.type("Paragraf pertama.")
    page.keyboard.press("Enter")
    page.keyboard.type("Paragraf kedua.")
    workflow = page.get_by_role("group", name="Alur kerja").first
    assert workflow.get_by_role("button").all_inner_texts() == ["Ajukan untuk ditinjau"]
    workflow.get_by_role("button", name="Ajukan untuk ditinjau").click()
    expect(page.locator(".messagelist")).to_be_visible()
    article = Article.objects.get(title=title)
    assert article.status == Article.Status.REVIEW
    assert article.body == "<p>Paragraf pertama.</p><p>Paragraf kedua.</p>"
    page.goto(site + "/admin/articles/article/")
    action_values = page.locator("select[name=action] option").evaluate_all(
        "options => options.map(o => o.value)"
    )
    assert "make_published" not in action_values
    context.close()

    public = browser.new_page()
    assert public.goto(site + article.get_absolute_url()).status == 404

    context, page = log_in(browser, site, "redaktur")
    page.goto(site + "/admin/articles/article/?workflow=review")
    row = page.locator("#result_list tbody tr", has_text=title)
    expect(row).to_have_count(1)
    row.locator("input.action-select").check()
    page.locator("select[name=action]").select_option("make_published")
    page.locator("button[name=index]").click()
    expect(page.locator(".messagelist")).to_contain_text("1")
    context.close()

    response = public.goto(site + article.get_absolute_url())
    assert response.status == 200
    expect(public.get_by_role("heading", level=1)).to_have_text(title)
    article.refresh_from_db()
    assert article.status_changed_by.username == "redaktur"
    public.close()


def test_editor_previews_a_draft(browser, site):
    staff("redaktur", "Editor")
    article = Article.objects.create(
        title="Draf pratinjau", slug="draf-pratinjau", body="Isi."
    )
    context, page = log_in(browser, site, "redaktur")
    page.goto(site + f"/admin/articles/article/{article.pk}/change/")
    page.locator("a.viewsitelink").click()
    expect(page.get_by_role("note")).to_contain_text("Pratinjau")
    expect(page.get_by_role("heading", level=1)).to_have_text("Draf pratinjau")
    context.close()
