import time

from django.core.management.base import BaseCommand, CommandError

from articles.management.corpus import CorpusGenerator


class Command(BaseCommand):
    help = (
        "Add a deterministic synthetic corpus for benchmarks: every province and "
        "regency/city, sources, entities with aliases and articles with Indonesian-"
        "like text, power-law entity mentions and dates over several years. The same "
        "--seed gives the same corpus."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=10_000)
        parser.add_argument("--entities", type=int, default=2_000)
        parser.add_argument("--sources", type=int, default=40)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--batch", type=int, default=2_000)
        parser.add_argument(
            "--near-copies",
            type=float,
            default=0.0,
            help="share of articles that are another outlet's rewrite of an "
            "earlier one (a story): words changed, paragraphs dropped or added, "
            "published within three days",
        )

    def handle(
        self, *args, articles, entities, sources, seed, batch, near_copies, **options
    ):
        if articles < 0 or entities < 1:
            raise CommandError("--articles must be ≥ 0 and --entities ≥ 1")
        started = time.monotonic()
        entity_rows, regions = CorpusGenerator(
            seed=seed, near_copies=near_copies
        ).generate(
            articles=articles,
            entities=entities,
            sources=sources,
            batch=batch,
            progress=lambda made, total: self.stdout.write(f"{made}/{total} articles"),
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Corpus seed {seed}: {articles} articles, {len(entity_rows)} "
                f"entities, {len(regions)} regions in "
                f"{time.monotonic() - started:.0f} s."
            )
        )
