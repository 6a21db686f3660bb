"""The editor's desk in a browser (issue 13): the dashboard per role, workflow
buttons and the scheduled badge, a list that fits the screen, suggestion review,
importing from the admin, getting refused edits back; axe-core on every page
of the desk (no serious or critical violations)."""

import datetime
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from articles import editorial
from articles.models import Article, Topic
from articles.suggestions import services as suggestion_services
from entities.models import Entity

from .test_editor import log_in, staff

pytestmark = pytest.mark.e2e
Status = Article.Status


def draft(title, by, status=Status.DRAFT, **fields):
    fields.setdefault("body", f"<p>{title}. Isi.</p>")
    article = Article(title=title, **fields)
    editorial.article_update(article=article, by=by)
    if status != Status.DRAFT:
        article.status = status
        editorial.article_update(article=article, by=by)
    return article


def card(page, label):
    return page.locator(".desk-queue", has=page.locator(".label", has_text=label))


def test_the_desk_per_role(browser, site):
    writer = staff("kontributor", "Contributor")
    staff("redaktur", "Editor")
    draft("Draf kontributor tentang baja", writer)
    draft("Naskah siap tinjau", writer, status=Status.REVIEW)

    context, page = log_in(browser, site, "kontributor")
    expect(page).to_have_title(re.compile("Warta Industri"))
    expect(card(page, "Draf saya").locator(".number")).to_have_text("1")
    expect(page.locator(".desk-queue .label", has_text="Perlu ditinjau")).to_have_count(
        0
    )
    card(page, "Draf saya").locator("a.desk-count").click()
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Draf kontributor tentang baja")
    context.close()

    context, page = log_in(browser, site, "redaktur")
    expect(card(page, "Perlu ditinjau").locator(".number")).to_have_text("1")
    expect(card(page, "Perlu ditinjau")).to_contain_text("Naskah siap tinjau")
    # No technical apps for the newsroom.
    expect(page.locator("#content-main")).not_to_contain_text("Access attempts")
    context.close()


def test_workflow_buttons_and_the_scheduled_badge(browser, site):
    writer = staff("kontributor", "Contributor")
    staff("redaktur", "Editor")
    article = draft("Kawasan industri baru siap terima penyewa", writer)

    context, page = log_in(browser, site, "kontributor")
    page.goto(site + f"/admin/articles/article/{article.pk}/change/")
    buttons = page.get_by_role("group", name="Alur kerja").first.get_by_role("button")
    expect(buttons).to_have_text(["Ajukan untuk ditinjau"])
    buttons.first.click()
    expect(page.locator(".messagelist")).to_be_visible()
    context.close()
    article.refresh_from_db()
    assert article.status == Status.REVIEW

    context, page = log_in(browser, site, "redaktur")
    page.goto(site + f"/admin/articles/article/{article.pk}/change/")
    group = page.get_by_role("group", name="Alur kerja").first
    expect(group.get_by_role("button")).to_have_text(
        ["Terbitkan sekarang", "Jadwalkan", "Kembalikan ke draf", "Arsipkan"]
    )
    when = timezone.localtime() + datetime.timedelta(days=2)
    page.fill("#id_publish_at_0", when.strftime("%d/%m/%Y"))
    page.fill("#id_publish_at_1", "09:30:00")
    group.get_by_role("button", name="Jadwalkan").click()
    expect(page.locator(".messagelist")).to_be_visible()
    article.refresh_from_db()
    assert article.is_scheduled
    page.goto(site + "/admin/articles/article/")
    row = page.locator("#result_list tbody tr", has_text=article.title)
    badge = row.locator(".status-scheduled")
    expect(badge).to_have_text(re.compile(r"Terjadwal · .*09\.30"))
    context.close()


