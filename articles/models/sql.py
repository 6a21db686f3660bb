"""What the ORM cannot say alone: one UNION ALL of querysets that are each
ordered and sliced (Django refuses that inside a union on SQLite; a subquery in
FROM does it on both databases)."""

import json

from django.db import connection
from django.db.models import CharField, IntegerField, Value
from django.db.models.expressions import RawSQL


def text(value: str) -> Value:
    """A constant text column, for querysets that share a union's columns."""
    return Value(value, output_field=CharField())


def number(value: int) -> Value:
    """A constant integer column."""
    return Value(value, output_field=IntegerField())


def union_all(*querysets) -> list[tuple]:
    """Return the rows of ``querysets`` (the same columns) from one query, in no
    particular order between them."""
    return union_all_sql([queryset.query.sql_with_params() for queryset in querysets])


def union_all_sql(parts) -> list[tuple]:
    """``union_all`` of ``(sql, params)`` pairs (the querysets' SQL, rewritten
    by the caller where the ORM cannot say it)."""
    if not parts:
        return []
    query = " UNION ALL ".join(
        f"SELECT * FROM ({part}) AS part{n}" for n, (part, _) in enumerate(parts)
    )
    with connection.cursor() as cursor:
        cursor.execute(query, [param for _, params in parts for param in params])
        return cursor.fetchall()


def id_list(ids) -> RawSQL:
    """A subquery of the integers ``ids``, read once and passed as one
    parameter (a JSON array on SQLite, an array on PostgreSQL): for
    ``filter(pk__in=...)`` in several queries without working out a set of
    matches again in each, and with no limit on the number of ids."""
    ids = [int(pk) for pk in ids]
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", [ids])
    return RawSQL("SELECT value FROM json_each(%s)", [json.dumps(ids)])
