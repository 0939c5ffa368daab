"""Only what a change introduced: --diff-against (a file or git:REV), baselines, fingerprints."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from citecheck import Config, check
from citecheck.baseline import KnownFindings
from citecheck.cli import ExitCode, main
from citecheck.fingerprint import fingerprint

ROOT = Path(__file__).resolve().parent.parent
DRAFTS = ROOT / "fixtures" / "drafts"
ORIGINAL = DRAFTS / "river_mill.wiki"
MOVED = DRAFTS / "river_mill.moved.wiki"
NEW_CLAIM = DRAFTS / "river_mill.new_claim.wiki"
NEW_LINE = "The miller's house next to the mill was sold in 2019 for £640,000."


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["check", "--no-links", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def findings_of(output: str) -> list[dict]:
    return [f for article in json.loads(output)["articles"] for f in article["findings"]]


def fingerprints(text: str) -> list[tuple[str, str]]:
    report = check(text, source="x.wiki", config=Config(links=False))
    return [(f.code, fingerprint(report.article, f)) for f in report.findings]


# --- fingerprints ----------------------------------------------------------------------


def test_moving_and_rewrapping_keeps_fingerprints() -> None:
    before = fingerprints(ORIGINAL.read_text(encoding="utf-8"))
    after = fingerprints(MOVED.read_text(encoding="utf-8"))
    assert before and before == after


def test_editing_the_statement_changes_its_fingerprint() -> None:
    text = "== History ==\nThe mill was the largest employer in the parish.\n"
    edited = text.replace("largest employer", "largest employer by far")
    assert fingerprints(text) != fingerprints(edited)


def test_editing_elsewhere_keeps_the_fingerprint() -> None:
    text = (
        "== History ==\nThe mill was the largest employer in the parish.\n\n"
        "== Later ==\nIt closed.<ref>A.</ref>\n\n{{reflist}}\n"
    )
    edited = text.replace("It closed.", "It closed in 1950 after a flood.")
    uncited = [f for f in fingerprints(text) if f[0] == "CC101"]
    assert uncited and uncited == [f for f in fingerprints(edited) if f[0] == "CC101"]


def test_known_findings_are_counted_not_merely_named() -> None:
    one = "== A ==\nThe mill was the largest in the county.\n"
    two = one + "\n== B ==\nThe mill was the largest in the county.\n"
    config = Config(links=False, select=frozenset({"uncited-claim"}))
    old = check(one, source="x", config=config)
    new = check(two, source="x", config=config)
    split = KnownFindings.of(old).split(new)
    assert len(split.known) == 1
    assert [f.span.start for f in split.findings] == [new.findings[-1].span.start]


# --- --diff-against a file -------------------------------------------------------------


def test_moved_and_rewrapped_text_reports_nothing_new(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, str(MOVED), "--diff-against", str(ORIGINAL))
    assert code == ExitCode.OK
    assert "no findings; 1 known finding not shown" in out


def test_an_added_uncited_claim_is_reported_alone(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, str(NEW_CLAIM), "--diff-against", str(ORIGINAL), "--output-format", "json"
    )
    assert code == ExitCode.FINDINGS
    (finding,) = findings_of(out)
    assert finding["rule"] == "uncited-claim"
    assert finding["severity"] == "error"
    lines = NEW_CLAIM.read_text(encoding="utf-8").splitlines()
    assert lines[finding["line"] - 1] == NEW_LINE
    assert json.loads(out)["articles"][0]["summary"]["known"] == 1


def test_diff_against_a_file_takes_one_path(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, str(MOVED), str(NEW_CLAIM), "--diff-against", str(ORIGINAL))
    assert code == ExitCode.ERROR
    assert "takes one PATH" in err


def test_unreadable_old_version_is_an_input_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, str(NEW_CLAIM), "--diff-against", str(tmp_path / "gone.wiki"))
    assert code == ExitCode.ERROR
    assert "gone.wiki: no such file" in err
    assert "Traceback" not in err


# --- --diff-against git:REV ------------------------------------------------------------


def git(folder: Path, *arguments: str) -> None:
    subprocess.run(
        ["git", "-C", str(folder), *arguments],
        check=True,
        capture_output=True,
        timeout=30,
        env={
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.org",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.org",
            "HOME": str(folder),
            "PATH": "/usr/bin:/bin",
        },
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    folder = tmp_path / "drafts repo"
    (folder / "articles").mkdir(parents=True)
    shutil.copy(ORIGINAL, folder / "articles" / "mill.wiki")
    git(folder, "init", "-q", "-b", "main")
    git(folder, "add", ".")
    git(folder, "commit", "-q", "-m", "first draft")
    return folder


def test_git_revision_moved_text_reports_nothing_new(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(MOVED, repo / "articles" / "mill.wiki")
    monkeypatch.chdir(repo)
    code, out, _ = run(capsys, "articles/mill.wiki", "--diff-against", "git:HEAD")
    assert code == ExitCode.OK, out
    assert "1 known finding not shown" in out


def test_git_revision_reports_the_added_claim(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    target = repo / "articles" / "mill.wiki"
    shutil.copy(NEW_CLAIM, target)
    git(repo, "commit", "-q", "-am", "a new claim")
    # Run from elsewhere, with a path that is not relative to the repository's root.
    monkeypatch.chdir(repo.parent)
    code, out, _ = run(
        capsys, str(target), "--diff-against", "git:HEAD~1", "--output-format", "json"
    )
    assert code == ExitCode.FINDINGS
    (finding,) = findings_of(out)
    assert target.read_text(encoding="utf-8").splitlines()[finding["line"] - 1] == NEW_LINE


def test_a_file_absent_at_the_revision_is_all_new(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fresh = repo / "articles" / "fresh.wiki"
    shutil.copy(NEW_CLAIM, fresh)
    code, out, _ = run(capsys, str(fresh), "--diff-against", "git:HEAD", "--output-format", "json")
    assert code == ExitCode.FINDINGS
    assert len(findings_of(out)) == 2


@pytest.mark.parametrize(
    ("revision", "message"),
    [("git:no-such-branch", "unknown git revision 'no-such-branch'"), ("git:", "not a git")],
)
def test_bad_revisions_are_clear_errors(
    repo: Path, capsys: pytest.CaptureFixture[str], revision: str, message: str
) -> None:
    code, _, err = run(capsys, str(repo / "articles" / "mill.wiki"), "--diff-against", revision)
    assert code == ExitCode.ERROR
    assert message in err
    assert "Traceback" not in err


def test_outside_a_work_tree_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    lone = tmp_path / "lone.wiki"
    shutil.copy(ORIGINAL, lone)
    code, _, err = run(capsys, str(lone), "--diff-against", "git:HEAD")
    assert code == ExitCode.ERROR
    assert "not in a git work tree" in err


def test_standard_input_has_no_history(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", "--no-links", "-", "--diff-against", "git:HEAD"], stdin=io.BytesIO(b"x"))
    assert code == ExitCode.ERROR
    assert "standard input has no git history" in capsys.readouterr().err


# --- baselines -------------------------------------------------------------------------


def test_baseline_round_trip(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    draft = drafts / "mill.wiki"
    shutil.copy(ORIGINAL, draft)
    (tmp_path / "ci").mkdir()
    monkeypatch.chdir(tmp_path)
    assert main(["baseline", "--no-links", "drafts/mill.wiki", "-o", "ci/baseline.json"]) == 0
    err = capsys.readouterr().err
    assert "wrote 1 finding of 1 article to ci/baseline.json" in err
    document = json.loads((tmp_path / "ci" / "baseline.json").read_text(encoding="utf-8"))
    assert document["kind"] == "citecheck-baseline"
    (article,) = document["articles"]
    assert article["source"] == "../drafts/mill.wiki"
    assert [f["rule"] for f in article["findings"]] == ["uncited-claim"]

    # Known findings stay quiet, from any working directory.
    monkeypatch.chdir(drafts)
    code, out, _ = run(capsys, "mill.wiki", "--baseline", "../ci/baseline.json")
    assert (code, "1 known finding not shown" in out) == (ExitCode.OK, True)

    # Moving text around keeps them known; a new claim is reported alone.
    shutil.copy(NEW_CLAIM, draft)
    code, out, _ = run(
        capsys, "mill.wiki", "--baseline", "../ci/baseline.json", "--output-format", "json"
    )
    assert code == ExitCode.FINDINGS
    (finding,) = findings_of(out)
    assert draft.read_text(encoding="utf-8").splitlines()[finding["line"] - 1] == NEW_LINE


def test_a_saved_json_report_works_as_a_baseline(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(NEW_CLAIM, tmp_path / "mill.wiki")
    run(capsys, "mill.wiki", "--output-format", "json", "-o", "report.json")
    code, out, _ = run(capsys, "mill.wiki", "--baseline", "report.json")
    assert code == ExitCode.OK
    assert "2 known findings not shown" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not a JSON report"),
        ('{"articles": 3}', "not a citecheck report"),
        ('{"articles": [{"source": "a.wiki"}]}', "has no source or findings"),
        (
            '{"articles": [{"source": "a.wiki", "findings": [{"code": "CC101"}]}]}',
            "write the baseline again",
        ),
    ],
)
def test_unusable_baselines_are_clear_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    baseline = tmp_path / "baseline.json"
    baseline.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, str(ORIGINAL), "--baseline", str(baseline))
    assert code == ExitCode.ERROR
    assert message in err and "Traceback" not in err
    assert out == ""


def test_missing_baseline_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, str(ORIGINAL), "--baseline", str(tmp_path / "none.json"))
    assert code == ExitCode.ERROR
    assert "cannot be read" in err


def test_the_coverage_floor_holds_whatever_the_baseline_knows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(ORIGINAL, tmp_path / "mill.wiki")
    assert main(["baseline", "--no-links", "mill.wiki", "-o", "b.json"]) == ExitCode.OK
    capsys.readouterr()
    code, out, _ = run(capsys, "mill.wiki", "--baseline", "b.json", "--min-coverage", "95")
    assert code == ExitCode.FINDINGS
    assert "coverage-below-threshold" in out


# --- several reports in one run --------------------------------------------------------


def test_write_adds_reports_in_other_formats(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys,
        str(NEW_CLAIM),
        "--write",
        f"json={tmp_path / 'report.json'}",
        "--write",
        f"text={tmp_path / 'report.txt'}",
    )
    assert code == ExitCode.FINDINGS
    assert (tmp_path / "report.txt").read_text(encoding="utf-8") == out
    assert len(findings_of((tmp_path / "report.json").read_text(encoding="utf-8"))) == 2


@pytest.mark.parametrize(
    ("value", "message"), [("sarif", "must be FORMAT=PATH"), ("yaml=x", "unknown format 'yaml'")]
)
def test_write_needs_a_known_format_and_a_path(
    capsys: pytest.CaptureFixture[str], value: str, message: str
) -> None:
    code, _, err = run(capsys, str(ORIGINAL), "--write", value)
    assert code == ExitCode.ERROR
    assert message in err


def test_the_configured_baseline_is_rewritten_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "citecheck.toml").write_text(
        'baseline = "ci/known.json"\nlinks = false\n', encoding="utf-8"
    )
    (tmp_path / "ci").mkdir()
    shutil.copy(ORIGINAL, tmp_path / "mill.wiki")
    assert main(["baseline", "mill.wiki"]) == ExitCode.OK
    assert main(["check", "mill.wiki"]) == ExitCode.OK
    shutil.copy(NEW_CLAIM, tmp_path / "mill.wiki")
    assert main(["check", "mill.wiki"]) == ExitCode.FINDINGS
    # Writing the baseline again records every finding, not only those it lacked.
    assert main(["baseline", "mill.wiki"]) == ExitCode.OK
    document = json.loads((tmp_path / "ci" / "known.json").read_text(encoding="utf-8"))
    assert len(document["articles"][0]["findings"]) == 2
    assert main(["check", "mill.wiki"]) == ExitCode.OK
    capsys.readouterr()


_MARKUP = re.compile(r"(<ref[^>]*/>|<ref.*?</ref>|\{\{.*?\}\}|\[\[.*?\]\]|\[.*?\]|<[^>]*>)")
_SENTENCE_END = re.compile(r"([a-z]{3}\.) (?=[A-Z][a-z])")


def _rewrapped(text: str) -> str:
    """Lines of prose broken after each sentence, as an editor re-wrapping would; markup
    (footnotes, templates, links) is left whole."""
    lines = []
    for line in text.split("\n"):
        if line[:1].isalpha() or line.startswith("'''"):
            parts = _MARKUP.split(line)
            for index in range(0, len(parts), 2):
                part = _SENTENCE_END.sub("\\1\n", parts[index])
                if index and parts[index - 1].startswith("<ref"):  # after a sentence's footnote
                    part = re.sub(r"^ (?=[A-Z][a-z])", "\n", part)
                parts[index] = part
            line = "".join(parts)
        lines.append(line)
    return "\n".join(lines)


def test_rewrapping_real_articles_reports_nothing_new() -> None:
    corpus = sorted((ROOT / "fixtures" / "corpus" / "wikitext").rglob("*"))
    config = Config(links=False)
    known = changed = 0
    for path in corpus:
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        wrapped = _rewrapped(text)
        changed += wrapped != text
        old = check(text, source=path.name, config=config)
        new = KnownFindings.of(old).split(check(wrapped, source=path.name, config=config))
        assert new.findings == (), path.name
        known += len(new.known)
    assert changed > 40 and known > 3000
