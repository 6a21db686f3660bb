"""Organisations: companies, government bodies, associations, national bodies.

Rules (each proposal records which fired):

- ``organisations.defined``: a name defined with its abbreviation, "Long Name
  (ABBR) [Region]" or "ABBR (Long Name)"; the long name starts with a head word,
  ends with a suffix, or the abbreviation spells its initials.
- ``organisations.head``: a name opened by a head word ("PT", "Dinas",
  "Kementerian", "Politeknik", …), up to 16 words, commas inside a government
  body's name ("Dinas Koperasi, Usaha Kecil dan Menengah, …") allowed; it stops
  at a role word, a title or lower-case text. "Rumah Dinas …" is a building.
- ``organisations.suffix``: a name closed by a suffix ("… Group", "…
  Corporation", "… Holding", "… Co., Ltd"), read backwards to a role word.
- ``organisations.national_body``: an abbreviation with a fixed meaning ("TNI",
  "Kemenperin"); followed by a region, a chapter ("Apindo Sumsel").
- ``organisations.local_body``: a local-government abbreviation with its region
  ("Pemkab Kukar", "Disnakertrans Morowali", "BP Batam").

A region at the end of a name is spelled out ("Dinas Perindustrian NTB" and
"Dinas Perindustrian Nusa Tenggara Barat" are one body, "Dinas Perindustrian
Provinsi Nusa Tenggara Barat", with the written forms as aliases).
"""

import bisect
import functools
import re
from dataclasses import dataclass

from ..kinds import ORGANISATION
from . import lexicon, places
from .proposals import Proposal, tidy
from .tokens import is_acronym, tokenize

GOVERNMENT_HEADS = re.compile(
    r"^(?:Dinas|Badan|Kementerian|Direktorat|Sekretariat|Pemerintah|Kepolisian|"
    r"Kejaksaan|Balai|Kantor|Komisi|Dewan|Otoritas|Otorita|Lembaga|Komando|"
    r"Pangkalan|Pengadilan)\b"
)
COMPANY = re.compile(r"^(?:PT|CV|UD|Perum|Perumda)\b")
ESTATES = {"Kawasan", "Pelabuhan", "Bandara"}  # places, not bodies
HEAD_WORD = re.compile(rf"(?:{lexicon.ORG_HEADS})$")
BUILDINGS = {"Rumah", "Gedung", "Pendopo", "Aula", "Halaman", "Kompleks"}
# Words that never continue an organisation's name.
CLAUSE_WORDS = {
    "Menurut",
    "Namun",
    "Sementara",
    "Kami",
    "Ia",
    "Ini",
    "Itu",
    "Mereka",
    "Kita",
    "Dia",
    "Yang",
    "Untuk",
    "Dengan",
    "Dari",
    "Pada",
    "Di",
    "Ke",
    "Data",
    "Kata",
}
STOP_WORDS = (
    lexicon.ROLE_WORDS - {"Koordinator", "Anggota", "Staf"}
    | lexicon.TITLES
    | lexicon.HONORIFICS
    | lexicon.CALENDAR
    | CLAUSE_WORDS
) - {"Bank"}
# Heads that start another body: "… Elektronika Kementerian Perindustrian".
INNER_HEADS = {"Kementerian", "Pemerintah", "PT"}


@dataclass
class Mention:
    """An organisation proposal and where its name stands in the text."""

    proposal: Proposal
    start: int
    end: int

    @property
    def company(self) -> bool:
        name = self.proposal.name
        return bool(COMPANY.match(name)) or (
            name.split()[-1].rstrip(".") in lexicon.ORG_SUFFIXES
            and not GOVERNMENT_HEADS.match(name)
        )


