"""``organisations.head``: a name opened by a head word ("PT", "Dinas",
"Kementerian", …), read forwards until a role word, a title or lower-case text."""

import re

from ...kinds import ORGANISATION
from .. import lexicon, places
from ..proposals import Proposal, tidy
from ..tokens import is_acronym, tokenize
from .names import (
    BUILDINGS,
    GOVERNMENT_HEADS,
    HEAD_WORD,
    INNER_HEADS,
    STOP_WORDS,
    Mention,
)


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
        if t in {"Tbk", "Tbk.", "TBK"} and words:
            words.append("Tbk")
            end = token.end
            break  # "Tbk" ends a listed company's name
        if t in {"(Persero)", "&"}:
            words.append(t)
            end = token.end
            continue
        if t == "dan" and head.startswith("PT"):
            break  # "PT X dan Y Ltd": two companies
        if (
            t == "/"
            and government
            and words
            and following[:1].isupper()
            and following not in STOP_WORDS
        ):
            # "Kementerian Investasi/BKPM", "Kementerian ATR/BPN": one body
            # under its two official names.
            words.append(t)
            continue
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
                # "Dinas Perdagangan dan Koperasi": a government body's field,
                # not a cooperative.
                or HEAD_WORD.match(following)
                and not (government and following in lexicon.OFFICE_FIELDS)
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
        if t in INNER_HEADS and len(words) >= 2 and words[-1] != "/":
            break
        if (
            not head.startswith("PT")
            and words
            and is_acronym(words[-1])
            and not is_acronym(t)
            and t not in lexicon.INSTITUTIONAL
            and not places.leading_region(text[token.start : token.start + 60])
        ):
            # "Komisi VII DPR Budi Santoso": a body's abbreviation, then a
            # name that is neither a place nor an institution's word.
            break
        if (
            government
            and words
            and words[-1] not in PLACE_KINDS
            and _person_after(text, tokens, i)
        ):
            # "Dinas Pekerjaan Umum dan Penataan Ruang Roy Rizali Anwar": the
            # office's words end where a person's name begins.
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
    while words and words[-1] in {"dan", "&", ",", "/"}:
        words.pop()
    if not words:
        return None
    if head.startswith("PT") and is_acronym(words[0]):
        caps = _capitals_name(words)
        words = words[:caps] + [
            w for w in words[caps : caps + 1] if w in {"(Persero)", "Tbk"}
        ]
    end = ends[len(words) - 1]
    if head == "Pemerintah" and not places.leading_region(" ".join(words)):
        return None
    if head == "Dinas" and DINAS_ACRONYM.match(words[0]):
        # "Kepala Dinas DPM-PTSP Gorontalo": the abbreviation already says
        # "Dinas"; the office's name is the abbreviation's.
        head, words = words[0], words[1:]
        if not words:
            return None
    if head == "Komisi" and COMMISSION_NUMBER.match(words[0]):
        # "Komisi VII DPR", "Komisi B DPRD": a parliament's commission, a
        # part of a member's role; the body named is the parliament.
        return None
    name = tidy(re.sub(r"\s+,", ",", f"{head} {' '.join(words)}").replace(" / ", "/"))
    return name, match.start(), end


COMMISSION_NUMBER = re.compile(r"^(?:[IVXL]+|[A-E])$")
DINAS_ACRONYM = re.compile(r"^D[A-Z]{2,}(?:-[A-Z]+)*$")
# All-capital words that end a company's name written in capitals: function
# words, and verbs ("PT SINAR MITRA MENANDATANGANI …").
CAPS_STOP = {
    "YANG", "DAN", "DI", "KE", "DARI", "UNTUK", "DENGAN", "PADA", "ITU", "INI",
    "AKAN", "TELAH", "SUDAH", "JUGA", "SERTA", "ATAU", "OLEH", "DALAM", "KEPADA",
    "BAHWA", "SEBAGAI", "ADALAH", "MILIK", "ASAL", "SELAKU",
}  # fmt: skip
CAPS_VERB = re.compile(r"^(?:ME(?:NG|NY|N|M)[A-Z]{4,}|BER[A-Z]{3,}KAN|DI[A-Z]{3,}KAN)$")


def _capitals_name(words):
    """How many of ``words`` (after "PT") are a name written in capitals:
    "PT SINAR MITRA NIAGA" is one name, "PT GRS Budi" an abbreviation and
    then a person. A first word of four letters or more with a vowel reads
    as a word; then every capital word but a function word or a verb, up to
    six."""
    first = words[0]
    first = words[0]
    if not (len(first) >= 4 and first.isalpha() and re.search(r"[AEIOU]", first)):
        # "PT SKC Bioner Tech": an abbreviation, then words up to a company's
        # last word; "PT GRS Budi Santoso": the abbreviation alone.
        for n in range(min(len(words), 5), 1, -1):
            if words[n - 1] in lexicon.COMPANY_TAILS and all(
                w[:1].isupper() and w not in STOP_WORDS for w in words[1:n]
            ):
                return n
        return 1
    n = 1
    while n < min(len(words), 6):
        word = words[n]
        if not (word.isupper() and word.isalpha() and len(word) >= 2):
            break
        if word in CAPS_STOP or CAPS_VERB.match(word) or word == "PT":
            break
        if word.capitalize() in lexicon.ROLE_WORDS:
            break
        n += 1
    return n


def _ends_with_region(words):
    for n in range(min(4, len(words)), 0, -1):
        tail = " ".join(words[-n:])
        found = places.leading_region(tail)
        if found and found[0] == tail:
            return True
    return False


NAME_WORD = re.compile(r"[A-Z][a-z’'-]+")
# Words after which a place's name comes, never a person's.
PLACE_KINDS = {"Provinsi", "Kabupaten", "Kota", "Kecamatan", "Desa", "Kelurahan"}


def _person_after(text, tokens, i):
    """Whether ``tokens[i:]`` begin with a person's name ending the run: two
    to four capitalised words that are no office's words, no place and no
    abbreviation, followed by no capitalised word."""
    j = i
    while j < len(tokens) and j - i <= 4:
        word = tokens[j].text
        if not NAME_WORD.fullmatch(word) or word in lexicon.OFFICE_WORDS:
            break
        if word in STOP_WORDS or lexicon.ORG_HEADS and HEAD_WORD.match(word):
            return False
        if places.leading_region(text[tokens[j].start : tokens[j].start + 60]):
            return False
        j += 1
    following = tokens[j].text if j < len(tokens) else ""
    if places.surface_index().get(places.key(" ".join(t.text for t in tokens[i:j]))):
        return False
    return 2 <= j - i <= 4 and not following[:1].isupper()


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


# "PT.Membangun Sulut Hebat": the legal form glued to the name.
GLUED_PT = re.compile(r"\b(PT)\.(?=[A-Z][a-z])")


def find_heads(text):
    """Names opened by a head word."""
    found = []
    matches = [
        *lexicon.org_head_pattern().finditer(text),
        *GLUED_PT.finditer(text),
    ]
    for match in sorted(matches, key=lambda m: m.start()):
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
