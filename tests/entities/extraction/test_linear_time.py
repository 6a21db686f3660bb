"""Extraction, the text importer and the sanitiser do work linear in their
input, whatever the text.

Each check runs a function on ``n`` and on ``4n`` characters of one
pathological unit repeated (long capitalised runs, ALL CAPS, "((((", ",,,,",
one 200 KB word, mixed scripts, "(X)" pairs, "PT PT PT", dates, …; and
hypothesis's own mixes of them) and counts the work done with
``tests.work.measure``: the interpreter's and the regex engine's ticks and
the characters the patterns read. Linear work grows 4 times; the check allows
6 (a little for n log n and for caches warmed by the first run). A quadratic
rule grows 16 times and fails, deterministically: nothing here is timed.
"""

import contextlib
import functools
import json
import re
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from articles.importing import parsers
from articles.models import Suggestion, richtext
from articles.stories import compare, index
from articles.suggestions import review
from entities.extraction import (
    Extractor,
    KnownIndex,
    Proposal,
    extractor,
    organisations,
    people,
    places,
)
from entities.extraction.facts import extract_facts
from entities.extraction.proposals import merge_variants
from entities.extraction.quotes import extract_quotes
from entities.extraction.tokens import sentences, tokenize
from tests.work import TooMuchWork, Work, measure

# The outcome does not depend on the database: run once in CI (on SQLite).
pytestmark = pytest.mark.slow

# Growth allowed from n to 4n characters, and the work below which growth is
# not judged (a few constant-cost steps would otherwise dominate).
GROWTH = 6
FLOOR = 1000

UNITS = {
    "capitalised run": "Pemerintah Kabupaten Serang Dan Dinas Perindustrian Kota ",
    "all caps release": "PEMERINTAH KABUPATEN SERANG DAN DINAS PERINDUSTRIAN ",
    "parentheses": "((((((((((",
    "closing parentheses": "))))))))))",
    "commas": ",,,,,,,,,,",
    "abbreviation pairs": "Badan Usaha (BU) ",
    "many (X)": "(X) ",
    "PT PT PT": "PT PT PT ",
    "dates": "12/3/2025 10 Maret 2025, ",
    "huge token": "a",
    "huge capitalised token": "A",
    "digits": "1",
    "hyphens and apostrophes": "-'",
    "mixed scripts": "مرحبا 中文字 😀 e\u0301\u0302 Ж ",
    "combining marks": "a\u0301\u0302\u0303",
    "tag starts": "<a <b <p ",
    "comment starts": "<!-- x ",
    "entities": "&amp;&#12;& ",
    "open quotes": '"aaa ',
    "initials and degrees": "S.E. M.Si. A. B. ",
    "roles": "Direktur Utama PT Baja, ",
    "roles joined by dan": "Ketua dan ",
    "titles": "Dr. ",
    "unit prefixes": "Kecamatan Desa Kelurahan ",
    "heads joined by dan": "Dinas dan Badan dan Kantor dan ",
    "place pairs": "Serang-Cilegon-",
    "place words": "Kota Kota Kabupaten ",
    "common-word places": "Pati dan Serang, ",
    "speech": "Budi Santoso, kata Budi.\n",
    "speech without stops": "kata Budi Santoso ",
    "figures": "Rp12,4 triliun 2.300 ton ",
    "facts": "investasi Rp1,5-2 triliun 2x65 MW 500 hektare 2.000 orang pekerja, ",
    "units without figures": "ton per tahun hektare tenaga kerja rupiah ",
    "quotes with speakers": '"Kami siap," kata Budi Santoso. Ia mengatakan, ya. ',
    "open quotes without end": "“Kami siap, kata Budi Santoso ",
    "quotes by pronouns and companions": (
        "Menurut dia, ya. Izin, kata dia, ya. Ketua DPRD Budi Santoso, didampingi "
        "Andi, mengatakan ya. Mantan Gubernur itu menambahkan, ya. "
    ),
    "quotes": "“Kami membangun pabrik baru di sini” ",
    "quotes by passives and suffixes": (
        "Hal tersebut diungkapkan Walikota Tb Budi Santoso. Dikatakan, ya. Izin, "
        "imbuhnya, ya. Menurut bupati, ya. Menurutnya ya. Sehingga, Bupati meminta "
        "ya. Jetty, sambung Budi, ya. Purwakarta.Budi mengatakan, ya. Lanjut "
        "Budi, ya. jelas mantan Rektor itu, ya. Namun, ia mengatakan ya. S.Sos, "
        "M.H., Mengemukakan, ya. "
    ),
    "vehicles, supply and jobs after nouns": (
        "5.000 kendaraan niaga per tahun, tenaga kerja sebanyak 1.000. pasokan PLN "
        "90 MW 12 pekerja "
    ),
    "numbers in words, breakdowns and floor area": (
        "dua puluh tujuh ribu tenaga kerja 2 kali 35 mega watt. Rinciannya 9 ton "
        "timah, 14 hektar luasan bangunan seluas tiga hektare kebutuhan PLTU "
        "berkapasitas 5 MW Rp1 hingga Rp2 triliun 70 ribu lebih jiwa tenaga kerja "
    ),
    "brackets": "[{[{",
    "spaces": "a" + " " * 199,
    "one long blank": " ",
    "line breaks": "Budi\n",
    "companies named": "PT Baja Raya Budi Santoso ",
    "companies and places": "PT Baja Raya Serang dan Kota Cilegon, Banten. ",
}


