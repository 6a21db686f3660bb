"""What the ORM cannot say alone: one UNION ALL of querysets that are each
ordered and sliced (Django refuses that inside a union on SQLite; a subquery in
FROM does it on both databases)."""

from django.db import connection
from django.db.models import CharField, IntegerField, Value


def text(value: str) -> Value:
    """A constant text column, for querysets that share a union's columns."""
    return Value(value, output_field=CharField())


def number(value: int) -> Value:
    """A constant integer column."""
    return Value(value, output_field=IntegerField())


def union_all(*querysets) -> list[tuple]:
    """Return the rows of ``querysets`` (the same columns) from one query, in no
    particular order between them."""
    if not querysets:
        return []
    parts = [queryset.query.sql_with_params() for queryset in querysets]
    query = " UNION ALL ".join(
        f"SELECT * FROM ({part}) AS part{n}" for n, (part, _) in enumerate(parts)
    )
    with connection.cursor() as cursor:
        cursor.execute(query, [param for _, params in parts for param in params])
        return cursor.fetchall()
