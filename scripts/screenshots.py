"""Screenshots of the newsroom and the public site, for the README and for
looking at what we build.

    .venv/bin/python scripts/screenshots.py                  # the README's set
    .venv/bin/python scripts/screenshots.py --out /tmp/shots --page desk=/admin/
    .venv/bin/python scripts/screenshots.py --only presence,media-picker

Builds a throwaway seeded site (SQLite in a temporary folder: the seed
articles, a few more in every state, an editor and a contributor), serves it
with gunicorn and photographs pages with the system's headless Chromium
(Playwright, /usr/bin/chromium) at desktop and phone widths.
"""

import argparse
import subprocess
import tempfile
from pathlib import Path

from loadtest import PASSWORD, ROOT, gunicorn, manage, production_env, shell

# The seed article that gets a table, a tracked investment and a correction.
CORRECTED = "pt-ksp-undang-investor-korsel-bangun-kawasan-industri-ramah-lingkungan"
SETUP = f"""
import datetime
from django.contrib.auth.models import Group, User
from django.utils import timezone
from articles import editorial
from articles.models import Article
editor = User.objects.create_user("redaktur", password="{PASSWORD}", is_staff=True,
    first_name="Rina", email="rina@warta.example")
editor.groups.add(Group.objects.get(name="Editor"))
writer = User.objects.create_user("kontributor", password="{PASSWORD}", is_staff=True,
    first_name="Dimas", email="dimas@warta.example")
writer.groups.add(Group.objects.get(name="Contributor"))
now = timezone.now()
later = now + datetime.timedelta(days=1, hours=3)
samples = [
    ("Pabrik pipa baja baru di Kawasan Industri Cilegon mulai uji coba produksi",
     "draft", writer, None),
    ("Smelter tembaga Sumbawa Barat kirim ekspor perdana lewat Pelabuhan Benete",
     "review", writer, None),
    ("Pemprov NTB latih 120 IKM pengolahan hasil laut untuk ekspor",
     "review", writer, None),
    ("Kawasan industri halal Deli Serdang sambut penyewa pertama",
     "published", editor, later),
    ("Disperindag Banten gelar temu bisnis IKM logam dan BUMN baja",
     "draft", editor, None),
]
for title, status, author, when in samples:
    article = Article(title=title, body="<p>" + title + ". Paragraf uji.</p>",
                      standfirst="Ringkasan: " + title.lower() + ".")
    editorial.article_update(article=article, by=author)
    if status != "draft":
        article.status = status
        article.publish_at = when
        by = editor if status == "published" else author
        editorial.article_update(article=article, by=by)

# Pictures for two published seed articles (drawn here: the seeds have none).
from io import BytesIO
from PIL import Image, ImageDraw
from django.core.files.uploadedfile import SimpleUploadedFile
from articles.editorial import images


def picture(sky, ground):
    image = Image.new("RGB", (1600, 1000), sky)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 700, 1600, 1000), fill=ground)
    for x, h in ((150, 260), (420, 380), (700, 300), (1050, 420), (1300, 240)):
        draw.rectangle((x, 700 - h, x + 200, 700), fill=(70, 78, 90))
        draw.rectangle((x + 150, 700 - h - 160, x + 180, 700 - h), fill=(90, 98, 110))
    buffer = BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return SimpleUploadedFile("foto.jpg", buffer.getvalue(), "image/jpeg")


for article, colours in zip(
    Article.objects.published().order_by("-publish_at")[:2],
    [((142, 180, 214), (96, 112, 80)), ((230, 170, 120), (120, 110, 95))],
):
    staged = images.stage(picture(*colours))
    article.featured_image = staged.name
    article.image_renditions = staged.renditions
    article.image_width, article.image_height = staged.width, staged.height
    article.featured_image_alt = "Cerobong dan gedung pabrik di kawasan industri"
    article.featured_image_caption = "Kawasan industri (ilustrasi)."
    article.featured_image_credit = "Warta Industri"
    editorial.article_update(article=article, by=editor)

# A body with a table, an accepted investment fact (the tracker) and a
# correction, on one seed article.
from articles import facts
from articles.models import Fact
from entities.models import Region
ksp = Article.objects.get(slug=CORRECTED)
ksp.body = (
    "<p>PT Baja Raya akan berinvestasi Rp1,2 triliun di Kota Cilegon dan "
    "menyerap 2.000 tenaga kerja.</p><table><caption>Produksi baja menurut "
    "pabrik, 2025 (ribu ton)</caption><thead><tr><th>Pabrik</th><th>Kapasitas"
    "</th><th>Produksi</th><th>Utilisasi</th></tr></thead><tbody><tr><td>PT "
    "Krakatau Steel (Persero) Tbk</td><td>3.900</td><td>2.450</td><td>62,8%</td>"
    "</tr><tr><td>PT Krakatau Posco</td><td>3.000</td><td>2.710</td><td>90,3%"
    "</td></tr></tbody></table>" + ksp.body
)
editorial.article_update(article=ksp, by=editor)
facts.article_extract_facts(article=ksp)
Fact.objects.filter(article=ksp).update(region=Region.objects.get(slug="kota-cilegon"))
facts.facts_decide(facts=Fact.objects.filter(article=ksp), accept=True, by=editor)
editorial.article_correct(article=ksp, kind="correction", by=editor,
    text="Nilai investasi semula tertulis Rp12 triliun; yang benar Rp1,2 triliun.")
# This round's desk pages (the admin walk): a job part-way through, the
# editor's "Untuk saya" (an assignment and a mention), a fact to review.
from decimal import Decimal
from articles.editorial.notes import note_add
from articles.models import Fact, Job
Job.objects.create(kind="import_write", state="running", created_by=editor, done=3,
                   total=8, current="kawasan-industri-kendal.txt", started_at=now)
waiting = Article.objects.filter(status="review").order_by("pk").first()
waiting.standfirst += " Diperbarui: kapasitas 500.000 ton per tahun."
editorial.article_update(article=waiting, by=writer)
chief = User.objects.create_user("pemred", is_staff=True, first_name="Sari")
chief.groups.add(Group.objects.get(name="Editor"))
waiting.assignee = editor
editorial.article_update(article=waiting, by=chief)
note_add(article=waiting, text="Angka ekspornya sudah dicek, @redaktur?", by=writer)
published = Article.objects.published().order_by("-publish_at").first()
Fact.objects.create(article=published, kind="investment", key="investment-screens",
                    value=Decimal("2000000000000"), currency="IDR",
                    company="PT Baja Cilegon", surface="Rp2 triliun",
                    evidence="Investasi pabrik itu mencapai Rp2 triliun.")
# The article form's new tools (the admin walk): a live article with a
# pending draft revision; another live one with a library image and a YouTube
# link in its body, which a contributor has open (a presence row renewed
# "later", so it is still fresh when the form is shot).
from articles.editorial.media import media_image_create
from articles.models import EditingPresence
live = Article.objects.published().exclude(slug=CORRECTED).order_by("-publish_at")
drafted, illustrated = live[2], live[3]
drafted.title = "Pemprov NTB, " + " ".join(drafted.title.split()[3:])
drafted.standfirst = "Pembaruan: " + drafted.standfirst
drafted.body = (
    "<p>Pembaruan: angka serapan tenaga kerja dikoreksi menjadi 1.850 orang.</p>"
    + drafted.body
)
editorial.draft_save(article=drafted, by=editor)
photo = media_image_create(
    file=picture((160, 190, 210), (110, 100, 90)),
    alt_text="Gedung pabrik dan cerobong di kawasan industri",
    caption="Pabrik baja di Kawasan Industri Cilegon",
    credit="Foto: Warta Industri",
    by=editor,
)
VIDEO = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
illustrated.body = (
    "<p>Pabrik itu mulai beroperasi penuh bulan ini.</p>"
    + '<figure data-media="%d"></figure>' % photo.pk
    + "<p>Bupati meresmikan jalur produksi kedua di depan para pekerja.</p>"
    + '<p><a href="%s">%s</a></p>' % (VIDEO, VIDEO)
    + illustrated.body
)
editorial.article_update(article=illustrated, by=editor)
EditingPresence.objects.create(
    article=illustrated, user=writer, since=now - datetime.timedelta(minutes=12),
    seen=now + datetime.timedelta(hours=6),
)
# The editor's automatic copy of her own draft, left by a closed tab: the
# form offers to restore it.
from articles.models import AutosaveCopy
banten = Article.objects.get(title__startswith="Disperindag Banten")
AutosaveCopy.objects.create(
    user=editor, article=banten, base_version=banten.version,
    saved_at=now - datetime.timedelta(minutes=25),
    data=dict(
        title=["Disperindag Banten pertemukan 60 IKM logam dengan BUMN baja"],
        standfirst=["Temu bisnis di Serang mempertemukan 60 IKM logam."],
    ),
)
""".replace("CORRECTED", repr(CORRECTED))