# One long word is one token: the rules do little Python work per character
# of it, and a pattern that rereads the word from each of its characters
# shows only at this length (the regex engine ticks once in 4,096 steps).
LONG = {
    "huge token": 20_000,
    "huge capitalised token": 20_000,
    "digits": 20_000,
    "hyphens and apostrophes": 20_000,
    "spaces": 20_000,
    "one long blank": 20_000,
}


def _text(unit, size):
    """``unit`` repeated to about ``size`` characters, whole units only (so
    that n and 4n end alike, and find the same kinds of things)."""
    return unit * max(1, round(size / len(unit)))


def assert_linear(function, unit, *, size=1500, label="", also=()):
    """``function`` on ``4 * size`` characters of ``unit`` does at most
    ``GROWTH`` times the work it does on ``size``."""
    function(_text(unit, 200))  # caches and lexicons loaded outside the count
    empty = measure(function, "", also=also)
    text = _text(unit, size)
    small = measure(function, text, also=also)
    allowed_ticks = GROWTH * max(small.ticks - empty.ticks, FLOOR) + empty.ticks
    allowed_scan = GROWTH * max(small.scanned - empty.scanned, FLOOR) + empty.scanned
    try:
        large = measure(
            function,
            text * 4,
            budget=Work(allowed_ticks, allowed_scan),
            also=also,
        )
    except TooMuchWork as exc:
        raise AssertionError(
            f"{label}: {unit[:20]!r} × {4 * size} characters: {exc} "
            f"(at {size}: {small.ticks} ticks, {small.scanned} characters scanned)"
        ) from exc
    assert large.ticks <= allowed_ticks, (
        f"{label}: {unit[:20]!r}: {small.ticks} ticks at {size} characters, "
        f"{large.ticks} at {4 * size}"
    )
    assert large.scanned <= allowed_scan, (
        f"{label}: {unit[:20]!r}: {small.scanned} characters scanned at {size}, "
        f"{large.scanned} at {4 * size}"
    )


@functools.cache
def _known():
    """A newsroom index whose names the units spell."""
    return KnownIndex(
        [
            (1, "PT Krakatau Steel", "organisation", ["KS", "Krakatau Steel"]),
            (2, "Budi Santoso", "person", ["Budi"]),
            (3, "Dinas Perindustrian", "organisation", ["Disperin"]),
            (4, "Badan Usaha", "organisation", ["BU"]),
            (5, "PT Baja Raya", "organisation", ["Baja Raya"]),
        ]
    )


def _people(text):
    mentions = organisations.find(text)
    spans = [(m.start, m.end) for m in mentions]
    names = {m.proposal.name.lower() for m in mentions}
    return people.proposals(people.find(text, org_spans=spans, org_names=names), text)


def _json_import(text):
    record = {"title": "Judul", "body": text or "isi", "standfirst": text}
    with contextlib.suppress(parsers.ImportFailed):
        parsers.parse_json(json.dumps([record]), origin="berkas.json")


def _text_import(text):
    # Words around the unit: one line, so that a long blank stays one run.
    with contextlib.suppress(parsers.ImportFailed):
        parsers.parse_text(f"Judul berita\n\nAwal {text} akhir (Red)", origin="a.txt")


