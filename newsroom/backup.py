"""Backups: the whole database as natural-key JSON plus the media files, in one
tar.gz with a manifest of counts and a checksum.

Restoring is all or nothing:

1. the whole archive is checked before anything changes: only regular files
   and folders, named ``manifest.json``, ``data.json`` or ``media/…`` (no
   links, devices, absolute or ``..`` paths, nothing else), a manifest with
   every key, the data's checksum, the number of media files, and enough free
   disk for what will be unpacked;
2. the media are unpacked into a staging folder beside ``MEDIA_ROOT`` (same
   disk, so the final swap is a rename);
3. the database is emptied and reloaded in one transaction, and the counts
   compared with the manifest before it commits;
4. only then the staged media replace ``MEDIA_ROOT``. If anything fails before,
   the staging folder is removed and nothing has changed.

Backups are written readable by their owner only (mode 0600): they hold every
user's password hash.
"""

import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
from collections import Counter
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from articles.freshness import content_changed

# Rebuilt by migrate (content types, permissions), transient (sessions, the
# login-throttling logs) or derived (the public counts, recounted after a
# restore; the postings' change log, which the restore's "everything" makes
# every process build again); everything else is content.
EXCLUDED = (
    "contenttypes",
    "auth.permission",
    "sessions",
    "axes",
    "articles.publiccount",
    "articles.stalecount",
    "articles.postingchange",
)
FORMAT = 1
MANIFEST_KEYS = {
    "format": int,
    "created_at": str,
    "data_sha256": str,
    "counts": dict,
    "media_files": int,
}


class BackupError(Exception):
    """A backup that cannot be restored; says why. Nothing has been changed."""


def create(path: Path) -> dict:
    """Write a backup of the database and media to ``path`` (mode 0600); return
    its manifest."""
    data = io.StringIO()
    call_command(
        "dumpdata",
        natural_foreign=True,
        exclude=list(EXCLUDED),
        stdout=data,
        verbosity=0,
    )
    payload = data.getvalue().encode()
    counts = Counter(record["model"] for record in json.loads(payload))
    media_root = Path(settings.MEDIA_ROOT)
    media = (
        sorted(p for p in media_root.rglob("*") if p.is_file() and not p.is_symlink())
        if media_root.exists()
        else []
    )
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "data_sha256": hashlib.sha256(payload).hexdigest(),
        "counts": dict(sorted(counts.items())),
        "media_files": len(media),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, 0o600)  # also when the file existed with wider rights
    with (
        os.fdopen(descriptor, "wb") as file,
        tarfile.open(fileobj=file, mode="w:gz") as archive,
    ):
        for name, content in (
            ("manifest.json", json.dumps(manifest, indent=2).encode()),
            ("data.json", payload),
        ):
            info = tarfile.TarInfo(name)
            info.size = len(content)
            info.mode = 0o600
            archive.addfile(info, io.BytesIO(content))
        for file_path in media:
            archive.add(
                file_path,
                arcname=f"media/{file_path.relative_to(media_root).as_posix()}",
                recursive=False,
            )
    return manifest


def _check_member(member: tarfile.TarInfo, origin: str) -> None:
    name = PurePosixPath(member.name)
    if not (member.isfile() or member.isdir()):
        kind = (
            "symbolic link"
            if member.issym()
            else "hard link"
            if member.islnk()
            else "device or special file"
        )
        raise BackupError(f"{origin}: {member.name} is a {kind}; refused")
    if name.is_absolute() or ".." in name.parts or not member.name:
        raise BackupError(f"{origin}: {member.name} points outside the backup")
    if member.name not in ("manifest.json", "data.json", "media") and (
        name.parts[0] != "media"
    ):
        raise BackupError(f"{origin}: {member.name} does not belong in a backup")


