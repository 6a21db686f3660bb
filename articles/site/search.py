"""Full-text search over articles, one interface for both databases.

SQLite (the embedded default) uses an FTS5 table kept in step with
``articles_article`` by triggers; PostgreSQL uses stored generated ``tsvector``
columns (document and title) with GIN indexes. Both index the body's text
(``Article.body_text``), never its markup. They are created by migration
``articles.0007`` and re-checked after every ``migrate`` (a later migration that
rebuilds the article table on SQLite drops its triggers; ``ensure_index`` puts
them back).

Results come in tiers: articles with every word in the title, then articles with
every word anywhere in the text, then articles tagged with an entity whose name
or alias is exactly the query. Within a tier the newest (by id) come first, which
lets SQLite read the FTS index in order and stop after ``limit`` rows, so a query
made of words that are in every article costs no more than a rare one.
"""

import contextlib
import re

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import F, Lookup, Q
from django.db.models.expressions import RawSQL

from articles.models import sql

FTS_TABLE = "articles_article_text"
MAX_TERMS = 8

# PostgreSQL: a stored, generated tsvector column (not a model field: only this
# module reads it) and a GIN index on it. Stored, so that checking a row never
# re-parses its body. Angle brackets become spaces first: PostgreSQL's parser
# would take "<menurut>" in plain text for a tag and not index the word.
PG_COLUMN = "search_text"
PG_TITLE_COLUMN = "search_title_text"
PG_INDEX_NAME = "article_search_text"


def _words(column):
    # Angle brackets become spaces: see the comment above.
    return f"to_tsvector('simple', translate(coalesce({column}, ''), '<>', '  '))"


PG_SETUP = [
    f"""ALTER TABLE articles_article ADD COLUMN IF NOT EXISTS {PG_TITLE_COLUMN}
    tsvector GENERATED ALWAYS AS ({_words("title")}) STORED""",
    f"""CREATE INDEX IF NOT EXISTS {PG_INDEX_NAME}_title ON articles_article
    USING gin ({PG_TITLE_COLUMN})""",
    f"""ALTER TABLE articles_article ADD COLUMN IF NOT EXISTS {PG_COLUMN} tsvector
    GENERATED ALWAYS AS (
        setweight({_words("title")}, 'A')
        || setweight({_words("standfirst")}, 'B')
        || setweight({_words("body_text")}, 'C')
    ) STORED""",
    f"""CREATE INDEX IF NOT EXISTS {PG_INDEX_NAME} ON articles_article
    USING gin ({PG_COLUMN})""",
]

