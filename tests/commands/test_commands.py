import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.models import Article, Fact, Source, TaggedEntity, Topic
from entities.models import Entity, EntityAlias, Region

SEED_SLUGS = {
    "gubernur-banten-kunjungi-krakatau-steel-dorong-regulasi-baja-ber-sni",
    "dinas-perindustrian-ntb-kemenperin-dan-pt-ammant-percepat-kawasan-industri-di-sumbawa-barat",
    "pt-ksp-undang-investor-korsel-bangun-kawasan-industri-ramah-lingkungan",
    "pemkot-cilegon-gandeng-japnas-banten-untuk-bangkitkan-ekonomi-daerah",
    "pemkot-cilegon-dan-kementerian-perindustrian-gelar-fgd-untuk-perkuat-kemitraan-industri-logam",
}


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Region, Topic, Source, Entity, EntityAlias, Article, TaggedEntity)
    }


@pytest.mark.django_db
class TestLoadInitialData:
    def test_loads_the_five_seed_articles_published(self, seed_data):
        assert set(Article.objects.values_list("slug", flat=True)) == SEED_SLUGS
        assert Article.objects.published().count() == 5

    def test_every_region_path_matches_its_parent(self, seed_data):
        for region in Region.objects.select_related("parent"):
            assert region.path == region.compute_path(), region.code

    def test_hierarchy_from_country_to_city(self, seed_data):
        cilegon = Region.objects.get(code="36.72")
        assert cilegon.kind == Region.Kind.CITY
        assert [r.name for r in cilegon.ancestors()] == ["Indonesia", "Banten"]
        sumbawa_barat = Region.objects.get(code="52.07")
        assert sumbawa_barat.kind == Region.Kind.REGENCY
        assert sumbawa_barat.parent.name == "Nusa Tenggara Barat"
        assert Region.objects.get(code="KR-31").parent.name == "Korea Selatan"
        assert Region.objects.filter(kind=Region.Kind.PROVINCE).count() == 38

    def test_banten_rolls_up_cilegon_and_serang_articles(self, seed_data):
        banten = Region.objects.get(code="36")
        in_banten = Article.objects.filter(
            regions__in=Region.objects.descendants_of(banten)
        ).distinct()
        assert in_banten.count() == 4
        assert not in_banten.filter(slug__contains="sumbawa-barat").exists()

    @pytest.mark.parametrize(
        ("name", "kind"),
        [
            ("Andra Soni", Entity.Kind.PERSON),
            ("Akbar Djohan", Entity.Kind.PERSON),
            ("Nuryanti", Entity.Kind.PERSON),
            ("Gunawan", Entity.Kind.PERSON),
            ("PT Krakatau Steel (Persero) Tbk", Entity.Kind.ORGANISATION),
            ("Kementerian Perindustrian", Entity.Kind.ORGANISATION),
            ("Japnas Banten", Entity.Kind.ORGANISATION),
            ("Kota Cilegon", Entity.Kind.PLACE),
            ("Ulsan", Entity.Kind.PLACE),
        ],
    )
    def test_entity_kinds(self, seed_data, name, kind):
        assert Entity.objects.get(name=name).kind == kind

    @pytest.mark.parametrize(
        ("alias", "name"),
        [
            ("KS", "PT Krakatau Steel (Persero) Tbk"),
            ("Kemenperin", "Kementerian Perindustrian"),
            ("Disperindag", "Dinas Perindustrian dan Perdagangan Kota Cilegon"),
            ("Pemprov Banten", "Pemerintah Provinsi Banten"),
            ("NTB", "Nusa Tenggara Barat"),
        ],
    )
    def test_aliases(self, seed_data, alias, name):
        assert Entity.objects.matching_name(alias).get().name == name

    def test_articles_are_tagged_with_the_entities_they_mention(self, seed_data):
        for article in Article.objects.all():
            for entity in article.entities.all():
                names = [entity.name, *entity.aliases.values_list("name", flat=True)]
                text = f"{article.title} {article.body} {article.dateline}".lower()
                assert any(n.lower() in text for n in names), (
                    article.slug,
                    entity.name,
                )

    def test_unknown_source_and_date_stay_empty(self, seed_data):
        ksp = Article.objects.get(slug__startswith="pt-ksp-undang")
        assert ksp.source is None
        assert ksp.original_published_on is None
        fgd = Article.objects.get(slug__startswith="pemkot-cilegon-dan-kementerian")
        assert fgd.credit == "*/Ika"
        assert fgd.dateline == "CILEGON"
        assert str(fgd.original_published_on) == "2025-05-15"

    def test_body_is_free_of_site_boilerplate(self, seed_data):
        for article in Article.objects.all():
            assert "Baca juga" not in article.body
            assert "Tinggalkan Balasan" not in article.body
            assert "RUBRIKBANTEN" not in article.body
            assert not article.body_text.rstrip().endswith(")")
            # Paragraphs as HTML; the text (search, suggestions) follows them.
            assert article.body.startswith("<p>") and article.body.count("<p>") > 1
            assert "\n\n" in article.body_text and "<" not in article.body_text

    def test_loading_twice_creates_no_duplicates(self, db):
        call_command("load_initial_data", verbosity=0)
        first = counts()
        call_command("load_initial_data", "--force", verbosity=0)
        assert counts() == first

    def test_existing_content_is_not_overwritten(self, seed_data):
        article = Article.objects.first()
        Article.objects.filter(pk=article.pk).update(title="Judul suntingan redaksi")

        call_command("load_initial_data", verbosity=0)

        article.refresh_from_db()
        assert article.title == "Judul suntingan redaksi"


