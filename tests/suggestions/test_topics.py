"""Topic scores: the keywords' counts, whole words, any case, title double."""

import re

import pytest

from articles.models import Topic
from articles.suggestions.services import Proposer


def counted(topic, text, title):
    """The score as every keyword's pattern counts it, nothing skipped."""
    patterns = [
        re.compile(rf"(?<!\w){re.escape(k.strip())}(?!\w)", re.IGNORECASE)
        for k in topic.keywords.splitlines()
        if k.strip()
    ]
    return sum(len(p.findall(text)) + 2 * len(p.findall(title)) for p in patterns)


@pytest.mark.django_db
def test_topic_scores_are_the_keywords_counts():
    Topic.objects.all().delete()
    topics = [
        Topic.objects.create(name="Baja", slug="baja", keywords="baja\nbaja ringan\n"),
        Topic.objects.create(name="Nikel", slug="nikel", keywords="nikel\nsmelter"),
        Topic.objects.create(name="Kosong", slug="kosong", keywords="\n  \n"),
        Topic.objects.create(name="Pajak", slug="pajak", keywords="PPN\nc++"),
    ]
    texts = [
        ("Pabrik BAJA ringan dan baja lembaran di Cilegon.", "Baja Ringan"),
        ("Bajaj melintas; pembajakan bukan baja.", ""),
        ("Smelter nikel di Morowali, nikelnya diekspor.", "Tanpa kata kunci"),
        ("Tidak ada apa-apa di sini.", "Judul biasa"),
        ("Harga NIKEL naik.", ""),
        ("Tarif ppn naik; bahasa c++ disebut.", "PPN"),
    ]
    proposer = Proposer()
    for text, title in texts:
        expected = [(t, counted(t, text, title)) for t in topics]
        assert proposer.topic_scores(text, title) == [
            (t, score) for t, score in expected if score
        ]
