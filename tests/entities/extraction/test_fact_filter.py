"""The trained filter of capacities and jobs (``entities.extraction.facts.filter``):
its features, what a filter trained on labelled figures drops, the setting
that switches it on, training on dev records only, and linear time. Every
sentence is invented; the filters are trained here, on invented articles."""

import io
import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import call_command

from articles.evaluation import fact_filter as training
from entities.extraction.facts import CAPACITY, INVESTMENT, JOBS, extract_facts
from entities.extraction.facts import filter as fact_filter
from entities.extraction.facts.extractor import candidates

from .test_linear_time import UNITS, assert_linear

pytest.importorskip("pycrfsuite")

COMPANIES = ["PT Tanah Subur", "PT Bukit Raya", "PT Samudra Jaya", "PT Gunung Lestari"]


def _article(i):
    """An invented article: a plant's output and hires (facts), the waste it
    dumps and the workers it fires (no facts, though the rules propose them)."""
    company = COMPANIES[i % 4]
    made, dumped = 10 + i, 300 + i
    hired, fired = 100 + i, 40 + i
    text = (
        f"Pabrik {company} memproduksi {made} ribu ton per tahun semen. "
        f"Pabrik itu membuang {dumped} ribu ton per tahun limbah ke sungai. "
        f"Perusahaan itu menyerap {hired} tenaga kerja. "
        f"Tahun lalu perusahaan itu memecat {fired} tenaga kerja."
    )
    labels = [
        {"kind": CAPACITY, "value": made * 1000},
        {"kind": JOBS, "value": hired},
    ]
    return training.Article(f"web/x-{i:03}", "batch-a.json", text, "", labels)


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """A filter trained on twelve invented articles."""
    path = tmp_path_factory.mktemp("filter") / "filter.crfsuite"
    fact_filter.train(training.examples([_article(i) for i in range(12)]), path)
    return fact_filter.FactFilter(path)


def _candidate(text, kind):
    return next(c for c in candidates(text) if c.figure.kind == kind)


def test_features_read_the_words_and_cues_around_a_figure():
    text = "Pabrik PT Tanah Subur berkapasitas 500 ribu ton per tahun semen."
    features = fact_filter.features(text, _candidate(text, CAPACITY))
    assert "capacity:proposed=True" in features
    assert "capacity:b1=berkapasitas" in features
    assert "capacity:a1=semen" in features
    assert "capacity:cb=plant" in features
    assert all(f.startswith("capacity:") for f in features)


def test_features_read_no_further_than_their_span():
    far = "x " * fact_filter.SPAN
    figure = "pabrik itu berkapasitas 500 ribu ton per tahun."
    text = f"Tahun 2021, 2022 dan 2023 {far}{figure}"
    features = fact_filter.features(text, _candidate(text, CAPACITY))
    # Only the figure's own number, and no list, within its span.
    assert {"capacity:numbers=1", "capacity:list=0"} <= set(features)


def test_labels_match_a_fact_of_the_figures_kind_within_one_percent():
    article = _article(0)
    labelled = {
        (c.figure.kind, str(c.figure.value)): positive
        for _text, c, positive in training.examples([article])
    }
    assert labelled == {
        (CAPACITY, "10000"): True,
        (CAPACITY, "300000"): False,
        (JOBS, "100"): True,
        (JOBS, "40"): False,
    }


def test_a_trained_filter_drops_what_its_training_calls_no_fact(trained):
    text = (
        "PT Kali Jernih menanamkan investasi Rp2 triliun. Pabrik PT Kali Jernih "
        "memproduksi 55 ribu ton per tahun semen. Pabrik itu membuang 777 ribu ton "
        "per tahun limbah ke sungai. Perusahaan itu menyerap 250 tenaga kerja. "
        "Tahun lalu perusahaan itu memecat 66 tenaga kerja."
    )
    rules = {(f.kind, int(f.value)) for f in extract_facts(text, fact_filter=None)}
    kept = {(f.kind, int(f.value)) for f in extract_facts(text, fact_filter=trained)}
    assert {(CAPACITY, 777000), (JOBS, 66)} <= rules
    assert kept == rules - {(CAPACITY, 777000), (JOBS, 66)}
    assert (INVESTMENT, 2 * 10**12) in kept


