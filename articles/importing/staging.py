"""Uploaded import files, kept between the dry run and the confirmation.

The admin's import page stores uploads under ``WARTA_IMPORT_STAGING_ROOT`` in a
folder named by a random token (never served, never under ``MEDIA_ROOT``), shows
the dry run, and imports the same files when the editor confirms. Folders are
deleted after the import, on cancel, and by ``manage.py media_cleanup`` when a
day old.
"""

import re
import secrets
import shutil
import time
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from articles.importing.parsers import ImportFailed, shown

TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
SAFE_NAME = re.compile(r"[^A-Za-z0-9._ -]+")


def root() -> Path:
    return Path(settings.WARTA_IMPORT_STAGING_ROOT)


def stage(uploads) -> tuple[str, list[Path]]:
    """Store ``uploads`` (Django UploadedFiles) under a new token.

    All of them or none: if one cannot be written (the folder is not
    writable, the disk is full), the batch's folder is removed with whatever
    was written, and ``ImportFailed`` names the file."""
    uploads = list(uploads)
    token = secrets.token_urlsafe(24)
    folder = root() / token
    current = ", ".join(shown(Path(u.name).name) for u in uploads)
    try:
        folder.mkdir(parents=True, mode=0o700)
        paths, seen = [], set()
        for number, upload in enumerate(uploads, start=1):
            current = shown(Path(upload.name).name)
            name = (
                SAFE_NAME.sub("_", Path(upload.name).name)[:120] or f"berkas-{number}"
            )
            if name in seen:
                name = f"{number}-{name}"
            seen.add(name)
            path = folder / name
            with open(path, "wb") as out:
                for chunk in upload.chunks():
                    out.write(chunk)
            paths.append(path)
    except OSError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise ImportFailed(
            _(
                "%(file)s: the file could not be stored for the import "
                "(%(reason)s); nothing was imported"
            )
            % {"file": current, "reason": exc.strerror or exc}
        ) from exc
    return token, paths


def files(token) -> list[Path] | None:
    """The files staged under ``token`` (None if there is no such batch)."""
    if not TOKEN.match(token or ""):
        return None
    folder = root() / token
    if not folder.is_dir():
        return None
    return sorted(p for p in folder.iterdir() if p.is_file())


def discard(token) -> None:
    if TOKEN.match(token or ""):
        shutil.rmtree(root() / token, ignore_errors=True)


def discard_older_than(seconds: int) -> int:
    """Remove staged batches older than ``seconds``; return how many."""
    if not root().exists():
        return 0
    cutoff, removed = time.time() - seconds, 0
    for folder in root().iterdir():
        if folder.is_dir() and folder.stat().st_mtime < cutoff:
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    return removed