def canonical(body: str, region_surface: str, code: str) -> str:
    """``body`` with its region spelled out: "Pemerintah Kabupaten" + "Kukar" ->
    "Pemerintah Kabupaten Kutai Kartanegara"."""
    government = bool(GOVERNMENT_HEADS.match(body))
    name = places.region_name(code, government=government)
    words, region_words = body.split(), name.split()
    for n in range(min(len(words) - 1, len(region_words)), 0, -1):
        if words[-n:] == region_words[:n] and n < len(region_words):
            body = " ".join(words[:-n])
            break
    for prefix in ("Provinsi ", "Kabupaten ", "Kota "):
        if body.endswith(prefix.strip()) and name.startswith(prefix):
            return f"{body} {name[len(prefix) :]}"
    return f"{body} {name}"


def _with_region(name: str):
    """Split a trailing region off ``name``: (body, surface, code) or None."""
    words = name.split()
    for n in range(min(5, len(words) - 1), 0, -1):
        tail = " ".join(words[-n:])
        body = " ".join(words[:-n])
        found = places.leading_region(tail)
        if found and found[0] == tail:
            return body, tail, found[1]
    return None


def _spelled(proposal: Proposal) -> Proposal:
    """The proposal with its trailing region spelled out, the written form kept
    as an alias."""
    split = _with_region(proposal.name)
    if not split:
        return proposal
    body, surface, code = split
    if (
        COMPANY.match(body)
        or len(body.split()) < 2
        and not GOVERNMENT_HEADS.match(body)
    ):
        return proposal
    full = canonical(
        re.sub(r"\s+(Provinsi|Kabupaten|Kota)$", "", body)
        if surface.startswith(("Provinsi", "Kabupaten", "Kota"))
        else body,
        surface,
        code,
    )
    if full != proposal.name:
        proposal.aliases.add(proposal.name)
        proposal.name = full
    respelled = set()
    for alias in proposal.aliases:
        split = _with_region(alias)
        if split and split[2] == code and not COMPANY.match(split[0]):
            respelled.add(f"{split[0]} {places.region_name(code)}")
    proposal.aliases |= respelled
    return proposal


def _initials_match(abbreviation: str, long_form: str) -> bool:
    letters = [w[0].upper() for w in long_form.split() if w[:1].isupper()]
    abbreviation = re.sub(r"[^A-Z]", "", abbreviation.upper())
    return len(abbreviation) >= 2 and "".join(letters).startswith(abbreviation[:2])


# "Long Name (ABBR)": a run of capitalised words (and "dan", "&", "of", …)
# scanned once, possessively, then the abbreviation looked for right after it.
# A run ends where its words stop, and every word of a run that is not
# followed by "(ABBR)" leads to that same end, so no later start inside it can
# succeed: the search goes on after the run instead of from each of its
# letters (which made an ALL-CAPS press release quadratic).
DEFINED_RUN = re.compile(
    r"(?:[A-Z][\w.&’'-]*+|dan|of|and|the)"
    r"(?:,?\s+(?:[A-Z][\w.&’'-]*+|dan|&|of|and|the))*+"
)
DEFINED_ABBREVIATION = re.compile(
    r"\s+\(([A-Z][A-Za-z]{1,12}(?: [A-Z][A-Za-z]{1,8})?)\)"
)
# The last head word of a long form: the head must stand on its last line (or
# end just before it), so the search starts this far before that line.
HEAD_IN_LONG_FORM = re.compile(rf"(?:^|\s)((?:{lexicon.ORG_HEADS})(?:\s.*)?)$")
LONGEST_HEAD = max(len(head) for head in lexicon.ORG_HEADS_LIST)


def _runs_with_abbreviation(text):
    """``(start, end, long form, abbreviation)`` for every "Long Name (ABBR)",
    as ``re.finditer`` would find the pattern of a run followed by its
    abbreviation, in time linear in ``text``."""
    position = 0
    while True:
        run = DEFINED_RUN.search(text, position)
        if run is None:
            return
        after = DEFINED_ABBREVIATION.match(text, run.end())
        if after is None:
            position = run.end()
            continue
        yield run.start(), after.end(), run.group(0), after.group(1)
        position = after.end()