def test_the_default_filter_is_the_settings_one(settings, tmp_path, trained):
    text = "Tahun lalu perusahaan itu memecat 66 tenaga kerja."
    settings.WARTA_FACT_FILTER = ""
    assert fact_filter.default_filter() is None
    assert [f.value for f in extract_facts(text)] == [66]
    settings.WARTA_FACT_FILTER = str(tmp_path / "missing.crfsuite")
    assert fact_filter.default_filter() is None
    settings.WARTA_FACT_FILTER = str(trained.path)
    assert fact_filter.default_filter().path == trained.path
    assert extract_facts(text) == []


TRAIN = """
import django, sys
django.setup()
from articles.evaluation import fact_filter as training
from entities.extraction.facts import filter as fact_filter
from tests.entities.extraction.test_fact_filter import _article
articles = [_article(i) for i in range(6)]
fact_filter.train(training.examples(articles), sys.argv[1])
"""


def test_training_is_deterministic_whatever_the_hash_seed(tmp_path):
    # Sets of words iterate in an order that changes with the hash seed.
    for seed in ("1", "2"):
        subprocess.run(
            [sys.executable, "-c", TRAIN, str(tmp_path / seed)],
            check=True,
            cwd=settings.BASE_DIR,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
    assert (tmp_path / "1").read_bytes() == (tmp_path / "2").read_bytes()


def test_the_committed_filter_loads_and_weighs_a_figure():
    model = fact_filter.FactFilter(fact_filter.DEFAULT_MODEL)
    text = "Pabrik PT Tanah Subur berkapasitas 500 ribu ton per tahun semen."
    assert 0 < model.probability(text, _candidate(text, CAPACITY)) < 1


def _corpus(folder):
    """A corpus folder with six dev records and two held-out ones."""
    (folder / "texts").mkdir(parents=True)
    records = []
    for i in range(8):
        article = _article(i)
        record = {"id": f"x-{i:03}", "split": "dev" if i < 6 else "heldout"}
        record["facts"] = article.labels
        (folder / "texts" / f"x-{i:03}.txt").write_text(
            f"Judul {i}\n\n{article.text}\n", "utf-8"
        )
        records.append(record)
    (folder / "batch-a.json").write_text(json.dumps(records), "utf-8")
    return folder


def test_training_reads_dev_records_only(tmp_path):
    articles = training.dev_articles(_corpus(tmp_path))
    assert [a.name for a in articles] == [f"web/x-{i:03}" for i in range(6)]
    built = training.build(tmp_path / "filter.crfsuite", tmp_path)
    assert (built.articles, built.examples, built.positives) == (6, 24, 12)


def test_the_command_writes_a_filter(tmp_path, monkeypatch):
    from articles.management.commands import build_fact_filter

    corpus = _corpus(tmp_path / "corpus")
    monkeypatch.setattr(
        build_fact_filter,
        "build",
        lambda output, **params: training.build(output, corpus, **params),
    )
    output, log = tmp_path / "filter.crfsuite", io.StringIO()
    call_command("build_fact_filter", output=output, stdout=log)
    assert fact_filter.FactFilter(output).path == output
    assert "Trained on 6 dev articles" in log.getvalue()


@pytest.mark.parametrize("unit", ["facts", "figures", "units without figures"])
def test_the_filter_is_linear(trained, unit):
    assert_linear(
        lambda text: extract_facts(text, title=text[:120], fact_filter=trained),
        UNITS[unit],
        label="facts with the filter",
        also=("entities.extraction.facts.filter",),
    )
