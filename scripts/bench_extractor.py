"""Benchmark the extractor with a large newsroom: build time and memory of the
known-entity automaton, and time per 2,000-character article.

    .venv/bin/python scripts/bench_extractor.py [--entities 100000] [--runs 5]

It makes ``--entities`` synthetic known entities (people, companies, bodies;
each with one or two aliases), builds the extractor's index (``KnownIndex``:
an ahocorasick-rs automaton plus the name lookup), compares the bare automata
of ahocorasick-rs and pyahocorasick (when installed) on the same names, then
runs the
extractor over the development articles of the labelled set (r01-r30), each cut
to 2,000 characters, and prints p50 and p95 per article.
"""

import argparse
import gc
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.dev")

SYLLABLES = [c + v for c in "bdghjklmnprstwy" for v in "aeiou"]


def rss_kib() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


def word(rng, syllables=3):
    return "".join(rng.choice(SYLLABLES) for _ in range(syllables)).capitalize()


def synthetic_entities(n, seed=1):
    rng = random.Random(seed)
    rows = []
    for pk in range(1, n + 1):
        kind = rng.choice(("person", "organisation", "organisation"))
        if kind == "person":
            name = f"{word(rng)} {word(rng)}"
            aliases = [f"{name} {word(rng, 2)}"]
        else:
            words = [word(rng) for _ in range(rng.randint(2, 4))]
            name = "PT " + " ".join(words)
            aliases = [" ".join(words), "".join(w[0] for w in words) + word(rng, 1)]
        rows.append((pk, name, kind, aliases))
    return rows


def articles():
    from articles.importing.parsers import parse_text

    folder = ROOT / "tests" / "data" / "extraction" / "realistic"
    texts = []
    for path in sorted(folder.glob("r*.txt"))[:30]:
        parsed = parse_text(path.read_text("utf-8"), origin=path.name)
        texts.append((parsed.title, parsed.text[:2000], parsed.dateline))
    return texts


def measure_build(label, build):
    gc.collect()
    before = rss_kib()
    started = time.perf_counter()
    built = build()
    seconds = time.perf_counter() - started
    gc.collect()
    memory = (rss_kib() - before) / 1024
    print(f"{label:<28} build {seconds:6.2f} s   memory +{memory:6.1f} MiB")
    return built


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()

    import django

    django.setup()
    import ahocorasick_rs

    from entities.extraction import Extractor, known_index
    from entities.extraction.places import districts, surface_index

    rows = synthetic_entities(options.entities)
    forms = sorted(
        {f.lower() for _pk, name, _k, aliases in rows for f in (name, *aliases)}
    )
    print(f"{len(rows):,} entities, {len(forms):,} distinct names and aliases")
    texts = articles()
    # Warm the gazetteer and lexicons so that they do not count as the index.
    surface_index(), districts(), Extractor().extract(texts[0][1])

    index = measure_build("KnownIndex (extractor's)", lambda: known_index(rows))
    rs = measure_build(
        "ahocorasick-rs automaton", lambda: ahocorasick_rs.AhoCorasick(forms)
    )
    try:
        import ahocorasick
    except ImportError:
        ahocorasick = None
    if ahocorasick:

        def build_py():
            automaton = ahocorasick.Automaton()
            for number, form in enumerate(forms):
                automaton.add_word(form, number)
            automaton.make_automaton()
            return automaton

        py = measure_build("pyahocorasick automaton", build_py)

    def timed(function, text, repeat=options.runs):
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            function(text)
            times.append((time.perf_counter() - started) * 1000)
        return times

    find_rs = [
        t
        for _ti, text, _d in texts
        for t in timed(
            lambda s: rs.find_matches_as_indexes(s.lower(), overlapping=True), text
        )
    ]
    line = (
        "matching, per article         ahocorasick-rs p50 "
        f"{statistics.median(find_rs):.3f} ms"
    )
    if ahocorasick:
        find_py = [
            t
            for _ti, text, _d in texts
            for t in timed(lambda s: list(py.iter(s.lower())), text)
        ]
        line += f", pyahocorasick p50 {statistics.median(find_py):.3f} ms"
    print(line)
    extractor = Extractor(known=index)
    times = []
    for title, text, dateline in texts:
        times.extend(
            timed(
                lambda s, t=title, d=dateline: extractor.extract(
                    s, title=t, dateline=d
                ),
                text,
            )
        )
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    print(
        f"extract, 2,000-char article   p50 {statistics.median(times):.2f} ms, "
        f"p95 {p95:.2f} ms, max {times[-1]:.2f} ms ({len(times)} runs)"
    )


if __name__ == "__main__":
    main()
