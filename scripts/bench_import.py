"""Benchmark: ``import_articles`` of 1,000 articles into a newsroom that knows
100,000 entities.

    .venv/bin/python scripts/bench_import.py            # or: make bench-import
    .venv/bin/python scripts/bench_import.py --articles 200 --entities 20000

It builds a fresh database (SQLite in a temporary folder, or DATABASE_URL),
migrates it, loads the seed data, adds ``--entities`` known entities (people and
organisations with Indonesian-looking names, some with aliases; a few places),
and writes one JSON import file (the schema in ``articles/importing/parsers.py``)
of ``--articles`` distinct articles of regional industry news, made from
templates with a fixed random seed: datelines such as CILEGON or SUMBAWA BARAT,
several paragraphs naming some of the known entities, a closing credit.

First it checks that importing stays all or nothing: the first 50 records plus
one invalid record are refused and nothing is written. Then it runs
``manage.py import_articles`` on the whole file in a child process and reports
the wall time, articles/s, the child's peak resident memory, and how many
articles, suggestions and story links were created. It prints a short table
and writes the results as JSON to bench-results/.
"""

import argparse
import datetime
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from loadtest import PYTHON, ROOT, manage, production_env, shell_json

SEED = 19

GIVEN = (  # noqa: SIM905 - word lists read better as one string
    "Ahmad Agus Andi Ani Arif Asep Bambang Budi Cahya Dadang Dedi Dewi Dian Dimas "
    "Eko Endang Erna Fajar Fitri Gilang Hadi Hendra Heru Ika Indra Intan Irfan Iwan "
    "Joko Kartika Lestari Lukman Made Maya Muhammad Nanang Nia Nur Nyoman Putu "
    "Rahmat Ratna Rini Rizky Rudi Sari Setiawan Siti Slamet Sri Suharto Sukma "
    "Taufik Teguh Tri Umar Wahyu Wayan Wulan Yanti Yogi Yudi Yusuf Zainal Ketut "
    "Andra Bayu Citra Dodi Eka Fauzan Galih Hasan Ilham Jajang Kurnia Lina Mulyadi"
).split()
MIDDLE = (  # noqa: SIM905
    "Adi Aji Bagus Budiman Cahyono Darma Eka Fadli Gunawan Hakim Iskandar Jaya "
    "Kusuma Laksana Maulana Nugraha Pratama Putra Putri Rahman Ramadhan Saputra "
    "Sasmita Surya Triyono Utomo Wibowo Wijaya Yulianto Zulkarnain Permana Hidayat "
    "Santoso Firmansyah Kurniawan Setiadi Prasetyo Syahputra Anggraini Fitriani"
).split()
FAMILY = (  # noqa: SIM905
    "Siregar Nasution Harahap Lubis Simanjuntak Sihombing Pohan Tanjung Daulay "
    "Sitompul Hutapea Panjaitan Manurung Sinaga Situmorang Pardede Tambunan "
    "Rangkuti Batubara Sembiring Ginting Tarigan Purba Damanik Saragih Lumbantobing "
    "Wenas Rumengan Lumenta Mandagi Pangemanan Sondakh Tumbelaka Pattimura Latuconsina "
    "Pelupessy Tuasikal Bachtiar Hamzah Syamsuddin Rasyid Mappanyukki Lamadjido "
    "Nurdin Baharuddin Sudrajat Suryadi Sumarna Suherman Suparman Sutisna Hermawan"
).split()
ORG_FORMS = ["PT", "PT", "PT", "PT", "CV", "Koperasi", "Yayasan", "PT"]
ORG_WORDS = (  # noqa: SIM905
    "Baja Logam Nusantara Mandiri Sejahtera Abadi Jaya Makmur Perkasa Sentosa Samudra "
    "Cahaya Karya Bumi Indah Utama Prima Sinar Mitra Agung Teknik Energi Kimia Semen "
    "Tambang Dermaga Persada Lestari Gemilang Sakti Raya Putra Anugerah Bahari "
    "Cipta Daya Fajar Global Harapan Intan Kencana Mulia Nikel Pratama Rekayasa "
    "Sarana Tirta Usaha Wahana Artha Bangun Citra Dwi Eka Graha Inti Jasa Kilang "
    "Mega Nusa Optima Pilar Reksa Selaras Tunggal Unggul Wira Yasa Andalas Borneo"
).split()
PLACE_FORMS = ["Kawasan Industri", "Pelabuhan", "Kampung", "Desa"]
REGIONS = [  # (dateline, city as written, province)
    ("CILEGON", "Kota Cilegon", "Banten"),
    ("SERANG", "Kabupaten Serang", "Banten"),
    ("TANGERANG", "Kabupaten Tangerang", "Banten"),
    ("SUMBAWA BARAT", "Kabupaten Sumbawa Barat", "Nusa Tenggara Barat"),
    ("MATARAM", "Kota Mataram", "Nusa Tenggara Barat"),
    ("MOROWALI", "Kabupaten Morowali", "Sulawesi Tengah"),
    ("GRESIK", "Kabupaten Gresik", "Jawa Timur"),
    ("BATAM", "Kota Batam", "Kepulauan Riau"),
    ("KARAWANG", "Kabupaten Karawang", "Jawa Barat"),
    ("BEKASI", "Kabupaten Bekasi", "Jawa Barat"),
    ("KENDAL", "Kabupaten Kendal", "Jawa Tengah"),
    ("BANTAENG", "Kabupaten Bantaeng", "Sulawesi Selatan"),
    ("DUMAI", "Kota Dumai", "Riau"),
    ("BALIKPAPAN", "Kota Balikpapan", "Kalimantan Timur"),
]
OUTLETS = [
    ("infobanten.id", "https://infobanten.id/"),
    ("Kabar Cilegon", "https://kabarcilegon.example/"),
    ("Warta Sumbawa", "https://wartasumbawa.example/"),
    ("Suara Industri Timur", "https://suaraindustri.example/"),
    ("Pantau Pesisir", "https://pantaupesisir.example/"),
]
COMMODITIES = [
    "baja lembaran",
    "pipa baja",
    "katoda tembaga",
    "feronikel",
    "semen curah",
    "pupuk urea",
    "bahan kimia dasar",
    "aluminium batangan",
    "konsentrat emas",
    "komponen otomotif",
]
COMPANY_ROLES = [
    "Direktur Utama {org}",
    "General Manager {org}",
    "Direktur Operasi {org}",
    "Kepala Pabrik {org}",
]
OFFICIAL_ROLES = [
    "Kepala Dinas Perindustrian {province}",
    "Ketua Kamar Dagang dan Industri (Kadin) {province}",
    "Kepala Bidang Penanaman Modal {city}",
    "Sekretaris Daerah {city}",
]
SAYS = ["mengatakan", "menjelaskan", "menyampaikan", "menuturkan", "menegaskan"]
DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"]
CREDITS = ["(*/Ika)", "(Red)", "(Zan)", "(an/dixie)", "(rls/abc)", "(Adv)"]
SEED_ORGS = ["PT Krakatau Steel", "Kementerian Perindustrian", "PT Amman Mineral"]

