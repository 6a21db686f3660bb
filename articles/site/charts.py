"""Charts drawn on the server as SVG: bars with their geometry computed here,
each with a text equivalent, and a data table beside every chart (the template
``includes/timeline_chart.html``)."""

from dataclasses import dataclass
from decimal import Decimal

WIDTH, HEIGHT = 640, 220
MARGIN_LEFT, MARGIN_BOTTOM, MARGIN_TOP = 8, 28, 20
TRILLION = Decimal(10**12)


@dataclass
class Bar:
    label: str
    value: Decimal
    x: float
    y: float
    width: float
    height: float

    @property
    def text_x(self):
        return round(self.x + self.width / 2, 1)


def timeline(totals) -> list[Bar]:
    """Bars of the rupiah amounts of ``totals`` (``facts.selectors.Total``, in
    order), scaled to the chart's height."""
    if not totals:
        return []
    top = max((t.rupiah for t in totals), default=Decimal(0)) or Decimal(1)
    plot_height = HEIGHT - MARGIN_BOTTOM - MARGIN_TOP
    slot = (WIDTH - MARGIN_LEFT) / len(totals)
    bars = []
    for i, total in enumerate(totals):
        height = float(total.rupiah / top) * plot_height
        bars.append(
            Bar(
                label=total.label,
                value=total.rupiah,
                x=round(MARGIN_LEFT + i * slot + slot * 0.15, 1),
                y=round(MARGIN_TOP + plot_height - height, 1),
                width=round(slot * 0.7, 1),
                height=round(height, 1),
            )
        )
    return bars


def trillions(value: Decimal) -> str:
    """An amount of rupiah as people read it: "Rp1,2 triliun"."""
    amount = (value / TRILLION).quantize(Decimal("0.01")).normalize()
    return f"Rp{amount:f} triliun".replace(".", ",")
