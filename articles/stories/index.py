"""The near-duplicate index: shingles of an article's normalised text, their
MinHash signature (datasketch), and the LSH band keys stored per article.

Normalised text is what ``content_fingerprint`` compares: lower case, words only
(punctuation and spacing ignored). Shingles are runs of ``SHINGLE_WORDS`` words.
A signature holds ``NUM_PERM`` minimum hash values; the fraction of equal values
between two signatures estimates the Jaccard similarity of the shingle sets, and
with the shingle counts it also estimates *containment* (how much of the shorter
text is in the longer one), which is what a trimmed copy keeps.

LSH: the signature is cut into ``BANDS`` bands of ``ROWS`` values; each band is
hashed to one 64-bit key. Two texts share a key with probability
``1 - (1 - J**ROWS) ** BANDS``, so near-copies meet on some key and unrelated
texts almost never do. The keys are rows of ``Band`` (indexed), so finding the
candidates for a new text is one query, whatever the size of the archive, and
every worker process sees the same index the moment an import commits.

The parameters and thresholds are set from measurements on the labelled set
(``evaluation``; see docs/stories.md).
"""

import functools
import hashlib
import re
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Params:
    """How texts are compared; one instance (``PARAMS``) is used everywhere.

    The defaults were tuned on the development half of the labelled set
    (docs/stories.md): the first, untuned run used 3-word shingles with all
    words, 25 bands of 5 rows and Jaccard >= 0.5 with no window.
    """

    shingle_words: int = 1
    drop_stopwords: bool = True
    num_perm: int = 128
    # 64 bands of 2 rows: two texts with Jaccard 0.30 share a band with
    # probability 0.997, with 0.15 (the floor) 0.77, with 0.05 (unrelated)
    # 0.15 — and the date window keeps those few.
    bands: int = 64
    rows: int = 2
    threshold: float = 0.30  # estimated Jaccard for "same story"
    containment: float = 0.45  # ... or estimated containment of the shorter text
    min_jaccard: float = 0.15  # ... with at least this much Jaccard
    # Reprints of one release appear within days; texts seen further apart are
    # never the same story by text alone (the desk can merge them). ``None``:
    # no window. The window also bounds every lookup (see ``services``).
    window_days: int | None = 3
    far_threshold: float | None = None
    # Texts of fewer distinct content words are not compared: two short notices
    # from one template look alike whatever they announce.
    min_shingles: int = 40

    @functools.cached_property
    def banding(self) -> tuple[int, int]:
        if self.bands:
            return self.bands, self.rows
        from datasketch import MinHashLSH

        lsh = MinHashLSH(threshold=self.threshold, num_perm=self.num_perm)
        return lsh.b, lsh.r


FIRST_RUN = Params(
    min_shingles=1,
    shingle_words=3,
    drop_stopwords=False,
    bands=0,
    rows=0,
    threshold=0.5,
    containment=1.01,
    min_jaccard=0.0,
    window_days=None,
)
PARAMS = Params()


@dataclass(frozen=True)
class Sig:
    """A text's signature: the minimum hash values and how many shingles."""

    values: np.ndarray  # uint32, ``num_perm`` long
    shingles: int

    def to_bytes(self) -> bytes:
        return self.values.astype("<u4").tobytes()

    @classmethod
    def from_bytes(cls, data, shingles) -> "Sig":
        return cls(np.frombuffer(bytes(data), dtype="<u4"), shingles)


# Indonesian function words and reporting verbs: what any two texts share.
STOPWORDS = frozenset(
    (  # noqa: SIM905 - a word list reads better as one string
        """ada adalah agar akan antara apa atas atau bagi bahwa baik banyak begitu
        belum bisa bukan dalam dan dapat dari demikian dengan di dia hal hanya
        harus hingga ia ialah ini itu jadi jika juga kami kata katanya ke kepada
        kita lagi lalu lebih maka masih melalui menjadi menurut mereka nya oleh
        pada para pun saat sama sampai sangat satu saja sebagai sebelum secara
        sedang sehingga sejak selain seperti serta setelah sudah tak tapi telah
        tengah terhadap tersebut tetapi tidak ucap ujar untuk usai yaitu yakni yang"""
    ).split()
)


def words(text: str, params: "Params" = None) -> list[str]:
    found = WORD.findall(text.lower())
    if params is not None and params.drop_stopwords:
        return [word for word in found if word not in STOPWORDS]
    return found