def _read_manifest(archive, origin) -> tuple[dict, bytes]:
    try:
        manifest = json.loads(archive.extractfile("manifest.json").read())
        payload = archive.extractfile("data.json").read()
    except (KeyError, AttributeError, ValueError) as exc:
        raise BackupError(f"{origin}: manifest.json or data.json missing") from exc
    if not isinstance(manifest, dict):
        raise BackupError(f"{origin}: manifest.json is not an object")
    for key, kind in MANIFEST_KEYS.items():
        if not isinstance(manifest.get(key), kind):
            raise BackupError(
                f"{origin}: manifest.json lacks '{key}' (or it is not a "
                f"{kind.__name__})"
            )
    if manifest["format"] != FORMAT:
        raise BackupError(f"{origin}: unknown backup format {manifest['format']}")
    if hashlib.sha256(payload).hexdigest() != manifest["data_sha256"]:
        raise BackupError(f"{origin}: data.json does not match its checksum")
    return manifest, payload


def check(path: Path) -> tuple[dict, list[tarfile.TarInfo]]:
    """Validate the whole archive without changing anything; return the
    manifest and the media members."""
    origin = path.name
    try:
        with tarfile.open(path, "r:gz") as archive:
            members = archive.getmembers()
            for member in members:
                _check_member(member, origin)
            manifest, _payload = _read_manifest(archive, origin)
    except (OSError, tarfile.TarError, EOFError) as exc:
        raise BackupError(f"{origin}: not a readable backup ({exc})") from exc
    media = [m for m in members if m.isfile() and m.name.startswith("media/")]
    if len(media) != manifest["media_files"]:
        raise BackupError(
            f"{origin}: holds {len(media)} media files, the manifest says "
            f"{manifest['media_files']}"
        )
    needed = sum(m.size for m in members if m.isfile())
    media_root = Path(settings.MEDIA_ROOT)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    free = shutil.disk_usage(media_root.parent).free
    margin = settings.WARTA_MEDIA_FREE_MARGIN
    if free < needed + margin:
        raise BackupError(
            f"{origin}: needs {needed // 2**20} MB of free disk (plus "
            f"{margin // 2**20} MB to spare), {free // 2**20} MB is free"
        )
    return manifest, media


def restore(path: Path) -> dict:
    """Replace the database's content and the media files with the backup's:
    all of it or, if anything is wrong, nothing (see the module's notes)."""
    manifest, media = check(path)
    media_root = Path(settings.MEDIA_ROOT)
    staging = Path(
        tempfile.mkdtemp(prefix=f".{media_root.name}.restore-", dir=media_root.parent)
    )
    try:
        with tarfile.open(path, "r:gz") as archive:
            for member in media:
                target = staging / PurePosixPath(member.name).relative_to("media")
                target.parent.mkdir(parents=True, exist_ok=True)
                with archive.extractfile(member) as source, open(target, "wb") as out:
                    shutil.copyfileobj(source, out)
            data = staging / ".data.json"
            data.write_bytes(archive.extractfile("data.json").read())
        _load(data, manifest, path.name)
        data.unlink()
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _swap(staging, media_root)
    return manifest


def _load(data: Path, manifest: dict, origin: str) -> None:
    with transaction.atomic():
        call_command("flush", interactive=False, verbosity=0)
        # flush re-creates the default groups; the backup's own take their place.
        Group.objects.all().delete()
        try:
            call_command("loaddata", str(data), verbosity=0)
        except Exception as exc:  # any failure to load means: change nothing
            raise BackupError(f"{origin}: data.json cannot be loaded ({exc})") from exc
        # Every cached page and count is now stale, whatever the version the
        # backup carried.
        content_changed(everything=True)
        for label, expected in manifest["counts"].items():
            actual = apps.get_model(label).objects.count()
            if actual != expected:
                raise BackupError(
                    f"{origin}: {label} has {actual} rows after restoring, "
                    f"the backup says {expected}"
                )


def _swap(staging: Path, media_root: Path) -> None:
    """Put the staged media in ``media_root``'s place (two renames)."""
    old = None
    if media_root.exists():
        old = media_root.with_name(f".{media_root.name}.replaced-{os.getpid()}")
        media_root.rename(old)
    staging.rename(media_root)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
