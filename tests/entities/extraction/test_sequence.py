"""The trained sequence model beside the rules (``entities.extraction.sequence``):
tags made from labels, the model's proposals, how they join the rules', the
extractor's hook, and linear time. Every name is invented; the models are
trained here, on invented sentences."""

import json

import pytest

from articles.evaluation import sequence as training
from entities.extraction import Extractor, Proposal
from entities.extraction.sequence import layer
from entities.extraction.sequence import model as sequence
from entities.extraction.sequence.labels import bio_tags
from entities.extraction.tokens import sentences
from entities.kinds import ORGANISATION, PERSON, REGION

from .test_linear_time import UNITS, assert_linear

pycrfsuite = pytest.importorskip("pycrfsuite")

PEOPLE = [
    "Sutarjo Wiranegara",
    "Melati Kusumawardani",
    "Rangga Permadi",
    "Yosef Taniwel",
]
BODIES = ["PT Gunung Lestari", "PT Samudra Jaya", "Dinas Perikanan", "PT Bukit Asri"]


def _sentence(i):
    person, body = PEOPLE[i % 4], BODIES[(i // 4) % 4]
    return (
        f"Menurut {person}, {body} membangun gudang baru.",
        [[person]],
        [[body]],
    )


@pytest.fixture(scope="module")
def model(tmp_path_factory):
    """A model trained on sixteen invented sentences."""
    pairs = []
    for i in range(16):
        text, people, bodies = _sentence(i)
        found = sentences(text)
        tags, _unfound = bio_tags(text, found, people, bodies)
        pairs += list(zip(found, tags, strict=True))
    path = tmp_path_factory.mktemp("model") / "model.crfsuite"
    sequence.train(pairs, path)
    return sequence.SequenceModel(path)


def test_tags_come_from_the_written_forms_longest_first():
    text = "Kepala Dinas Perikanan Sutarjo Wiranegara menemui Sutarjo di PT Samudra."
    found = sentences(text)
    tags, unfound = bio_tags(
        text,
        found,
        [["Sutarjo Wiranegara", "Sutarjo"], ["Nama Tak Tertulis"]],
        [["Dinas Perikanan"], ["PT Samudra Jaya", "Samudra"]],
    )
    by_token = dict(zip((t.text for t in found[0]), tags[0], strict=False))
    assert [t for t in tags[0] if t != "O"] == [
        "B-ORG",
        "I-ORG",
        "B-PER",
        "I-PER",
        "B-PER",
        "B-ORG",
    ]
    assert by_token["Kepala"] == "O"
    assert by_token["PT"] == "O"  # "PT Samudra Jaya" is not written; "Samudra" is
    assert unfound == 1  # "Nama Tak Tertulis"


def test_tags_need_whole_words_and_the_case_as_written():
    text = "Bupati Rangga menemui rangga dan Ranggawarsita."
    found = sentences(text)
    tags, _unfound = bio_tags(text, found, [["Rangga"]], [])
    assert tags[0].count("B-PER") == 1


def test_the_model_tags_a_name_in_a_sentence_like_its_training(model):
    analysis = model.analyse("Menurut Rangga Permadi, PT Bukit Asri membangun gudang.")
    spans = {(s.kind, s.text) for s in analysis.spans()}
    assert (PERSON, "Rangga Permadi") in spans
    assert (ORGANISATION, "PT Bukit Asri") in spans
    assert all(0.0 <= p <= 1.0 for p in analysis.inside[PERSON])


def _analysis(text, people=(), bodies=(), probability=0.95):
    """An analysis whose tags are given: ``people`` and ``bodies`` are the
    names to tag (each where it is first written after the one before it),
    each with ``probability``."""
    analysis = sequence.Analysis(text, inside={PERSON: [], ORGANISATION: []})
    tokens = [t for s in sentences(text) for t in s]
    names = [(n, "PER", PERSON) for n in people] + [
        (n, "ORG", ORGANISATION) for n in bodies
    ]
    tags = ["O"] * len(tokens)
    taken = 0  # names are tagged in the order written, each after the last
    for name, tag, _kind in sorted(names, key=lambda n: text.index(n[0])):
        start = text.index(name, taken)
        taken = start + len(name)
        inside = [
            i for i, t in enumerate(tokens) if start <= t.start < start + len(name)
        ]
        tags[inside[0]] = f"B-{tag}"
        for i in inside[1:]:
            tags[i] = f"I-{tag}"
    analysis.tokens, analysis.tags = tokens, tags
    for kind, tag in ((PERSON, "PER"), (ORGANISATION, "ORG")):
        analysis.inside[kind] = [probability if t.endswith(tag) else 0.01 for t in tags]
    return analysis


def test_proposals_fold_a_single_name_and_drop_honorifics():
    text = "Bu Melati Kusumawardani hadir. Melati berkata, PT Gunung Lestari siap."
    analysis = _analysis(
        text, people=["Bu Melati Kusumawardani", "Melati"], bodies=["PT Gunung Lestari"]
    )
    found = {(p.kind, p.name): p for p in sequence.proposals(analysis)}
    assert set(found) == {
        (PERSON, "Melati Kusumawardani"),
        (ORGANISATION, "PT Gunung Lestari"),
    }
    assert "Melati" in found[PERSON, "Melati Kusumawardani"].aliases
    assert found[PERSON, "Melati Kusumawardani"].rule == "sequence.crf"


def test_proposals_below_the_confidence_are_left_out():
    analysis = _analysis(
        "Kata Yosef Taniwel hari ini.", people=["Yosef Taniwel"], probability=0.6
    )
    assert sequence.proposals(analysis, min_confidence=0.8) == []
    assert [p.name for p in sequence.proposals(analysis, min_confidence=0.5)] == [
        "Yosef Taniwel"
    ]


def _proposal(kind, name, *aliases):
    return Proposal(kind, name, "", 0.9, aliases=set(aliases), rule="test")


def test_union_adds_only_plausible_people_the_rules_did_not_find():
    rules = [
        _proposal(PERSON, "Sutarjo Wiranegara"),
        _proposal(ORGANISATION, "Bank Sejahtera Mandiri"),
        _proposal(REGION, "Kota Serang"),
    ]
    model = [
        _proposal(PERSON, "Sutarjo"),  # a word of a person the rules found
        _proposal(PERSON, "Sejahtera Mandiri"),  # words of a body the rules found
        _proposal(PERSON, "Cilegon"),  # a place
        _proposal(PERSON, "politikus Budiman"),  # a word in lower case
        _proposal(PERSON, "Yosef Taniwel"),
        _proposal(ORGANISATION, "PT Bukit Asri"),  # a kind not asked for
    ]
    added = sequence.union(rules, model, (PERSON,))[len(rules) :]
    assert [p.name for p in added] == ["Yosef Taniwel"]


def test_filtered_drops_bodies_the_model_doubts_and_keeps_names_it_cannot_see():
    text = "PT Gunung Lestari dan Koperasi Maju Bersama hadir. Kata Rangga."
    analysis = _analysis(text, people=["Rangga"], bodies=["PT Gunung Lestari"])
    rules = [
        _proposal(ORGANISATION, "PT Gunung Lestari"),
        _proposal(ORGANISATION, "Koperasi Maju Bersama"),  # read as no body: 0.01
        _proposal(ORGANISATION, "PT Tidak Tertulis"),  # not in the text
        _proposal(PERSON, "Rangga"),
    ]
    kept = sequence.filtered(rules, analysis, 0.2)
    assert [p.name for p in kept] == [
        "PT Gunung Lestari",
        "PT Tidak Tertulis",
        "Rangga",
    ]


class _Given:
    def __init__(self, analysis):
        self.analysis = analysis

    def analyse(self, text):
        assert text == self.analysis.text
        return self.analysis


def test_the_extractor_hook_adds_people_and_drops_doubted_bodies():
    text = "Sejak pagi Yosef Taniwel meninjau lokasi bersama PT Gunung Lestari."
    rules = Extractor(sequence=None).extract(text)
    assert "Yosef Taniwel" not in {p.name for p in rules if p.kind == PERSON}
    assert "PT Gunung Lestari" in {p.name for p in rules if p.kind == ORGANISATION}

    analysis = _analysis(text, people=["Yosef Taniwel"])
    found = Extractor(sequence=_Given(analysis)).extract(text)
    people = {p.name: p for p in found if p.kind == PERSON}
    assert people["Yosef Taniwel"].rule == "sequence.crf"
    assert "PT Gunung Lestari" not in {p.name for p in found if p.kind == ORGANISATION}


def test_rejected_keys_apply_to_the_models_people_too():
    text = "Sejak pagi Yosef Taniwel meninjau lokasi."
    analysis = _analysis(text, people=["Yosef Taniwel"])
    extractor = Extractor(sequence=_Given(analysis), rejected={"person:yosef taniwel"})
    assert "Yosef Taniwel" not in {p.name for p in extractor.extract(text)}


def test_the_default_model_is_the_settings_one(settings, tmp_path, model):
    settings.WARTA_SEQUENCE_MODEL = ""
    assert Extractor().sequence is None
    settings.WARTA_SEQUENCE_MODEL = str(tmp_path / "missing.crfsuite")
    assert Extractor().sequence is None
    settings.WARTA_SEQUENCE_MODEL = str(model.path)
    assert Extractor().sequence.path == model.path


@pytest.mark.parametrize("unit", UNITS)
def test_the_layer_is_linear(model, unit):
    def run(text):
        return layer.apply(
            text,
            [
                _proposal(ORGANISATION, "PT Baja Raya", "Baja Raya"),
                _proposal(ORGANISATION, "Dinas Perindustrian"),
                _proposal(PERSON, "Budi Santoso"),
            ],
            model,
        )

    assert_linear(
        run,
        UNITS[unit],
        label="sequence layer",
        also=(
            "entities.extraction.sequence.features",
            "entities.extraction.sequence.model",
            "entities.extraction.sequence.layer",
        ),
    )


def test_training_reads_development_texts_only():
    documents = training.development_documents()
    groups = {g for d in documents for g in d.groups}
    assert {"seeds", "real-dev", "real2"} <= groups
    assert not groups & {"real-holdout", "web-heldout", "heldout"}
    assert all(d.gold.get("split", "dev") == "dev" for d in documents)


def test_build_writes_a_model_from_a_labelled_folder(tmp_path):
    (tmp_path / "seeds").mkdir()
    labels = {}
    for i in range(8):
        text, people, bodies = _sentence(i)
        name = f"seeds/{i:03}.txt"
        (tmp_path / name).write_text(f"Judul {i}\n\n{text}\n", "utf-8")
        labels[name] = {"people": people, "organisations": bodies, "regions": []}
    (tmp_path / "annotations.json").write_text(json.dumps(labels), "utf-8")
    output = tmp_path / "model.crfsuite"
    built = training.build(output, tmp_path, web=False)
    assert (built.texts, built.web_texts, built.unfound) == (8, 0, 0)
    analysis = sequence.SequenceModel(output).analyse(
        "Menurut Yosef Taniwel, PT Samudra Jaya membangun gudang."
    )
    assert (PERSON, "Yosef Taniwel") in {(s.kind, s.text) for s in analysis.spans()}


def _many_bodies(text):
    """As many different bodies as the text is long (one per 40 characters),
    each written in it once."""
    names = [f"PT Baja {chr(0x4E00 + i)}" for i in range(max(1, len(text) // 40))]
    return " ".join(names) + " " + text, [_proposal(ORGANISATION, n) for n in names]


@pytest.mark.parametrize("unit", ["capitalised run", "PT PT PT", "roles"])
def test_the_layer_is_linear_in_the_bodies_it_weighs(model, unit):
    def run(text):
        full, bodies = _many_bodies(text)
        return layer.apply(full, bodies, model)

    assert_linear(
        run,
        UNITS[unit],
        label="sequence layer, many bodies",
        also=("entities.extraction.sequence.model",),
    )
