"""A deterministic synthetic corpus for benchmarks (``generate_corpus``)."""

import itertools
import random

from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from articles.freshness import content_changed
from articles.management import corpus_facts
from articles.models import Article, Fact, Source, TaggedEntity, Topic
from entities import gazetteer
from entities import services as entity_services
from entities.models import Entity, EntityAlias

SYLLABLES = (  # noqa: SIM905 - a word list reads better as one string
    "ba ka ra ma na sa ta la da ga ja wa ya pa ha ri ni si ti di gi li mi ki "
    "bu ku ru mu nu su tu lu du gu ju wu yu pu hu an in un ar ir ur"
).split()
WORDS = (  # noqa: SIM905
    "industri kawasan pabrik baja logam smelter nikel investasi investor pemerintah "
    "daerah provinsi kota kabupaten ekonomi pertumbuhan kemitraan pengusaha tenaga "
    "kerja lokal produksi ekspor impor bahan baku hilirisasi standar nasional sinergi "
    "kolaborasi pembangunan infrastruktur pelabuhan jalan listrik energi lingkungan "
    "hijau berkelanjutan modal asing dalam negeri rantai pasok usaha kecil menengah "
    "teknologi pelatihan vokasi program rencana target tahun bulan pekan dan yang di "
    "ke dari untuk dengan pada akan telah sudah masih juga serta karena agar bahwa "
    "ini itu para sejumlah berbagai sektor perusahaan kementerian dinas kepala ketua "
    "direktur menyampaikan mengatakan menjelaskan mendorong meningkatkan mempercepat"
).split()


def zipf_weights(n, exponent=1.1):
    return [1 / (rank**exponent) for rank in range(1, n + 1)]


