"""Nothing typed or imported is silently lost (security review finding 1).

For every text field of every model, and for every import format: what goes in
comes back out identical, or the save is refused with a message. Property-based
(hypothesis), each example in a transaction that is rolled back.
"""

import json
from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.db import models, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.importing import parsers
from articles.importing.service import import_batch
from articles.models import Article, Source, Topic, richtext
from entities.models import Entity, EntityAlias, Region

EXAMPLES = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Anything at all, control characters, lone surrogates and NUL included.
anything = st.text(max_size=160)
# Words with the characters that HTML and the old plain-texting stumbled on.
word = st.text(
    alphabet=st.one_of(
        st.characters(whitelist_categories=("L", "N")), st.sampled_from(list("<>&;@"))
    ),
    min_size=1,
    max_size=12,
)
paragraph = st.lists(word, min_size=3, max_size=15).map(" ".join)


def instances():
    """A valid, unsaved instance of every model with text fields."""
    banten = Region.objects.create(
        name="Banten", slug="banten", kind="province", code="36"
    )
    entity = Entity.objects.create(name="PT Contoh", kind="organisation")
    return {
        Article: Article(title="Judul", slug="judul", body="<p>Isi.</p>"),
        Topic: Topic(name="Baja", slug="baja"),
        Source: Source(name="Kabar", slug="kabar"),
        Entity: Entity(name="Nama", slug="nama", kind="person"),
        EntityAlias: EntityAlias(entity=entity, name="Alias"),
        Region: Region(
            name="Kota Uji", slug="kota-uji", kind="city", code="36.99", parent=banten
        ),
    }


def text_fields(model):
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, (models.CharField, models.TextField))
        and field.editable
        and not field.choices
        and field.name != "body"
    ]


CASES = [
    (model, field.name)
    for model in (Article, Topic, Source, Entity, EntityAlias, Region)
    for field in text_fields(model)
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "field_name"), CASES, ids=lambda c: getattr(c, "__name__", c)
)
def test_every_text_field_round_trips_or_is_refused(model, field_name):
    @EXAMPLES
    @given(value=anything)
    def check(value):
        with transaction.atomic():
            instance = instances()[model]
            setattr(instance, field_name, value)
            try:
                instance.full_clean()
            except ValidationError as exc:
                assert exc.message_dict, "refused without saying why"
                transaction.set_rollback(True)
                return
            instance.save()
            stored = model.objects.get(pk=instance.pk)
            if value == "" and field_name == "slug":
                assert stored.slug  # an empty slug is derived from the name
            else:
                assert getattr(stored, field_name) == value
            transaction.set_rollback(True)

    check()


@pytest.mark.django_db
def test_the_body_keeps_every_typed_word_or_is_refused():
    @EXAMPLES
    @given(paragraphs=st.lists(st.one_of(paragraph, anything), min_size=1, max_size=4))
    def check(paragraphs):
        typed = "\n\n".join(paragraphs)
        with transaction.atomic():
            article = Article(
                title="Judul", slug="judul", body=richtext.from_text(typed)
            )
            try:
                article.full_clean()
            except ValidationError as exc:
                assert exc.message_dict
                transaction.set_rollback(True)
                return
            article.save()
            stored = Article.objects.get(pk=article.pk)
            assert stored.body_text == richtext.to_text(richtext.from_text(typed))
            transaction.set_rollback(True)

    check()


def _stored_words(article):
    fields = (
        article.title,
        article.dateline,
        article.credit,
        article.byline,
        article.source.name if article.source else "",
        article.body_text,
    )
    return Counter(richtext.WORD.findall(" ".join(fields)))


def _formats(paragraphs, tmp_path):
    text = "\n".join(paragraphs)
    feed_items = "".join(f"<p>{richtext.from_text(p)[3:-4]}</p>" for p in paragraphs)
    return {
        "artikel.txt": text,
        "teks.json": json.dumps(
            {"title": "Judul", "body": "\n\n".join(paragraphs), "body_format": "text"}
        ),
        "tebakan.json": json.dumps({"title": "Judul", "body": " ".join(paragraphs)}),
        "html.json": json.dumps(
            {
                "title": "Judul",
                "body": richtext.from_text("\n\n".join(paragraphs)),
                "body_format": "html",
            }
        ),
        "umpan.xml": (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            "<title>Umpan</title><item><title>Judul</title><description>"
            + feed_items.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            + "</description></item></channel></rss>"
        ),
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ["artikel.txt", "teks.json", "tebakan.json", "html.json", "umpan.xml"]
)
def test_every_import_format_keeps_every_word_or_refuses(name, tmp_path):
    @EXAMPLES
    @given(paragraphs=st.lists(paragraph, min_size=2, max_size=5))
    def check(paragraphs):
        path = tmp_path / name
        path.write_text(_formats(paragraphs, tmp_path)[name], encoding="utf-8")
        with transaction.atomic():
            try:
                report = import_batch(parsers.parse_path(path))
            except parsers.ImportFailed as exc:
                assert name in str(exc)
                transaction.set_rollback(True)
                return
            (item,) = report.planned
            if item.created:
                article = Article.objects.select_related("source").get(
                    pk=item.article.pk
                )
                typed = Counter(richtext.WORD.findall(" ".join(paragraphs)))
                assert not typed - _stored_words(article), (
                    paragraphs,
                    article.body_text,
                )
            transaction.set_rollback(True)

    check()