BOTH = (1280, 390)
DEFAULT_PAGES = [
    ("desk", "/admin/", "redaktur"),
    ("article-list", "/admin/articles/article/", "redaktur"),
    ("article-form", "/admin/articles/article/{first}/change/", "redaktur"),
    ("front", "/", None),
    ("article", "/artikel/{slug}/", None),
    ("corrected-article", f"/artikel/{CORRECTED}/", None),
    ("tracker", "/investasi/", None),
    ("archive-month", "/arsip/2025/03/", None),
    ("masthead", "/redaksi/", None),
    # The admin walk (docs/admin-walk.md): only at the widths given.
    ("job", "/admin/articles/job/{job}/change/", "redaktur", (1280,)),
    ("inbox", "/admin/articles/article/inbox/", "redaktur", (1280, 390)),
    ("coverage", "/admin/articles/article/coverage/", "redaktur", (1280,)),
    ("compare", "{compare}", "redaktur", (1280,)),
    # The article form's drafts, presence, preview and media (admin walk).
    ("draft-banner", "/admin/articles/article/{drafted}/change/", "redaktur", BOTH),
    ("draft-review", "/admin/articles/article/{drafted}/draft/", "redaktur", BOTH),
    (
        "pending-changes",
        "/admin/articles/article/?desk=pending_changes",
        "redaktur",
        (1280,),
    ),
    ("presence", "/admin/articles/article/{illustrated}/change/", "redaktur", BOTH),
    (
        "live-preview",
        "/admin/articles/article/{illustrated}/change/",
        "redaktur",
        BOTH,
        "preview",
    ),
    (
        "media-picker",
        "/admin/articles/article/{illustrated}/change/",
        "redaktur",
        BOTH,
        "picker",
    ),
    ("media-article", "/artikel/{illustrated_slug}/", None, (1280,), "figure"),
    ("media-article", "/artikel/{illustrated_slug}/", None, (390,)),
    ("autosave-offer", "/admin/articles/article/{banten}/change/", "redaktur", BOTH),
]


