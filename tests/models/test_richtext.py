"""The body's one allowlist: what it keeps, what it removes, and that it never
loses a word a reader would see (security review finding 1, issue 12)."""

import re

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.models import richtext

# Text as editors type it, including the characters HTML gives meaning to.
typed = st.text(
    alphabet=st.one_of(
        st.characters(blacklist_categories=("Cs", "Cc")),
        st.sampled_from(list("<>&\"'/=;!-\n ")),
    ),
    max_size=300,
)


def normalised(text):
    """How a body's text comes back: lines trimmed and spaces collapsed, empty
    lines and runs of blank lines closing paragraphs."""
    return richtext.to_text(richtext.from_text(text))


@pytest.mark.parametrize(
    "text",
    [
        "a<b",
        "<Rp5 triliun",
        "Harga naik <Rp5 triliun, kata dia.",
        "Kirim ke <redaksi@warta.id> sebelum Senin.",
        "x < 5 && y > 3",
        "<<<>>>",
        "<!-- bukan komentar",
        "<b tidak ditutup",
        "</tag-palsu>",
    ],
)
def test_text_after_a_less_than_sign_survives(text):
    """Finding 1: nh3 treated these as tags and dropped the text after them."""
    assert richtext.to_text(richtext.sanitize(text)) == text
    assert richtext.to_text(richtext.sanitize(richtext.from_text(text))) == text


@settings(max_examples=300, deadline=None)
@given(typed)
def test_any_typed_text_survives_the_sanitiser(text):
    html = richtext.from_text(text)
    cleaned = richtext.sanitize(html)
    assert richtext.to_text(cleaned) == richtext.to_text(html)
    assert richtext.sanitize(cleaned) == cleaned  # applying it again changes nothing


@settings(max_examples=300, deadline=None)
@given(typed)
def test_raw_input_keeps_its_words_or_is_refused(text):
    """Whatever reaches the sanitiser as HTML (a textarea without JavaScript, an
    import), every word a reader would see is kept, or the save is refused."""
    try:
        cleaned = richtext.sanitize(text)
    except richtext.TextWouldBeLost:
        return
    before = richtext.words(richtext.prepare(text))
    after = richtext.words(cleaned)
    for word in before:
        assert word in after


def test_structure_is_kept_and_styles_are_dropped():
    pasted = (
        '<h1 style="font-family:Calibri">Judul</h1>'
        '<p class="MsoNormal"><b>Tebal</b> dan <i>miring</i>'
        '<span style="color:red"> merah</span></p>'
        "<div>Paragraf dari div</div><ul><li>satu</li><li>dua</li></ul>"
        "<blockquote>kutipan</blockquote>"
        '<p><a href="https://example.id/" target="_blank" onclick="x()">tautan</a></p>'
        "<script>alert(1)</script><style>p{}</style>"
    )
    cleaned = richtext.sanitize(pasted)
    assert cleaned == (
        "<h2>Judul</h2><p><strong>Tebal</strong> dan <em>miring</em> merah</p>"
        "<p>Paragraf dari div</p><ul><li>satu</li><li>dua</li></ul>"
        "<blockquote>kutipan</blockquote>"
        '<p><a href="https://example.id/" rel="noopener">tautan</a></p>'
    )
    with translation.override("en"):
        dropped = set(richtext.dropped(pasted))
    assert dropped == {
        "<script> with its content",
        "<style> with its content",
        "<span>",
        "class= on <p>",
        "onclick= on <a>",
        "style= on <h2>",  # the h1, renamed
        "style= on <span>",
        "target= on <a>",
    }


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
    ],
)
def test_only_http_https_and_mailto_links(href):
    cleaned = richtext.sanitize(f'<p><a href="{href}">klik</a></p>')
    assert "href" not in cleaned
    assert "klik" in cleaned


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_only_allowed_tags_come_out(value):
    try:
        cleaned = richtext.sanitize(value)
    except richtext.TextWouldBeLost:
        return
    tags = {m.lower() for m in re.findall(r"</?([A-Za-z][A-Za-z0-9]*)", cleaned)}
    assert tags <= richtext.ALLOWED_TAGS


def test_word_count_and_reading_time():
    body = "<p>" + " ".join(["kata"] * 450) + "</p>"
    assert richtext.word_count(body) == 450
    assert richtext.reading_minutes(body) == 2
    assert richtext.reading_minutes("<p>singkat</p>") == 1