def _html_import(text):
    with contextlib.suppress(parsers.ImportFailed):
        parsers.parse_html(f"<p>{text}</p>", origin="berkas.json")


def _sanitise(text):
    with contextlib.suppress(richtext.TextWouldBeLost):
        richtext.sanitize(text)


class _Suggestions(list):
    def select_related(self, *fields):
        return self

    def order_by(self, *fields):
        return self


def _review_page(text):
    """The review page's rows for an article with ``text`` and one suggestion
    per 40 characters (none of them in the text: each is looked for in
    vain)."""
    suggestions = _Suggestions(
        Suggestion(kind="person", name=f"Nama Orang {i}", status="pending")
        for i in range(len(text) // 40)
    )
    return review.rows_for(SimpleNamespace(body_text=text, suggestions=suggestions))


RULES = {
    "organisations.defined": organisations.find_defined,
    # One long name that the abbreviation does follow: its head and its
    # initials are looked for across all of it.
    "organisations.defined, one long name": lambda text: organisations.find_defined(
        f"Badan {text}\nUsaha Pusat (BUP)"
    ),
    "organisations.defined, no initials": lambda text: organisations.find_defined(
        f"Pusat {text} Data (XY)"
    ),
    "organisations.head": organisations.find_heads,
    "organisations.suffix": organisations.find_suffixes,
    "organisations.abbreviations": organisations.abbreviations,
    "organisations.find": lambda text: organisations.cut_prefixes(
        organisations.find(text)
    ),
    "people": _people,
    "places": places.find,
    # Places inside organisations' names are left out: many of each.
    "places outside names": lambda text: places.find(
        text, skip=[m.span() for m in re.finditer(r"PT( [A-Z]\w+)+", text)]
    ),
    "known": lambda text: _known().find(text),
    "sentences": sentences,
    "tokens": tokenize,
}
WHOLE = {
    "extractor": lambda text: Extractor(known=_known()).extract(
        text, title=text[:120], dateline="SERANG"
    ),
    "text importer": _text_import,
    "JSON importer": _json_import,
    "HTML importer": _html_import,
    "sanitiser": _sanitise,
    "plain text": lambda text: richtext.to_text(richtext.from_text(text)),
    "text of raw HTML": richtext.to_text,
    "story signature": index.signature,
    "story additions": lambda text: compare.additions(text[::2], text, names=[]),
    "facts": lambda text: extract_facts(text, title=text[:120]),
    "quotes": lambda text: extract_quotes(text, proposals=()),
    "evidence": lambda text: review.evidence(text, ["Budi", "PT Baja Raya", "Kota"]),
    "review page": _review_page,
}


@pytest.mark.parametrize("unit", UNITS)
@pytest.mark.parametrize("name", RULES)
def test_every_rule_is_linear(name, unit):
    assert_linear(RULES[name], UNITS[unit], size=LONG.get(unit, 1500), label=name)


@pytest.mark.parametrize("unit", UNITS)
@pytest.mark.parametrize("name", WHOLE)
def test_extractor_importer_and_sanitiser_are_linear(name, unit):
    assert_linear(WHOLE[name], UNITS[unit], size=LONG.get(unit, 1500), label=name)


# Mixes that no list above foresaw: pieces of the units and of other scripts.
PIECES = st.sampled_from(
    [*UNITS.values(), " ", "\n", ",", ".", "(", ")", "dan", "PT", "Kota", "(AB)"]
)
MIXES = st.lists(
    st.one_of(PIECES, st.text(min_size=1, max_size=6)), min_size=1, max_size=12
).map("".join)


@settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(unit=MIXES, name=st.sampled_from(sorted(RULES) + sorted(WHOLE)))
@example(unit="PEMERINTAH KABUPATEN (", name="organisations.defined")
def test_mixed_pathological_units_are_linear(unit, name):
    assert_linear({**RULES, **WHOLE}[name], unit, size=1200, label=name)


def _distinct_names(text):
    """``text`` with each "Nama" replaced by a name of its own (Baaa, Baab,
    …): as many different people as the text is long."""
    counter = iter(range(10**9))

    def name(_match):
        n = next(counter)
        letters = "".join(
            "abcdefghijklmnopqrstuvwxyz"[n // 26**i % 26] for i in range(4)
        )
        return "B" + letters

    return re.sub("Nama", name, text)


@pytest.mark.parametrize(
    "unit",
    [
        "Direktur Utama PT Baja Nama, Nama Santoso, mengatakan. Kata Nama. ",
        "Ketua Nama Nama mengatakan hal itu, kata Nama. ",
        "PT Nama Raya Nama Santoso (Nama) dan Nama Santoso, ujar Nama. ",
    ],
)
def test_many_different_people_and_bodies_are_linear(unit):
    assert_linear(
        lambda text: Extractor(known=_known()).extract(_distinct_names(text)),
        unit,
        label="extractor, many names",
    )


def _proposals_of(text, kind):
    return [
        Proposal(kind, word, "", 0.8, aliases={word.upper()})
        for word in _distinct_names(text).split()
    ]


def _unglue_all(text):
    names = _distinct_names(text).split()
    people_ = [f"{a} {b}" for a, b in zip(names[::2], names[1::2], strict=False)]
    mentions = [
        Proposal("organisation", f"PT {a} Raya {p}", "", 0.8)
        for a, p in (zip(names, people_, strict=False))
    ]
    ordered = extractor._Ordered(people_)
    for proposal in mentions:
        extractor._unglue(proposal, ordered)


@pytest.mark.parametrize(
    "name, function",
    [
        (
            "merge organisations",
            lambda t: merge_variants(_proposals_of(t, "organisation"), "organisation"),
        ),
        (
            "merge people",
            lambda t: merge_variants(_proposals_of(t, "person"), "person"),
        ),
        (
            "people's forms",
            lambda t: people.proposals(
                [
                    people.Candidate(n, "", "people.role_name", "", 0)
                    for n in _distinct_names(t).split(". ")
                ],
                t,
            ),
        ),
        ("names glued onto bodies", _unglue_all),
    ],
)
def test_folding_many_mentions_is_linear(name, function):
    """The steps that compare mentions with mentions, each on as many
    different names as the text is long."""
    assert_linear(function, "Nama Nama. ", size=3000, label=name)


def test_the_text_of_raw_html_is_linear():
    """Python's HTMLParser reads "<a <a <a …" in quadratic time; ``to_text``
    hands it prepared HTML. The growth shows from about 10,000 characters."""
    assert_linear(richtext.to_text, "<a <b <p ", size=12_000, label="to_text")


def test_the_meter_sees_a_quadratic_pattern():
    """The check fails on the defined-name pattern as it was before it was
    made linear (re.finditer retried it from every letter of a run): the
    meter is not blind to the regex engine's work."""
    old = re.compile(
        r"((?:[A-Z][\w.&’'-]*|dan|of|and|the)(?:,?\s+(?:[A-Z][\w.&’'-]*|dan|&|of"
        r"|and|the))*)\s+\(([A-Z][A-Za-z]{1,12}(?: [A-Z][A-Za-z]{1,8})?)\)"
    )
    with pytest.raises(AssertionError, match="ticks"):
        assert_linear(lambda text: list(old.finditer(text)), UNITS["all caps release"])


def test_the_meter_sees_a_search_per_mention():
    """A loop that searches the whole text once per word: each search is a
    quick scan the ticks miss, the characters scanned do not."""

    def per_word(text):
        for word in text.split():
            re.search(rf"kata {re.escape(word)}\b", text)

    with pytest.raises(AssertionError, match="characters scanned"):
        assert_linear(per_word, "Budi Santoso ", also=[__name__])


def _quotes_with_people(text):
    text = _distinct_names(text)
    words = [w.strip(",.") for w in text.split() if w[:1] == "B"]
    proposals = [
        Proposal("person", f"{a} {b}", "", 0.8)
        for a, b in zip(words[::3], words[1::3], strict=False)
    ] + [Proposal("organisation", w, "", 0.8) for w in words[2::3]]
    return extract_quotes(text, proposals=proposals)


@pytest.mark.parametrize(
    "unit",
    [
        "Direktur Nama Nama Nama mengatakan, ya. ",
        '"Ya," kata Walikota Tb Nama Nama Nama Nama. ',
    ],
)
def test_quotes_with_many_people_and_bodies_are_linear(unit):
    assert_linear(_quotes_with_people, unit, label="quotes, many names")
