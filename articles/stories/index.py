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
from datasketch.hashfunc import sha1_hash32

from articles.stories.figures import figure_keys

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
    containment: float = 0.40  # ... or estimated containment of the shorter text
    min_jaccard: float = 0.20  # ... with at least this much Jaccard
    # ... or, when the figures agree (both state ``figures_min`` figures and
    # share ``figures_agree`` of the smaller set), this containment with
    # ``agree_jaccard``: one outlet's rewrite of a release keeps the amounts
    # and few of the words (set on the web corpus's dev events, issue 28).
    figures_agree: float | None = 0.5
    agree_containment: float = 0.30
    agree_jaccard: float = 0.15
    # Reprints of one release appear within days; texts seen further apart are
    # never the same story by text alone (the desk can merge them). ``None``:
    # no window. The window also bounds every lookup (see ``services``).
    window_days: int | None = 3
    # ... but a text this alike (Jaccard) may be a late copy, up to
    # ``far_days`` apart: one outlet publishes a release a week later.
    far_threshold: float | None = 0.45
    far_days: int = 14
    # Texts of fewer distinct content words are not compared: two short notices
    # from one template look alike whatever they announce.
    min_shingles: int = 40
    # Compare candidates exactly (False: from the MinHash estimate, as the
    # first runs did; kept to reproduce them).
    exact: bool = True
    # At most this many candidates (those sharing most band keys) are compared.
    max_candidates: int = 100
    # One event carries the same amounts: when both texts state at least
    # ``figures_min`` figures, they must share this part of the smaller set
    # (0: no such check, as before it was added).
    figures_min: int = 3
    figures_share: float = 0.4

    @functools.cached_property
    def banding(self) -> tuple[int, int]:
        if self.bands:
            return self.bands, self.rows
        from datasketch import MinHashLSH

        lsh = MinHashLSH(threshold=self.threshold, num_perm=self.num_perm)
        return lsh.b, lsh.r


FIRST_RUN = Params(
    figures_share=0,
    exact=False,
    min_shingles=1,
    shingle_words=3,
    drop_stopwords=False,
    bands=0,
    rows=0,
    threshold=0.5,
    containment=1.01,
    min_jaccard=0.0,
    window_days=None,
    figures_agree=None,
    far_threshold=None,
)
# The thresholds before the web corpus (issue 28): what every earlier
# configuration below keeps.
BEFORE_WEB = {
    "containment": 0.45,
    "min_jaccard": 0.15,
    "figures_agree": None,
    "far_threshold": None,
}
# Tuned on the dev half, before the held-out half was first scored.
TUNED_ON_DEV = Params(
    figures_share=0, exact=False, min_shingles=1, bands=42, rows=3, **BEFORE_WEB
)
# ... then banded so the index finds what the thresholds accept.
BANDED_64X2 = Params(figures_share=0, exact=False, min_shingles=1, **BEFORE_WEB)
# ... then compared exactly, before the figures check.
EXACT = Params(figures_share=0, **BEFORE_WEB)
# ... then with the figures check, before the web corpus's events.
LABELLED_SET = Params(**BEFORE_WEB)
HISTORY = {
    "first-run": FIRST_RUN,
    "tuned-on-dev": TUNED_ON_DEV,
    "64x2": BANDED_64X2,
    "exact": EXACT,
    "labelled-set": LABELLED_SET,
}
PARAMS = Params()


@dataclass(frozen=True)
class Sig:
    """A text's signature: the MinHash values (for the LSH bands) and the
    sorted 32-bit hashes of its shingles (for the exact comparison)."""

    values: np.ndarray  # uint32, ``num_perm`` long
    hashes: np.ndarray  # uint32, sorted, distinct
    figures: frozenset = frozenset()  # the numbers it states (``figure_keys``)

    @property
    def shingles(self) -> int:
        return len(self.hashes)

    def to_bytes(self) -> bytes:
        return self.values.astype("<u4").tobytes()

    def hashes_bytes(self) -> bytes:
        return self.hashes.astype("<u4").tobytes()

    def figures_text(self) -> str:
        return " ".join(sorted(self.figures))

    @classmethod
    def from_bytes(cls, values, hashes, figures="") -> "Sig":
        return cls(
            np.frombuffer(bytes(values), dtype="<u4"),
            np.frombuffer(bytes(hashes), dtype="<u4"),
            frozenset(figures.split()),
        )


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
    # Each shingle hashed once: the same 32-bit hashes feed the MinHash (as
    # datasketch's default hash function would) and the exact comparison.
    hashed = [sha1_hash32(shingle) for shingle in found]
    minhash = MinHash(
        num_perm=params.num_perm,
        seed=1,
        hashfunc=int,
        permutations=_permutations(params.num_perm),
        scheme="affine32",
    )
    minhash.update_batch(hashed)
    hashes = np.unique(np.array(hashed, dtype=np.uint32))
    return Sig(minhash.hashvalues.astype(np.uint32), hashes, figure_keys(text))


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
    figures: float | None = None  # share of figures in common (None: too few)

    @property
    def score(self) -> float:
        return max(self.jaccard, self.containment)


