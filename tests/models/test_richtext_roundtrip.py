"""Text between ``<`` and ``>`` is text unless it is a well-formed tag (issue
25, High): ``Jika <p dan q> maka r.`` round-trips, and the "never lose a word"
check reads the words of the INPUT independently of the sanitiser."""

import contextlib
import html
import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from articles.models import markup, richtext, visible
from newsroom.templatetags.warta import richtext as render

ANGLE_TEXT = [
    "Jika <p dan q> maka r.",
    "Produksi naik <a third of> dari target.",
    "Lihat <title of the report> di halaman 4.",
    "Tekan <select all> lalu salin.",
    "Pilih <b atau c> sesuai kasus.",
    "Kapasitas <s d 10 ribu ton> per tahun.",
    '<p dan="">teks',
    "</p dan q>",
    "<p dan q/>",
    "<table border dua>",
    "<td nowrap kolom>",
]


@pytest.mark.parametrize("text", ANGLE_TEXT)
def test_angle_text_that_is_no_tag_round_trips(text):
    cleaned = richtext.sanitize(text)
    assert richtext.to_text(cleaned) == text
    # On the page it renders exactly as typed, escaped.
    assert html.unescape(re.sub(r"</?p>", "", str(render(text)))) == text
    assert "<p " not in cleaned and "<a " not in cleaned
    assert richtext.sanitize(cleaned) == cleaned


def test_jika_p_dan_q_is_stored_escaped():
    assert richtext.sanitize("<p>Jika <p dan q> maka r.</p>") == (
        "<p>Jika &lt;p dan q&gt; maka r.</p>"
    )


@pytest.mark.parametrize(
    ("value", "stored"),
    [
        ("<p>teks</p>", "<p>teks</p>"),
        ("<b>teks</b> biasa", "<strong>teks</strong> biasa"),
        (
            '<p><a href="https://warta.id/" title="Warta">tautan</a></p>',
            '<p><a href="https://warta.id/" title="Warta" rel="noopener">'
            "tautan</a></p>",
        ),
        ('<p class="MsoNormal" style="margin:0">x</p>', "<p>x</p>"),
        ('<span lang=EN-US data-x="1" aria-hidden="true">y</span>', "y"),
        ('<p onclick="alert(1)">z</p>', "<p>z</p>"),
        ("a<br/>b", "a<br>b"),
    ],
)
def test_real_tags_still_work(value, stored):
    assert richtext.sanitize(value) == stored


@pytest.mark.parametrize(
    ("name", "pairs", "closing", "is_tag"),
    [
        ("p", [], False, True),
        ("p", [("dan", None), ("q", None)], False, False),
        ("p", [("dan", "")], False, False),
        ("select", [("all", None)], False, False),
        ("td", [("nowrap", None), ("width", "200")], False, True),
        ("p", [("class", None)], False, False),  # a bare word that needs a value
        ("span", [("x:num", "12"), ("data-id", None)], False, True),
        ("p", [], True, True),
        ("p", [("dan", None)], True, False),
        ("Rp5", [("triliun", None)], False, False),
    ],
)
def test_the_rule(name, pairs, closing, is_tag):
    assert markup.is_tag(name, pairs, closing=closing) is is_tag


def test_the_check_reads_the_input_not_the_prepared_html(monkeypatch):
    """The words are counted on the input by ``visible``: were ``prepare`` to
    read "<p dan q>" as a tag again (the bug), the save is refused, naming
    the words, instead of storing "Jika </p><p> maka r."."""

    def old_prepare(value, **kwargs):
        return value  # every "<name …>" a tag, as before the fix

    monkeypatch.setattr(richtext, "prepare", old_prepare)
    with pytest.raises(richtext.TextWouldBeLost) as refused:
        richtext.sanitize("Jika <p dan q> maka r. <p dan q>")
    assert "(dan, p, q)" in refused.value.messages[0]  # each word named once


def test_visible_words_of_the_input():
    assert visible.visible_words("Jika <p dan q> maka r.") == [
        "Jika", "p", "dan", "q", "maka", "r",
    ]  # fmt: skip
    assert visible.visible_words("<p>a</p><p>b<span>c</span></p>") == ["a", "bc"]
    assert visible.visible_words("x<script>var y</script><!-- z --><![if w]>v") == [
        "xv"
    ]
    assert visible.visible_words("&lt;p&gt; &amp;amp") == ["p", "amp"]