SQLITE_SETUP = [
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(
        title, standfirst, body_text,
        content='articles_article', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2')""",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_ai AFTER INSERT ON articles_article
    BEGIN
        INSERT INTO {FTS_TABLE}(rowid, title, standfirst, body_text)
        VALUES (new.id, new.title, new.standfirst, new.body_text);
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_ad AFTER DELETE ON articles_article
    BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, standfirst, body_text)
        VALUES ('delete', old.id, old.title, old.standfirst, old.body_text);
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_au
    AFTER UPDATE OF title, standfirst, body_text ON articles_article
    BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, standfirst, body_text)
        VALUES ('delete', old.id, old.title, old.standfirst, old.body_text);
        INSERT INTO {FTS_TABLE}(rowid, title, standfirst, body_text)
        VALUES (new.id, new.title, new.standfirst, new.body_text);
    END""",
]
SQLITE_OBJECTS = {FTS_TABLE, f"{FTS_TABLE}_ai", f"{FTS_TABLE}_ad", f"{FTS_TABLE}_au"}


def ensure_index(*, connection=connection, schema_editor=None):
    """Create the search index where it is missing; rebuild it if it had been
    missing or had lost its triggers. Safe to call at any time."""
    conn = schema_editor.connection if schema_editor else connection
    if conn.vendor == "sqlite":
        with conn.cursor() as cursor:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE name IN (%s, %s, %s, %s)",
                sorted(SQLITE_OBJECTS),
            )
            present = {row[0] for row in cursor.fetchall()}
            if present == SQLITE_OBJECTS:
                return False
            for statement in SQLITE_SETUP:
                cursor.execute(statement)
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")
        return True
    if conn.vendor == "postgresql":
        with conn.cursor() as cursor:
            cursor.execute(
                "SELECT 1 FROM pg_indexes WHERE indexname = %s", [PG_INDEX_NAME]
            )
            if cursor.fetchone():
                return False
            for statement in PG_SETUP:
                cursor.execute(statement)
        return True
    return False


def drop_index(schema_editor):
    conn = schema_editor.connection
    if conn.vendor == "sqlite":
        for name in sorted(SQLITE_OBJECTS - {FTS_TABLE}):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
        schema_editor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    elif conn.vendor == "postgresql":
        for column in (PG_COLUMN, PG_TITLE_COLUMN):
            schema_editor.execute(
                f"ALTER TABLE articles_article DROP COLUMN IF EXISTS {column}"
            )


def terms(text: str) -> list[str]:
    """The words of ``text`` a search uses: letters and digits, at most eight."""
    return re.findall(r"\w+", text.lower())[:MAX_TERMS]


def _fts_query(words, column=None, *, prefix=False):
    star = "*" if prefix else ""
    quoted = " ".join('"' + word.replace('"', '""') + '"' + star for word in words)
    return f"{{{column}}} : ({quoted})" if column else f"({quoted})"


def tiers(queryset, text: str):
    """Return the querysets of ``queryset``'s matches for ``text``, best tier
    first, each ordered newest (highest id) first."""
    from articles.models import TaggedEntity

    words = terms(text)
    if not words:
        return []
    base = queryset.order_by()
    if connection.vendor == "sqlite":
        everywhere, in_title = _fts_query(words), _fts_query(words, "title")
        tiered = [
            _sqlite_match(base, in_title),
            _sqlite_match(base, f"{everywhere} NOT {in_title}"),
        ]
    elif connection.vendor == "postgresql":
        words_text = " ".join(words)
        in_text = f"articles_article.{PG_COLUMN} @@ plainto_tsquery('simple', %s)"
        in_title = (
            f"articles_article.{PG_TITLE_COLUMN} @@ plainto_tsquery('simple', %s)"
        )
        tiered = [
            # The document's words include the title's, so a title match is a
            # text match: only the title's small vector is checked, not the
            # document's, which is large and stored out of line (reading it
            # for each row walked made a common word's first tier several times
            # slower: docs/postgres-plans.md).
            base.extra(where=[in_title], params=[words_text]).order_by("-pk"),
            base.extra(
                where=[in_text, f"NOT ({in_title})"], params=[words_text, words_text]
            ).order_by("-pk"),
        ]
    else:  # pragma: no cover - only SQLite and PostgreSQL are supported
        raise NotImplementedError(connection.vendor)
    entity_ids = entities_named(" ".join(text.split()))
    if entity_ids:
        named = TaggedEntity.objects.filter(tag_id__in=entity_ids)
        tiered.append(
            base.filter(pk__in=named.values("content_object_id")).order_by("-pk")
        )
    return tiered


def entities_named(name: str) -> list[int]:
    """The ids of the entities whose name or an alias is ``name`` (any case),
    cached for the current content stamp."""
    from articles.freshness import cached
    from entities.models import Entity

    def compute():
        return list(Entity.objects.matching_name(name).values_list("pk", flat=True))

    return cached(f"entities-named:{name.lower()}", compute)


def _sqlite_match(queryset, expression):
    return queryset.extra(
        tables=[FTS_TABLE],
        where=[
            f"{FTS_TABLE}.rowid = articles_article.id",
            f"{FTS_TABLE} MATCH %s",
        ],
        params=[expression],
        order_by=[f"-{FTS_TABLE}.rowid"],
    )


def _text_index_first(part):
    """SQLite: read a tier's matches from the text index, newest first, and
    look each article up (``CROSS JOIN`` fixes the order). Left to choose,
    SQLite walked every public article and asked the text index about each:
    over a minute for a common word with a region filter at 100k articles
    (10 ms read from the index)."""
    query, params = part
    if connection.vendor == "sqlite":
        query = query.replace(
            f'FROM "articles_article" , "{FTS_TABLE}"',
            f'FROM "{FTS_TABLE}" CROSS JOIN "articles_article"',
        )
    return query, params


def matching_ids(queryset, text: str, limit: int) -> list[int]:
    """Return up to ``limit`` ids of ``queryset``'s articles matching ``text``,
    title matches first, in one query whatever the number of tiers."""
    rows = sql.union_all_sql(
        [
            _text_index_first(
                tier.values_list("pk", sql.number(n))[:limit].query.sql_with_params()
            )
            for n, tier in enumerate(tiers(queryset, text))
        ]
    )
    # Each tier is newest first by id; keep the tiers in order, each id once.
    rows.sort(key=lambda row: (row[1], -row[0]))
    return list(dict.fromkeys(pk for pk, _ in rows))[:limit]


def _pg_prefix_query(words) -> str:
    # ``terms`` keeps letters, digits and "_" only, so quoting each word is
    # enough to make the tsquery safe.
    return " & ".join(f"'{word}':*" for word in words)


def matching(queryset, text: str, *, prefix=False):
    """Return the articles of ``queryset`` that any tier of ``tiers`` finds for
    ``text`` (every word in the text, or tagged with an entity the text names),
    unordered: for callers that order by something else than relevance, such as
    the API's newest-first keyset pages and exports. No words, no matches.

    With ``prefix`` each word also matches the words it begins ("Krakat" finds
    "Krakatau"): the admin's search, where an editor types part of a name."""
    condition = matching_q(text, prefix=prefix)
    return queryset.none() if condition is None else queryset.filter(condition)