def compare(a: Sig, b: Sig, exact: bool = True) -> Match:
    """Jaccard similarity and containment of two texts' shingle sets, exactly
    (the MinHash only finds the candidates: an estimated containment swings
    widely when one text is much longer than the other)."""
    if not exact:
        jaccard = float(np.count_nonzero(a.values == b.values)) / len(a.values)
        # |A ∩ B| = J (|A| + |B|) / (1 + J), over the smaller set.
        common = jaccard * (a.shingles + b.shingles) / (1 + jaccard)
        return Match(jaccard, min(1.0, common / max(1, min(a.shingles, b.shingles))))
    common = len(np.intersect1d(a.hashes, b.hashes, assume_unique=True))
    union = len(a.hashes) + len(b.hashes) - common
    jaccard = common / union if union else 1.0
    containment = common / max(1, min(len(a.hashes), len(b.hashes)))
    return Match(jaccard, containment, _figures(a, b))


def _figures(a: Sig, b: Sig) -> float | None:
    fewer = min(len(a.figures), len(b.figures))
    if fewer < PARAMS.figures_min:
        return None
    return len(a.figures & b.figures) / fewer


def is_same_story(match: Match, params: Params = PARAMS, days=None) -> bool:
    """Whether two texts this alike, seen ``days`` apart (``None``: unknown),
    report the same event (the thresholds)."""
    window = params.window_days
    if window is not None and days is not None and abs(days) > window:
        far = params.far_threshold
        return (
            far is not None and abs(days) <= params.far_days and (match.jaccard >= far)
        )
    if match.figures is not None and match.figures < params.figures_share:
        return False
    agree = params.figures_agree
    if (
        agree is not None
        and match.figures is not None
        and match.figures >= agree
        and match.containment >= params.agree_containment
        and match.jaccard >= params.agree_jaccard
    ):
        return True
    return match.jaccard >= params.threshold or (
        match.containment >= params.containment and match.jaccard >= params.min_jaccard
    )


def lookup_days(params: Params = PARAMS) -> int | None:
    """How many days around a text its candidates are looked up: the window,
    or as far as a late copy may be (``far_days``)."""
    if params.window_days is None:
        return None
    if params.far_threshold is None:
        return params.window_days
    return max(params.window_days, params.far_days)


def same_story_matches(sig: Sig, others, date=None, params: Params = PARAMS):
    """Of ``others`` — ``(key, sig, date)`` candidates — those that are the same
    story as ``sig`` seen on ``date``, best first, as ``(key, match)``.

    One numpy step estimates every candidate's Jaccard from the MinHash values;
    only those within reach of the thresholds (half the lowest Jaccard they
    accept: 2.4 standard errors below the floor at 128 permutations) are
    compared exactly.
    """
    if not others:
        return []
    values = np.stack([other.values for _key, other, _date in others])
    estimates = (values == sig.values).mean(axis=1)
    floor = min(params.threshold, params.min_jaccard, params.agree_jaccard)
    reach = floor / 2 if params.exact else 0
    found = []
    for (key, other, other_date), estimate in zip(others, estimates, strict=True):
        if estimate < reach:
            continue
        match = compare(sig, other, params.exact)
        if is_same_story(match, params, days_apart(date, other_date)):
            found.append((key, match))
    return sorted(found, key=lambda pair: -pair[1].score)


def days_apart(a, b) -> int | None:
    """Whole days between two dates (``None`` if either is unknown)."""
    if a is None or b is None:
        return None
    return (a - b).days
