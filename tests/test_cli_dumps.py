"""Database dumps through the command line: JSON lines written as articles are done, --resume."""

from __future__ import annotations

import bz2
import json
from pathlib import Path

import pytest

from citecheck.cli import ExitCode, main

ROOT = Path(__file__).resolve().parent.parent
PEAR = ROOT / "fixtures" / "dumps" / "pywikibot_article-pear-0.10.xml"
PYRUS = ROOT / "fixtures" / "dumps" / "pywikibot_article-pyrus.xml"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["check", "--no-links", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_a_dump_gives_one_line_per_article(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.jsonl"
    code, _, err = run(capsys, str(PEAR), str(PYRUS), "-o", str(out))
    assert code == ExitCode.FINDINGS  # Pear has uncited statistics
    (pear,) = lines(out)  # Pyrus is only redirects
    assert pear["source"] == "pywikibot_article-pear-0.10.xml#Pear"
    assert pear["summary"]["statements"] > 50
    assert "1 article checked" in err and "uncited-claim" in err


def test_compressed_dumps_on_standard_output_with_two_jobs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    packed = tmp_path / "pear.xml.bz2"
    packed.write_bytes(bz2.compress(PEAR.read_bytes()))
    code, out, _ = run(capsys, str(packed), "--jobs", "2", "--fail-on", "never")
    assert code == ExitCode.OK
    (line,) = out.splitlines()
    assert json.loads(line)["title"] == "Pear"


def test_resume_skips_what_is_done_and_drops_a_partial_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.jsonl"
    run(capsys, str(PEAR), "-o", str(out))
    whole = out.read_text(encoding="utf-8")
    out.write_text(whole[: len(whole) // 2], encoding="utf-8")  # a crash mid-line
    code, _, err = run(capsys, str(PEAR), "-o", str(out), "--resume")
    assert code == ExitCode.FINDINGS
    assert out.read_text(encoding="utf-8") == whole
    code, _, err = run(capsys, str(PEAR), "-o", str(out), "--resume")
    assert code == ExitCode.OK
    assert "1 skipped as already done" in err
    assert out.read_text(encoding="utf-8") == whole


@pytest.mark.parametrize("name", ["broken.xml", "broken.xml.bz2"])
def test_a_truncated_dump_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    data = PEAR.read_bytes()[:20_000]
    broken = tmp_path / name
    broken.write_bytes(bz2.compress(data)[:-100] if name.endswith(".bz2") else data)
    code, _, err = run(capsys, str(broken), "-o", str(tmp_path / "out.jsonl"))
    assert code == ExitCode.ERROR
    assert "broken.xml" in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--output-format", "sarif"], "--output-format jsonl"),
        (["--resume"], "--resume needs -o FILE"),
        (["--diff-against", "git:HEAD"], "cannot be used with a database dump"),
    ],
)
def test_usage_errors(capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    code, _, err = run(capsys, str(PEAR), *argv)
    assert code == ExitCode.ERROR
    assert message in err


def test_resume_is_for_dumps(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    draft = tmp_path / "a.wiki"
    draft.write_text("== A ==\nIt is old.\n", encoding="utf-8")
    code, _, err = run(capsys, str(draft), "--resume")
    assert code == ExitCode.ERROR
    assert "--resume is for database dumps" in err