@pytest.mark.parametrize("width", [1280, 1440])
def test_the_article_list_fits_the_screen(browser, site, width):
    editor = staff("redaktur", "Editor")
    draft(
        "Judul yang sangat panjang tentang kemitraan industri kecil menengah dengan "
        "BUMN baja di Cilegon yang terus berkembang sepanjang tahun",
        editor,
    )
    context, page = log_in(browser, site, "redaktur")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site + "/admin/articles/article/")
    # Neither the page nor the list's own box scrolls sideways: every column
    # is on screen.
    for box in ("document.documentElement", "document.querySelector('.results')"):
        overflow = page.evaluate(f"{box}.scrollWidth - {box}.clientWidth")
        assert overflow <= 0, f"{box}: {overflow}px hidden sideways at {width}px"
    # A title takes at most three lines.
    heights = page.locator("#result_list tbody th a").evaluate_all(
        "links => links.map(a => a.getClientRects().length)"
    )
    assert max(heights) <= 3
    context.close()


def test_suggestion_review(browser, site, tmp_path):
    editor = staff("redaktur", "Editor")
    article = draft(
        "Wali kota tinjau pabrik",
        editor,
        body=(
            "<p>Wali Kota Cilegon Rudi Hartanto meninjau pabrik PT Krakatau Steel di "
            "Kota Cilegon.</p><p>Rudi meminta PT Chandra Asri menambah "
            "pekerja lokal.</p>"
        ),
    )
    suggestion_services.article_suggest(article=article)
    context, page = log_in(browser, site, "redaktur")
    page.goto(site + f"/admin/articles/article/{article.pk}/suggestions/")
    person = page.locator(
        "tr", has=page.get_by_role("rowheader", name=re.compile("^Rudi Hartanto"))
    )
    expect(person.locator("mark").first).to_have_text("Rudi Hartanto")
    person.get_by_role("button", name="Terima").click()
    expect(page.locator(".messagelist")).to_contain_text("1")
    assert article.entities.filter(name="Rudi Hartanto").exists()
    page.get_by_role("button", name=re.compile("Tolak semua organisasi")).click()
    expect(page.locator(".messagelist")).to_be_visible()
    assert not article.suggestions.filter(kind="organisation", status="pending")

    article.body += "<p>Gubernur Banten Andra Soni juga hadir.</p>"
    editorial.article_update(article=article, by=editor)
    page.get_by_role("button", name="Usulkan lagi dari teks saat ini").click()
    # "Suggest again" is a job: its page links back to the review when done.
    page.get_by_role("link", name="Tinjau usulan").click()
    expect(
        page.get_by_role("rowheader", name=re.compile("^Andra Soni"))
    ).to_be_visible()
    # Rejected ones stay rejected: no organisation is pending again.
    expect(page.locator("#group-organisation ~ table .decide")).to_have_count(0)
    context.close()


def test_import_from_the_admin_with_a_dry_run(browser, site, tmp_path, settings):
    staff("redaktur", "Editor")
    upload = tmp_path / "pabrik-baja.txt"
    upload.write_text(
        "CILEGON – Sebuah pabrik pipa baja baru di Kawasan Industri Krakatau "
        "mulai uji coba produksi pekan ini.\n\nDirektur pabrik itu, Budi "
        "Hartono, mengatakan produksi penuh dimulai bulan depan. (red)\n",
        encoding="utf-8",
    )
    context, page = log_in(browser, site, "redaktur")
    page.get_by_role("link", name="Impor artikel").first.click()
    page.set_input_files("input[type=file]", str(upload))
    page.locator(".import-page form [type=submit]").first.click()
    report = page.locator("table.import-report")
    expect(report).to_contain_text("pabrik-baja.txt")
    assert not Article.objects.filter(imported_from="pabrik-baja.txt").exists()
    page.get_by_role("button", name="Impor artikel ini").click()
    # The import is a job: its page says what it did and links to the articles.
    expect(page).to_have_url(re.compile(r"/admin/articles/job/\d+/change/"))
    page.get_by_role("link", name="Artikel yang diimpor").click()
    expect(page).to_have_url(re.compile(r"desk=imports"))
    expect(page.locator("#result_list")).to_contain_text("pabrik pipa baja")
    assert Article.objects.get(imported_from="pabrik-baja.txt").status == (
        Status.REVIEW
    )
    context.close()


