"""The pre-commit hooks, run by pre-commit itself, as a user's repository would run them.

The hook repository is a snapshot of this project's work tree committed to a temporary git
repository: pre-commit clones it, reads .pre-commit-hooks.yaml, builds the hook's
virtualenv and pip-installs citecheck into it, exactly as from GitHub, and what is tested
is the work on disk, committed or not. (``pre-commit try-repo`` on the project itself would
take only what git tracks, so a new or untracked file such as .pre-commit-hooks.yaml would
be missing, it would run git in the project's repository, and it cannot pass hook args.)

Building the environment needs the package index (setuptools to build citecheck, and its
dependencies). Without one the tests skip, saying so; any other failure fails them. The
environment is built once per module, in a private PRE_COMMIT_HOME, and takes 15-40 s.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

INSTALL_TIMEOUT = 600
"""Seconds to build the hook's virtualenv: a pip install of citecheck and its dependencies."""
RUN_TIMEOUT = 120
"""Seconds for any other subprocess: a hook run, a git command."""

# Not the package: what a checkout has beside it that pip would only trip over or slow on.
SNAPSHOT_IGNORE = shutil.ignore_patterns(
    ".git",
    ".venv*",
    "venv",
    ".tox",
    ".nox",
    "*.egg-info",
    "build",
    "dist",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    ".mypy_cache",
    ".hypothesis",
    "node_modules",
)

# What pip says when it cannot reach the package index (or reaches none that answers).
NO_NETWORK = (
    "NewConnectionError",
    "Failed to establish a new connection",
    "Temporary failure in name resolution",
    "Name or service not known",
    "nodename nor servname",
    "Network is unreachable",
    "Connection refused",
    "ConnectTimeoutError",
    "ReadTimeoutError",
    "ProxyError",
    "Max retries exceeded",
    "Could not fetch URL",
    "(from versions: none)",
)

REF = "{{cite book |last=Smith |first=Jan |title=Ruritania |year=2001 |page=%d}}"

# No cited URL anywhere, so even the hook that checks links sends nothing.
UNCITED_STATISTIC = "The city had 4,512,000 inhabitants in 2020."
BAD_DRAFT = f"""\
'''Foo''' is a city in Ruritania.<ref>{REF % 1}</ref>

== History ==
The city was founded in the twelfth century by merchants from the coast.<ref>{REF % 12}</ref>

== Demographics ==
{UNCITED_STATISTIC}

== References ==
{{{{reflist}}}}
"""
CLEAN_DRAFT = BAD_DRAFT.replace(UNCITED_STATISTIC, UNCITED_STATISTIC + f"<ref>{REF % 30}</ref>")


