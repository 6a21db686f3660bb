"""Test data built once per test run and written again, row by row, for each
test that asks for it.

Building a newsroom through the ORM (saves, signals, revisions) costs a second
or more per test; inserting the rows it wrote takes milliseconds. ``shared``
builds the data the first time, inside a savepoint of that test's transaction,
notes every row the build added, rolls it back, and from then on inserts those
rows directly and hands each test a deep copy of what the build returned (as
Django's ``setUpTestData`` hands out copies), so no test sees another's changes.

The rows are reused only when the database looks the same before the build as
it did the first time (the row count and the highest key of every table):
when a test wrote other rows first, its data is built through the ORM as
before. Rows the build found and changed (the content stamp, counts) are
written back as it left them; a build that deletes rows fails loudly.
"""

import copy

from django.apps import apps
from django.core.cache import cache
from django.core.management.color import no_style
from django.db import connection, transaction

_built = {}


def _tables():
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        columns = [f.column for f in model._meta.local_concrete_fields]
        yield model, model._meta.db_table, model._meta.pk.column, columns


def _fingerprint(cursor):
    """(count, highest key) of every table, in one query."""
    quote = connection.ops.quote_name
    parts = [
        f"SELECT '{table}', COUNT(*), CAST(MAX({quote(pk)}) AS TEXT) "
        f"FROM {quote(table)}"
        for _model, table, pk, _columns in _tables()
    ]
    cursor.execute(" UNION ALL ".join(parts))
    return tuple(sorted((t, n, str(top)) for t, n, top in cursor.fetchall()))


def _rows(cursor):
    quote = connection.ops.quote_name
    found = {}
    for model, table, pk, columns in _tables():
        quoted = ", ".join(quote(c) for c in columns)
        cursor.execute(f"SELECT {quoted} FROM {quote(table)}")
        at = columns.index(pk)
        found[table] = (model, pk, columns, {r[at]: r for r in cursor})
    return found


def _changes(before, after):
    """The rows the build added, and those it found and changed (a content
    stamp, a count), per table."""
    changes = []
    for table, (model, pk, columns, rows) in after.items():
        old = before[table][3]
        if old.keys() - rows.keys():
            raise RuntimeError(
                f"a shared build deleted rows of {table}; build it in the test instead"
            )
        new = [row for key, row in rows.items() if key not in old]
        changed = [row for key, row in rows.items() if key in old and old[key] != row]
        if new or changed:
            changes.append((model, table, pk, columns, new, changed))
    return changes


def insert(cursor, changes):
    """Write the rows of ``changes`` (see ``_changes``) and move the tables' key
    sequences past them."""
    quote = connection.ops.quote_name
    for _model, table, pk, columns, new, changed in changes:
        names = ", ".join(quote(c) for c in columns)
        if new:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(
                f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})", new
            )
        if changed:
            sets = ", ".join(f"{quote(c)} = %s" for c in columns)
            at = columns.index(pk)
            cursor.executemany(
                f"UPDATE {quote(table)} SET {sets} WHERE {quote(pk)} = %s",
                [(*row, row[at]) for row in changed],
            )
    models = [model for model, *_rest in changes]
    for statement in connection.ops.sequence_reset_sql(no_style(), models):
        cursor.execute(statement)


def _cold():
    from articles.freshness import memo as taxonomy_memo
    from articles.publiccounts import postings

    cache.clear()
    taxonomy_memo._memo.clear()
    postings.forget()


def shared(key, build):
    """What ``build()`` returns, with the rows it writes in the database; the
    rows are built through the ORM once per run (see the module's text) and
    kept under ``key``, one name per kind of data."""
    with connection.cursor() as cursor:
        state = _fingerprint(cursor)
        known = _built.get(key)
        if known is None or known[0] != state:
            with transaction.atomic():
                before = _rows(cursor)
                value = build()
                added = _changes(before, _rows(cursor))
                transaction.set_rollback(True)
            if known is None:
                _built[key] = known = (state, added, value)
            else:  # another starting point than the first time: no reuse
                insert(cursor, added)
                _cold()
                return value
        insert(cursor, known[1])
    _cold()
    return copy.deepcopy(known[2])
