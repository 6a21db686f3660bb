"""The public site as a new reader meets it (issue 15): every region with
articles can be filtered on, searches say what they found, form help and
errors are announced, content carries its own language, headings do not skip,
and the front page leads with one story."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from articles.models import Article
from entities.models import Region

LIST = reverse("articles:list")


class Outline(HTMLParser):
    """Headings in order, ids, aria-describedby references, lang attributes."""

    def __init__(self):
        super().__init__()
        self.headings, self.ids, self.described, self.langs = [], set(), [], []
        self.inputs = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if attrs.get("aria-describedby"):
            self.described += attrs["aria-describedby"].split()
        if "lang" in attrs:
            self.langs.append((tag, attrs["lang"]))
        if tag == "input":
            self.inputs.append(attrs)


def outline(response):
    parser = Outline()
    parser.feed(response.content.decode())
    return parser


def region_options(response):
    return list(response.context["filter"].form.fields["region"].choices)


@pytest.mark.django_db
class TestRegionFilter:
    def test_provinces_with_articles_only_and_a_chosen_provinces_cities(
        self, client, seed_data
    ):
        page = client.get(LIST)
        values = [value for value, _label in region_options(page)]
        assert "banten" in values and "nusa-tenggara-barat" in values
        assert "kota-cilegon" not in values  # not until Banten is chosen
        assert "aceh" not in values  # no articles there
        assert len(values) < 40
        banten = client.get(LIST, {"region": "banten"})
        groups = [
            label
            for value, label in region_options(banten)
            if isinstance(label, list | tuple)
        ]
        assert groups, "Banten's cities are offered once Banten is chosen"
        cities = dict(groups[0])
        assert cities["kota-cilegon"].startswith("Kota Cilegon (")

    def test_a_reader_can_filter_by_kota_cilegon(self, client, seed_data):
        cilegon = Region.objects.get(code="36.72")
        page = client.get(LIST, {"region": "kota-cilegon"})
        assert page.status_code == 200
        html = page.content.decode()
        assert re.search(r'<option value="kota-cilegon"[^>]*selected', html)
        shown = {a.pk for a in page.context["articles"]}
        expected = set(
            Article.objects.published()
            .filter(regions__in=Region.objects.descendants_of(cilegon))
            .values_list("pk", flat=True)
        )
        assert shown == expected and shown

    def test_a_region_without_articles_stays_selected(self, client, seed_data):
        page = client.get(LIST, {"region": "aceh"})
        assert page.status_code == 200
        assert "aceh" in [value for value, _l in region_options(page)]
        assert page.context["paginator"].count == 0


@pytest.mark.django_db
class TestSearchAndList:
    def test_a_search_says_what_it_looked_for(self, client, seed_data):
        page = client.get(LIST, {"q": "zzzz"})
        html = page.content.decode()
        assert "Hasil untuk “zzzz”" in html
        assert "Tidak ada artikel yang cocok" in html
        assert "Belum ada artikel" not in html

    def test_headings_do_not_skip_a_level(self, client, seed_data):
        for url in (LIST, LIST + "?q=baja", reverse("articles:home")):
            levels = outline(client.get(url)).headings
            assert levels[0] == 1
            for before, after in zip(levels, levels[1:], strict=False):
                assert after <= before + 1, (url, levels)

    def test_help_and_errors_are_announced(self, client, seed_data):
        for params in ({}, {"date_from": "kemarin", "topic": "tidak-ada"}):
            page = outline(client.get(LIST, params))
            assert page.described, "fields point at their help"
            missing = [ref for ref in page.described if ref not in page.ids]
            assert missing == [], params

    def test_an_invalid_date_is_not_echoed(self, client, seed_data):
        page = client.get(LIST, {"date_from": "<b>2024-13-45", "date_to": "2025-03-01"})
        assert page.status_code == 400
        inputs = {i.get("name"): i for i in outline(page).inputs}
        assert "value" not in inputs["date_from"]
        assert inputs["date_to"]["value"] == "2025-03-01"

    def test_a_filter_link_jumps_to_the_filters(self, client, seed_data):
        page = outline(client.get(LIST))
        assert "filters" in page.ids
        assert 'href="#filters"' in client.get(LIST).content.decode()


@pytest.mark.django_db
class TestContentLanguage:
    def test_indonesian_content_is_marked_on_english_pages(self, client, seed_data):
        url = Article.objects.published().first().get_absolute_url()
        english = outline(client.get("/en" + url))
        assert ("h1", "id") in english.langs
        assert ("div", "id") in english.langs  # the body
        listing = outline(client.get("/en" + LIST))
        assert ("a", "id") in listing.langs
        # Not repeated on Indonesian pages, where it is the page's language.
        indonesian = outline(client.get(url))
        assert ("h1", "id") not in indonesian.langs

    def test_hreflang_has_an_x_default(self, client, seed_data):
        html = client.get("/en" + LIST).content.decode()
        assert re.search(r'hreflang="x-default" href="[^"]*/artikel/"', html)


@pytest.mark.django_db
class TestFrontPage:
    def test_the_lead_story_comes_first_with_its_standfirst(self, client, seed_data):
        page = client.get(reverse("articles:home"))
        lead = page.context["lead"]
        html = page.content.decode()
        assert html.index(lead.title) < html.index("Pilihan redaksi")
        assert 'class="card card-lead"' in html
        assert lead.standfirst in html

    def test_cards_show_source_region_and_reading_time(self, client, seed_data):
        html = client.get(reverse("articles:home")).content.decode()
        assert "RubrikBanten" in html
        assert re.search(r"\d+ menit baca", html)
