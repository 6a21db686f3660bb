import io
import tarfile

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.models import Article, Suggestion, TaggedEntity
from entities.models import Entity, EntityAlias, Region

from ..articles.test_images import image_bytes, upload


def content():
    """Everything a restore must bring back, as plain values."""
    return {
        "articles": sorted(
            Article.objects.values_list(
                "slug",
                "title",
                "body",
                "status",
                "version",
                "source__slug",
                "featured_image",
                "publish_at",
            )
        ),
        "tags": sorted(
            TaggedEntity.objects.values_list("content_object__slug", "tag__name")
        ),
        "regions": sorted(
            Article.regions.through.objects.values_list("article__slug", "region__code")
        ),
        "entities": sorted(Entity.objects.values_list("name", "kind", "region__code")),
        "aliases": sorted(EntityAlias.objects.values_list("entity__name", "name")),
        "region_rows": Region.objects.count(),
        "history": Article.history.count(),
        "suggestions": Suggestion.objects.count(),
        "users": sorted(
            User.objects.values_list("username", "is_superuser", "password")
        ),
        "memberships": sorted(
            User.groups.through.objects.values_list("user__username", "group__name")
        ),
    }


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_round_trip_everything(
    tmp_path, settings, editor, make_user
):
    call_command("load_initial_data", verbosity=0)
    call_command(
        "import_articles", "tests/data/extraction/heldout/h01_morowali.txt", verbosity=0
    )
    article = Article.objects.get(slug__startswith="gubernur-banten")
    article.featured_image.save(
        "pabrik.png", upload("pabrik.png", image_bytes()), save=False
    )
    article.featured_image_alt = "Pabrik"
    article.save()
    image_name = article.featured_image.name
    image = article.featured_image.read()
    Group.objects.create(name="Korektor")
    before = content()
    archive = tmp_path / "cadangan.tar.gz"

    call_command("backup", archive, verbosity=0)
    # Damage everything.
    Article.objects.all().delete()
    Entity.objects.filter(name__startswith="PT").delete()
    # Deleting the articles deleted their image files too.
    assert not (settings.MEDIA_ROOT / image_name).exists()

    call_command("restore", archive, "--yes", verbosity=0)

    assert content() == before
    assert (settings.MEDIA_ROOT / image_name).read_bytes() == image
    assert Group.objects.filter(name="Korektor").exists()
    assert (
        Group.objects.get(name="Editor")
        .permissions.filter(codename="publish_article")
        .exists()
    )


@pytest.mark.django_db(transaction=True)
def test_a_damaged_backup_changes_nothing(tmp_path):
    call_command("load_initial_data", verbosity=0)
    archive = tmp_path / "cadangan.tar.gz"
    call_command("backup", archive, verbosity=0)
    before = content()

    broken = tmp_path / "rusak.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(broken, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == "data.json":
                data = data.replace(b"Banten", b"Banteng")
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))

    with pytest.raises(CommandError, match="checksum"):
        call_command("restore", broken, "--yes")
    garbage = tmp_path / "sampah.tar.gz"
    garbage.write_bytes(b"not a tarball")
    with pytest.raises(CommandError, match="not a readable backup"):
        call_command("restore", garbage, "--yes")
    assert content() == before