TITLES = [
    "{org} tambah kapasitas produksi {commodity} di {city_short}",
    "Pemda {city_short} dan {org} teken kerja sama serapan tenaga kerja lokal",
    "Investasi Rp{amount} triliun, {org} bangun pabrik {commodity} di {province}",
    "{person_short} dorong pelaku industri {province} gunakan produk ber-SNI",
    "Kawasan industri {city_short} sasar investor baru tahun {year}",
    "{org} latih {workers} pemuda {city_short} lewat program vokasi",
    "Ekspor {commodity} dari {province} naik {percent} persen",
    "Pemerintah {province} percepat perizinan pabrik {commodity}",
]
CLOSINGS = [  # the last paragraph, when there is one of these
    "Kegiatan tersebut ditutup dengan penandatanganan nota kesepahaman antara "
    "{org}, {org2} dan Pemerintah {city}.",
    "Di akhir acara, {org} dan Pemerintah {city} meneken nota kesepahaman yang "
    "berlaku selama {months} bulan.",
]
# Each paragraph in two or three wordings, so that articles differ as news
# does (the same wording everywhere would make every article a near-copy of
# the others for the story detection).
LEADS = [
    "{person} {says} perusahaannya menargetkan produksi {commodity} mencapai "
    "{tonnes} ribu ton per tahun setelah perluasan pabrik di {city} rampung pada "
    "{month} {year}.",
    "Perluasan pabrik {commodity} milik {org} di {city} ditargetkan rampung pada "
    "{month} {year}. {person} {says} kapasitasnya akan naik menjadi {tonnes} ribu "
    "ton per tahun.",
    "{org} memastikan pembangunan lini produksi {commodity} yang baru di {city} "
    "berjalan sesuai jadwal. Hal itu disampaikan {person} saat meninjau lokasi "
    "proyek pada {day} ({date_short}).",
]
PARAGRAPHS = [
    [
        "Menurut {person_short}, sekitar {workers} tenaga kerja lokal akan terserap "
        "dalam tahap konstruksi, sementara {workers2} orang lainnya dibutuhkan saat "
        "pabrik beroperasi penuh.",
        "Proyek itu diperkirakan menyerap {workers} pekerja selama masa "
        "pembangunan. {person_short} menyebut perusahaan akan mengutamakan warga "
        "sekitar untuk {workers2} lowongan tetap.",
    ],
    [
        "“Kami ingin industri di {province} tumbuh bersama masyarakat sekitar. "
        "Kemitraan dengan usaha kecil dan menengah menjadi syarat,” ujar "
        "{person_short}.",
        "“Pabrik ini tidak boleh berdiri sendiri. Warung, bengkel dan koperasi "
        "warga harus ikut hidup,” kata {person_short}.",
        "{person_short} berjanji perusahaan akan menggandeng pelaku usaha kecil "
        "di {city} sebagai pemasok kebutuhan harian pabrik.",
    ],
    [
        "Dalam pertemuan yang digelar pada {day} ({date_short}), hadir pula "
        "{person2}, {role2}, serta perwakilan {org2}.",
        "Rapat koordinasi tersebut juga dihadiri {person2}, {role2}, dan jajaran "
        "manajemen {org2}.",
    ],
    [
        "{org2} selama ini memasok bahan baku untuk {org}. Kedua perusahaan "
        "sepakat memperpanjang kontrak pasokan hingga {year2} dengan nilai sekitar "
        "Rp{amount2} miliar.",
        "Kontrak pasokan bahan baku antara {org} dan {org2} senilai Rp{amount2} "
        "miliar diperpanjang sampai {year2}.",
    ],
    [
        "Data Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu mencatat "
        "realisasi investasi sektor industri di {city} sepanjang semester pertama "
        "mencapai Rp{amount} triliun, naik {percent} persen dibanding periode yang "
        "sama tahun lalu.",
        "Realisasi investasi manufaktur di {province} pada triwulan lalu tercatat "
        "Rp{amount} triliun. Angka itu tumbuh {percent} persen secara tahunan.",
    ],
    [
        "{person2} menambahkan, pemerintah daerah menyiapkan insentif berupa "
        "keringanan pajak daerah dan percepatan izin bagi investor yang membangun "
        "fasilitas pengolahan di {province}.",
        "Pemerintah daerah, kata {person2}, siap memangkas waktu perizinan menjadi "
        "{months} hari kerja bagi investor yang menanamkan modal di {city}.",
    ],
    [
        "Ia juga meminta {org3} memperhatikan pengelolaan limbah dan emisi agar "
        "kawasan industri tetap ramah lingkungan serta tidak mengganggu permukiman "
        "warga di sekitar {place}.",
        "Soal lingkungan, {org3} diminta memasang alat pemantau emisi yang datanya "
        "bisa diakses warga di sekitar {place}.",
    ],
    [
        "Sejumlah pengusaha lokal berharap rencana itu membuka peluang bagi "
        "pemasok jasa angkutan, katering dan perawatan mesin dari {city}.",
        "Kalangan pengusaha angkutan di {city} menilai rencana tersebut bisa "
        "menambah order truk dan alat berat milik pengusaha setempat.",
    ],
    [
        "Sebelumnya, {seed_org} juga menjalin kerja sama serupa dengan pemerintah "
        "daerah untuk memperkuat rantai pasok {commodity} dalam negeri.",
        "Langkah serupa pernah ditempuh {seed_org} ketika memperkuat pasokan "
        "{commodity} untuk pasar domestik.",
    ],
    [
        "{person3}, warga {city}, menyambut baik rencana tersebut. “Anak-anak muda "
        "di sini butuh pekerjaan. Semoga rekrutmennya terbuka,” katanya.",
        "Warga berharap rekrutmen dilakukan terbuka. “Jangan sampai orang sini "
        "hanya jadi penonton,” ujar {person3}, tokoh pemuda setempat.",
    ],
    [
        "Pembangunan dermaga khusus untuk mengangkut {commodity} ditargetkan "
        "selesai dalam {months} bulan. Dermaga itu akan dikelola {org2} bersama "
        "badan usaha milik daerah.",
        "Untuk distribusi, {org2} menyiapkan dermaga khusus berkapasitas "
        "{tonnes} ribu ton yang dibangun dalam {months} bulan.",
    ],
    [
        "Pemerintah {province} mencatat nilai ekspor {commodity} pada {month} "
        "{year} mencapai {dollars} juta dolar AS, dengan tujuan utama Korea "
        "Selatan, Jepang dan Tiongkok.",
        "Ekspor {commodity} dari {province} bulan lalu bernilai {dollars} juta "
        "dolar AS, sebagian besar dikapalkan ke Asia Timur.",
    ],
    [
        "Harga {commodity} di pasar internasional sedang naik turun. Karena itu, "
        "{person_short} menilai pasar dalam negeri perlu dijaga.",
        "Menurut {person_short}, permintaan {commodity} dari proyek "
        "infrastruktur di dalam negeri masih akan tumbuh hingga {year2}.",
    ],
    [
        "Perusahaan juga menyiapkan program pelatihan vokasi bersama sekolah "
        "menengah kejuruan di {city} untuk {workers2} siswa setiap tahun.",
        "Sebanyak {workers2} lulusan SMK di {province} akan mengikuti magang di "
        "pabrik tersebut mulai {month} {year}.",
    ],
    [
        "Pasokan listrik untuk pabrik baru itu akan dipenuhi dari jaringan "
        "{grid}, ditambah panel surya atap berkapasitas {megawatts} megawatt.",
        "Kebutuhan listrik sekitar {megawatts} megawatt dipasok {grid}, menurut "
        "{person_short}.",
    ],
]
MONTHS = (  # noqa: SIM905
    "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November "
    "Desember"
).split()