def test_refused_edits_come_back_with_one_click(browser, site):
    staff("redaktur", "Editor")
    staff("redaktur2", "Editor")
    editor = staff("penulis", "Contributor")
    article = draft("Judul awal artikel", editor, standfirst="Ringkasan awal.")
    url = site + f"/admin/articles/article/{article.pk}/change/"

    mine, page = log_in(browser, site, "redaktur")
    page.goto(url)
    theirs, other = log_in(browser, site, "redaktur2")
    other.goto(url)
    other.fill("#id_standfirst", "Ringkasan dari rekan.")
    other.locator("input[name=_continue]").first.click()
    expect(other.locator(".messagelist")).to_be_visible()
    theirs.close()

    page.fill("#id_title", "Judul dari saya")
    page.locator("input[name=_continue]").first.click()
    panel = page.locator(".refused-edits")
    # A word diff from the current version to theirs (issue 25).
    expect(panel.locator(".word-diff del")).to_contain_text("awal artikel")
    expect(panel.locator(".word-diff ins")).to_contain_text("dari saya")
    # Gone from the page, still there after a reload.
    page.goto(url)
    reapply = "Terapkan ulang suntingan saya ke versi terkini"
    panel.get_by_role("link", name=reapply).click()
    expect(page.locator("#id_title")).to_have_value("Judul dari saya")
    expect(page.locator("#id_standfirst")).to_have_value("Ringkasan dari rekan.")
    page.locator("input[name=_continue]").first.click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    expect(page.locator(".refused-edits")).to_have_count(0)
    article.refresh_from_db()
    assert (article.title, article.standfirst) == (
        "Judul dari saya",
        "Ringkasan dari rekan.",
    )
    mine.close()


def test_leaving_a_form_with_unsaved_changes_asks_first(browser, site):
    editor = staff("redaktur", "Editor")
    article = draft("Artikel untuk diubah", editor)
    context, page = log_in(browser, site, "redaktur")
    page.goto(site + f"/admin/articles/article/{article.pk}/change/")
    # Typed keys (a user gesture: browsers only ask after one).
    page.locator("#id_title").click()
    page.keyboard.type(" (diperbarui)")
    with page.expect_event("dialog") as event:
        page.close(run_before_unload=True)
    assert event.value.type == "beforeunload"
    event.value.dismiss()
    context.close()


def serious(results):
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(str(node["target"][0]) for node in v["nodes"][:3])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_axe_finds_nothing_serious_on_the_desk(browser, site):
    editor = staff("redaktur", "Editor")
    article = Article.objects.filter(status=Status.PUBLISHED).first()
    suggestion_services.article_suggest(article=article)
    waiting = draft("Naskah menunggu tinjauan", editor, status=Status.REVIEW)
    older, newer = waiting.history.order_by("history_id")[:2]
    axe = Axe()
    context, page = log_in(browser, site, "redaktur")
    found = {}

    def check(name):
        page.wait_for_load_state("networkidle")
        if problems := serious(axe.run(page)):
            found[name] = problems

    for name, path in [
        ("desk", "/admin/"),
        ("list", "/admin/articles/article/"),
        ("form", f"/admin/articles/article/{article.pk}/change/"),
        ("add", "/admin/articles/article/add/"),
        ("review", f"/admin/articles/article/{article.pk}/suggestions/"),
        ("import", "/admin/articles/article/import/"),
        ("history", f"/admin/articles/article/{article.pk}/history/"),
        (
            "compare",
            f"/admin/articles/article/{waiting.pk}/history/compare/"
            f"?from={older.history_id}&to={newer.history_id}",
        ),
        ("inbox", "/admin/articles/article/inbox/"),
        ("entities", "/admin/entities/entity/"),
    ]:
        response = page.goto(site + path)
        assert response.status == 200, f"{name}: {response.status}"
        check(name)

    # Intermediate pages: a bulk tag action and a merge.
    page.goto(site + "/admin/articles/article/")
    page.locator("input.action-select").first.check()
    page.locator("select[name=action]").select_option("add_topic")
    page.locator("button[name=index]").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("topik")
    check("bulk tag")
    page.goto(site + "/admin/entities/entity/")
    page.locator("input.action-select").nth(0).check()
    page.locator("input.action-select").nth(1).check()
    page.locator("select[name=action]").select_option("merge_entities")
    page.locator("button[name=index]").click()
    check("merge")
    first = Entity.objects.order_by("pk").first()
    page.goto(site + f"/admin/entities/entity/{first.pk}/split/")
    check("split")
    assert Topic.objects.exists()
    context.close()
    assert not found, "\n".join(f"{k}: {v}" for k, vs in found.items() for v in vs)