class CorpusGenerator:
    """Writes a synthetic corpus (see ``generate_corpus``): the same seed gives
    the same corpus."""

    def __init__(self, *, seed, near_copies=0.0):
        self.seed = seed
        self.near_copies = near_copies
        if near_copies:
            # Stories need texts that differ as news does: a long tail of rarer
            # words (the default corpus draws every word from one short list,
            # and is kept as it was so benchmarks stay comparable).
            tail_rng = random.Random(seed + 7)
            self.tail = list(
                dict.fromkeys(
                    "".join(tail_rng.choice(SYLLABLES) for _ in range(k))
                    for k in (2, 3, 3, 4)
                    for _ in range(8_000)
                )
            )
            self.tail_weights = list(
                itertools.accumulate(zipf_weights(len(self.tail), 1.0))
            )

    def generate(self, *, articles, entities, sources, batch, progress) -> tuple:
        """Write the corpus; ``progress(made, articles)`` after each batch.
        Returns (entities, regions) written."""
        seed = self.seed
        rng = random.Random(seed)
        with transaction.atomic():
            regions = self._regions()
            topics = list(Topic.objects.all()) or [
                Topic.objects.create(name=f"Topik {n}", slug=f"topik-{n}")
                for n in range(12)
            ]
            source_rows = self._sources(rng, sources, seed)
            entity_rows = self._entities(rng, entities, regions, seed)
        weights = zipf_weights(len(entity_rows))
        self.companies = corpus_facts.companies(seed)
        self.company_weights = zipf_weights(len(self.companies))
        region_weights = zipf_weights(len(regions), 0.8)
        now = timezone.now()
        made = 0
        while made < articles:
            size = min(batch, articles - made)
            with transaction.atomic():
                self._articles(
                    rng,
                    seed,
                    made,
                    size,
                    now,
                    topics,
                    source_rows,
                    entity_rows,
                    weights,
                    regions,
                    region_weights,
                )
            made += size
            progress(made, articles)
        # Bulk inserts send no signals: tell caches and counts the content changed.
        content_changed(everything=True)
        if connection.vendor == "postgresql":
            # Fresh statistics and visibility maps, as autovacuum would make
            # them in time: without statistics the planner guesses, and guesses
            # badly at this size; without visibility maps no index-only scan
            # (docs/postgres-plans.md). VACUUM cannot run in a transaction (a
            # test's): there, statistics only.
            with connection.cursor() as cursor:
                cursor.execute(
                    "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
                )
        return entity_rows, regions

    def _regions(self):
        """Every regency and city, created from the gazetteer where missing."""
        return [
            entity_services.region_from_gazetteer(place.code)
            for place in gazetteer.places().values()
            if place.kind in ("city", "regency")
        ]

    def _name(self, rng, parts):
        return " ".join(
            "".join(
                rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))
            ).capitalize()
            for _ in range(parts)
        )

    def _sources(self, rng, count, seed):
        rows = [
            Source(
                name=f"Warta {self._name(rng, 1)} {seed}-{n}",
                slug=f"sumber-{seed}-{n}",
                homepage=f"https://sumber-{seed}-{n}.example/",
            )
            for n in range(count)
        ]
        Source.objects.bulk_create(rows, ignore_conflicts=True)
        return list(Source.objects.filter(slug__startswith=f"sumber-{seed}-"))

    def _entities(self, rng, count, regions, seed):
        kinds = ["person"] * 4 + ["organisation"] * 4 + ["place"] * 2
        rows, aliases = [], []
        for n in range(count):
            kind = rng.choice(kinds)
            if kind == "organisation":
                name = f"PT {self._name(rng, 2)} {n}"
            elif kind == "person":
                name = f"{self._name(rng, rng.randint(1, 3))} {n}"
            else:
                name = f"Desa {self._name(rng, 1)} {n}"
            rows.append(
                Entity(
                    name=name,
                    slug=f"{slugify(name)}-s{seed}",
                    kind=kind,
                    region=rng.choice(regions),
                )
            )
        Entity.objects.bulk_create(rows, ignore_conflicts=True)
        created = list(Entity.objects.filter(slug__endswith=f"-s{seed}").order_by("pk"))
        for entity in created:
            if entity.kind == "organisation" and rng.random() < 0.5:
                initials = "".join(word[0] for word in entity.name.split()[1:3]).upper()
                aliases.append(
                    EntityAlias(entity=entity, name=f"PT {initials}{entity.pk}")
                )
        EntityAlias.objects.bulk_create(aliases, ignore_conflicts=True)
        return created

    def _text(self, rng, words):
        if self.near_copies:
            tail = rng.choices(self.tail, cum_weights=self.tail_weights, k=words)
            return " ".join(
                rng.choice(WORDS) if rng.random() < 0.15 else tail[i]
                for i in range(words)
            )
        return " ".join(rng.choice(WORDS) for _ in range(words))

    def _rewrite(self, rng, paragraphs):
        """Another outlet's version: some paragraphs dropped, one in ten words
        replaced, sometimes a paragraph of its own added."""
        kept = [p for p in paragraphs if rng.random() > 0.2] or paragraphs[:1]
        rewritten = [
            " ".join(
                rng.choice(WORDS) if rng.random() < 0.1 else word
                for word in paragraph.split()
            )
            for paragraph in kept
        ]
        if rng.random() < 0.5:
            rewritten.append(self._text(rng, rng.randint(30, 60)).capitalize() + ".")
        return rewritten

    def _articles(
        self,
        rng,
        seed,
        start,
        size,
        now,
        topics,
        sources,
        entities,
        weights,
        regions,
        region_weights,
    ):
        rows = []
        for n in range(start, start + size):
            original = None
            if self.near_copies and rows and rng.random() < self.near_copies:
                original = rng.choice(rows[-200:])
            if original is not None:
                paragraphs = self._rewrite(rng, original.body_text.split("\n\n"))
            else:
                paragraphs = [
                    self._text(rng, rng.randint(35, 80)).capitalize() + "."
                    for _ in range(rng.randint(4, 12))
                ]
            status = rng.choices(
                ["published", "draft", "review", "archived"], [94, 3, 2, 1]
            )[0]
            publish_at = now - timezone.timedelta(
                minutes=rng.randint(1, 5 * 365 * 24 * 60)
            )
            if original is not None and original.publish_at:
                publish_at = original.publish_at + timezone.timedelta(
                    minutes=rng.randint(1, 3 * 24 * 60)
                )
            rows.append(
                Article(
                    title=self._text(rng, rng.randint(6, 12)).capitalize(),
                    slug=f"korpus-{seed}-{n}",
                    standfirst=self._text(rng, rng.randint(15, 30)).capitalize() + ".",
                    body="".join(f"<p>{p}</p>" for p in paragraphs),
                    status=status,
                    publish_at=publish_at if status != "draft" else None,
                    source=rng.choice(sources) if rng.random() < 0.8 else None,
                    original_published_on=publish_at.date()
                    if rng.random() < 0.7
                    else None,
                    is_featured=rng.random() < 0.01,
                    created_at=publish_at,
                )
            )
        for row in rows:
            row.derive()  # text, word count, fingerprint: as every save
        Article.objects.bulk_create(rows)
        created = list(
            Article.objects.filter(slug__in=[a.slug for a in rows]).values_list(
                "pk", flat=True
            )
        )
        region_links, topic_links, entity_links, placed = [], [], [], []
        for pk in created:
            placed.append((pk, []))
            for region in set(
                rng.choices(regions, region_weights, k=rng.randint(1, 3))
            ):
                region_links.append(
                    Article.regions.through(article_id=pk, region_id=region.pk)
                )
                placed[-1][1].append(region)
            for topic in rng.sample(topics, rng.randint(1, min(3, len(topics)))):
                topic_links.append(
                    Article.topics.through(article_id=pk, topic_id=topic.pk)
                )
            for entity in set(rng.choices(entities, weights, k=rng.randint(3, 12))):
                entity_links.append(
                    TaggedEntity(content_object_id=pk, tag_id=entity.pk)
                )
        Article.regions.through.objects.bulk_create(region_links)
        Article.topics.through.objects.bulk_create(topic_links)
        TaggedEntity.objects.bulk_create(entity_links)
        Fact.objects.bulk_create(
            corpus_facts.facts_for_articles(
                seed, start, placed, self.companies, self.company_weights
            )
        )
