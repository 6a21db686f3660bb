"""Dates: one format per language on every public page (newsroom/formats/)."""

import datetime
import re
from html.parser import HTMLParser

import pytest

MONTHS = {
    "": "Januari Februari Maret April Mei Juni Juli Agustus September Oktober "
    "November Desember",
    "/en": "January February March April May June July August September October "
    "November December",
}
TIME = {"": r"\d\d\.\d\d WIB", "/en": r"\d\d:\d\d WIB"}


def date_pattern(prefix):
    months = "|".join(MONTHS[prefix].split())
    return re.compile(rf"^\d{{1,2}} ({months}) \d{{4}}(, {TIME[prefix]})?$")


class Times(HTMLParser):
    """The text of every ``<time>`` element."""

    def __init__(self):
        super().__init__()
        self.inside, self.found = False, []

    def handle_starttag(self, tag, attrs):
        if tag == "time":
            self.inside = True
            self.found.append("")

    def handle_endtag(self, tag):
        if tag == "time":
            self.inside = False

    def handle_data(self, data):
        if self.inside:
            self.found[-1] += data


def shown_dates(response):
    parser = Times()
    parser.feed(response.content.decode())
    return parser.found


GUBERNUR = "gubernur-banten-kunjungi-krakatau-steel-dorong-regulasi-baja-ber-sni"


@pytest.mark.django_db
class TestOneDateFormat:
    @pytest.mark.parametrize("prefix", ["", "/en"])
    @pytest.mark.parametrize(
        "path",
        [
            "/",
            "/artikel/",
            "/artikel/?q=Cilegon",
            "/wilayah/banten/",
            "/topik/industri/",
            "/entitas/kota-cilegon/",
            "/sumber/rubrikbanten/",
            f"/artikel/{GUBERNUR}/",
        ],
    )
    def test_every_date_shown_has_the_languages_one_format(
        self, client, seed_data, prefix, path
    ):
        dates = shown_dates(client.get(prefix + path))
        assert dates
        pattern = date_pattern(prefix)
        assert [d for d in dates if not pattern.match(d)] == []

    @pytest.mark.parametrize(
        ("prefix", "card", "meta"),
        [
            ("", "20 November 2026", "10 Maret 2025, 09.00 WIB"),
            ("/en", "20 November 2026", "10 March 2025, 09:00 WIB"),
        ],
    )
    def test_month_names_in_full(self, client, seed_data, prefix, card, meta):
        assert card in shown_dates(client.get(prefix + "/"))
        assert shown_dates(client.get(f"{prefix}/artikel/{GUBERNUR}/"))[0] == meta

    def test_time_is_local_with_its_zone(self, client, make_article, settings):
        settings.TIME_ZONE = "Asia/Makassar"
        article = make_article(
            publish_at=datetime.datetime(2025, 3, 10, 6, 30, tzinfo=datetime.UTC)
        )
        assert shown_dates(client.get(article.get_absolute_url()))[0] == (
            "10 Maret 2025, 14.30 WITA"
        )


@pytest.mark.django_db
def test_machine_times_have_no_fractions_of_a_second(client, make_article):
    # Publishing "now" stores microseconds; <time datetime>, OpenGraph and
    # JSON-LD give the second (the HTML checker refuses six-digit fractions).
    moment = datetime.datetime(2025, 3, 10, 2, 15, 42, 123456, tzinfo=datetime.UTC)
    article = make_article(publish_at=moment)
    make_article(publish_at=moment - datetime.timedelta(hours=1))
    for url in ("/", "/artikel/", article.get_absolute_url()):
        html = client.get(url).content.decode()
        assert "2025-03-10T09:15:42+07:00" in html
        assert not re.search(r"T\d\d:\d\d:\d\d\.\d", html), url
