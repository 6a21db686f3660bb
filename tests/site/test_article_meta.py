"""An article's metadata block: the original date only when it differs from
the publish date, the credit line only when it names someone, labelled in
words in both languages."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest

from articles.models import Article

GUBERNUR = "gubernur-banten-kunjungi-krakatau-steel-dorong-regulasi-baja-ber-sni"


def meta_block(response):
    content = response.content.decode()
    return content.split('<dl class="article-meta">', 1)[1].split("</dl>", 1)[0]


@pytest.mark.django_db
class TestArticleMeta:
    def test_same_original_date_and_star_credit_are_not_shown(self, client, seed_data):
        # Published 10 March 2025, originally 10 March 2025; credit "*".
        block = meta_block(client.get(f"/artikel/{GUBERNUR}/"))
        assert "Pertama terbit" not in block
        assert "Kredit" not in block and "(*)" not in block
        assert block.count("<time") == 1

    @pytest.mark.parametrize(
        ("prefix", "labels"),
        [
            ("", ["Terbit", "Oleh", "Sumber", "Pertama terbit di sumber"]),
            (
                "/en",
                ["Published", "By", "Source", "First published at the source"],
            ),
        ],
    )
    def test_a_different_original_date_is_labelled(
        self, client, make_article, prefix, labels
    ):
        article = make_article(
            byline="Ika",
            publish_at=datetime.datetime(
                2025, 5, 20, 10, 0, tzinfo=ZoneInfo("Asia/Jakarta")
            ),
            original_published_on=datetime.date(2025, 5, 15),
        )
        block = meta_block(client.get(prefix + article.get_absolute_url()))
        assert re.findall(r"<dt>(.*?)</dt>", block)[:4] == labels
        original = "15 Mei 2025" if not prefix else "15 May 2025"
        assert f'<time datetime="2025-05-15">{original}</time>' in block

    def test_original_date_compares_local_days(self, client, make_article):
        # 23:30 WIB on 15 May is 16:30 UTC the same day; 00:30 WIB is the
        # day before in UTC. Both are the 15th for readers.
        for hour in (23, 0):
            article = make_article(
                publish_at=datetime.datetime(
                    2025, 5, 15, hour, 30, tzinfo=ZoneInfo("Asia/Jakarta")
                ),
                original_published_on=datetime.date(2025, 5, 15),
            )
            block = meta_block(client.get(article.get_absolute_url()))
            assert "Pertama terbit" not in block, hour

    @pytest.mark.parametrize(
        ("credit", "prefix", "shown"),
        [
            ("*/Ika", "", "<dt>Kredit di sumber</dt><dd>*/Ika</dd>"),
            ("*/Ika", "/en", "<dt>Credit line at the source</dt><dd>*/Ika</dd>"),
            ("(Red)", "", "<dt>Kredit di sumber</dt><dd>Red</dd>"),
            ("*", "", None),
            ("", "/en", None),
        ],
    )
    def test_credit_only_when_it_names_someone(
        self, client, make_article, credit, prefix, shown
    ):
        article = make_article(credit=credit)
        block = meta_block(client.get(prefix + article.get_absolute_url()))
        if shown:
            assert shown in block
        else:
            assert "Kredit" not in block and "Credit" not in block

    def test_seed_meta_reads_in_english(self, client, seed_data):
        article = Article.objects.get(slug__startswith="pemkot-cilegon-dan-kementerian")
        block = meta_block(client.get("/en" + article.get_absolute_url()))
        labels = re.findall(r"<dt>(.*?)</dt>", block)
        assert labels == [
            "Published",
            "By",
            "Source",
            "Credit line at the source",
            "Reading time",
        ]
        assert "Source not stated" in block


@pytest.mark.django_db
class TestDateline:
    def test_the_dateline_opens_the_first_paragraph(self, client, make_article):
        article = make_article(
            dateline="CILEGON", body="<p>Pabrik baja dibuka.</p><p>Kedua.</p>"
        )
        html = client.get(article.get_absolute_url()).content.decode()
        assert '<p><span class="dateline">CILEGON –</span> Pabrik baja dibuka.</p>' in (
            html
        )

    def test_a_body_not_opening_with_a_paragraph_gets_one_for_it(
        self, client, make_article
    ):
        article = make_article(dateline="SERANG <b>", body="<h2>Sub</h2><p>Isi.</p>")
        html = client.get(article.get_absolute_url()).content.decode()
        assert '<p><span class="dateline">SERANG &lt;b&gt; –</span> </p><h2>' in html