def _head_of(long_form):
    """The part of ``long_form`` from its last head word on, or None."""
    newline = long_form.rfind("\n")
    start = max(0, newline - LONGEST_HEAD - 1) if newline >= 0 else 0
    return HEAD_IN_LONG_FORM.search(long_form, start)


def _initials_cut(words, abbreviation):
    """``_initials_match(abbreviation, " ".join(words[cut:]))`` for every
    ``cut``, in one pass from the end instead of joining every tail."""
    abbreviation = re.sub(r"[^A-Z]", "", abbreviation.upper())
    if len(abbreviation) < 2:
        return [False] * len(words)
    matches = [False] * len(words)
    first = second = None  # initials of the next two capitalised words
    for cut in range(len(words) - 1, -1, -1):
        word = words[cut]
        if word[:1].isupper():
            first, second = word[0].upper(), first
        matches[cut] = (
            first is not None
            and second is not None
            and (first + second).startswith(abbreviation[:2])
        )
    return matches


def _word_offset(text, n):
    """Where the ``n``-th word (``text.split()[n]``) of ``text`` starts."""
    for number, word in enumerate(re.finditer(r"\S+", text)):
        if number == n:
            return word.start()
    return 0


def _defined(text):
    found = []
    for match_start, match_end, long_form, abbreviation in _runs_with_abbreviation(
        text
    ):
        evidence = text[match_start:match_end]
        if abbreviation in lexicon.GENERIC_ACRONYMS:
            continue
        head = _head_of(long_form)
        if head:
            offset = head.start(1)
            long_form = head.group(1)
        else:
            words = long_form.split()
            # No head word: keep the words the abbreviation spells.
            tail_ok = words[-1] in lexicon.ORG_TAILS
            spelled = _initials_cut(words, abbreviation)
            for cut in range(len(words)):
                if spelled[cut] and (tail_ok or len(words) - cut >= 2):
                    if words[cut] in lexicon.ROLE_WORDS:
                        continue
                    offset = _word_offset(long_form, cut)
                    long_form = " ".join(words[cut:])
                    break
            else:
                continue
            if any(w in lexicon.ROLE_WORDS for w in long_form.split()[:1]):
                continue
            if not (tail_ok or _initials_match(abbreviation, long_form)):
                continue
            if long_form.split()[0] in lexicon.FUNCTION_WORDS | lexicon.CALENDAR:
                continue
        long_form = long_form.strip(" ,")
        region = places.leading_region(long_form)
        if region and region[0] == long_form:
            continue  # "Daerah Istimewa Yogyakarta (DIY)" is a place
        rest = text[match_end : match_end + 80]
        region = places.leading_region(rest) if rest[:1] == " " else None
        name = f"{long_form} {region[0]}" if region else long_form
        alias = f"{abbreviation} {region[0]}" if region else abbreviation
        # Where the long form stands (its words rejoined with single spaces
        # may not be written so: then where its first word is).
        found_at = evidence.find(long_form)
        start = match_start + (found_at if found_at >= 0 else offset)
        end = match_end + (
            len(rest) - len(rest.lstrip()) + len(region[0]) if region else 0
        )
        found.append(
            Mention(
                Proposal(
                    ORGANISATION,
                    tidy(name),
                    evidence,
                    0.9,
                    aliases={alias},
                    rule="organisations.defined",
                ),
                start,
                end,
            )
        )
    for match in re.finditer(r"\b([A-Z]{3,10})\s+\(([A-Z][^()]{8,120})\)", text):
        abbreviation, long_form = match.groups()
        words = long_form.split()
        if words[-1] in lexicon.ORG_TAILS or re.match(
            rf"(?:{lexicon.ORG_HEADS})\b", long_form
        ):
            found.append(
                Mention(
                    Proposal(
                        ORGANISATION,
                        long_form,
                        match.group(0),
                        0.9,
                        aliases={abbreviation},
                        rule="organisations.defined",
                    ),
                    match.start(),
                    match.end(),
                )
            )
    return found


