"""An offline, rule-based extractor for Indonesian news: who and where an article
is about.

It proposes; editors decide. ``extract(text)`` returns ``Proposal`` objects for
people (with the role that introduced them), organisations (abbreviations linked
to full names), regions (from the gazetteer, with official codes) and places.
Known entities and their aliases are passed in so that "KS" finds
"PT Krakatau Steel" instead of a new entity. Topic rules live with the topics
(``Topic.keywords``), so they are applied by the caller.
"""

import re
from dataclasses import dataclass, field

from . import gazetteer
from .kinds import ORGANISATION, PERSON, PLACE, REGION

ROLE_WORDS = {
    "Gubernur",
    "Wakil",
    "Bupati",
    "Walikota",
    "Wali",
    "Direktur",
    "Dirut",
    "Presiden",
    "Kepala",
    "Ketua",
    "Sekretaris",
    "Manager",
    "Manajer",
    "Menteri",
    "Wamen",
    "Koordinator",
    "Asda",
    "Asisten",
    "Kadis",
    "Plt",
    "Plh",
    "Camat",
    "Lurah",
    "Komisaris",
    "Deputi",
    "Staf",
    "Anggota",
    "General",
    "Chief",
    "Rektor",
    "Dekan",
    "Kapolda",
    "Kapolres",
    "Pj",
    "Sekda",
    "Kabid",
    "Kasi",
    "Direksi",
    "CEO",
    "President",
    "Vice",
    "Head",
    "Penjabat",
}
TITLES = {"Dr.", "Dr", "Ir.", "Prof.", "H.", "Hj.", "Drs.", "KH."}
DEGREES = {
    "ME",
    "MM",
    "MT",
    "MSi",
    "M.Si",
    "M.Si.",
    "S.Si.",
    "S.Si",
    "M.Eng.",
    "M.Eng",
    "SE",
    "ST",
    "SH",
    "MH",
    "S.Sos",
    "MBA",
    "PhD",
    "Ph.D.",
    "S.Kom",
    "M.Kom",
    "SIP",
    "MAP",
}
SPEECH_VERBS = {
    "kata",
    "ujar",
    "ungkap",
    "ucap",
    "tutur",
    "terang",
    "jelas",
    "papar",
    "tegas",
    "tambah",
    "imbuh",
    "sebut",
    "tutup",
    "ujarnya",
    "katanya",
}
NAME_PARTICLES = {
    "La",
    "Ode",
    "Wa",
    "Tb",
    "Tb.",
    "Andi",
    "I",
    "Ni",
    "Gusti",
    "Made",
    "bin",
    "binti",
}
# Capitalised words that belong to institutions, roles and topics, never to names.
INSTITUTIONAL = {
    "Utama",
    "Umum",
    "Infrastruktur",
    "Operasi",
    "Operasional",
    "Sumber",
    "Daya",
    "Manusia",
    "Keuangan",
    "Pemasaran",
    "Produksi",
    "Bisnis",
    "Pengembangan",
    "Dinas",
    "Perindustrian",
    "Perdagangan",
    "Kementerian",
    "Direktorat",
    "Jenderal",
    "Industri",
    "Kawasan",
    "Pembangunan",
    "Tertentu",
    "Perwilayahan",
    "Provinsi",
    "Kota",
    "Kabupaten",
    "Daerah",
    "Sekretariat",
    "Setda",
    "Pemerintah",
    "Team",
    "Tim",
    "Balai",
    "Besar",
    "Logam",
    "Mesin",
    "Republik",
    "Estate",
    "Housing",
    "Industrial",
    "Industry",
    "Eco",
    "Park",
    "Nasional",
    "Pengusaha",
    "Wilayah",
    "Pengurus",
    "Badan",
    "Bidang",
    "Bagian",
    "Divisi",
    "Unit",
    "Kantor",
    "Perusahaan",
    "PT",
    "PT.",
    "Tbk",
    "Persero",
    "Negara",
    "Dalam",
    "Luar",
    "Negeri",
    "Hubungan",
    "Masyarakat",
    "Humas",
    "Administrasi",
    "Perekonomian",
    "Kesejahteraan",
    "Rakyat",
    "Forum",
    "Group",
    "Discussion",
    "Development",
    "Organization",
    "Organisation",
    "United",
    "Nations",
    "State",
    "Secretariat",
    "Economic",
    "Affairs",
    "Model",
    "Perumahan",
    "Properti",
    "Sarana",
    "Korean",
    "Kemitraan",
    "Pelaksana",
    "Tugas",
    "Harian",
    "Penanaman",
    "Modal",
    "Investasi",
    "Energi",
    "Mineral",
    "Pertambangan",
    "Teknik",
    "Teknologi",
    "Riset",
    "Senior",
    "Vice",
    "President",
    "Officer",
    "Executive",
    "Presiden",
    "Direktur",
    "Kepala",
    "Ketua",
    "Manager",
    "Koordinator",
    "Gubernur",
    "Bupati",
    "Walikota",
    "Wali",
    "Wakil",
    "Menteri",
    "Asisten",
    "Staf",
    "Khusus",
    "Ahli",
    "Komite",
    "Dewan",
    "Asosiasi",
    "Himpunan",
    "Kamar",
    "Dagang",
    "Jaringan",
    "Smelter",
    "Undang",
    "Nomor",
    "Tahun",
    "Pasal",
    "Peraturan",
    "SNI",
}
# Words that start an organisation's name.
ORG_HEADS = (
    r"PT\.?|Perum|Kementerian|Kemenko|Dinas|Badan|Balai Besar|Balai|"
    r"Direktorat Jenderal|"
    r"Direktorat|Sekretariat Daerah|Sekretariat Jenderal|Pemerintah Provinsi|"
    r"Pemerintah Kota|Pemerintah Kabupaten|Pemerintah|Kamar Dagang|Asosiasi|Himpunan|"
    r"Jaringan|Bank|Universitas|Institut|Lembaga|Komisi|Otoritas|Dewan|Koperasi|Yayasan"
)
# Abbreviations with a fixed meaning (general knowledge, not taken from any article).
KNOWN_ABBREVIATIONS = {
    "Kemenperin": "Kementerian Perindustrian",
    "Kemendag": "Kementerian Perdagangan",
    "Kemenkeu": "Kementerian Keuangan",
    "Kemendagri": "Kementerian Dalam Negeri",
    "Kemenaker": "Kementerian Ketenagakerjaan",
    "Kemenkop": "Kementerian Koperasi dan UKM",
    "Kementan": "Kementerian Pertanian",
    "Kemenhub": "Kementerian Perhubungan",
    "Kemenlu": "Kementerian Luar Negeri",
    "Kemenkomarves": "Kementerian Koordinator Bidang Kemaritiman dan Investasi",
    "BKPM": "Badan Koordinasi Penanaman Modal",
    "BPS": "Badan Pusat Statistik",
    "BSN": "Badan Standardisasi Nasional",
    "OJK": "Otoritas Jasa Keuangan",
    "Kadin": "Kamar Dagang dan Industri Indonesia",
    "Japnas": "Jaringan Pengusaha Nasional",
    "Hipmi": "Himpunan Pengusaha Muda Indonesia",
    "HIPMI": "Himpunan Pengusaha Muda Indonesia",
    "Apindo": "Asosiasi Pengusaha Indonesia",
    "UNIDO": "United Nations Industrial Development Organization",
    "BUMD": None,
}
# Local-government abbreviations: followed by a region, they name its body.
LOCAL_BODIES = {
    "Pemprov": "Pemerintah Provinsi",
    "Pemkot": "Pemerintah Kota",
    "Pemkab": "Pemerintah Kabupaten",
    "Disperindag": "Dinas Perindustrian dan Perdagangan",
    "Disperin": "Dinas Perindustrian",
    "Kadisperin": "Dinas Perindustrian",
    "Kadisperindag": "Dinas Perindustrian dan Perdagangan",
    "Setda": "Sekretariat Daerah",
    "Bappeda": "Badan Perencanaan Pembangunan Daerah",
    "DPRD": "Dewan Perwakilan Rakyat Daerah",
    "DPMPTSP": "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
}
GENERIC_ACRONYMS = {
    "Persero",
    "OPD",
    "IKM",
    "UMKM",
    "UKM",
    "FGD",
    "EIP",
    "SNI",
    "SDM",
    "BUMN",
    "BUMD",
    "PMA",
    "PMDN",
    "APBD",
    "APBN",
    "PDB",
    "PDRB",
    "RI",
    "ME",
    "MM",
    "CSR",
    "MoU",
    "KEK",
}
ORG_TAILS = {
    "Organization",
    "Organisation",
    "Affairs",
    "Agency",
    "Association",
    "Council",
    "Committee",
    "Secretariat",
    "Corporation",
    "Company",
    "Ltd",
    "Inc",
    "Bank",
}
COMMON_WORD_PLACES = {"Batu", "Buru", "Pati"}