def entity_rows(count, rng):
    """``count`` distinct known entities: ``[name, kind, [aliases]]``."""
    rows, names = [], set()
    while len(rows) < count:
        draw = rng.random()
        aliases = []
        if draw < 0.5:
            kind = "person"
            parts = [rng.choice(GIVEN)]
            if rng.random() < 0.6:
                parts.append(rng.choice([m for m in MIDDLE if m != parts[0]]))
            parts.append(rng.choice(FAMILY))
            name = " ".join(parts)
            if len(parts) == 3 and rng.random() < 0.2:
                aliases.append(f"{parts[0]} {parts[2]}")
        elif draw < 0.95:
            kind = "organisation"
            words = rng.sample(ORG_WORDS, rng.choice((2, 2, 3)))
            form = rng.choice(ORG_FORMS)
            name = f"{form} {' '.join(words)}"
            if form == "PT" and rng.random() < 0.1:
                name += " Tbk"
            if rng.random() < 0.3:
                if rng.random() < 0.5:
                    aliases.append(" ".join(words))
                else:
                    aliases.append(f"{form} {''.join(w[0] for w in words)}")
        else:
            kind = "place"
            name = f"{rng.choice(PLACE_FORMS)} {' '.join(rng.sample(ORG_WORDS, 2))}"
        if name.lower() in names:
            continue
        names.add(name.lower())
        rows.append([name, kind, aliases])
    return rows


