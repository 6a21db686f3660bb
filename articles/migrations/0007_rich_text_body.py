"""Article bodies become sanitised HTML; their text gets a column of its own,
which the search index reads instead of the markup.

Plain bodies turn into paragraphs (a blank line starts one, a single newline is
a line break), revisions too; reversing turns them back into the text.
"""

import html
import re

from django.db import migrations, models

PG_SETUP = [
    """ALTER TABLE articles_article ADD COLUMN IF NOT EXISTS search_title_text
    tsvector GENERATED ALWAYS AS (to_tsvector('simple', translate(coalesce(title, ''), '<>', '  '))) STORED""",
    """CREATE INDEX IF NOT EXISTS article_search_text_title ON articles_article
    USING gin (search_title_text)""",
    """ALTER TABLE articles_article ADD COLUMN IF NOT EXISTS search_text tsvector
    GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', translate(coalesce(title, ''), '<>', '  ')), 'A')
        || setweight(to_tsvector('simple', translate(coalesce(standfirst, ''), '<>', '  ')), 'B')
        || setweight(to_tsvector('simple', translate(coalesce(body_text, ''), '<>', '  ')), 'C')
    ) STORED""",
    """CREATE INDEX IF NOT EXISTS article_search_text ON articles_article
    USING gin (search_text)""",
]

SQLITE_SETUP = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS articles_article_text USING fts5(
        title, standfirst, body_text,
        content='articles_article', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER IF NOT EXISTS articles_article_text_ai AFTER INSERT ON articles_article
    BEGIN
        INSERT INTO articles_article_text(rowid, title, standfirst, body_text)
        VALUES (new.id, new.title, new.standfirst, new.body_text);
    END""",
    """CREATE TRIGGER IF NOT EXISTS articles_article_text_ad AFTER DELETE ON articles_article
    BEGIN
        INSERT INTO articles_article_text(articles_article_text, rowid, title, standfirst, body_text)
        VALUES ('delete', old.id, old.title, old.standfirst, old.body_text);
    END""",
    """CREATE TRIGGER IF NOT EXISTS articles_article_text_au
    AFTER UPDATE OF title, standfirst, body_text ON articles_article
    BEGIN
        INSERT INTO articles_article_text(articles_article_text, rowid, title, standfirst, body_text)
        VALUES ('delete', old.id, old.title, old.standfirst, old.body_text);
        INSERT INTO articles_article_text(rowid, title, standfirst, body_text)
        VALUES (new.id, new.title, new.standfirst, new.body_text);
    END""",
]


OLD_FTS = "articles_article_fts"


def _paragraphs(text):
    return [
        p.strip()
        for p in re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n"))
        if p.strip()
    ]


def _html(text):
    return "".join(
        "<p>"
        + "<br>".join(html.escape(line, quote=False) for line in p.split("\n"))
        + "</p>"
        for p in _paragraphs(text)
    )


def _text(text):
    return "\n\n".join(
        "\n".join(" ".join(line.split()) for line in p.split("\n") if line.strip())
        for p in _paragraphs(text)
    )


def to_html(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    for article in Article.objects.only("pk", "body").iterator(chunk_size=2000):
        Article.objects.filter(pk=article.pk).update(
            body=_html(article.body), body_text=_text(article.body)
        )
    Historical = apps.get_model("articles", "HistoricalArticle")
    for revision in Historical.objects.only("history_id", "body").iterator(
        chunk_size=2000
    ):
        Historical.objects.filter(history_id=revision.history_id).update(
            body=_html(revision.body)
        )


def to_plain(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    for article in Article.objects.only("pk", "body_text").iterator(chunk_size=2000):
        Article.objects.filter(pk=article.pk).update(body=article.body_text)
    Historical = apps.get_model("articles", "HistoricalArticle")
    for revision in Historical.objects.only("history_id", "body").iterator(
        chunk_size=2000
    ):
        text = re.sub(r"</p>", "\n\n", revision.body)
        text = html.unescape(re.sub(r"<[^>]+>", "", text.replace("<br>", "\n")))
        Historical.objects.filter(history_id=revision.history_id).update(
            body=text.strip()
        )


def _drop(schema_editor, *, table, columns):
    if schema_editor.connection.vendor == "sqlite":
        for suffix in ("ai", "ad", "au"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_{suffix}")
        schema_editor.execute(f"DROP TABLE IF EXISTS {table}")
    elif schema_editor.connection.vendor == "postgresql":
        for column in columns:
            schema_editor.execute(
                f"ALTER TABLE articles_article DROP COLUMN IF EXISTS {column}"
            )


def index_text(apps, schema_editor):
    _drop(schema_editor, table=OLD_FTS, columns=("search_document", "search_title"))
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for statement in SQLITE_SETUP:
            schema_editor.execute(statement)
        schema_editor.execute(
            "INSERT INTO articles_article_text(articles_article_text) VALUES ('rebuild')"
        )
    elif vendor == "postgresql":
        for statement in PG_SETUP:
            schema_editor.execute(statement)


def index_body(apps, schema_editor):
    _drop(
        schema_editor,
        table="articles_article_text",
        columns=("search_text", "search_title_text"),
    )
    import importlib

    previous = importlib.import_module("articles.migrations.0005_performance")
    previous.create_search_index(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_assignment_revision_tags"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="body_text",
            field=models.TextField(
                blank=True, default="", editable=False, verbose_name="body as text"
            ),
        ),
        migrations.AlterField(
            model_name="article",
            name="body",
            field=models.TextField(
                help_text="Paragraphs, subheadings, bold, italic, links, lists and quotes; any other formatting is removed, the text is always kept.",
                verbose_name="body",
            ),
        ),
        migrations.AlterField(
            model_name="historicalarticle",
            name="body",
            field=models.TextField(
                help_text="Paragraphs, subheadings, bold, italic, links, lists and quotes; any other formatting is removed, the text is always kept.",
                verbose_name="body",
            ),
        ),
        migrations.RunPython(to_html, to_plain),
        migrations.RunPython(index_text, index_body),
    ]