def test_a_word_joined_by_a_removed_inline_tag_is_not_lost():
    assert richtext.lost_words(["a", "b", "c"], ["ab", "c"]) == []
    assert richtext.lost_words(["dan", "q", "r"], ["r"]) == ["dan", "q"]


# The property: random text made of words, element names, "<", ">", quotes,
# "=", "/" and entities.
ELEMENT_NAMES = ["p", "a", "b", "i", "s", "q", "u", "em", "strong", "select",
                 "table", "td", "tr", "h1", "ul", "li", "div", "br", "title",
                 "script", "style", "textarea", "option", "span"]  # fmt: skip
PIECES = st.sampled_from(
    [*ELEMENT_NAMES, "dan", "atau", "maka", "ribu", "ton", "Jika", "10",
     "<", ">", "</", "/>", "/", "=", '"', "'", " ", "  ", "\n", "\n\n",
     "&amp;", "&lt;", "&gt;", "&nbsp;", "&#60;", "&bogus;", "&", ";", "#"]
)  # fmt: skip
RANDOM_TEXT = st.lists(PIECES, max_size=40).map("".join)
# Tags by the rule, written in full: an element name alone between < and >.
A_TAG = re.compile(
    r"</?(?:" + "|".join(ELEMENT_NAMES) + r')\s*/?>|<a href="https://warta.id/">',
    re.IGNORECASE,
)
PROPERTY = settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def words_of(text):
    return richtext.WORD.findall(html.unescape(text))


@PROPERTY
@given(RANDOM_TEXT)
@example("Jika <p dan q> maka r.")
@example("<a third of> <title of the report> <select all>")
@example("<b atau c> <s d 10 ribu ton>")
@example('<p dan="">x</p>')
def test_text_without_tags_round_trips_never_refused(text):
    """Where no tag stands, every visible word comes back, in order, and the
    save is never refused: the text is never silently changed."""
    if A_TAG.search(text):
        return  # holds a real tag: the next property covers it
    cleaned = richtext.sanitize(text)
    assert richtext.WORD.findall(richtext.to_text(cleaned)) == words_of(text)
    assert richtext.sanitize(cleaned) == cleaned


@PROPERTY
@given(
    st.lists(
        st.one_of(
            RANDOM_TEXT,
            st.sampled_from(
                [
                    "<p>",
                    "</p>",
                    "<b>",
                    "</b>",
                    "<br>",
                    "<h1>",
                    "</h1>",
                    '<a href="https://warta.id/">',
                    "</a>",
                    "<table>",
                    "<td>",
                    "</td>",
                    "<ul>",
                    "<li>",
                ]
            ),
        ),  # fmt: skip
        max_size=8,
    ).map("".join)
)
def test_text_with_tags_keeps_its_words_or_is_refused(text):
    """Whatever the mix, each word a reader sees in the input (its tags and the
    content of scripts, styles and titles aside) is in the output, or the save is
    refused."""
    try:
        cleaned = richtext.sanitize(text)
    except richtext.TextWouldBeLost:
        return
    expected = visible.visible_words(text)
    assert not richtext.lost_words(expected, richtext.words(cleaned))
    if not re.search(r"<(?:script|style|title)", text, re.IGNORECASE):
        # A second oracle, by regular expression: the input less its tags.
        plain = A_TAG.sub(" ", text)
        assert not richtext.lost_words(words_of(plain), richtext.words(cleaned))


# What the new readers meet, repeated: each stays linear in the body's length.
LINEAR_UNITS = {
    "angle text": "Jika <p dan q> maka r. ",
    "unclosed quoted values": "<a title=\"x <a title='y ",
    "declaration starts": "<!<?",
    "unclosed list markers": "<![if !supportLists]>1. ",
    "closed list markers": "<p style='mso-list:l0 level1 lfo1'><![if !supportLists]>"
    "·<![endif]>x</p>",
    "not-bold wrappers": '<b style="font-weight:normal">',
    "tables": "<table><tr><td>a",
    "scripts": "<script>x",
}


@pytest.mark.slow
@pytest.mark.parametrize("unit", LINEAR_UNITS)
def test_the_sanitiser_stays_linear(unit):
    from tests.entities.extraction.test_linear_time import assert_linear

    def sanitise(text):
        with contextlib.suppress(richtext.TextWouldBeLost):
            richtext.sanitize(text)

    assert_linear(sanitise, LINEAR_UNITS[unit], label="sanitiser")
    assert_linear(visible.visible_words, LINEAR_UNITS[unit], label="visible")