def _from_head(text, match):
    head = match.group(1)
    before = text[max(0, match.start() - 12) : match.start()].split()
    if before and before[-1] in BUILDINGS:
        return None
    tokens = tokenize(text[match.end() : match.end() + 240], match.end())
    government = bool(GOVERNMENT_HEADS.match(head))
    words = []
    ends = []
    end = match.end()
    for i, token in enumerate(tokens):
        while len(ends) < len(words):
            ends.append(end)
        t = token.text
        following = tokens[i + 1].text if i + 1 < len(tokens) else ""
        if t in {"Tbk", "Tbk."} and words:
            words.append("Tbk")
            end = token.end
            break  # "Tbk" ends a listed company's name
        if t in {"(Persero)", "&"}:
            words.append(t)
            end = token.end
            continue
        if t == "dan" and head.startswith("PT"):
            break  # "PT X dan Y Ltd": two companies
        if t in {"dan", ","}:
            if t == "," and not (
                government and (following[:1].isupper() or following == "dan")
            ):
                break
            if t == "," and not _list_continues(tokens, i):
                break
            if t == "," and (
                following in STOP_WORDS
                or following in lexicon.TITLES
                or HEAD_WORD.match(following)
            ):
                break
            if (
                not words
                or HEAD_WORD.match(following)
                or following in lexicon.NATIONAL_BODIES
                or following in lexicon.LOCAL_BODIES
                or not following[:1].isupper()
            ):
                break
            words.append(t)
            continue
        if t == "(":
            # "Pemerintah Provinsi (Pemprov) Banten": skip the abbreviation when
            # the name goes on with its region.
            if i + 2 < len(tokens) and tokens[i + 2].text == ")":
                rest = text[tokens[i + 2].end : tokens[i + 2].end + 60]
                region = places.leading_region(rest)
                if region or words and words[-1] in {"Provinsi", "Kota", "Kabupaten"}:
                    continue
            break
        if t == ")" and i >= 2 and tokens[i - 2].text == "(":
            continue
        if i >= 1 and tokens[i - 1].text == "(":
            continue
        if not t[:1].isupper() or t in STOP_WORDS or t in lexicon.TITLES:
            break
        if t.endswith(".") and t not in {"Co.", "Ltd."}:
            break
        if t in INNER_HEADS and len(words) >= 2:
            break
        if (
            not head.startswith("PT")
            and words
            and _ends_with_region(words)
            and not _ends_with_region([*words, t])
            and t not in {"Kota", "Kabupaten", "Provinsi"}
        ):
            # "Setda Kota Cilegon Tb Dikrie": the place ends a body's name.
            break
        words.append(t)
        end = token.end
        if len(words) >= 16:
            break
    while len(ends) < len(words):
        ends.append(end)
    while words and words[-1] in {"dan", "&", ","}:
        words.pop()
    if not words:
        return None
    if head.startswith("PT") and is_acronym(words[0]):
        words = words[:1] + [w for w in words[1:2] if w in {"(Persero)", "Tbk"}]
    end = ends[len(words) - 1]
    if head == "Pemerintah" and not places.leading_region(" ".join(words)):
        return None
    name = tidy(re.sub(r"\s+,", ",", f"{head} {' '.join(words)}"))
    return name, match.start(), end


def _ends_with_region(words):
    for n in range(min(4, len(words)), 0, -1):
        tail = " ".join(words[-n:])
        found = places.leading_region(tail)
        if found and found[0] == tail:
            return True
    return False


def _list_continues(tokens, i):
    """Whether the comma at ``tokens[i]`` goes on listing a body's fields
    ("Koperasi, Usaha Kecil dan Menengah, …") rather than closing its name
    before a person's ("…, Yohanis Lamba,")."""
    segment = []
    for token in tokens[i + 1 : i + 8]:
        if token.text in {",", "."}:
            break
        segment.append(token.text)
    if not segment:
        return False
    if segment[0] == "dan":
        return True
    return (
        any(
            w in lexicon.INSTITUTIONAL or w == "dan" or w.islower() for w in segment[:5]
        )
        and segment[0] not in lexicon.TITLES
    )


