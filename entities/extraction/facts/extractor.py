"""Facts from an article's text: which figures are investments, capacities,
jobs and land, with the company, region and status around each.

The work is linear in the text: the figures are found in one pass of each
pattern, the sentences once, and each sentence that holds a figure has its
cues, companies and places read once.
"""

import bisect
from dataclasses import dataclass
from decimal import Decimal

from ...kinds import REGION
from .. import organisations, places
from ..extractor import within_limit
from ..tokens import sentences
from . import cues
from .figures import CAPACITY, INVESTMENT, JOBS, LAND, Figure, readers
from .filter import DEFAULT, default_filter

PLANNED, COMMITTED, REALISED, UNKNOWN = "planned", "committed", "realised", "unknown"
STATUSES = (PLANNED, COMMITTED, REALISED, UNKNOWN)
# How far (characters) a cue may stand from the figure it speaks of.
REACH = 120
# The evidence of a figure in a very long sentence: characters either side.
EVIDENCE = 200
# A limit's word stands right before its figure ("maksimal seluas 400 hektare").
NEXT_TO = 30
# A sentence's opening words ("Rinciannya", "Terdiri dari").
OPENING = 20
# A word of the floor area of buildings right next to a figure of hectares.
ADJACENT = 12
# The cues that speak of each kind of figure.
RELEVANT = {
    INVESTMENT: {"invest", "notinvest"},
    CAPACITY: {"capacity", "plant", "notcap", "supply"},
    JOBS: {"jobs", "notjobs", "residents"},
    LAND: {"notland", "floor", "territory"},
}


@dataclass
class Fact:
    """One fact an article states, with the sentence that states it."""

    kind: str  # investment, capacity, jobs, land
    value: Decimal
    unit: str = ""  # capacity: "ton/tahun", "MW" …; land: "ha"
    currency: str = ""  # investment: ISO 4217 ("IDR", "USD")
    company: str = ""
    region: str = ""  # an official code (Kemendagri), "" when none is said
    status: str = ""  # investments: planned, committed, realised, unknown
    surface: str = ""  # the figure as written
    evidence: str = ""  # its sentence
    start: int = 0

    @property
    def key(self) -> tuple:
        """What makes two mentions one fact of an article."""
        return (self.kind, self.value, self.unit, self.currency)


class _Sentences:
    """The text's sentences as spans, asked which holds a position."""

    def __init__(self, text):
        self.spans = [(s[0].start, s[-1].end) for s in sentences(text) if s]
        self.starts = [start for start, _end in self.spans]

    def at(self, position):
        i = bisect.bisect_right(self.starts, position) - 1
        return self.spans[i] if i >= 0 else (0, 0)

    def before(self, start):
        """The start of the sentence before the one starting at ``start``."""
        i = bisect.bisect_left(self.starts, start) - 1
        return self.starts[i] if i >= 0 else None


@dataclass
class Candidate:
    """A figure with the rules' decision (``kind``; None: no fact) and what
    they decided from, for the trained filter (``filter``)."""

    figure: Figure
    kind: str | None
    sentence: tuple  # (start, end) of its sentence
    window: list  # the cues within ``REACH``
    listed: bool  # its kind came from the list it stands in
    context: "_Context"


def candidates(text: str, *, title: str = "", max_chars=None):
    """Every figure of ``text`` with the rules' decision, in order (one pass)."""
    text = within_limit(text, max_chars)
    figures = sorted(
        (f for reader in readers() for f in reader(text)), key=lambda f: f.start
    )
    if not figures:
        return
    spans = _Sentences(text)
    context = _Context(text, title)
    # The last figure decided in a sentence ("Pegatron 40 juta dolar, Maruho
    # 1,6 juta dolar … dan Simatelex 3,2 juta dolar" is one list of investments)
    # and the sentence of the last fact of each kind.
    last, stated = {}, {}
    for figure in _without_overlaps(figures):
        start, end = spans.at(figure.start)
        near = context.cues(start, end, figure.start)
        window = [c for c in near if abs(c.start - figure.start) <= REACH]
        if figure.kind == CAPACITY:
            # A plant named in the sentence before says nothing of this one's
            # tonnes ("… smelter miliknya. Sebanyak 12.000 ton katoda …
            # dikapalkan"); money keeps the cue before ("Tahap pertama Rp50 T").
            window = [c for c in window if c.start >= start]
        kind = _meaning(text, figure, window)
        listed, from_list = last.get(figure.kind), False
        unmarked = not any(c.kinds & RELEVANT[figure.kind] for c in window)
        if kind is None and listed and listed[0] == start and unmarked:
            kind, from_list = listed[1], listed[1] is not None
        elif kind is None and unmarked and figure.kind == CAPACITY:
            # "Kapasitasnya 150 ribu ton katoda. Rinciannya 9 ton paladium, 30
            # ton perak …": a sentence opened by a breakdown lists the products of
            # the capacity stated in the sentence before.
            kind = _breakdown(stated.get(CAPACITY), spans.before(start), near, start)
            from_list = kind is not None
        last[figure.kind] = (start, kind)
        if kind is not None:
            stated[kind] = start
        yield Candidate(figure, kind, (start, end), window, from_list, context)


