"""Known-entity matching: a seeded newsroom finds its entities' names and aliases
in new text, with Aho-Corasick."""

from entities.extraction import Extractor, known_index
from entities.kinds import ORGANISATION, PERSON

ROWS = [
    (1, "PT Krakatau Steel (Persero) Tbk", ORGANISATION, ["KS", "Krakatau Steel"]),
    (2, "Kementerian Perindustrian", ORGANISATION, ["Kemenperin"]),
    (3, "Andra Soni", PERSON, ["Andra"]),
]


def test_finds_names_and_aliases_as_whole_words():
    index = known_index(ROWS)
    found = [
        (m.text, m.known.entity_id)
        for m in index.find(
            "KS dan Krakatau Steel bertemu Kemenperin; kasus KSatria tidak."
        )
    ]
    assert found == [("KS", 1), ("Krakatau Steel", 1), ("Kemenperin", 2)]


def test_short_forms_match_only_as_written():
    index = known_index(ROWS)
    assert index.find("ks itu") == []
    assert [m.text for m in index.find("krakatau steel itu")] == ["krakatau steel"]


def test_a_first_name_alone_links_but_finds_nothing():
    index = known_index(ROWS)
    assert index.get("Andra").entity_id == 3
    assert index.find("Andra datang") == []


def test_a_seeded_newsroom_proposes_known_entities_found_in_text():
    proposals = Extractor(known=known_index(ROWS)).extract(
        "Produksi KS naik, kata Kemenperin."
    )
    by_name = {p.name: p for p in proposals if p.kind == ORGANISATION}
    assert by_name["PT Krakatau Steel (Persero) Tbk"].entity_id == 1
    assert by_name["PT Krakatau Steel (Persero) Tbk"].rule == "known.mention"
    assert by_name["Kementerian Perindustrian"].entity_id == 2


def test_a_known_organisation_is_never_a_person():
    text = "Ketua Sinar Harapan, Budi Santoso, mengatakan. Sinar Harapan mengatakan."
    rows = [(9, "Sinar Harapan", ORGANISATION, [])]
    people = {
        p.name
        for p in Extractor(known=known_index(rows)).extract(text)
        if p.kind == PERSON
    }
    assert "Sinar Harapan" not in people
    assert "Budi Santoso" in people


def test_rejected_keys_are_not_proposed():
    text = "Ketua Koperasi Maju, Budi Santoso, mengatakan."
    assert any(p.name == "Budi Santoso" for p in Extractor().extract(text))
    rejected = Extractor(rejected={"person:budi santoso"}).extract(text)
    assert not any(p.name == "Budi Santoso" for p in rejected)


def test_the_older_mapping_is_still_accepted():
    extractor = Extractor(
        known={"ks": (1, "PT Krakatau Steel (Persero) Tbk", ORGANISATION)}
    )
    assert extractor.known.get("KS").entity_id == 1
