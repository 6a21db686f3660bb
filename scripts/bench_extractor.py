"""Benchmark the extractor with a large newsroom: build time and memory of the
known-entity automaton, and time per 2,000-character article; and how the
extractor copes with long hostile text.

    .venv/bin/python scripts/bench_extractor.py [--entities 100000] [--runs 5]
    .venv/bin/python scripts/bench_extractor.py --long-only [--sizes 20000,40000]

``--long`` (on by default; ``--long-only`` skips the rest) extracts from ALL
CAPS press releases of 20 KB, 40 KB, 250 KB and 9.5 MB (runs of capitalised
words with no abbreviation after them, which made the "Long Name (ABBR)"
rule quadratic), once as the importer does (the first
``WARTA_EXTRACTION_MAX_CHARS`` characters) and once reading all of it, and
prints the time and the peak memory of each.

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


CAPS_WORDS = (  # noqa: SIM905 - a word list reads better as one string
    "PEMERINTAH KABUPATEN KOTA PROVINSI DINAS PERINDUSTRIAN PERDAGANGAN BADAN "
    "PENANAMAN MODAL KAWASAN INDUSTRI BAJA NASIONAL PELABUHAN CILEGON SERANG "
    "BANTEN MENGUMUMKAN BAHWA PEMBANGUNAN PABRIK BARU SMELTER NIKEL TAHAP KEDUA "
    "RESMI DIMULAI PADA HARI SENIN DENGAN NILAI INVESTASI TRILIUN RUPIAH DAN "
    "MENYERAP RIBU TENAGA KERJA LOKAL KEPALA DIREKTUR UTAMA PT KRAKATAU SINAR"
).split()


def press_release(size, seed=1):
    """An ALL CAPS press release of ``size`` characters: capitalised words,
    commas, full stops and line breaks, and no "(ABBR)" anywhere."""
    rng = random.Random(seed)
    parts, length = [], 0
    while length < size:
        word = rng.choice(CAPS_WORDS)
        roll = rng.random()
        if roll < 0.06:
            word += "."
        elif roll < 0.12:
            word += ","
        parts.append(word)
        length += len(word) + 1
        if rng.random() < 0.01:
            parts.append("\n")
    return " ".join(parts)[:size]


def peak_rss_mib() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_long(sizes):
    """Time and peak memory of extracting from long ALL CAPS text, each size
    in a fresh process (so that the peak is its own)."""
    import subprocess

    for size in sizes:
        for whole in (False, True):
            result = subprocess.run(
                [sys.executable, __file__, "--one-long", str(size)]
                + (["--whole"] if whole else []),
                capture_output=True,
                text=True,
            )
            print(result.stdout.strip() or result.stderr.strip()[-300:])


def one_long(size, whole):
    import django

    django.setup()
    from django.conf import settings

    from entities.extraction import Extractor

    text = press_release(size)
    limit = getattr(settings, "WARTA_EXTRACTION_MAX_CHARS", None)
    try:
        extractor = Extractor(max_chars=len(text) if whole else None)
    except TypeError:  # before the limit existed: always the whole text
        extractor, whole = Extractor(), True
    extractor.extract("PEMERINTAH KABUPATEN SERANG (PKS)")  # lexicons loaded
    before = peak_rss_mib()
    started = time.perf_counter()
    found = extractor.extract(text)
    seconds = time.perf_counter() - started
    read = size if whole or limit is None else min(size, limit)
    print(
        f"ALL CAPS {size / 1000:>8,.0f} KB, reading {read / 1000:>6,.0f} KB: "
        f"{seconds:8.2f} s, peak RSS {peak_rss_mib():6.0f} MiB "
        f"(+{peak_rss_mib() - before:.0f}), {len(found)} proposals"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--long-only", action="store_true")
    parser.add_argument("--no-long", action="store_true")
    parser.add_argument(
        "--sizes",
        default="20000,40000,250000,9500000",
        help="ALL CAPS text sizes in characters, comma-separated",
    )
    parser.add_argument("--one-long", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--whole", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.one_long:
        one_long(options.one_long, options.whole)
        return
    if options.long_only:
        measure_long([int(s) for s in options.sizes.split(",")])
        return

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
    if not options.no_long:
        measure_long([int(s) for s in options.sizes.split(",")])


if __name__ == "__main__":
    main()