@pytest.mark.parametrize("width", [1280, 390])
def test_a_mention_reaches_the_inbox_and_is_marked_read(browser, site, width):
    """Issue 29 item 5, issue 25: "@redaktur." at a sentence's end reaches her
    "Untuk saya"; she marks it read there."""
    writer = staff("penulis", "Editor")
    staff("redaktur", "Editor")
    article = draft("Pabrik nikel baru di Morowali", writer)
    context, page = log_in(browser, site, "penulis")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site + f"/admin/articles/article/{article.pk}/change/")
    page.fill("#id_notes-0-text", "Tolong cek angka investasinya, @redaktur.")
    page.locator("input[name=_continue]").first.click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    context.close()

    context, page = log_in(browser, site, "redaktur")
    page.set_viewport_size({"width": width, "height": 900})
    inbox = page.locator(".desk-inbox")
    expect(inbox).to_contain_text("1 belum dibaca")
    expect(inbox).to_contain_text("Pabrik nikel baru di Morowali")
    inbox.get_by_role("link", name="Untuk saya").click()
    page.get_by_role("button", name=re.compile("Tandai sudah dibaca")).click()
    expect(page.locator(".messagelist .success")).to_contain_text("sudah dibaca")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{overflow}px hidden sideways at {width}px"
    page.goto(site + "/admin/")
    expect(page.locator(".desk-inbox")).to_contain_text("0 belum dibaca")
    context.close()


# The WCAG contrast ratio of an element's text on its cell's background.
CONTRAST = """link => {
  const rgb = (c) => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = (c) => {
    const [r, g, b] = rgb(c).map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const fg = lum(getComputedStyle(link).color);
  const bg = lum(getComputedStyle(link.closest("td")).backgroundColor);
  return (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
}"""


def job(by, state, **fields):
    """A Job row in ``state`` as its worker leaves it (in tests jobs run
    inline, so a running one is only ever crafted)."""
    from articles.models import Job

    return Job.objects.create(
        kind=fields.pop("kind", "recount"), state=state, created_by=by, **fields
    )


