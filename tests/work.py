"""Counting work without a clock, for tests that assert how cost grows.

``measure(function, text)`` returns two counts that depend only on what the
code does, never on how busy the machine is:

- **ticks**: the interpreter's periodic checks for pending signals, with a
  signal kept pending all the time. CPython checks at every Python function
  call and loop iteration, and its regular-expression engine checks every
  4,096 steps of one match attempt; each check runs the handler below once.
  A pattern that backtracks over the whole text from each of its positions
  shows here, and so does a Python loop over tokens inside a loop over
  tokens.
- **scanned**: the characters that the regular expressions of the audited
  modules were given to read: ``search``/``finditer``/``sub``/``findall``/
  ``split`` over a string from where they started to where they stopped.
  A loop that searches the whole text once per mention shows here, though
  each search is a quick scan in C that the ticks do not see.

What neither sees: work inside other C code (``str.find``, slicing, nh3,
the Aho-Corasick automaton). Those are read in review, and the benchmark
(``scripts/bench_extractor.py``) times them.

The signal is kept pending by the handler itself, re-armed from C
(``_thread.interrupt_main`` as a property getter: no check happens between
it and the handler's return, so the handler is never re-entered).
"""

import _thread
import contextlib
import gc
import importlib
import pkgutil
import re
import signal
import sys
import threading
from dataclasses import dataclass

SIGNAL = signal.SIGUSR1

# Every module whose regular expressions are counted.
AUDITED = (
    "entities.extraction.organisations",
    "entities.extraction.people",
    "entities.extraction.places",
    "entities.extraction.tokens",
    "entities.extraction.proposals",
    "entities.extraction.lexicon",
    "entities.extraction.known",
    "entities.extraction.extractor",
    "entities.gazetteer",
    "entities.text",
    "articles.importing.parsers.common",
    "articles.importing.parsers.feeds",
    "articles.importing.parsers.files",
    "articles.importing.parsers.records",
    "articles.importing.parsers.text",
    "articles.models.richtext",
    "articles.stories.index",
    "articles.stories.compare",
    "articles.stories.figures",
    "articles.suggestions.services",
    "articles.suggestions.review",
)


class TooMuchWork(AssertionError):
    """The budget given to ``measure`` was spent: the growth is already too
    steep, and waiting for the end would only take long."""


@dataclass
class Work:
    ticks: int = 0
    scanned: int = 0


class _Rearm(int):
    # Reading ``.trip`` calls _thread.interrupt_main(signal) from C.
    trip = property(_thread.interrupt_main)


class _Meter:
    def __init__(self, budget=None):
        self.work = Work()
        self.budget = budget
        self.active = False
        self.rearm = _Rearm(SIGNAL)

    def handler(self, signum, frame):
        if not self.active:
            return
        self.work.ticks += 1
        if self.budget and self.work.ticks > self.budget.ticks:
            self.active = False
            raise TooMuchWork(f"more than {self.budget.ticks} ticks")
        _ = self.rearm.trip  # a store: no check before the handler returns

    def scan(self, characters):
        if self.active:
            self.work.scanned += max(0, characters)
            if self.budget and self.work.scanned > self.budget.scanned:
                self.active = False
                raise TooMuchWork(f"more than {self.budget.scanned} characters scanned")


def _span(string, pos, endpos):
    try:
        length = len(string)
    except TypeError:
        return 0, 0
    return pos, min(length, endpos)


class CountingPattern:
    """A compiled pattern that tells the meter what it reads."""

    def __init__(self, pattern, meter):
        self._pattern = pattern
        self._meter = meter

    def __getattr__(self, name):
        return getattr(self._pattern, name)

    def search(self, string, pos=0, endpos=sys.maxsize):
        found = self._pattern.search(string, pos, endpos)
        start, stop = _span(string, pos, endpos)
        self._meter.scan((found.end() if found else stop) - start)
        return found

    def match(self, string, pos=0, endpos=sys.maxsize):
        found = self._pattern.match(string, pos, endpos)
        self._meter.scan((found.end() - pos) if found else 1)
        return found

    def fullmatch(self, string, pos=0, endpos=sys.maxsize):
        found = self._pattern.fullmatch(string, pos, endpos)
        self._meter.scan((found.end() - pos) if found else 1)
        return found

    def finditer(self, string, pos=0, endpos=sys.maxsize):
        start, stop = _span(string, pos, endpos)
        last = start
        for found in self._pattern.finditer(string, pos, endpos):
            self._meter.scan(found.end() - last)
            last = found.end()
            yield found
        self._meter.scan(stop - last)

    def _whole(self, string, pos=0, endpos=sys.maxsize):
        start, stop = _span(string, pos, endpos)
        self._meter.scan(stop - start)

    def findall(self, string, pos=0, endpos=sys.maxsize):
        self._whole(string, pos, endpos)
        return self._pattern.findall(string, pos, endpos)

    def sub(self, repl, string, count=0):
        self._whole(string)
        return self._pattern.sub(repl, string, count)

    def subn(self, repl, string, count=0):
        self._whole(string)
        return self._pattern.subn(repl, string, count)

    def split(self, string, maxsplit=0):
        self._whole(string)
        return self._pattern.split(string, maxsplit)


