"""The near-duplicate index: shingles, signatures, bands, the thresholds and
the clustering rule."""

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.stories.figures import figure_keys
from articles.stories.index import (
    PARAMS,
    Match,
    Params,
    band_keys,
    compare,
    days_apart,
    is_same_story,
    shingles,
    signature,
)
from articles.stories.memory import MemoryIndex, assign_stories

DAY = datetime.date(2025, 3, 10)
WORDS = [f"kata{n}" for n in range(400)]


def text(start, count=120, step=1):
    return " ".join(WORDS[(start + i * step) % len(WORDS)] for i in range(count))


def test_shingles_ignore_case_punctuation_and_function_words():
    assert shingles("Pabrik BAJA, di Cilegon!") == shingles("pabrik baja cilegon")
    assert b"yang" not in shingles("pabrik yang baru")


def test_short_texts_are_not_compared():
    assert signature("Pabrik baja dibuka di Cilegon.") is None
    assert signature(text(0)) is not None


def test_one_band_key_per_band_and_the_same_in_every_process():
    sig = signature(text(0))
    keys = band_keys(sig)
    assert len(keys) == PARAMS.bands == len(set(keys))
    assert keys == band_keys(signature(text(0)))
    assert all(-(2**63) <= key < 2**63 for key in keys)


def test_a_trimmed_copy_is_contained_in_its_original():
    original, trimmed = signature(text(0, 200)), signature(text(0, 80))
    match = compare(original, trimmed)
    assert match.containment == 1.0
    assert match.jaccard == 80 / 200
    assert is_same_story(match)


def test_unrelated_texts_are_not_the_same_story():
    match = compare(signature(text(0)), signature(text(200)))
    assert match.jaccard == 0
    assert not is_same_story(match)


def test_outside_the_window_only_a_close_copy_is_the_same_story():
    match = compare(signature(text(0)), signature(text(0)))
    assert is_same_story(match, days=PARAMS.window_days)
    # A week late: a close copy still is (one outlet reprints a release late).
    assert is_same_story(match, days=7)
    assert not is_same_story(match, days=PARAMS.far_days + 1)
    assert is_same_story(match, Params(window_days=None), days=400)
    loose = Match(jaccard=0.35, containment=0.6)
    assert is_same_story(loose, days=PARAMS.window_days)
    assert not is_same_story(loose, days=PARAMS.window_days + 1)
    without = Params(far_threshold=None)
    assert not is_same_story(match, without, days=PARAMS.window_days + 1)


def test_a_rewrite_keeping_the_amounts_needs_less_of_the_words():
    # The web corpus's rewrites of one release share a third of their words
    # and most of their figures; different events share few figures.
    rewrite = Match(jaccard=0.20, containment=0.34, figures=0.75)
    assert is_same_story(rewrite)
    assert not is_same_story(Match(jaccard=0.20, containment=0.34, figures=0.4))
    assert not is_same_story(Match(jaccard=0.20, containment=0.34, figures=None))
    assert not is_same_story(rewrite, Params(figures_agree=None))


def test_a_text_of_unknown_date_is_compared_on_any_day():
    index = MemoryIndex()
    index.add("dated", signature(text(0)), DAY - datetime.timedelta(days=400))
    found = index.matches(signature(text(0, 100)), None)
    assert [key for key, _match in found] == ["dated"]
    index.add("undated", signature(text(300)), None)
    found = index.matches(signature(text(300, 100)), DAY)
    assert [key for key, _match in found] == ["undated"]


def test_days_apart_is_unknown_without_both_dates():
    assert days_apart(DAY, None) is None
    assert days_apart(DAY, DAY - datetime.timedelta(days=2)) == 2


def test_the_memory_index_finds_copies_within_the_window_only():
    index = MemoryIndex()
    index.add("a", signature(text(0)), DAY)
    index.add("far", signature(text(0)), DAY - datetime.timedelta(days=30))
    found = index.matches(signature(text(0, 100)), DAY + datetime.timedelta(days=1))
    assert [key for key, _match in found] == ["a"]


def test_a_text_joins_the_story_of_its_best_match_never_bridging_two():
    a, b = text(0, 150), text(150, 150)
    bridge = text(0, 75) + " " + text(150, 75)
    result = assign_stories(
        [
            ("a", signature(a), DAY),
            ("b", signature(b), DAY),
            ("copy of a", signature(text(0, 120)), DAY),
            ("bridge", signature(bridge), DAY),
        ]
    )
    assert result["copy of a"][0] == "a"
    assert result["copy of a"][1] == "a"
    assert result["b"][0] == "b"
    assert result["bridge"][0] in {"a", "b"}  # one story, not a merge of both
    assert result["a"][0] != result["b"][0]


def test_the_window_lets_old_texts_leave_the_index():
    index = MemoryIndex()
    # Further apart than a late copy may be.
    days = [DAY + datetime.timedelta(days=n * (PARAMS.far_days + 1)) for n in range(5)]
    assign_stories(
        ((n, signature(text(n * 60)), day) for n, day in enumerate(days)),
        PARAMS,
        index,
    )
    assert set(index.signatures) == {4}


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.sampled_from(WORDS), min_size=60, max_size=200),
    st.lists(st.sampled_from(WORDS), min_size=60, max_size=200),
)
def test_comparison_is_symmetric_and_bounded(first, second):
    a, b = signature(" ".join(first)), signature(" ".join(second))
    if a is None or b is None:
        return
    ab, ba = compare(a, b), compare(b, a)
    assert ab == ba
    assert 0 <= ab.jaccard <= ab.containment <= 1
    assert compare(a, a).jaccard == 1.0


def test_figures_are_amounts_not_dates_or_years():
    text = "Senin (10/3/2025), senilai Rp12,4 triliun, 2.300 pekerja, pada 2027."
    assert figure_keys(text) == {"12400000000000", "2300"}
    assert figure_keys("Rp 12.4 triliun") == {"12400000000000"}


@pytest.mark.parametrize(
    "one, other",
    [
        ("220 ribu ton", "220.000 ton"),
        ("Rp1,2 triliun", "Rp1.200 miliar"),
        ("US$220 juta", "US$ 220.000.000"),
        ("1,5 juta pekerja", "1.500.000 orang"),
    ],
)
def test_a_figure_is_its_value_however_written(one, other):
    assert figure_keys(one) == figure_keys(other) != frozenset()


def test_dates_and_times_are_not_figures():
    text = (
        "Minggu, 24 Des 2023 20:06 WIB: meledak pukul 05.30 Wita, "
        "peresmian 23 September dan September 23; 13 orang tewas."
    )
    assert figure_keys(text) == {"13"}


def test_texts_stating_different_amounts_are_not_the_same_story():
    alike = Match(jaccard=0.6, containment=0.8, figures=0.25)
    assert not is_same_story(alike)
    assert is_same_story(Match(jaccard=0.6, containment=0.8, figures=0.5))
    assert is_same_story(Match(jaccard=0.6, containment=0.8, figures=None))


def test_the_figures_share_needs_enough_figures_on_both_sides():
    words = text(0, 120)
    few = signature(words + " Rp5 miliar")
    many = signature(words + " Rp7 miliar, 300 pekerja, 40 hektare")
    other = signature(words + " Rp9 miliar, 800 pekerja, 12 hektare")
    assert compare(few, many).figures is None
    assert compare(many, other).figures == 0
    assert not is_same_story(compare(many, other))