def clean_environment(home: Path) -> dict[str, str]:
    """This process's environment, less git's hook variables and the user's git config.

    Inside a git hook GIT_DIR and GIT_INDEX_FILE would point every git call, pre-commit's
    too, at the project's own repository.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="Test Author",
        GIT_AUTHOR_EMAIL="author@example.org",
        GIT_COMMITTER_NAME="Test Author",
        GIT_COMMITTER_EMAIL="author@example.org",
        PRE_COMMIT_HOME=str(home / "pre-commit"),
        # The pre-commit of this environment, and the git hook it installs, find it first.
        PATH=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
        NO_COLOR="1",
    )
    return env


def run(
    args: list[str], *, cwd: Path, env: dict[str, str], timeout: float = RUN_TIMEOUT
) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired as error:
        pytest.fail(f"{' '.join(args)} did not finish in {timeout} s:\n{error.stdout!r}")


def git(cwd: Path, env: dict[str, str], *args: str) -> str:
    done = run(["git", *args], cwd=cwd, env=env)
    assert done.returncode == 0, f"git {' '.join(args)} failed:\n{done.stderr}"
    return done.stdout.strip()


def new_repository(path: Path, env: dict[str, str]) -> None:
    path.mkdir(parents=True, exist_ok=True)
    git(path, env, "init", "--quiet", "--initial-branch=main")
    git(path, env, "config", "commit.gpgsign", "false")


def pre_commit(*args: str) -> list[str]:
    return [sys.executable, "-m", "pre_commit", *args, "--color", "never"]


@dataclass
class Workspace:
    """A user's repository whose .pre-commit-config.yaml names both hooks of this project."""

    path: Path
    env: dict[str, str]

    def hook(self, hook_id: str, *files: str) -> subprocess.CompletedProcess[str]:
        return run(pre_commit("run", hook_id, "--files", *files), cwd=self.path, env=self.env)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    pytest.importorskip("pre_commit", reason="pre-commit (a test extra) runs the hooks")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    if not (ROOT / ".pre-commit-hooks.yaml").is_file():
        pytest.fail("the project has no .pre-commit-hooks.yaml")
    tmp = tmp_path_factory.mktemp("pre-commit")
    env = clean_environment(tmp / "home")
    (tmp / "home").mkdir()
    # The XDG_CACHE_HOME the suite's conftest gives each test is gone by the time later
    # tests run: the hooks' link cache and pip's cache go here instead.
    env["XDG_CACHE_HOME"] = str(tmp / "home" / ".cache")

    hooks = tmp / "citecheck-hooks"
    shutil.copytree(ROOT, hooks, ignore=SNAPSHOT_IGNORE, symlinks=True)
    new_repository(hooks, env)
    git(hooks, env, "add", "--all")
    git(hooks, env, "commit", "--quiet", "--no-verify", "-m", "snapshot of the work tree")
    rev = git(hooks, env, "rev-parse", "HEAD")

    user = tmp / "user-repo"
    new_repository(user, env)
    (user / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        f"  - repo: {hooks.as_uri()}\n"
        f"    rev: {rev}\n"
        "    hooks:\n"
        "      - id: citecheck\n"
        "      - id: citecheck-offline\n",
        encoding="utf-8",
    )
    # pre-commit refuses to run with its configuration unstaged; the drafts stay untracked,
    # which `run --files` does not mind, so that each commit test stages only its own.
    git(user, env, "add", ".pre-commit-config.yaml")
    git(user, env, "commit", "--quiet", "--no-verify", "-m", "pre-commit")
    (user / "bad.wiki").write_text(BAD_DRAFT, encoding="utf-8")
    (user / "clean.wiki").write_text(CLEAN_DRAFT, encoding="utf-8")
    (user / "notes.txt").write_text(f"{UNCITED_STATISTIC}\n", encoding="utf-8")

    started = time.monotonic()
    try:
        installed = subprocess.run(
            pre_commit("install-hooks"),
            cwd=user,
            env=env,
            capture_output=True,
            text=True,
            timeout=INSTALL_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.skip(
            f"pre-commit could not build the hook environment in {INSTALL_TIMEOUT} s: "
            "the package index is slow or unreachable"
        )
    elapsed = time.monotonic() - started
    if installed.returncode != 0:
        log = Path(env["PRE_COMMIT_HOME"]) / "pre-commit.log"
        said = installed.stdout + installed.stderr
        if log.is_file():
            said += log.read_text(encoding="utf-8", errors="replace")
        seen = [marker for marker in NO_NETWORK if marker in said]
        if seen:
            pytest.skip(
                "pre-commit could not pip-install citecheck into the hook environment: "
                f"no package index reachable (pip said {seen[0]!r}; needs access to PyPI)"
            )
        pytest.fail(f"pre-commit install-hooks failed:\n{said}")
    print(f"pre-commit built the hook environment in {elapsed:.1f} s")
    yield Workspace(user, env)


def test_offline_hook_fails_on_an_uncited_statistic(workspace: Workspace) -> None:
    done = workspace.hook("citecheck-offline", "bad.wiki")

    assert done.returncode == 1, done.stdout + done.stderr
    assert "citecheck (offline)" in done.stdout and "Failed" in done.stdout
    assert "bad.wiki:7:1: error uncited-claim" in done.stdout, done.stdout
    assert UNCITED_STATISTIC in done.stdout


def test_hook_fails_on_an_uncited_statistic(workspace: Workspace) -> None:
    done = workspace.hook("citecheck", "bad.wiki")

    assert done.returncode == 1, done.stdout + done.stderr
    assert "bad.wiki:7:1: error uncited-claim" in done.stdout, done.stdout


@pytest.mark.parametrize("hook_id", ["citecheck", "citecheck-offline"])
def test_hooks_pass_a_clean_draft(workspace: Workspace, hook_id: str) -> None:
    done = workspace.hook(hook_id, "clean.wiki")

    assert done.returncode == 0, done.stdout + done.stderr
    assert "Passed" in done.stdout


def test_hooks_leave_other_files_alone(workspace: Workspace) -> None:
    """notes.txt holds the same uncited statistic, but it is no draft."""
    done = workspace.hook("citecheck-offline", "notes.txt")

    assert done.returncode == 0, done.stdout + done.stderr
    assert "(no files to check)Skipped" in done.stdout


def test_commit_is_refused_until_the_claim_is_cited(workspace: Workspace) -> None:
    """The git hook pre-commit installs: the way users meet it."""
    env = workspace.env
    installed = run(pre_commit("install"), cwd=workspace.path, env=env)
    assert installed.returncode == 0, installed.stdout + installed.stderr

    draft = workspace.path / "article.wiki"
    draft.write_text(BAD_DRAFT, encoding="utf-8")
    git(workspace.path, env, "add", draft.name)
    refused = run(["git", "commit", "--quiet", "-m", "draft"], cwd=workspace.path, env=env)
    assert refused.returncode != 0
    output = refused.stdout + refused.stderr
    assert "article.wiki:7:1: error uncited-claim" in output, output

    draft.write_text(CLEAN_DRAFT, encoding="utf-8")
    git(workspace.path, env, "add", draft.name)
    accepted = run(["git", "commit", "--quiet", "-m", "draft"], cwd=workspace.path, env=env)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