def extract_facts(
    text: str, *, title: str = "", max_chars=None, fact_filter=DEFAULT
) -> list[Fact]:
    """The facts ``text`` states, one per (kind, value, unit or currency), in
    the order they are first written. ``fact_filter``: the trained filter of
    capacities and jobs (``filter.FactFilter``; by default the one
    ``WARTA_FACT_FILTER`` names, if any; None for the rules alone)."""
    if fact_filter is DEFAULT:
        fact_filter = default_filter()
    text = within_limit(text, max_chars)
    found: dict[tuple, Fact] = {}
    for candidate in candidates(text, title=title):
        kind, figure = candidate.kind, candidate.figure
        if kind is None:
            continue
        if fact_filter is not None and not fact_filter.keeps(text, candidate):
            continue
        (start, end), context = candidate.sentence, candidate.context
        fact = Fact(
            kind,
            figure.value,
            unit=figure.unit,
            currency=figure.currency,
            surface=figure.surface,
            evidence=_evidence(text, start, end, figure),
            start=figure.start,
            company=context.company(figure.start, start, end),
            region=context.region(start, end),
        )
        if kind == INVESTMENT:
            fact.status = _status(context.cues(start, end, figure.start), figure.start)
        found.setdefault(fact.key, fact)
    return list(found.values())


def _without_overlaps(figures):
    """A figure read by two patterns ("1,7 juta ton" is no money) counts once:
    the first, longest reading."""
    end = -1
    for figure in figures:
        if figure.start < end:
            continue
        end = figure.end
        yield figure


def _evidence(text, start, end, figure):
    """The figure's sentence; of a very long one (a text without full stops),
    the words within ``EVIDENCE`` characters of the figure."""
    if end - start > 2 * EVIDENCE:
        low, high = max(start, figure.start - EVIDENCE), min(end, figure.end + EVIDENCE)
        if low > start:
            low = text.find(" ", low, figure.start) + 1 or low
        if high < end:
            high = (
                text.rfind(" ", figure.end, high)
                if " " in text[figure.end : high]
                else high
            )
        start, end = low, high
    return text[start:end].strip()


def _meaning(text: str, figure: Figure, window: list) -> str | None:
    position = figure.start
    if figure.kind == INVESTMENT:
        cue = cues.nearest(window, position, RELEVANT[INVESTMENT])
        if cue is None:
            return None
        return INVESTMENT if "invest" in cue.kinds else None
    if figure.kind == CAPACITY:
        cue = cues.nearest(window, position, {"capacity", "plant", "notcap"})
        if cue is not None and "notcap" in cue.kinds and "capacity" not in cue.kinds:
            return None
        # A plant's exports, sales or output over a past period are no capacity,
        # even with the plant named between: "Ekspor feronikel dari smelter itu
        # 500 ribu ton", "Produksi smelter itu sepanjang 2023 70 ribu ton".
        if _last_before(window, position) == "notcap":
            return None
        # "Proyek milik PLN berkapasitas 135 MW": a rating right before the
        # figure says whose it is, whatever is supplied around it.
        if (
            cue is not None
            and "rated" in cue.kinds
            and 0 <= position - cue.end <= NEXT_TO
        ):
            return CAPACITY
        # Power or goods supplied or needed, with no plant named near or nearer
        # than any word of capacity: "MOU dengan PLN untuk daya sebanyak 120
        # MW", "pabrik membutuhkan 2 juta ton bahan baku" are no capacity.
        kinds = {kind for c in window for kind in c.kinds}
        nearest = cues.nearest(window, position, {"capacity", "plant", "supply"})
        if "supply" in kinds and (
            "plant" not in kinds
            or "supply" in nearest.kinds
            or _supplied(window, position)
        ):
            return None
        # Output is a capacity when a plant makes it; a region's or a farm's
        # production ("produksi kopi 70 ribu ton per tahun") is not.
        return CAPACITY if figure.certain or cue else None
    if figure.kind == JOBS:
        # The figure's own noun ("tenaga kerja") is no cue for or against it.
        around = [c for c in window if c.end <= figure.start or c.start >= figure.end]
        # Residents or members ("penduduk", "anggota") speak against a count of
        # "orang" or "pekerja", not against "380 tenaga kerja".
        against_kinds = {"notjobs", "hire"} if figure.certain else _NOT_EMPLOYED
        against = cues.nearest(around, position, against_kinds)
        if against and "hire" not in against.kinds:
            return None
        if figure.certain:
            return JOBS
        return JOBS if cues.nearest(around, position, {"jobs"}) else None
    if figure.kind == LAND and any(
        ("notland" in c.kinds and 0 <= position - c.end <= NEXT_TO)
        or ("territory" in c.kinds and 0 <= position - c.end <= 2 * NEXT_TO)
        for c in window
    ):
        return None
    if figure.kind == LAND and _floor(text, figure, window):
        return None
    return LAND if figure.kind == LAND else None