def _heads(text):
    found = []
    for match in lexicon.org_head_pattern().finditer(text):
        result = _from_head(text, match)
        if result:
            name, start, end = result
            evidence = text[max(0, start - 40) : end + 40].strip()
            found.append(
                Mention(
                    Proposal(
                        ORGANISATION, name, evidence, 0.8, rule="organisations.head"
                    ),
                    start,
                    end,
                )
            )
    return found


@functools.cache
def _suffix_pattern():
    suffixes = "|".join(
        re.escape(s) for s in sorted(lexicon.ORG_SUFFIXES, key=len, reverse=True)
    )
    # A name's first word starts at the first capital of its word ("eBay" ->
    # "Bay"): every later capital of the same word leads to the same words
    # after it, so only the first is tried, not each letter of a long word.
    return re.compile(
        r"(?<![\w&’'-])(?:[^\WA-Z]|[&’'-])*+"
        rf"((?:[A-Z][\w&’'-]*\s+){{1,5}})((?:{suffixes})(?:\s+Co\.?,?\s?Ltd\.?)?"
        r"|Co\.,?\s?Ltd\.?)(?![\w])(?!\s+[A-Z][a-z])"
    )


def _suffixes(text):
    """ "Sinar Baja Group", "Kitano Chemical Corporation", "X Co., Ltd"."""
    found = []
    for match in _suffix_pattern().finditer(text):
        words = match.group(1).split()
        kept = []
        for word in reversed(words):
            if (
                word in STOP_WORDS
                or word in lexicon.FUNCTION_WORDS
                or HEAD_WORD.match(word)
            ):
                break
            kept.insert(0, word)
        # "Direktur Utama X Group": the role's own words are not the name's.
        if len(kept) < len(words):
            while kept and kept[0] in lexicon.INSTITUTIONAL:
                kept.pop(0)
        # "Investornya X Holding": a sentence's first word is not the name's.
        if kept and kept[0].endswith("nya"):
            kept.pop(0)
        if not kept:
            continue
        suffix = re.sub(r"Co\.?,?\s?Ltd\.?", "Co., Ltd", match.group(2)).rstrip(".")
        name = f"{' '.join(kept)} {suffix}"
        start = match.end(1) - len(" ".join(kept)) - 1
        start = text.rfind(kept[0], match.start(), match.end())
        found.append(
            Mention(
                Proposal(
                    ORGANISATION,
                    name,
                    text[max(0, start - 40) : match.end() + 40].strip(),
                    0.85,
                    rule="organisations.suffix",
                ),
                start,
                match.end(),
            )
        )
    return found


def abbreviations(text):
    """National bodies by their fixed abbreviation; local bodies with their
    region."""
    found = []
    names = sorted(
        set(lexicon.NATIONAL_BODIES) | set(lexicon.LOCAL_BODIES), key=len, reverse=True
    )
    pattern = "|".join(re.escape(n) for n in names)
    for match in re.finditer(rf"(?<![\w-])({pattern})(?![\w-])", text):
        word = match.group(1)
        if (
            text[max(0, match.start() - 1) : match.start()] == "("
            and (word in lexicon.NATIONAL_BODIES)
            and text[match.end() : match.end() + 1] == ")"
        ):
            before = text[max(0, match.start() - 3) : match.start() - 1].strip()
            if before[-1:].isalpha():
                continue  # "Dinas Energi … (ESDM) Aceh": defines another body
        rest = text[match.end() : match.end() + 80]
        region = places.leading_region(rest) if rest[:1] == " " else None
        end = match.end()
        if region:
            end = match.end() + len(rest) - len(rest.lstrip()) + len(region[0])
        evidence = text[max(0, match.start() - 40) : end + 40].strip()
        if word in lexicon.LOCAL_BODIES and region:
            body = lexicon.LOCAL_BODIES[word]
            full = canonical(body, region[0], region[1])
            proposal = Proposal(
                ORGANISATION,
                full,
                evidence,
                0.85,
                aliases={
                    f"{word} {region[0]}",
                    f"{word} {places.region_name(region[1])}",
                },
                rule="organisations.local_body",
            )
        elif lexicon.NATIONAL_BODIES.get(word):
            full = lexicon.NATIONAL_BODIES[word]
            proposal = Proposal(
                ORGANISATION,
                full,
                evidence,
                0.85,
                aliases={word},
                rule="organisations.national_body",
            )
            end = match.end()
        else:
            continue
        found.append(Mention(proposal, match.start(), end))
    return found