@pytest.mark.parametrize("width", [1280, 390])
def test_axe_finds_nothing_serious_on_this_rounds_pages(
    browser, site, width, make_article
):
    """Issue 25's admin walk, second round: the job page (running, done,
    failed), "Untuk saya", the coverage dashboard, an article with facts to
    review, the correction form and the revision compare, at desk and phone
    widths."""
    from decimal import Decimal

    from articles.models import Fact, Job

    editor = staff("redaktur", "Editor")
    running = job(
        editor,
        Job.State.RUNNING,
        done=3,
        total=10,
        current="pabrik-baja.txt",
        started_at=timezone.now(),
    )
    finished = job(
        editor,
        Job.State.SUCCEEDED,
        kind="import_write",
        done=2,
        total=2,
        result={"created": 2, "duplicates": 1},
        finished_at=timezone.now(),
    )
    failed = job(
        editor,
        Job.State.FAILED,
        kind="import_write",
        done=1,
        total=2,
        errors=[
            {
                "file": "rusak.csv",
                "record": 3,
                "field": "judul",
                "message": "Judul kosong.",
            }
        ],
        finished_at=timezone.now(),
    )
    article = Article.objects.filter(status=Status.PUBLISHED).first()
    Fact.objects.create(
        article=article,
        kind=Fact.Kind.INVESTMENT,
        key="investment-2t-idr",
        value=Decimal("2000000000000"),
        currency="IDR",
        company="PT Baja Cilegon",
        surface="Rp2 triliun",
        evidence="Investasi pabrik itu Rp2 triliun.",
    )
    # A covered cell, the darkest shade of the dashboard (its link's contrast).
    from entities.models import Region

    make_article(
        regions=[Region.objects.filter(kind=Region.Kind.PROVINCE).first()],
        topics=[Topic.objects.filter(parent=None).first()],
    )
    waiting = draft("Naskah menunggu tinjauan", editor, status=Status.REVIEW)
    older, newer = waiting.history.order_by("history_id")[:2]
    axe = Axe()
    context, page = log_in(browser, site, "redaktur")
    page.set_viewport_size({"width": width, "height": 900})
    found = {}
    for name, path in [
        ("job running", f"/admin/articles/job/{running.pk}/change/"),
        ("job done", f"/admin/articles/job/{finished.pk}/change/"),
        ("job failed", f"/admin/articles/job/{failed.pk}/change/"),
        ("jobs", "/admin/articles/job/"),
        ("inbox", "/admin/articles/article/inbox/"),
        ("coverage", "/admin/articles/article/coverage/"),
        ("facts", f"/admin/articles/article/{article.pk}/change/"),
        ("correction", "/admin/articles/articlecorrection/add/"),
        (
            "compare",
            f"/admin/articles/article/{waiting.pk}/history/compare/"
            f"?from={older.history_id}&to={newer.history_id}",
        ),
    ]:
        response = page.goto(site + path)
        assert response.status == 200, f"{name}: {response.status}"
        if name == "coverage":
            # axe leaves a link on a coloured cell "to review": measure it.
            ratio = page.locator("td.heat-4 a").first.evaluate(CONTRAST)
            assert ratio >= 4.5, f"coverage: darkest cell's link contrast {ratio:.2f}"
        if problems := serious(axe.run(page)):
            found[name] = problems
    context.close()
    assert not found, "\n".join(f"{k}: {v}" for k, vs in found.items() for v in vs)


def test_a_running_jobs_page_follows_it_in_place(browser, site):
    """The job page reads itself again while the job runs (no <meta refresh>)
    and says when the state changes; it stops once the job is done."""
    from articles.models import Job

    editor = staff("redaktur", "Editor")
    running = job(editor, Job.State.RUNNING, kind="import_write", done=1, total=2)
    context, page = log_in(browser, site, "redaktur")
    page.goto(site + f"/admin/articles/job/{running.pk}/change/")
    expect(page.locator(".job-count")).to_have_text("1 / 2")
    page.evaluate("window.wartaMarker = 1")  # gone if the page reloads
    Job.objects.filter(pk=running.pk).update(done=2)
    expect(page.locator(".job-count")).to_have_text("2 / 2")
    Job.objects.filter(pk=running.pk).update(
        state=Job.State.SUCCEEDED, result={"created": 2, "duplicates": 0}
    )
    expect(page.get_by_role("link", name="Artikel yang diimpor")).to_be_visible()
    expect(page.get_by_role("status")).to_have_text("berhasil")
    assert page.evaluate("window.wartaMarker") == 1
    expect(page.locator(".job-page[data-refresh]")).to_have_count(0)
    context.close()
