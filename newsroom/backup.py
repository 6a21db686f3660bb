"""Backups: the whole database as natural-key JSON plus the media files, in one
tar.gz with a manifest of counts and a checksum."""

import hashlib
import io
import json
import shutil
import tarfile
import tempfile
from collections import Counter
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from articles import cache as content_cache

# Rebuilt by migrate (content types, permissions) or transient (sessions, the
# login-throttling logs); everything else is content.
EXCLUDED = ("contenttypes", "auth.permission", "sessions", "axes")
FORMAT = 1


class BackupError(Exception):
    """A backup that cannot be restored; says why. Nothing has been changed."""


def create(path: Path) -> dict:
    """Write a backup of the database and media to ``path``; return its manifest."""
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
        sorted(p for p in media_root.rglob("*") if p.is_file())
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
    with tarfile.open(path, "w:gz") as archive:
        for name, content in (
            ("manifest.json", json.dumps(manifest, indent=2).encode()),
            ("data.json", payload),
        ):
            info = tarfile.TarInfo(name)
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))
        for file in media:
            archive.add(file, arcname=f"media/{file.relative_to(media_root)}")
    return manifest


def _read(path: Path, workdir: Path) -> tuple[dict, Path]:
    try:
        with tarfile.open(path, "r:gz") as archive:
            archive.extractall(workdir, filter="data")
    except (OSError, tarfile.TarError) as exc:
        raise BackupError(f"{path.name}: not a readable backup ({exc})") from exc
    try:
        manifest = json.loads((workdir / "manifest.json").read_text())
        payload = (workdir / "data.json").read_bytes()
    except (OSError, ValueError) as exc:
        raise BackupError(f"{path.name}: manifest or data missing ({exc})") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(
            f"{path.name}: unknown backup format {manifest.get('format')}"
        )
    if hashlib.sha256(payload).hexdigest() != manifest.get("data_sha256"):
        raise BackupError(f"{path.name}: data.json does not match its checksum")
    return manifest, workdir / "data.json"


def restore(path: Path) -> dict:
    """Replace the database's content and the media files with the backup's.

    The archive is checked first; the database is emptied and reloaded in one
    transaction, and the counts compared with the manifest before it commits, so
    a bad backup changes nothing. Media files are copied only after that.
    """
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        manifest, data = _read(path, workdir)
        with transaction.atomic():
            call_command("flush", interactive=False, verbosity=0)
            # flush re-creates the default groups; the backup's own take their place.
            Group.objects.all().delete()
            call_command("loaddata", str(data), verbosity=0)
            # Every cached page and count is now stale, whatever the version the
            # backup carried.
            content_cache.bump()
            for label, expected in manifest["counts"].items():
                actual = apps.get_model(label).objects.count()
                if actual != expected:
                    raise BackupError(
                        f"{path.name}: {label} has {actual} rows after restoring, "
                        f"the backup says {expected}; nothing was changed"
                    )
        if (workdir / "media").exists():
            shutil.copytree(workdir / "media", settings.MEDIA_ROOT, dirs_exist_ok=True)
    return manifest