def open_preview(page):
    """The form's preview panel, open at phone width."""
    page.get_by_role("button", name="Tampilkan pratinjau dengan perubahan saya").click()
    page.get_by_role("button", name="Ponsel (390 px)").click()
    frame = page.frame_locator("#live-preview-frame")
    frame.locator("h1").wait_for()
    page.locator("#live-preview").evaluate("e => e.scrollIntoView({block: 'start'})")


def open_picker(page):
    """The "Sisipkan gambar" dialog, opened from the body's toolbar."""
    page.locator(".field-body [contenteditable=true]").click()
    page.get_by_role("button", name="Sisipkan gambar").click()
    page.get_by_role("dialog", name="Sisipkan gambar dari pustaka media").wait_for()


def to_figure(page):
    """The body's figure at the top of the screen, the embed under it."""
    page.locator("figure").first.evaluate(
        "e => window.scrollTo(0, e.getBoundingClientRect().top + scrollY - 24)"
    )


BEFORE_SHOT = {"preview": open_preview, "picker": open_picker, "figure": to_figure}
# Long forms shot at phone width by their first screen only.
FIRST_SCREEN = {
    "draft-banner",
    "presence",
    "live-preview",
    "media-picker",
    "autosave-offer",
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument(
        "--page",
        action="append",
        default=[],
        help="name=path[@user] (repeatable); default: the README's set",
    )
    parser.add_argument(
        "--only",
        default="",
        help="comma-separated names of the default pages to shoot (e.g. presence)",
    )
    parser.add_argument("--widths", default="1280,390")
    args = parser.parse_args()
    pages = DEFAULT_PAGES
    if args.only:
        wanted = set(args.only.split(","))
        pages = [page for page in DEFAULT_PAGES if page[0] in wanted]
    if args.page:
        pages = []
        for spec in args.page:
            name, _, rest = spec.partition("=")
            path, _, user = rest.partition("@")
            pages.append((name, path, user or None))
    tmp = Path(tempfile.mkdtemp(prefix="warta-shots-"))
    port = 8799
    env = production_env(
        tmp,
        DJANGO_PAGE_CACHE_SECONDS="0",
        DJANGO_SERVE_MEDIA="1",
        DJANGO_CSRF_TRUSTED_ORIGINS=f"http://127.0.0.1:{port}",
    )
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_initial_data", "-v0")
    shell(env, SETUP, stdout=subprocess.DEVNULL)
    manage(env, "collectstatic", "--noinput", "-v0")
    from loadtest import django_json

    first = django_json(
        env,
        "json.dumps(Article.objects.order_by('pk').values_list('pk', flat=True)[0])",
    )
    slug = django_json(
        env,
        f"json.dumps(Article.objects.published().exclude(slug={CORRECTED!r})"
        ".order_by('-publish_at')[0].slug)",
    )
    job = django_json(
        env, "json.dumps(__import__('articles.models').models.Job.objects.last().pk)"
    )
    older, newer, waiting = django_json(
        env,
        "json.dumps((lambda a: [*a.history.order_by('history_id')"
        ".values_list('history_id', flat=True)[1:3], a.pk])("
        "Article.objects.filter(status='review', assignee__isnull=False).get()))",
    )
    drafted, illustrated, illustrated_slug = django_json(
        env,
        "json.dumps([Article.objects.get(pending_draft__isnull=False).pk,"
        " *Article.objects.filter(body__contains='data-media')"
        ".values_list('pk', 'slug').get()])",
    )
    banten = django_json(
        env,
        "json.dumps(Article.objects.get(title__startswith='Disperindag Banten').pk)",
    )
    compare = (
        f"/admin/articles/article/{waiting}/history/compare/?from={older}&to={newer}"
    )
    args.out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    with gunicorn(env, port, 2), sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        base = f"http://127.0.0.1:{port}"
        for width in (int(w) for w in args.widths.split(",")):
            for name, path, user, *rest in pages:
                only, action = (rest + [None, None])[:2]
                if only and width not in only:
                    continue
                context = browser.new_context(
                    locale="id-ID",
                    viewport={"width": width, "height": 900},
                    extra_http_headers={"X-Forwarded-Proto": "https"},
                )
                page = context.new_page()
                if user:
                    page.goto(base + "/admin/login/")
                    page.fill("#id_username", user)
                    page.fill("#id_password", PASSWORD)
                    page.locator("input[type=submit]").click()
                page.goto(
                    base
                    + path.format(
                        first=first,
                        slug=slug,
                        job=job,
                        compare=compare,
                        drafted=drafted,
                        illustrated=illustrated,
                        illustrated_slug=illustrated_slug,
                        banten=banten,
                    )
                )
                page.wait_for_load_state("networkidle")
                if action:
                    BEFORE_SHOT[action](page)
                    page.wait_for_load_state("networkidle")
                if width < 800 and name not in FIRST_SCREEN:
                    # Lazy images load only near the screen: pass them all.
                    page.evaluate(
                        "async () => { for (let y = 0; y < document.body"
                        ".scrollHeight; y += 600) { scrollTo(0, y);"
                        " await new Promise(r => setTimeout(r, 50)); }"
                        " scrollTo(0, 0); }"
                    )
                    page.wait_for_load_state("networkidle")
                target = args.out / f"{name}-{width}.png"
                page.screenshot(
                    path=str(target), full_page=width < 800 and name not in FIRST_SCREEN
                )
                print(target)
                context.close()
        browser.close()


if __name__ == "__main__":
    main()