def write_broken_fixture(path):
    path.write_text(
        json.dumps(
            [
                {
                    "model": "entities.region",
                    "fields": {
                        "name": "Banten",
                        "slug": "banten",
                        "kind": "province",
                        "code": "36",
                        "parent": None,
                        "path": "/36/",
                    },
                },
                {
                    "model": "entities.region",
                    "fields": {
                        "name": "Kota Hilang",
                        "slug": "kota-hilang",
                        "kind": "city",
                        "code": "99.01",
                        "parent": ["99"],
                        "path": "/99/99.01/",
                    },
                },
            ]
        )
    )
    return path


@pytest.mark.django_db
def test_broken_fixture_rolls_back_and_names_the_record(tmp_path):
    broken = write_broken_fixture(tmp_path / "broken.json")

    with pytest.raises(Exception) as excinfo:
        call_command("loaddata", str(broken), verbosity=0)

    message = str(excinfo.value)
    assert "entities.region" in message
    assert "['99']" in message  # the parent it could not resolve
    assert Region.objects.count() == 0  # the valid first record was rolled back too


@pytest.mark.django_db
@pytest.mark.parametrize("position", ["first", "last"])
def test_load_initial_data_reports_the_broken_file_and_changes_nothing(
    monkeypatch, tmp_path, position
):
    from articles.management.commands import load_initial_data

    broken = str(write_broken_fixture(tmp_path / "broken.json"))
    seeds = load_initial_data.SEED_FIXTURES
    fixtures = (broken, *seeds) if position == "first" else (*seeds, broken)
    monkeypatch.setattr(load_initial_data, "SEED_FIXTURES", fixtures)

    with pytest.raises(CommandError) as excinfo:
        call_command("load_initial_data", verbosity=0)

    assert "nothing was changed" in str(excinfo.value)
    assert "broken.json" in str(excinfo.value)
    assert "['99']" in str(excinfo.value)
    assert counts() == dict.fromkeys(counts(), 0)


@pytest.mark.django_db
class TestEnsureAdmin:
    def test_creates_a_superuser_with_a_random_password_once(self, capsys):
        call_command("ensure_admin")
        first = capsys.readouterr().out
        call_command("ensure_admin")
        second = capsys.readouterr().out

        user = get_user_model().objects.get()
        assert user.is_superuser
        password = first.split("password: ")[1].split()[0]
        assert user.check_password(password)
        assert password not in second

    def test_passwords_differ_between_installs(self, capsys):
        call_command("ensure_admin")
        one = capsys.readouterr().out.split("password: ")[1].split()[0]
        get_user_model().objects.all().delete()
        call_command("ensure_admin")
        two = capsys.readouterr().out.split("password: ")[1].split()[0]
        assert one != two


def generate_small_corpus():
    call_command(
        "generate_corpus",
        "--articles",
        "60",
        "--entities",
        "40",
        "--seed",
        "3",
        verbosity=0,
    )
    return list(Article.objects.order_by("slug").values_list("slug", "title", "status"))


@pytest.mark.django_db
def test_generate_corpus_is_deterministic_and_realistic():
    first = generate_small_corpus()
    tags = TaggedEntity.objects.count()
    facts = sorted(Fact.objects.values_list("article__slug", "key", "review"))

    assert len(first) == 60
    assert Region.objects.filter(kind__in=["city", "regency"]).count() == 514
    assert Article.objects.published().count() > 45
    assert 3 * 60 <= tags <= 12 * 60
    for article in Article.objects.filter(slug__startswith="korpus-3-")[:5]:
        assert article.regions.exists() and article.topics.exists()
        assert article.body.count("<p>") >= 4
        assert len(article.body_text.split("\n\n")) >= 4
    # Facts for the investment tracker: a third of the articles, most accepted,
    # each in one of its article's regions.
    assert 10 <= Fact.objects.values("article").distinct().count() <= 35
    assert Fact.objects.public().filter(kind="investment").exists()
    for fact in Fact.objects.exclude(region=None)[:20]:
        assert fact.article.regions.filter(pk=fact.region_id).exists()

    Article.objects.all().delete()
    Entity.objects.all().delete()
    assert generate_small_corpus() == first
    assert sorted(Fact.objects.values_list("article__slug", "key", "review")) == facts
