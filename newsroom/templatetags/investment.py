"""Amounts on the investment tracker, as readers read them."""

from decimal import Decimal

from django import template

from articles.site.charts import trillions

register = template.Library()


@register.filter
def rupiah(value) -> str:
    """1_200_000_000_000 -> "Rp1,2 triliun" (below a billion: in full)."""
    value = Decimal(value or 0)
    if value >= 10**12:
        return trillions(value)
    if value >= 10**9:
        amount = (value / Decimal(10**9)).quantize(Decimal("0.01")).normalize()
        return f"Rp{amount:f} miliar".replace(".", ",")
    return f"Rp{plain(value)}"


@register.filter
def plain(value) -> str:
    """A value without trailing zeros, thousands with a dot: 2.000; 2.002,7."""
    value = Decimal(value or 0).normalize()
    whole, _, fraction = f"{value:f}".partition(".")
    whole = f"{int(whole):,}".replace(",", ".")
    return f"{whole},{fraction}" if fraction else whole