TOKEN = re.compile(
    r"Co\.,\s?Ltd\.?|\(Persero\)|PT\.|[A-Z][a-z]?\.(?=\s)|[\w’'.-]*\w|[(),;:&“”\"]|\S"
)


@dataclass
class Proposal:
    """Something the article seems to be about, with the text that says so."""

    kind: str  # person, organisation, place or region
    name: str
    evidence: str
    confidence: float
    aliases: set = field(default_factory=set)
    role: str = ""
    code: str = ""  # the region's official code, for regions and places
    entity_id: int | None = None  # an existing entity this matches

    @property
    def key(self):
        return f"{self.kind}:{self.code or normalise(self.name)}"


def normalise(name: str) -> str:
    name = re.sub(r"\bPT\.", "PT", name)
    name = re.sub(r"\(Persero\)|\bTbk\b|\bRepublik Indonesia\b|\bProvinsi\b", " ", name)
    return re.sub(r"[^\w]+", " ", name).strip().lower()


SENTENCE_END = re.compile(
    # Not after titles and abbreviations that end in a full stop ("Dr. Gunawan").
    r"(?<!\bDr\.)(?<!\bIr\.)(?<!\bH\.)(?<!\bPT\.)(?<!\bProf\.)(?<!\bDrs\.)"
    r"(?<=[.!?”\"])\s+(?=[“\"A-Z])"
)