def article_records(count, entities, rng):
    """``count`` distinct JSON import records naming some of ``entities``."""
    people = [name for name, kind, _aliases in entities if kind == "person"]
    orgs = [name for name, kind, _aliases in entities if kind == "organisation"]
    places = [name for name, kind, _aliases in entities if kind == "place"]
    records = []
    start = datetime.date(2025, 1, 2)
    for n in range(count):
        dateline, city, province = rng.choice(REGIONS)
        city_short = city.split(" ", 1)[1]
        person, person2, person3 = rng.sample(people, 3)
        org, org2, org3 = rng.sample(orgs, 3)
        day = start + datetime.timedelta(days=rng.randint(0, 300))
        role = rng.choice(COMPANY_ROLES)
        role2 = rng.choice(OFFICIAL_ROLES)
        values = {
            "city": city,
            "city_short": city_short,
            "province": province,
            "org": org,
            "org2": org2,
            "org3": org3,
            "place": rng.choice(places) if places else city,
            "seed_org": rng.choice(SEED_ORGS),
            "commodity": rng.choice(COMMODITIES),
            "amount": f"{rng.randint(1, 40)},{rng.randint(1, 9)}",
            "amount2": rng.randint(50, 900),
            "percent": rng.randint(3, 45),
            "tonnes": rng.randint(20, 900),
            "workers": rng.randint(150, 3000),
            "workers2": rng.randint(100, 1500),
            "months": rng.randint(6, 30),
            "dollars": rng.randint(10, 500),
            "year": day.year,
            "year2": day.year + rng.randint(2, 6),
            "month": MONTHS[day.month - 1],
            "day": DAYS[day.weekday() % 6],
            "date_short": f"{day.day}/{day.month}/{day.year}",
            "says": rng.choice(SAYS),
            "grid": rng.choice(["PLN", "PT PLN (Persero)", "pembangkit milik sendiri"]),
            "megawatts": rng.randint(5, 120),
            "person_short": person.split()[-1],
        }
        values["person"] = (
            f"{role.format(**values)}, {person},"
            if rng.random() < 0.5
            else f"{person}, {role.format(**values)},"
        )
        values["person2"] = person2
        values["role2"] = role2.format(**values)
        values["person3"] = person3
        chosen = rng.sample(PARAGRAPHS, rng.randint(4, 8))
        if rng.random() < 0.3:
            chosen.append(CLOSINGS)
        paragraphs = [
            rng.choice(wordings).format(**values) for wordings in (LEADS, *chosen)
        ]
        paragraphs[0] = f"{dateline} – {paragraphs[0]}"
        paragraphs[-1] += f" {rng.choice(CREDITS)}"
        outlet, homepage = rng.choice(OUTLETS)
        records.append(
            {
                "title": rng.choice(TITLES).format(**values),
                "body": "\n\n".join(paragraphs),
                "source": {"name": outlet, "homepage": homepage},
                "original_url": f"{homepage}berita/{day:%Y/%m}/bench-{n + 1}",
                "original_published_on": day.isoformat(),
                "language": "id",
            }
        )
    return records