_NOT_EMPLOYED = {"notjobs", "residents", "hire"}


def _floor(text, figure, window):
    """Whether a word of buildings stands right after or before the hectares,
    with at most a word of area between: "14 hektar luasan bangunan" and
    "bangunan seluas 2 hektare" are floor area; "lahan 5 hektare untuk
    bangunan" is land."""
    for cue in window:
        if "floor" not in cue.kinds:
            continue
        if 0 <= cue.start - figure.end <= ADJACENT:
            between = text[figure.end : cue.start]
        elif 0 <= figure.start - cue.end <= ADJACENT:
            between = text[cue.end : figure.start]
        else:
            continue
        if between.strip().lower() in _AREA_WORDS:
            return True
    return False


_AREA_WORDS = {"", "luas", "luasan", "seluas", "luasnya"}


def _breakdown(previous, before, near, start):
    """CAPACITY when the sentence at ``start`` opens with a word of breakdown
    and the last capacity was stated in the sentence right before it."""
    if previous is None or previous != before:
        return None
    opening = any(
        "part" in c.kinds and start <= c.start <= start + OPENING for c in near
    )
    return CAPACITY if opening else None


def _last_before(window, position):
    """Which of a word of capacity or one against it stands last before the
    figure ("capacity", "notcap" or None)."""
    last = None
    for cue in window:
        if cue.end > position:
            break
        if "capacity" in cue.kinds:
            last = "capacity"
        elif "notcap" in cue.kinds:
            last = "notcap"
    return last


def _supplied(window, position):
    """A word of supply or need before the figure with no word of capacity
    between: "permintaan awal dari 23 pabrik tenant … 18 MMSCFD" (the plants
    are who needs it); a power station between meets the need ("kebutuhan
    listriknya … PLTU 2 kali 30 MW")."""
    last = None
    for cue in window:
        if cue.end > position:
            break
        if "supply" in cue.kinds:
            last = "supply"
        elif cue.kinds & {"capacity", "generator"}:
            last = "capacity"
    return last == "supply"


def _status(near, position):
    cue = cues.nearest(
        near,
        position,
        {PLANNED, COMMITTED, REALISED},
    )
    if cue is None:
        return UNKNOWN
    return next(s for s in (REALISED, COMMITTED, PLANNED) if s in cue.kinds)


class _Context:
    """What is around the figures: the cues of each sentence, the companies of
    the text, the regions of each sentence and of the whole article."""

    def __init__(self, text, title):
        self.text = text
        self.title = title
        self._cues = {}
        self._regions = {}
        self._article_region = None
        mentions = organisations.find(text)
        self.companies = sorted(
            ((m.start, m.proposal.name) for m in mentions if m.company),
        )
        self.company_starts = [start for start, _name in self.companies]

    def cues(self, start, end, position):
        """The cues of the sentence ``start:end`` within ``2 * REACH`` of
        ``position`` (found once per sentence; a window of them per figure,
        so that a sentence without end costs no more than many short ones)."""
        if start not in self._cues:
            # The end of the sentence before counts too: "Investasi akan
            # ditanam bertahap. Tahap pertama Rp50 triliun".
            found = cues.find(self.text, max(0, start - REACH), end)
            self._cues[start] = (found, [c.start for c in found])
        found, starts = self._cues[start]
        low = bisect.bisect_left(starts, position - 2 * REACH)
        high = bisect.bisect_right(starts, position + 2 * REACH)
        return found[low:high]

    def company(self, position, start, end):
        """The company named nearest before the figure in its sentence, else
        the first named after it there, else the last named before it."""
        if not self.companies:
            return ""
        i = bisect.bisect_right(self.company_starts, position)
        if i and self.company_starts[i - 1] >= start:
            return self.companies[i - 1][1]
        if i < len(self.companies) and self.company_starts[i] < end:
            return self.companies[i][1]
        if i:
            return self.companies[i - 1][1]
        return self.companies[0][1]

    def region(self, start, end):
        """The most precise region the sentence names, else the article's."""
        if start not in self._regions:
            self._regions[start] = _most_precise(places.find(self.text[start:end]))
        if self._regions[start]:
            return self._regions[start]
        if self._article_region is None:
            full = "\n".join(p for p in (self.title, self.text) if p)
            self._article_region = _most_precise(places.find(full))
        return self._article_region


def _most_precise(proposals) -> str:
    codes = [p.code for p in proposals if p.kind == REGION and p.code]
    indonesian = [c for c in codes if c[:1].isdigit()]
    if not indonesian:
        return ""
    regencies = [c for c in indonesian if "." in c]
    # A regency (kabupaten) is where a plant or an estate is; a city (code 71
    # and up: "MEDAN -", the provincial capital) is more often where it was said.
    kabupaten = [c for c in regencies if c.split(".")[1][:2] < "71"]
    regencies = kabupaten or regencies
    return (regencies or indonesian)[0]