def find(text: str) -> list[Mention]:
    """Every organisation mention in ``text`` (not yet merged)."""
    mentions = _defined(text) + _heads(text) + _suffixes(text) + abbreviations(text)
    kept = []
    for mention in mentions:
        if mention.proposal.name.split()[0] in ESTATES:
            continue
        if mention.proposal.rule in {
            "organisations.defined",
            "organisations.head",
        }:
            _spelled(mention.proposal)
        kept.append(mention)
    # "Dinas PUPR Kaltim": a national body's abbreviation inside another
    # body's name is part of that name, not a mention of the national body.
    covers = _Covers(
        [m for m in kept if m.proposal.rule != "organisations.national_body"]
    )
    kept = [
        m
        for m in kept
        if m.proposal.rule != "organisations.national_body"
        or not covers.strictly(m.start, m.end)
    ]
    # A name read twice (with and without its abbreviation): keep the longer.
    kept.sort(key=lambda m: (m.start, -m.end))
    result = []
    # The names kept so far that reach the current start (in their order):
    # one that ends before it cannot hold this mention or any later one.
    reaching = []
    for mention in kept:
        reaching = [k for k in reaching if k.end >= mention.start]
        inside = next(
            (
                k
                for k in reaching
                if k.start <= mention.start
                and mention.end <= k.end
                and (
                    k.proposal.name.startswith(mention.proposal.name)
                    or k.proposal.name.endswith(" " + mention.proposal.name)
                    and mention.end == k.end
                )
                and k.proposal.name != mention.proposal.name
            ),
            None,
        )
        if inside:
            if inside.proposal.name.startswith(mention.proposal.name):
                inside.proposal.aliases |= mention.proposal.aliases
            continue
        result.append(mention)
        reaching.append(mention)
    return result


class _Covers:
    """Which spans of ``mentions`` hold a given span, asked in log time."""

    def __init__(self, mentions):
        spans = sorted((m.start, m.end) for m in mentions)
        self.starts = [start for start, _end in spans]
        self.ends = [end for _start, end in spans]
        # The furthest end among the spans starting before each one.
        self.reach = []
        furthest = -1
        for end in self.ends:
            furthest = max(furthest, end)
            self.reach.append(furthest)

    def strictly(self, start, end) -> bool:
        """Whether a span other than (start, end) itself holds (start, end)."""
        before = bisect.bisect_left(self.starts, start)  # spans starting earlier
        if before and self.reach[before - 1] >= end:
            return True
        # Spans starting at ``start``: one that ends later holds it.
        same = bisect.bisect_right(self.starts, start)
        return same > before and self.ends[same - 1] > end


def cut_prefixes(mentions: list[Mention]) -> None:
    """ "PT X Y" written once alone and once as "PT X Y Budi Santoso" (a name
    glued on): the longer is cut back to the name written alone."""
    names = {
        m.proposal.name for m in mentions if m.proposal.rule == "organisations.head"
    }
    for mention in mentions:
        name = mention.proposal.name
        # The name's own beginnings, longest first (when two were written
        # alone, the longer is cut off less).
        cuts = [i for i, c in enumerate(name) if c == " "]
        for cut in reversed(cuts):
            shorter = name[:cut]
            if (
                shorter in names
                and COMPANY.match(shorter)
                and len(shorter.split()) >= 2
            ):
                extra = name[len(shorter) :].strip()
                if extra and not extra.startswith(("(", "Tbk")):
                    mention.proposal.name = shorter
                    mention.end -= len(extra) + 1
                    break