CREATE_ENTITIES = """
import json
from django.db import transaction
from django.utils.text import slugify
from entities.models import Entity, EntityAlias
rows = json.load(open(PATH, encoding="utf-8"))
taken = set(Entity.objects.values_list("slug", flat=True))
names = {n.lower() for n in Entity.objects.values_list("name", flat=True)}
with transaction.atomic():
    entities, aliases = [], {}
    for name, kind, alias_names in rows:
        if name.lower() in names:
            continue
        slug, n = slugify(name)[:90], 2
        while slug in taken:
            slug, n = f"{slugify(name)[:90]}-{n}", n + 1
        taken.add(slug)
        entities.append(Entity(name=name, slug=slug, kind=kind))
        aliases[name] = alias_names
    Entity.objects.bulk_create(entities, batch_size=2000)
    ids = dict(Entity.objects.values_list("name", "pk"))
    EntityAlias.objects.bulk_create(
        [
            EntityAlias(entity_id=ids[name], name=alias)
            for name, alias_names in aliases.items()
            for alias in alias_names
        ],
        batch_size=2000,
    )
print(json.dumps({
    "entities": Entity.objects.count(), "aliases": EntityAlias.objects.count()
}))
"""

COUNT_IMPORTED = """
import json
from articles.models import Article
from articles.models.stories import StoryMember
from articles.models.suggestions import Suggestion
imported = Article.objects.filter(imported_from__startswith=PREFIX)
suggestions = Suggestion.objects.filter(article__in=imported)
print(json.dumps({
    "articles": imported.count(),
    "in_review": imported.filter(status="review").count(),
    "suggestions": suggestions.count(),
    "suggestions_known": suggestions.filter(entity__isnull=False).count(),
    "story_members": StoryMember.objects.filter(article__in=imported).count(),
}))
"""