class CountingRe:
    """The ``re`` module as the audited modules see it while measured."""

    def __init__(self, meter):
        self._meter = meter

    def __getattr__(self, name):
        return getattr(re, name)

    def compile(self, pattern, flags=0):
        if isinstance(pattern, CountingPattern):
            return pattern
        return CountingPattern(re.compile(pattern, flags), self._meter)

    def _call(self, method, pattern, string, *args, flags=0):
        return getattr(self.compile(pattern, flags), method)(string, *args)

    def search(self, pattern, string, flags=0):
        return self._call("search", pattern, string, flags=flags)

    def match(self, pattern, string, flags=0):
        return self._call("match", pattern, string, flags=flags)

    def fullmatch(self, pattern, string, flags=0):
        return self._call("fullmatch", pattern, string, flags=flags)

    def finditer(self, pattern, string, flags=0):
        return self._call("finditer", pattern, string, flags=flags)

    def findall(self, pattern, string, flags=0):
        return self._call("findall", pattern, string, flags=flags)

    def sub(self, pattern, repl, string, count=0, flags=0):
        return self.compile(pattern, flags).sub(repl, string, count)

    def subn(self, pattern, repl, string, count=0, flags=0):
        return self.compile(pattern, flags).subn(repl, string, count)

    def split(self, pattern, string, maxsplit=0, flags=0):
        return self.compile(pattern, flags).split(string, maxsplit)


def _with_submodules(names):
    """The modules named, and every module inside those that are packages (a
    rule moved into a package's module is still counted)."""
    for name in names:
        module = importlib.import_module(name)
        yield module
        for info in pkgutil.walk_packages(
            getattr(module, "__path__", ()), prefix=f"{name}."
        ):
            yield importlib.import_module(info.name)


@contextlib.contextmanager
def _counting_patterns(meter, modules):
    """Swap every audited module's ``re`` and compiled patterns (module
    globals, and the patterns cached functions return) for counting ones."""
    swapped = []
    counting_re = CountingRe(meter)
    for module in _with_submodules(modules):
        for attribute, value in list(vars(module).items()):
            replacement = None
            if value is re:
                replacement = counting_re
            elif isinstance(value, re.Pattern):
                replacement = CountingPattern(value, meter)
            elif callable(value) and getattr(value, "cache_info", None):
                cached = value

                def replacement(*args, _cached=cached, **kwargs):
                    result = _cached(*args, **kwargs)
                    if isinstance(result, re.Pattern):
                        return CountingPattern(result, meter)
                    return result

                replacement.cache_info = cached.cache_info
                replacement.cache_clear = cached.cache_clear
            if replacement is not None:
                swapped.append((module, attribute, value))
                setattr(module, attribute, replacement)
    try:
        yield
    finally:
        for module, attribute, value in reversed(swapped):
            setattr(module, attribute, value)


def _settle():
    """A Python call: the interpreter checks for the pending signal here."""


def measure(function, *args, budget: Work = None, also=(), **kwargs) -> Work:
    """The work ``function(*args, **kwargs)`` does (``TooMuchWork`` once more
    than ``budget`` is spent); ``also`` names more modules whose patterns are
    counted."""
    if threading.current_thread() is not threading.main_thread():
        raise RuntimeError("signal handlers run only in the main thread")
    meter = _Meter(budget)
    previous = signal.signal(SIGNAL, meter.handler)
    collecting = gc.isenabled()
    gc.disable()  # a collection would run in one measurement and not another
    try:
        with _counting_patterns(meter, (*AUDITED, *also)):
            meter.active = True
            _ = meter.rearm.trip
            function(*args, **kwargs)
    finally:
        meter.active = False
        _settle()  # the last pending signal is handled, inactive
        signal.signal(SIGNAL, previous)
        if collecting:
            gc.enable()
    return meter.work