def _sentences(text):
    for paragraph in text.split("\n"):
        yield from (s for s in SENTENCE_END.split(paragraph) if s.strip())


def _is_acronym(token):
    letters = re.sub(r"[^A-Za-z]", "", token)
    return len(letters) >= 2 and letters.isupper()


def _is_name_token(token, place_words):
    if token in NAME_PARTICLES:
        return True
    return (
        token[:1].isupper()
        and token.isalpha()
        and not _is_acronym(token)
        and token not in INSTITUTIONAL
        and token not in ROLE_WORDS
        and token not in place_words
        and token not in KNOWN_ABBREVIATIONS
        and token not in LOCAL_BODIES
    )


def _capitalised_runs(tokens):
    """Split a sentence into runs of capitalised tokens (joined by 'dan' and '&'),
    with the tokens before and after each run."""
    runs, current = [], []
    for i, token in enumerate(tokens):
        capital = (
            token[:1].isupper()
            or token in {"&", "(Persero)"}
            or token in NAME_PARTICLES
        )
        joiner = (
            token in {"dan"}
            and current
            and i + 1 < len(tokens)
            and tokens[i + 1][:1].isupper()
        )
        if capital or joiner:
            current.append(i)
        else:
            if current:
                runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


class Extractor:
    """Extract proposals from text, matching against ``known`` entities first.

    ``known`` maps a lower-cased name or alias to ``(entity_id, name, kind)``.
    """

    def __init__(self, known=None):
        self.known = known or {}
        self.place_words = {
            word
            for form in gazetteer.surface_forms()
            for word in form.split()
            if word[:1].isupper()
        }

    def extract(
        self, text: str, *, title: str = "", dateline: str = ""
    ) -> list[Proposal]:
        # Headlines are in title case, which capitalisation rules would misread:
        # they contribute places and known abbreviations only.
        full = "\n".join(part for part in (title, text) if part)
        proposals: dict[str, Proposal] = {}

        def add(proposal):
            existing = proposals.get(proposal.key)
            if existing:
                existing.aliases |= proposal.aliases | (
                    {proposal.name} if proposal.name != existing.name else set()
                )
                existing.confidence = max(existing.confidence, proposal.confidence)
                if (
                    len(proposal.name) > len(existing.name)
                    and proposal.kind == ORGANISATION
                ):
                    existing.aliases.add(existing.name)
                    existing.name = proposal.name
                existing.role = existing.role or proposal.role
            else:
                proposals[proposal.key] = proposal

        for proposal in self._regions(full, dateline):
            add(proposal)
        people = self._people(text)
        for proposal in people:
            add(proposal)
        person_names = {p.name for p in people}
        for proposal in self._organisations(text, person_names):
            add(proposal)
        if title:
            for proposal in self._abbreviations(title):
                add(proposal)
        self._link_known(proposals.values())
        return self._merge_organisation_variants(list(proposals.values()))

    # Regions -------------------------------------------------------------------

    def _regions(self, text, dateline):
        found = []
        if dateline:
            resolved = gazetteer.resolve(dateline.title()) or gazetteer.resolve(
                dateline
            )
            if resolved:
                found.append((resolved, dateline))
        for match in gazetteer.pattern().finditer(text):
            form = match.group(0)
            if form in COMMON_WORD_PLACES:
                continue
            resolved = gazetteer.resolve(form)
            if resolved:
                start = max(0, match.start() - 60)
                found.append((resolved, text[start : match.end() + 60].strip()))
        for (place, confidence), evidence in found:
            kind = PLACE if place.is_home else REGION
            yield Proposal(
                kind=kind,
                name=place.name,
                evidence=evidence,
                confidence=confidence,
                code=place.code,
                aliases={a for a in place.other_names},
            )
            if kind == REGION:
                yield Proposal(
                    kind=PLACE,
                    name=_place_entity_name(place),
                    evidence=evidence,
                    confidence=confidence,
                    code=place.code,
                )

    # People ----------------------------------------------------------------------

    def _people(self, text):
        people: dict[str, Proposal] = {}
        for sentence in _sentences(text):
            tokens = TOKEN.findall(sentence)
            runs = _capitalised_runs(tokens)
            for n, run in enumerate(runs):
                words = [tokens[i] for i in run]
                before = tokens[run[0] - 1] if run[0] > 0 else ""
                after = tokens[run[-1] + 1] if run[-1] + 1 < len(tokens) else ""
                found = self._person_in_run(words, before, after, runs[:n], tokens)
                if not found:
                    continue
                name, role = found
                evidence = sentence.strip()[:300]
                if name in people:
                    people[name].role = people[name].role or role
                else:
                    people[name] = Proposal(PERSON, name, evidence, 0.8, role=role)
        # Later mentions by first name alone ("ujar Andra") are the same person.
        return list(people.values())

    def _person_in_run(self, words, before, after, previous_runs, tokens):
        if after == "(":
            # "… Pelayanan Terpadu Satu Pintu (DPMPTSP)": an abbreviated name.
            return None
        words = [w for w in words if w not in DEGREES and w != "&"]
        while words and words[0].lower() in SPEECH_VERBS:
            before, words = words[0], words[1:]
        if not words:
            return None
        has_role = any(w in ROLE_WORDS for w in words)
        # "Dr. Gunawan"
        if (
            words[0] in TITLES
            and len(words) > 1
            and _is_name_token(words[1], self.place_words)
        ):
            name_words = [words[1]]
            for w in words[2:]:
                if not _is_name_token(w, self.place_words):
                    break
                name_words.append(w)
            return " ".join(name_words), ""
        # "… Gubernur Banten Andra Soni": the name closes a run that holds a role.
        tail = []
        for w in reversed(words):
            if _is_name_token(w, self.place_words) and len(tail) < 4:
                tail.insert(0, w)
            else:
                break
        while tail and tail[0] in NAME_PARTICLES - {
            "La",
            "Tb",
            "Tb.",
            "Andi",
            "I",
            "Ni",
            "Wa",
        }:
            tail.pop(0)
        prefix = words[: len(words) - len(tail)]
        if tail and prefix and (has_role or self._role_chain(previous_runs, tokens)):
            role = " ".join(prefix).strip(" ,")
            return " ".join(tail), role if has_role else ""
        # "Nuryanti" after "Kepala Dinas Perindustrian NTB," (apposition).
        if tail and not prefix and previous_runs:
            last = previous_runs[-1]
            last_words = [tokens[i] for i in last]
            comma_between = last[-1] + 1 < len(tokens) and tokens[last[-1] + 1] == ","
            if (
                comma_between
                and any(w in ROLE_WORDS for w in last_words)
                and not (_is_name_token(last_words[-1], self.place_words))
            ):
                return " ".join(tail), " ".join(last_words)
        # "kata Niken Triwulandari Ketua Tim …": a name, then a role.
        if before.lower() in SPEECH_VERBS or before in {",", "“", '"'}:
            lead = []
            for w in words:
                if w in ROLE_WORDS:
                    break
                if not _is_name_token(w, self.place_words):
                    lead = []
                    break
                lead.append(w)
            if lead and len(lead) < len(words) and words[len(lead)] in ROLE_WORDS:
                return " ".join(lead), " ".join(words[len(lead) :])
        return None

    @staticmethod
    def _role_chain(previous_runs, tokens):
        """Whether the run continues a comma-separated role description:
        "Koordinator …, Direktorat …, Kementerian … La Ode Ikar Hastomi"."""
        for run in reversed(previous_runs[-3:]):
            following = run[-1] + 1 < len(tokens) and tokens[run[-1] + 1] == ","
            if not following:
                return False
            if any(tokens[i] in ROLE_WORDS for i in run):
                return True
        return False

    # Organisations -----------------------------------------------------------------

    def _organisations(self, text, person_names):
        found = []
        person_first_words = {name.split()[0] for name in person_names}
        # "Long Name (ABBR) [Region]" and "ABBR (Long Name)".
        for match in re.finditer(
            r"((?:[A-Z][\w.&-]*|dan)(?:\s+(?:[A-Z][\w.&-]*|dan|&))*)\s+\(([A-Z][A-Za-z]{1,12})\)"
            r"((?:\s+(?:Kota|Kabupaten|Provinsi))?(?:\s+[A-Z][\w-]*){0,3})",
            text,
        ):
            long_form, abbreviation, rest = (
                match.group(1),
                match.group(2),
                match.group(3),
            )
            if abbreviation in GENERIC_ACRONYMS:
                continue
            head = re.search(rf"(?:^|\s)((?:{ORG_HEADS})(?:\s.*)?)$", long_form)
            if not head:
                continue
            long_form = head.group(1)
            region = self._leading_region(rest)
            name = f"{long_form} {region}".strip() if region else long_form
            alias = f"{abbreviation} {region}".strip() if region else abbreviation
            found.append(
                Proposal(
                    ORGANISATION, _tidy(name), match.group(0), 0.9, aliases={alias}
                )
            )
        for match in re.finditer(r"\b([A-Z]{3,10})\s+\(([A-Z][^()]{8,120})\)", text):
            abbreviation, long_form = match.groups()
            words = long_form.split()
            if words[-1] in ORG_TAILS or re.match(rf"(?:{ORG_HEADS})\b", long_form):
                found.append(
                    Proposal(
                        ORGANISATION,
                        long_form,
                        match.group(0),
                        0.9,
                        aliases={abbreviation},
                    )
                )
        # Heads: "Kementerian Perindustrian", "PT Krakatau Steel (Persero) Tbk", …
        for match in re.finditer(rf"\b({ORG_HEADS})\s", text):
            name = self._org_from_head(text, match, person_first_words)
            if name:
                start = max(0, match.start() - 40)
                found.append(
                    Proposal(
                        ORGANISATION, name, text[start : match.end() + 80].strip(), 0.8
                    )
                )
        # Companies: "Ecosian Co.,Ltd".
        for match in re.finditer(
            r"\b((?:[A-Z][\w-]*\s){1,3})(Co\.,\s?Ltd\.?|Ltd\.?|Inc\.?)", text
        ):
            name = (
                f"{match.group(1).strip()} Co., Ltd"
                if "Co" in match.group(2)
                else match.group(0)
            )
            found.append(Proposal(ORGANISATION, name, match.group(0), 0.85))
        found.extend(self._abbreviations(text))
        return found

    def _abbreviations(self, text):
        """Abbreviations with a fixed meaning, and local bodies with their region."""
        found = []
        following = (
            r"(?=(\)?(?:\s+(?:Kota|Kabupaten|Provinsi))?(?:\s+[A-Z][\w-]*){0,3}))"
        )
        for match in re.finditer(rf"\b([A-Z][A-Za-z]{{2,13}})\b{following}", text):
            word, rest = match.group(1), match.group(2)
            region = self._leading_region(rest)
            if word in LOCAL_BODIES and region:
                full = f"{LOCAL_BODIES[word]} {region}"
                found.append(
                    Proposal(
                        ORGANISATION,
                        full,
                        match.group(0),
                        0.85,
                        aliases={f"{_short(word)} {region}"},
                    )
                )
            elif KNOWN_ABBREVIATIONS.get(word):
                if region and word in {"Japnas", "Kadin", "Hipmi", "HIPMI", "Apindo"}:
                    # A regional chapter; the national body only when named alone.
                    found.append(
                        Proposal(ORGANISATION, f"{word} {region}", match.group(0), 0.85)
                    )
                    continue
                found.append(
                    Proposal(
                        ORGANISATION,
                        KNOWN_ABBREVIATIONS[word],
                        match.group(0),
                        0.85,
                        aliases={word},
                    )
                )
        return found

    def _leading_region(self, rest):
        """The place name at the start of ``rest``, if any ("Kota Cilegon", "NTB")."""
        rest = rest.strip().lstrip(")").strip()
        best = None
        for match in gazetteer.pattern().finditer(rest):
            if match.start() == 0:
                best = match.group(0)
            break
        if best:
            return best
        if rest.startswith(("Kota ", "Kabupaten ", "Provinsi ")):
            second = gazetteer.pattern().match(rest.split(" ", 1)[1])
            if second:
                return rest.split(" ", 1)[0] + " " + second.group(0)
        return None

    def _org_from_head(self, text, match, person_first_words):
        head = match.group(1)
        tokens = TOKEN.findall(text[match.end() : match.end() + 160])
        words = []
        for i, token in enumerate(tokens):
            if token in {"(Persero)", "Tbk", "&"}:
                words.append(token)
                continue
            if token == "dan":
                # "Perindustrian dan Perdagangan" joins one name; "… dan PT X"
                # starts another organisation.
                following = tokens[i + 1] if i + 1 < len(tokens) else ""
                if (
                    not words
                    or re.match(rf"(?:{ORG_HEADS})$", following)
                    or (following in KNOWN_ABBREVIATIONS or following in LOCAL_BODIES)
                ):
                    break
                words.append(token)
                continue
            if token == "(":
                # "Pemerintah Provinsi (Pemprov) Banten": skip the abbreviation.
                if i + 2 < len(tokens) and tokens[i + 2] == ")":
                    continue
                break
            if token == ")" and i >= 2 and tokens[i - 2] == "(":
                continue
            if i >= 1 and tokens[i - 1] == "(":
                continue
            if not token[:1].isupper() or token in person_first_words:
                break
            if (
                not head.startswith("PT")
                and words
                and words[-1] in self.place_words
                and token not in self.place_words
            ):
                # "Setda Kota Cilegon Tb Dikrie": the place ends a body's name.
                # Company names go on ("PT Indonesia Morowali Industrial Park").
                break
            words.append(token)
            if len(words) >= 7:
                break
        while words and words[-1] in {"dan", "&"}:
            words.pop()
        if not words:
            return None
        if head.startswith("PT") and _is_acronym(words[0]):
            words = words[:1] + [w for w in words[1:2] if w in {"(Persero)", "Tbk"}]
        if head in {"Pemerintah"} and not self._leading_region(" ".join(words)):
            return None
        return _tidy(f"{head} {' '.join(words)}")

    # Matching -----------------------------------------------------------------------

    def _link_known(self, proposals):
        for proposal in proposals:
            for form in (proposal.name, *proposal.aliases):
                hit = self.known.get(form.lower()) or self.known.get(normalise(form))
                if hit and (hit[2] == proposal.kind or proposal.kind == REGION):
                    if proposal.kind != REGION:
                        proposal.entity_id, canonical = hit[0], hit[1]
                        if canonical != proposal.name:
                            proposal.aliases.add(proposal.name)
                            proposal.name = canonical
                    break

    @staticmethod
    def _merge_organisation_variants(proposals):
        """Fold organisations that share a surface form ("PT KS" and "PT Krakatau
        Steel (KS)") into one, keeping the longest name."""
        organisations = [p for p in proposals if p.kind == ORGANISATION]
        others = [p for p in proposals if p.kind != ORGANISATION]
        merged: list[Proposal] = []
        for proposal in sorted(organisations, key=lambda p: -len(p.name)):
            forms = {normalise(f) for f in (proposal.name, *proposal.aliases)}
            forms |= {normalise(f"PT {a}") for a in proposal.aliases if _is_acronym(a)}
            target = next(
                (
                    m
                    for m in merged
                    if forms & {normalise(f) for f in (m.name, *m.aliases)}
                    or (m.entity_id and m.entity_id == proposal.entity_id)
                ),
                None,
            )
            if target:
                target.aliases |= {proposal.name, *proposal.aliases} - {target.name}
                target.confidence = max(target.confidence, proposal.confidence)
            else:
                merged.append(proposal)
        # Acronym-only companies ("PT KS") fold into the full name they abbreviate.
        for proposal in list(merged):
            short = re.fullmatch(r"PT\.? ?([A-Z]{2,6})", proposal.name)
            if not short:
                continue
            owner = next(
                (
                    m
                    for m in merged
                    if m is not proposal and short.group(1) in m.aliases
                ),
                None,
            )
            if owner:
                owner.aliases |= {proposal.name, *proposal.aliases}
                merged.remove(proposal)
        return others + merged


def _short(word):
    return {"Kadisperin": "Disperin", "Kadisperindag": "Disperindag"}.get(word, word)


def _tidy(name):
    name = re.sub(r"\bPT\. ?", "PT ", name)
    name = re.sub(r"\s*\((?!Persero\))\s*[A-Z][A-Za-z]{1,12}\s*\)\s*", " ", name)
    name = re.sub(r"\s+Republik Indonesia$", "", name)
    return re.sub(r"\s+", " ", name).strip(" ,.")


def _place_entity_name(place):
    """The entity name for a place: provinces and foreign places as named,
    cities and regencies with their Kota/Kabupaten prefix."""
    return re.sub(r"^Kota Administrasi ", "Kota ", place.name)


def known_index(entities) -> dict:
    """Build the ``known`` mapping from ``(id, name, kind, [aliases])`` rows."""
    index = {}
    for entity_id, name, kind, aliases in entities:
        for form in (name, *aliases):
            index.setdefault(form.lower(), (entity_id, name, kind))
            index.setdefault(normalise(form), (entity_id, name, kind))
    return index
