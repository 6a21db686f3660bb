import io
import json
import tarfile

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.models import Article, Suggestion, TaggedEntity
from entities.models import Entity, EntityAlias, Region
from tests.editorial.test_images import image_bytes, upload


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


def rewrite(archive, target, *, change=None, extra=()):
    """A copy of ``archive`` with members changed or added (for hostile backups)."""
    with tarfile.open(archive) as source, tarfile.open(target, "w:gz") as out:
        for member in source.getmembers():
            data = source.extractfile(member).read() if member.isfile() else b""
            if change:
                data = change(member, data)
            member.size = len(data)
            out.addfile(member, io.BytesIO(data) if member.isfile() else None)
        for member, data in extra:
            out.addfile(member, io.BytesIO(data) if data is not None else None)
    return target


def state(settings):
    media = settings.MEDIA_ROOT
    files = sorted(
        (p.relative_to(media).as_posix(), p.read_bytes())
        for p in media.rglob("*")
        if p.is_file()
    )
    siblings = sorted(p.name for p in media.parent.iterdir())
    return content(), files, siblings


@pytest.fixture
def backed_up(tmp_path, settings):
    call_command("load_initial_data", verbosity=0)
    (settings.MEDIA_ROOT / "articles" / "x").mkdir(parents=True)
    (settings.MEDIA_ROOT / "articles" / "x" / "original.png").write_bytes(image_bytes())
    archive = tmp_path / "cadangan.tar.gz"
    call_command("backup", archive, verbosity=0)
    return archive


def link_member(name, target, kind=tarfile.SYMTYPE):
    member = tarfile.TarInfo(name)
    member.type, member.linkname = kind, target
    return member


@pytest.mark.django_db(transaction=True)
class TestRestoreIsAllOrNothing:
    """Finding 7 of the security review: a symlink loop in the media replaced and
    committed the database, then crashed leaving junk; a manifest without
    media_files restored everything, then raised KeyError."""

    @pytest.mark.parametrize(
        ("extra", "reason"),
        [
            (link_member("media/loop", "loop"), "symbolic link"),
            (link_member("media/etc", "/etc/passwd"), "symbolic link"),
            (link_member("media/keras", "data.json", tarfile.LNKTYPE), "hard link"),
            (link_member("media/tty", "", tarfile.CHRTYPE), "device"),
            (tarfile.TarInfo("../keluar.txt"), "outside the backup"),
            (tarfile.TarInfo("/etc/cron.d/x"), "outside the backup"),
            (tarfile.TarInfo("lainnya.txt"), "does not belong"),
        ],
    )
    def test_hostile_members_change_nothing(
        self, backed_up, tmp_path, settings, extra, reason
    ):
        hostile = rewrite(
            backed_up,
            tmp_path / "jahat.tar.gz",
            extra=[(extra, b"" if extra.isfile() else None)],
        )
        call_command("import_articles", "tests/data/extraction/heldout/h02_batang.txt")
        before = state(settings)
        with pytest.raises(CommandError, match=reason) as excinfo:
            call_command("restore", hostile, "--yes")
        assert "nothing was changed" in str(excinfo.value)
        assert state(settings) == before

    def test_a_manifest_without_media_files_changes_nothing(
        self, backed_up, tmp_path, settings
    ):
        def drop_media_files(member, data):
            if member.name != "manifest.json":
                return data
            manifest = json.loads(data)
            del manifest["media_files"]
            return json.dumps(manifest).encode()

        broken = rewrite(backed_up, tmp_path / "rusak.tar.gz", change=drop_media_files)
        call_command("import_articles", "tests/data/extraction/heldout/h02_batang.txt")
        before = state(settings)
        with pytest.raises(CommandError, match="media_files"):
            call_command("restore", broken, "--yes")
        assert state(settings) == before

    def test_a_failing_load_leaves_media_and_database_as_they_were(
        self, backed_up, tmp_path, settings
    ):
        def wrong_count(member, data):
            if member.name != "manifest.json":
                return data
            manifest = json.loads(data)
            manifest["counts"]["articles.article"] += 1
            return json.dumps(manifest).encode()

        broken = rewrite(backed_up, tmp_path / "salah.tar.gz", change=wrong_count)
        (settings.MEDIA_ROOT / "baru.txt").write_text("ditambahkan setelah cadangan")
        before = state(settings)
        with pytest.raises(CommandError, match="rows after restoring"):
            call_command("restore", broken, "--yes")
        assert state(settings) == before

    def test_restore_replaces_the_media_folder(self, backed_up, settings):
        (settings.MEDIA_ROOT / "baru.txt").write_text("ditambahkan setelah cadangan")
        call_command("restore", backed_up, "--yes", verbosity=0)
        assert not (settings.MEDIA_ROOT / "baru.txt").exists()
        assert (settings.MEDIA_ROOT / "articles" / "x" / "original.png").exists()
        leftovers = [p.name for p in settings.MEDIA_ROOT.parent.iterdir()]
        assert not [name for name in leftovers if name.startswith(".media")]

    def test_restore_refuses_without_enough_free_disk(self, backed_up, settings):
        settings.WARTA_MEDIA_FREE_MARGIN = 10**18
        before = state(settings)
        with pytest.raises(CommandError, match="free disk"):
            call_command("restore", backed_up, "--yes")
        assert state(settings) == before

    def test_backups_are_readable_by_their_owner_only(self, backed_up):
        assert backed_up.stat().st_mode & 0o777 == 0o600