def shingles(text: str, params: Params = PARAMS) -> set[bytes]:
    """The set of ``shingle_words``-word runs of ``text``, normalised (a text
    shorter than that is one shingle)."""
    tokens = words(text, params)
    k = params.shingle_words
    if len(tokens) <= k:
        return {" ".join(tokens).encode()} if tokens else set()
    return {" ".join(tokens[i : i + k]).encode() for i in range(len(tokens) - k + 1)}


@functools.cache
def _permutations(num_perm: int):
    return MinHash(num_perm=num_perm, seed=1).permutations


def signature(text: str, params: Params = PARAMS) -> Sig | None:
    """The MinHash signature of ``text`` (``None`` for a text without words)."""
    found = shingles(text, params)
    if not found or len(found) < params.min_shingles:
        return None
    minhash = MinHash(
        num_perm=params.num_perm,
        seed=1,
        permutations=_permutations(params.num_perm),
        scheme="affine32",
    )
    minhash.update_batch(list(found))
    return Sig(minhash.hashvalues.astype(np.uint32), len(found))


def band_keys(sig: Sig, params: Params = PARAMS) -> list[int]:
    """The LSH keys of ``sig``: one signed 64-bit number per band (the band's
    number is part of what is hashed, so bands never collide with each other)."""
    bands, rows = params.banding
    data = sig.values.astype("<u4")
    keys = []
    for band in range(bands):
        chunk = data[band * rows : (band + 1) * rows].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8, person=b"band%04d" % band)
        keys.append(int.from_bytes(digest.digest(), "little", signed=True))
    return keys


@dataclass(frozen=True)
class Match:
    """How alike two texts are, estimated from their signatures."""

    jaccard: float
    containment: float

    @property
    def score(self) -> float:
        return max(self.jaccard, self.containment)


def compare(a: Sig, b: Sig) -> Match:
    """Estimate Jaccard similarity and containment of two texts."""
    jaccard = float(np.count_nonzero(a.values == b.values)) / len(a.values)
    # |A ∩ B| = J (|A| + |B|) / (1 + J); containment is that over the smaller set.
    common = jaccard * (a.shingles + b.shingles) / (1 + jaccard)
    containment = min(1.0, common / max(1, min(a.shingles, b.shingles)))
    return Match(jaccard, containment)


def is_same_story(match: Match, params: Params = PARAMS, days=None) -> bool:
    """Whether two texts this alike, seen ``days`` apart (``None``: unknown),
    report the same event (the thresholds)."""
    window = params.window_days
    if window is not None and days is not None and abs(days) > window:
        far = params.far_threshold
        return far is not None and match.jaccard >= far
    return match.jaccard >= params.threshold or (
        match.containment >= params.containment and match.jaccard >= params.min_jaccard
    )


def days_apart(a, b) -> int | None:
    """Whole days between two dates (``None`` if either is unknown)."""
    if a is None or b is None:
        return None
    return (a - b).days


class MemoryIndex:
    """Signatures held in memory, looked up by band key: the articles of one
    import batch, the evaluation set, or the whole archive for a rebuild."""

    def __init__(self, params: Params = PARAMS):
        self.params = params
        self.buckets: dict[int, list] = {}
        self.signatures: dict = {}
        self.dates: dict = {}

    def add(self, key, sig: Sig, date=None) -> None:
        self.signatures[key] = sig
        self.dates[key] = date
        for band in band_keys(sig, self.params):
            self.buckets.setdefault(band, []).append(key)

    def candidates(self, sig: Sig) -> set:
        found = set()
        for band in band_keys(sig, self.params):
            found.update(self.buckets.get(band, ()))
        return found

    def matches(self, sig: Sig, date=None) -> list[tuple[object, Match]]:
        """The keys whose texts are the same story as ``sig``'s (seen on
        ``date``), best first."""
        found = []
        for key in self.candidates(sig):
            match = compare(sig, self.signatures[key])
            days = days_apart(date, self.dates[key])
            if is_same_story(match, self.params, days):
                found.append((key, match))
        return sorted(found, key=lambda pair: -pair[1].score)


def assign_stories(items, params: Params = PARAMS, index=None) -> dict:
    """Cluster ``items`` — ``(key, sig, date)`` in the order the articles were
    seen — the way imports do: each text joins the story of the earlier text it
    matches best, or starts a story of its own. Returns ``{key: story key}``
    (the key of the story's first text). Single-link chains are cut short: a
    text joins one story, never bridges two.
    """
    index = index or MemoryIndex(params)
    story = {}
    for key, sig, date in items:
        if sig is None:
            story[key] = key
            continue
        found = index.matches(sig, date)
        story[key] = story[found[0][0]] if found else key
        index.add(key, sig, date)
    return story
