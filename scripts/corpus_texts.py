"""Which texts of the web corpus (tests/data/corpus/) are on this machine, and
whether each is the text that was labelled.

The texts are not committed (only addresses, queries and labels are): fetch
them with the search tool into tests/data/corpus/texts/ (see the README there).
"""

import hashlib
import json
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "corpus"


def records():
    """Every record of every label file here (the entity batches, the stories,
    the facts-only batch)."""
    for path in sorted(CORPUS.glob("*.json")):
        yield from json.loads(path.read_text("utf-8"))


def main() -> int:
    missing, differ, same = [], [], 0
    for record in records():
        path = CORPUS / "texts" / f"{record['id']}.txt"
        if not path.exists():
            missing.append(record["id"])
            continue
        text = path.read_text("utf-8")
        if hashlib.sha256(text.encode()).hexdigest() == record["sha256"]:
            same += 1
        else:
            # A re-fetched excerpt may differ only in invisible spacing.
            differ.append(f"{record['id']} ({len(text) - record['chars']:+d} chars)")
    print(f"{same} texts as labelled, {len(differ)} differ, {len(missing)} missing")
    for label, ids in (("differ", differ), ("missing", missing)):
        if ids:
            print(f"{label}: {' '.join(ids)}")
    return 1 if missing or differ else 0


if __name__ == "__main__":
    sys.exit(main())
