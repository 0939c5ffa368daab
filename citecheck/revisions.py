"""The old version of a draft: another file, or the file as a git revision had it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from citecheck.source import MAX_BYTES, InputError, decode, read_source

GIT_PREFIX = "git:"
_GIT_TIMEOUT = 60.0


class RevisionError(Exception):
    """The old version cannot be had; the message is meant for the user."""


def read_old_version(path: str, against: str) -> str | None:
    """The text ``path`` had in ``against``; None when it did not exist there (a new draft).

    ``against`` is ``git:REV`` for the file at a git revision, or the path of an old copy.
    """
    if not against.startswith(GIT_PREFIX):
        try:
            return read_source(against).text
        except InputError as error:
            raise RevisionError(f"{against}: {error}") from None
    revision = against.removeprefix(GIT_PREFIX)
    if path == "-":
        raise RevisionError("standard input has no git history; give the old version as a file")
    if not revision or revision.startswith("-"):
        raise RevisionError(f"not a git revision: {revision!r}")
    return _at_revision(Path(path), revision)


def _at_revision(path: Path, revision: str) -> str | None:
    git = shutil.which("git")
    if git is None:
        raise RevisionError("git is not installed, so --diff-against git:… cannot be used")
    folder = path.parent
    if not folder.is_dir():
        raise RevisionError(f"{path}: no such directory")
    inside = _git(git, folder, "rev-parse", "--is-inside-work-tree")
    if inside.returncode != 0 or inside.stdout.strip() != b"true":
        raise RevisionError(f"{path} is not in a git work tree")
    commit = _git(git, folder, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    if commit.returncode != 0:
        raise RevisionError(f"unknown git revision {revision!r}")
    # "./" makes the path relative to the file's own folder, wherever git's root is.
    spec = f"{commit.stdout.strip().decode()}:./{path.name}"
    if _git(git, folder, "cat-file", "-e", spec).returncode != 0:
        return None
    shown = _git(git, folder, "cat-file", "blob", spec)
    if shown.returncode != 0:
        message = shown.stderr.decode("utf-8", "replace").strip()
        raise RevisionError(f"git could not show {path} at {revision}: {message}")
    if len(shown.stdout) > MAX_BYTES:
        raise RevisionError(f"{path} at {revision} is too large")
    try:
        return decode(shown.stdout)
    except InputError as error:
        raise RevisionError(f"{path} at {revision}: {error}") from None


def _git(git: str, folder: Path, *arguments: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            [git, "-C", str(folder), *arguments],
            capture_output=True,
            timeout=_GIT_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise RevisionError(f"git failed: {error}") from None
