"""Texts held in memory and clustered into stories the way imports do:
``MemoryIndex`` (the articles of one import batch, the evaluation set, or the
whole archive for a rebuild) and ``assign_stories``."""

import collections
import datetime

from articles.stories.index import (
    PARAMS,
    Match,
    Params,
    Sig,
    band_keys,
    lookup_days,
    same_story_matches,
)


class MemoryIndex:
    """Signatures held in memory, looked up by band key and day (like the
    ``Band`` table): the articles of one import batch, the evaluation set, or
    the whole archive for a rebuild. A text of unknown date (``None``) is
    compared with every text, and every text with it: nothing says it is
    outside the window."""

    def __init__(self, params: Params = PARAMS):
        self.params = params
        self.buckets: dict[tuple, list] = {}
        self.every_day: dict[int, list] = {}  # band -> keys, whatever the day
        self.signatures: dict = {}
        self.dates: dict = {}

    def _days(self, date) -> list | None:
        """The days to look in around ``date`` (``None``: every day)."""
        window = lookup_days(self.params)
        if window is None:
            return [None]
        if date is None:
            return None
        days = [date + datetime.timedelta(days=n) for n in range(-window, window + 1)]
        return [*days, None]

    def _day(self, date):
        return None if self.params.window_days is None else date

    def add(self, key, sig: Sig, date=None) -> None:
        self.signatures[key] = sig
        self.dates[key] = date
        for band in band_keys(sig, self.params):
            self.buckets.setdefault((band, self._day(date)), []).append(key)
            self.every_day.setdefault(band, []).append(key)

    def forget(self, key) -> None:
        """Drop ``key`` (a text the window has passed: it matches no later one)."""
        sig = self.signatures.pop(key)
        date = self.dates.pop(key)
        for band in band_keys(sig, self.params):
            for table, where in (
                (self.buckets, (band, self._day(date))),
                (self.every_day, band),
            ):
                table[where].remove(key)
                if not table[where]:
                    del table[where]

    def candidates(self, sig: Sig, date=None) -> list:
        """The keys sharing a band key with ``sig`` in the window around
        ``date``: the ``max_candidates`` sharing most, as the database lookup."""
        shared = collections.Counter()
        days = self._days(date)
        for band in band_keys(sig, self.params):
            if days is None:
                shared.update(self.every_day.get(band, ()))
                continue
            for day in days:
                shared.update(self.buckets.get((band, day), ()))
        return [key for key, _n in shared.most_common(self.params.max_candidates)]

    def matches(self, sig: Sig, date=None) -> list[tuple[object, Match]]:
        """The keys whose texts are the same story as ``sig``'s (seen on
        ``date``), best first."""
        others = [
            (key, self.signatures[key], self.dates[key])
            for key in self.candidates(sig, date)
        ]
        return same_story_matches(sig, others, date, self.params)


def assign_stories(items, params: Params = PARAMS, index=None) -> dict:
    """Cluster ``items`` — ``(key, sig, date)`` in the order the articles were
    seen — the way imports do: each text joins the story of the earlier text it
    matches best, or starts a story of its own. Returns ``{key: (story key,
    matched key, match)}`` (the story key is its first text's; the last two are
    ``None`` for a first text). A text joins one story, never bridges two.

    Items in date order let texts the window has passed leave the index, so a
    rebuild of the whole archive holds only a few days of it in memory.
    """
    index = index or MemoryIndex(params)
    story, recent = {}, collections.deque()
    window = lookup_days(params)
    for key, sig, date in items:
        if window is not None and date is not None:
            while recent and (date - recent[0][1]).days > window:
                index.forget(recent.popleft()[0])
        if sig is None:
            story[key] = (key, None, None)
            continue
        found = index.matches(sig, date)
        if found:
            matched, match = found[0]
            story[key] = (story[matched][0], matched, match)
        else:
            story[key] = (key, None, None)
        index.add(key, sig, date)
        if date is not None:
            recent.append((key, date))
    return story