def run_import(env, path, log):
    """Run ``import_articles`` on ``path`` in a child; its exit status, wall
    time, CPU time and peak resident set (MB), from ``wait4``'s usage of that
    child."""
    started = time.perf_counter()
    with open(log, "w") as out:
        child = subprocess.Popen(
            [PYTHON, "manage.py", "import_articles", str(path)],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        _pid, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    # ru_maxrss is in kilobytes on Linux.
    cpu = usage.ru_utime + usage.ru_stime
    return child.returncode, seconds, cpu, usage.ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1_000)
    parser.add_argument("--entities", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--goal", type=float, default=50, help="articles/s")
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the temporary folder: the import file, the logs and (SQLite) a "
        "copy of the database before the import, for profiling",
    )
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="warta-bench-import-"))
    env = production_env(tmp)
    engine = env["DATABASE_URL"].split(":")[0]
    rng = random.Random(args.seed)
    started = time.monotonic()
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "flush", "--noinput", "-v0")
    manage(env, "load_initial_data", "-v0")
    entities = entity_rows(args.entities, rng)
    entities_path = tmp / "entities.json"
    entities_path.write_text(json.dumps(entities, ensure_ascii=False))
    known = shell_json(env, f"PATH = {str(entities_path)!r}\n" + CREATE_ENTITIES)
    records = article_records(args.articles, entities, rng)
    batch = tmp / "bench-import.json"
    batch.write_text(json.dumps(records, ensure_ascii=False, indent=1))
    print(
        f"{known['entities']} known entities ({known['aliases']} aliases), "
        f"{len(records)} articles ({batch.stat().st_size / 2**20:.1f} MB) ready in "
        f"{time.monotonic() - started:.0f} s"
    )

    # All or nothing: one invalid record (a title over 250 characters) after 50
    # good ones, and nothing may be written.
    broken = tmp / "bench-import-broken.json"
    good = records[: min(50, len(records) - 1)]
    broken.write_text(
        json.dumps([*good, {**records[len(good)], "title": "Judul " * 60}])
    )
    refused, _seconds, _cpu, _peak = run_import(env, broken, tmp / "broken.log")
    count = f"PREFIX = {'bench-import'!r}\n" + COUNT_IMPORTED
    after_refusal = shell_json(env, count)["articles"]
    atomic = refused != 0 and after_refusal == 0
    print(
        "all or nothing: "
        + ("one bad record, nothing written" if atomic else "FAILED")
        + f" (exit {refused}, {after_refusal} articles written)"
    )

    if args.keep and engine == "sqlite":
        database = Path(env["DATABASE_URL"].removeprefix("sqlite:///"))
        shutil.copy(database, tmp / "before-import.sqlite3")
    status, seconds, cpu, peak_mb = run_import(env, batch, tmp / "import.log")
    if status:
        print((tmp / "import.log").read_text()[-3000:], file=sys.stderr)
        raise SystemExit(f"import_articles failed with exit status {status}")
    counts = shell_json(env, count)
    rate = counts["articles"] / seconds
    result = {
        "engine": engine,
        "known_entities": known["entities"],
        "aliases": known["aliases"],
        "articles_in_file": len(records),
        "wall_s": round(seconds, 2),
        "articles_per_s": round(rate, 1),
        # On a shared machine the wall time depends on the neighbours; the
        # child's own CPU time much less.
        "cpu_s": round(cpu, 2),
        "articles_per_cpu_s": round(counts["articles"] / cpu, 1),
        "peak_rss_mb": round(peak_mb, 1),
        "goal_articles_per_s": args.goal,
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "all_or_nothing": atomic,
        **{f"created_{k}": v for k, v in counts.items()},
    }
    print(
        f"\nimport_articles, {engine}, {known['entities']:,} known entities "
        f"({known['aliases']:,} aliases)"
    )
    for label, value in (
        ("articles in the file", len(records)),
        (
            "articles created (in review)",
            f"{counts['articles']} ({counts['in_review']})",
        ),
        ("suggestions made", counts["suggestions"]),
        ("  of them known entities", counts["suggestions_known"]),
        ("story links (near-copies)", counts["story_members"]),
        ("wall time", f"{seconds:.1f} s"),
        ("articles/s", f"{rate:.1f} (goal ≥ {args.goal:g})"),
        ("CPU time (user + system)", f"{cpu:.1f} s"),
        ("articles per CPU second", f"{counts['articles'] / cpu:.1f}"),
        ("peak memory (RSS)", f"{peak_mb:.0f} MB"),
    ):
        print(f"  {label:<30}{value:>20}")
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    path = out / f"bench-import-{engine}-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(result, indent=2))
    print(f"\nwritten to {path.relative_to(ROOT)}")
    if args.keep:
        print(f"kept {tmp}")
    elif engine == "sqlite":
        shutil.rmtree(tmp, ignore_errors=True)
    return 0 if atomic and counts["articles"] == len(records) else 1


if __name__ == "__main__":
    sys.exit(main())