def text_ids(text: str) -> list[int]:
    """The ids of every article, whatever its status, whose text holds every
    word of ``text``, read from the text index alone (no join with the
    articles: the caller keeps the public ones, ``publiccounts.postings``).
    With ``entities_named`` it is ``matching``'s set of matches."""
    from articles.models import Article

    words = terms(text)
    if not words:
        return []
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",
                [_fts_query(words)],
            )
            return [row[0] for row in cursor.fetchall()]
    with text_index_read():
        return list(
            Article.objects.filter(_PlainMatch(F("pk"), " ".join(words)))
            .order_by()
            .values_list("pk", flat=True)
        )


@contextlib.contextmanager
def text_index_read():
    """PostgreSQL: no sequential scan for the queries in the block, and the
    web's statement timeout raised to ``WARTA_SEARCH_STATEMENT_TIMEOUT_MS``
    (no limit stays no limit); both as they were after it. For a word in most
    articles the planner chose to read every article's stored vector (kept
    out of line, which it does not count) instead of the text index's bitmap:
    1.36 s against 0.2 s at 100,000 articles; at a million the index's read
    still takes seconds, past the 5 s the web allows (a 503 for the first
    reader of each worker: docs/performance.md)."""
    limit = str(settings.WARTA_SEARCH_STATEMENT_TIMEOUT_MS)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('enable_seqscan'), "
            "current_setting('statement_timeout'), "
            "set_config('enable_seqscan', 'off', false), "
            "set_config('statement_timeout', CASE current_setting('statement_timeout')"
            " WHEN '0' THEN '0' ELSE %s END, false)",
            [limit],
        )
        seqscan, timeout, _off, _limit = cursor.fetchone()
        try:
            yield
        finally:
            # In a transaction the block's error broke, the rollback that
            # follows undoes the settings anyway.
            with contextlib.suppress(DatabaseError):
                cursor.execute(
                    "SELECT set_config('enable_seqscan', %s, false), "
                    "set_config('statement_timeout', %s, false)",
                    [seqscan, timeout],
                )


def matching_q(text: str, *, prefix=False):
    """The condition of ``matching`` as a ``Q`` on articles (to combine with
    others), or None when ``text`` has no words."""
    from articles.models import TaggedEntity

    words = terms(text)
    if not words:
        return None
    entity_ids = entities_named(" ".join(text.split()))
    named = TaggedEntity.objects.filter(tag_id__in=entity_ids).values(
        "content_object_id"
    )
    if connection.vendor == "sqlite":
        found = RawSQL(
            f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",
            [_fts_query(words, prefix=prefix)],
        )
        condition = Q(pk__in=found)
        return condition | Q(pk__in=named) if entity_ids else condition
    if connection.vendor == "postgresql":
        # Conditions on the article's own row, never ``id IN (SELECT ...)``:
        # PostgreSQL then ORs the text index with the others' indexes
        # (BitmapOr), counts the matches from the bitmap and may walk the
        # list's index for a page when matches are dense; the subquery made
        # it scan every article and hash every match (docs/performance.md).
        query = (
            _PrefixMatch(F("pk"), _pg_prefix_query(words))
            if prefix
            else _PlainMatch(F("pk"), " ".join(words))
        )
        condition = Q(query)
        return condition | Q(_InArray(F("pk"), named)) if entity_ids else condition
    raise NotImplementedError(connection.vendor)  # pragma: no cover


class _TextMatch(Lookup):
    """The article's stored search vector (``PG_COLUMN``, not a model field)
    matches a text query; written on the article's ``pk`` so that the table's
    alias is the query's own wherever the condition ends up (a subquery
    renames it)."""

    prepare_rhs = False
    function = ""

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(self.lhs.alias)
        rhs, params = self.process_rhs(compiler, connection)
        return f"{table}.{PG_COLUMN} @@ {self.function}('simple', {rhs})", params


class _PrefixMatch(_TextMatch):
    lookup_name = "text_prefix_match"
    function = "to_tsquery"


class _PlainMatch(_TextMatch):
    lookup_name = "text_match"
    function = "plainto_tsquery"


class _InArray(Lookup):
    """``pk = ANY(ARRAY(subquery))``: unlike ``IN (subquery)``, an index
    condition PostgreSQL can OR with the text index's."""

    lookup_name = "in_array"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY(ARRAY{rhs})", (*lhs_params, *rhs_params)
