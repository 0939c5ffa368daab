"""A real headless Chromium for tests: Debian's, installed on demand, driven by Playwright.

Only Debian's ``chromium`` is used, never a browser build that Playwright would download:
the tests must see what a person opening a report sees, and this machine's network reaches
package registries only. When Chromium cannot be had (not root, no apt-get, the install
failed) or Playwright is missing, :func:`require_chromium` skips with the reason.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Route

CHROMIUM = Path("/usr/bin/chromium")
INSTALL_TIMEOUT = 600.0
"""Seconds for apt-get update and install together."""
LAUNCH_TIMEOUT_MS = 60_000
STEP_TIMEOUT_MS = 15_000
"""Any single wait in a page: navigation, a selector, a click."""

# Without the background-networking flags Chromium keeps calling home, which floods a closed
# network with connection attempts; the sandbox needs namespaces a container may not give.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


class BrowserUnavailable(Exception):
    """Chromium or its driver cannot be had here; the message names what is missing."""


def ensure_chromium(timeout: float = INSTALL_TIMEOUT) -> Path:
    """The Chromium binary, installed with apt-get first when it is absent and we may.

    :data:`CHROMIUM`, ``shutil.which`` and ``os.geteuid`` are looked up at each call, so tests
    can point them elsewhere to walk the paths that end in :class:`BrowserUnavailable`.
    """
    binary = CHROMIUM
    if binary.exists():
        return binary
    if os.geteuid() != 0:
        raise BrowserUnavailable(f"{binary} is missing and only root may apt-get install chromium")
    apt_get = shutil.which("apt-get")
    if apt_get is None:
        raise BrowserUnavailable(f"{binary} is missing and apt-get is not available to install it")
    deadline = time.monotonic() + timeout
    install = ["install", "-y", "--no-install-recommends", "chromium"]
    updated = not _has_candidate(apt_get)
    if updated:
        _apt(apt_get, ["update"], deadline)
    try:
        _apt(apt_get, install, deadline)
    except BrowserUnavailable:
        if updated:
            raise
        # The package lists may be stale (a removed version answers 404): refresh them once.
        _apt(apt_get, ["update"], deadline)
        _apt(apt_get, install, deadline)
    if not binary.exists():
        raise BrowserUnavailable(f"apt-get installed chromium, but {binary} is still missing")
    return binary


def _has_candidate(apt_get: str) -> bool:
    """Whether the package lists already know chromium (else apt-get update is needed)."""
    apt_cache = Path(apt_get).with_name("apt-cache")
    try:
        answer = subprocess.run(
            [str(apt_cache), "policy", "chromium"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return "Candidate:" in answer.stdout and "Candidate: (none)" not in answer.stdout


def _apt(apt_get: str, arguments: list[str], deadline: float) -> None:
    left = deadline - time.monotonic()
    command = " ".join(["apt-get", *arguments])
    if left <= 0:
        raise BrowserUnavailable(f"no time left to run {command} for chromium")
    try:
        returncode, output = _run_bounded([apt_get, *arguments], left)
    except subprocess.TimeoutExpired as error:
        raise BrowserUnavailable(f"{command} did not finish in time for chromium") from error
    except OSError as error:
        raise BrowserUnavailable(f"{command} could not be run: {error}") from error
    if returncode != 0:
        tail = output.strip().splitlines()[-3:]
        raise BrowserUnavailable(f"{command} failed ({returncode}): {' / '.join(tail)}")


def _run_bounded(command: list[str], timeout: float) -> tuple[int, str]:
    """Run in a process group of its own, so that a timeout also ends what apt-get started.

    ``subprocess.run`` kills only the direct child, then waits for the pipes that dpkg or a
    download method still hold open: a timeout would not bound anything.
    """
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    with subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=environment,
        start_new_session=True,
    ) as process:
        try:
            output, _ = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _end_group(process)
            raise
        return process.returncode, output


def _end_group(process: subprocess.Popen[str]) -> None:
    """Ask the group to stop (dpkg may tidy up), then make it."""
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()


def require_chromium() -> Path:
    """:func:`ensure_chromium` and the Playwright driver, or a skip that says what is missing."""
    try:
        import playwright.sync_api  # noqa: F401  (only whether it imports matters here)
    except ImportError:
        pytest.skip("the Playwright driver is missing: pip install playwright")
    try:
        return ensure_chromium()
    except BrowserUnavailable as error:
        pytest.skip(f"no Chromium for the browser tests: {error}")


@contextmanager
def chromium_context(binary: Path) -> Iterator[BrowserContext]:
    """A headless Chromium with a fresh profile that is deleted afterwards.

    The context refuses every request that is not for a local file, so a page that tried to
    reach the network would fail visibly rather than wait on a closed one.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver, tempfile.TemporaryDirectory() as profile:
        context = driver.chromium.launch_persistent_context(
            profile,
            executable_path=str(binary),
            headless=True,
            args=list(CHROMIUM_FLAGS),
            timeout=LAUNCH_TIMEOUT_MS,
        )
        context.set_default_timeout(STEP_TIMEOUT_MS)
        context.set_default_navigation_timeout(STEP_TIMEOUT_MS)
        context.route("**/*", _local_files_only)
        try:
            yield context
        finally:
            context.close()


def _local_files_only(route: Route) -> None:
    if route.request.url.startswith("file:"):
        route.continue_()
    else:
        route.abort("blockedbyclient")
