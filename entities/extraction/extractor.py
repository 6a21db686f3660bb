"""The extractor: runs the rules of ``organisations``, ``people`` and
``places`` and the known-entity matcher over a text, and folds what they find
into proposals."""

from django.conf import settings

from ..kinds import ORGANISATION, PERSON, REGION
from . import lexicon, organisations, people, places
from .known import KnownIndex
from .proposals import Proposal, add, merge_variants, normalise
from .sequence import layer


def _as_index(known) -> KnownIndex:
    """Accept a ``KnownIndex``, or the older {form: (id, name, kind)} mapping."""
    if known is None:
        return KnownIndex()
    if isinstance(known, KnownIndex):
        return known
    rows: dict[int, list] = {}
    for form, (entity_id, name, kind) in known.items():
        rows.setdefault(entity_id, [entity_id, name, kind, []])[3].append(form)
    return KnownIndex(tuple(r) for r in rows.values())


def within_limit(text: str, limit: int | None = None) -> str:
    """The part of ``text`` that suggestions are made from: its first
    ``limit`` characters (``WARTA_EXTRACTION_MAX_CHARS``), cut at the last
    space before them so that no word is cut in two."""
    if limit is None:
        limit = settings.WARTA_EXTRACTION_MAX_CHARS
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", max(0, limit - 100), limit + 1)
    return text[: cut if cut > 0 else limit]


class Extractor:
    """Extract proposals from text.

    ``known`` is the newsroom's known-entity index (``known_index``): every
    known name and alias is found in the text, and what the rules find is
    linked to the entity it names. ``rejected`` holds the proposal keys this
    newsroom's desk rejected (and never accepted): they are not proposed.
    Only the first ``max_chars`` characters of a text and of its title are
    read (``within_limit``; by default ``WARTA_EXTRACTION_MAX_CHARS``).
    ``sequence`` is the trained model beside the rules (``sequence.layer``):
    by default the one ``WARTA_SEQUENCE_MODEL`` names, if any; None for the
    rules alone.
    """

    def __init__(
        self, known=None, *, rejected=(), max_chars=None, sequence=layer.DEFAULT
    ):
        self.known = _as_index(known)
        self.rejected = frozenset(rejected)
        self.max_chars = max_chars
        self.sequence = layer.default_model() if sequence is layer.DEFAULT else sequence

    def extract(
        self, text: str, *, title: str = "", dateline: str = ""
    ) -> list[Proposal]:
        text = within_limit(text, self.max_chars)
        title = within_limit(title, self.max_chars)
        dateline = dateline[:200]
        proposals: dict[str, Proposal] = {}
        mentions = organisations.find(text)
        organisations.cut_prefixes(mentions)
        known = self.known.find(text)
        org_spans = [(m.start, m.end) for m in mentions] + [
            (m.start, m.end) for m in known if m.known.kind == ORGANISATION
        ]
        org_names = {normalise(m.proposal.name) for m in mentions}
        org_names |= {
            form for m in mentions for form in m.proposal.forms if len(form) > 3
        }
        candidates = [
            c
            for c in people.find(text, org_spans=org_spans, org_names=org_names)
            if not self._known_organisation(c.name)
        ]
        persons = people.proposals(candidates, text)
        person_names = _Ordered(p.name for p in persons)
        for mention in mentions:
            _unglue(mention.proposal, person_names)
            add(proposals, mention.proposal)
        for proposal in persons:
            add(proposals, proposal)
        for match in known:
            if match.known.kind not in (PERSON, ORGANISATION):
                continue
            if _chapter(match, text):
                continue
            add(
                proposals,
                Proposal(
                    match.known.kind,
                    match.known.name,
                    text[max(0, match.start - 60) : match.end + 60].strip(),
                    0.9,
                    aliases={match.text},
                    entity_id=match.known.entity_id,
                    rule="known.mention",
                ),
            )
        company_spans = [(m.start, m.end) for m in mentions if m.company]
        # "… Agustin Iterson Samosir": a surname that is also a regency's name
        # is no mention of the regency.
        person_spans = [
            (c.start, c.start + len(c.name)) for c in candidates if " " in c.name
        ]
        full = "\n".join(part for part in (title, text) if part)
        offset = len(title) + 1 if title else 0
        skip = [(s + offset, e + offset) for s, e in company_spans + person_spans]
        for proposal in places.find(full, skip=skip, dateline=dateline):
            add(proposals, proposal)
        if title:
            # Headlines are in title case, which capitalisation rules would
            # misread: they add places and fixed abbreviations only.
            for mention in organisations.abbreviations(title):
                add(proposals, mention.proposal)
        self._link_known(proposals.values())
        result = merge_variants(list(proposals.values()), ORGANISATION)
        result = merge_variants(result, PERSON)
        result = layer.apply(text, result, self.sequence)
        return [p for p in result if p.key not in self.rejected]

    def _known_organisation(self, name):
        hit = self.known.get(name)
        return hit is not None and hit.kind == ORGANISATION

    def _link_known(self, proposals):
        for proposal in proposals:
            for form in (proposal.name, *proposal.aliases):
                hit = self.known.get(form)
                if hit and (hit.kind == proposal.kind or proposal.kind == REGION):
                    if proposal.kind != REGION:
                        proposal.entity_id = hit.entity_id
                        if hit.name != proposal.name:
                            proposal.aliases.add(proposal.name)
                            proposal.name = hit.name
                    break


class _Ordered:
    """Names in order, asked which of them end another name: {name: [its
    positions in the order]}."""

    def __init__(self, names):
        self.positions: dict[str, list[int]] = {}
        for position, name in enumerate(names):
            self.positions.setdefault(name, []).append(position)
        # A name with n spaces can only follow the (n + 1)-th space from the
        # end: only that many spaces of a (long) name are looked at.
        self.spaces = max((name.count(" ") for name in self.positions), default=0)

    def next_ending(self, text: str, after: int):
        """The first ``(position, name)`` past ``after`` whose name ends
        ``text`` after a space and may be cut off it, or None."""
        best = None
        space = len(text)
        for _ in range(self.spaces + 1):
            space = text.rfind(" ", 0, space)
            if space < 0:
                break
            name = text[space + 1 :]
            for position in self.positions.get(name, ()):
                if position > after and _cuttable(text, name):
                    if best is None or position < best[0]:
                        best = (position, name)
                    break
        return best


def _cuttable(whole, name):
    return len(whole) > len(name) + 3 and not whole[: -len(name)].strip().endswith(
        ("Provinsi", "Kabupaten", "Kota")
    )


def _unglue(proposal, person_names):
    """ "PT X Y Budi Santoso": a person's name glued onto an organisation's.

    As if each person's name were tried in turn, cutting it off the end of the
    name when it is glued there (one name may be cut, then another)."""
    after = -1
    while found := person_names.next_ending(proposal.name, after):
        after, name = found
        proposal.name = proposal.name[: -len(name) - 1].strip()


def _chapter(match, text) -> bool:
    """ "BPS Babel", "Apindo Sumsel": a known national body's abbreviation
    followed by a region names its regional office, not the body itself."""
    generic = match.text in lexicon.LOCAL_BODIES or match.text in (
        lexicon.NATIONAL_BODIES
    )
    if not generic and not match.text.isupper():
        return False
    rest = text[match.end : match.end + 60]
    return rest[:1] == " " and places.leading_region(rest) is not None
