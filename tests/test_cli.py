"""The command line, run in-process through ``main(argv)``."""

from __future__ import annotations

import codecs
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from citecheck.cli import ExitCode, main

ROOT = Path(__file__).resolve().parent.parent
XU = str(ROOT / "fixtures" / "xu_junping.rendered.txt")
DONG = str(ROOT / "fixtures" / "dong_jingwei_defection.webpage.txt")

CLEAN = (
    "'''Foo''' is a town.<ref>A.</ref>\n\n== History ==\nIt is old.<ref>B.</ref>\n\n{{reflist}}\n"
)
UNCITED_QUOTE = (
    "'''Foo''' is a town.<ref>A.</ref>\n\n== History ==\n"
    'The mayor said: "We will never surrender the bridge to anyone."\n\n{{reflist}}\n'
)
ONLY_WARNING = (
    "'''Foo''' is a town.<ref>A.</ref>\n\n== History ==\n"
    "It was founded by settlers from the coast.\n\n{{reflist}}\n"
)


def write(tmp_path: Path, name: str, content: str | bytes) -> str:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return str(path)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_clean_article_exits_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", write(tmp_path, "a.wiki", CLEAN))
    assert code == ExitCode.OK
    assert "no findings" in out


def test_error_finding_exits_one_with_location(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "a.wiki", UNCITED_QUOTE)
    code, out, _ = run(capsys, "check", path)
    assert code == ExitCode.FINDINGS
    assert f"{path}:4:1: error uncited-claim: Quotation" in out
    assert '    The mayor said: "We will never surrender the bridge to anyone."' in out
    assert "1 error" in out


def test_fail_on_levels(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "a.wiki", ONLY_WARNING)
    assert run(capsys, "check", path)[0] == ExitCode.OK
    assert run(capsys, "check", "--fail-on", "warning", path)[0] == ExitCode.FINDINGS
    quote = write(tmp_path, "b.wiki", UNCITED_QUOTE)
    assert run(capsys, "check", "--fail-on", "never", quote)[0] == ExitCode.OK


def test_policy_sentence_reports_paragraph_coverage(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (
        "'''Foo''' is a town.<ref>A.</ref>\n\n== History ==\n"
        "It was founded by settlers. It grew quickly.<ref>B.</ref>\n\n{{reflist}}\n"
    )
    path = write(tmp_path, "a.wiki", text)
    _, out, _ = run(capsys, "check", "--fail-on", "never", path)
    assert "uncited-claim" not in out
    _, out, _ = run(capsys, "check", "--policy", "sentence", "--fail-on", "never", path)
    assert "of its own" in out


def test_json_output_follows_the_contract(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "--output-format", "json", XU)
    assert code == ExitCode.OK
    document = json.loads(out)
    assert document["schema_version"] == 1
    assert document["tool"]["name"] == "citecheck"
    (article,) = document["articles"]
    assert set(article) >= {
        "source",
        "title",
        "format",
        "summary",
        "statements",
        "references",
        "findings",
    }
    assert article["format"] == "text"
    assert article["title"] == "Xu Junping"
    statement = article["statements"][0]
    assert set(statement) >= {
        "id", "section", "paragraph", "text", "start", "end", "line", "column", "citations",
        "coverage", "needs_citation", "reasons", "exempt",
    }  # fmt: skip
    reference = article["references"][0]
    assert set(reference) >= {
        "id", "name", "group", "number", "uses", "start", "end", "line", "column", "text",
        "template", "title", "url", "archive_url", "archive_date", "url_status", "access_date",
    }  # fmt: skip
    assert set(article["summary"]) >= {
        "statements", "needs_citation", "cited", "paragraph", "uncited", "references", "findings",
    }  # fmt: skip


def test_output_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "report.json"
    code, out, _ = run(capsys, "check", "--output-format", "json", "-o", str(target), XU)
    assert code == ExitCode.OK
    assert out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["articles"][0]["title"] == "Xu Junping"
    assert not (tmp_path / "report.json.partial").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG image"),
        (b"abc\x00def", "NUL byte"),
        (b"caf\xe9 au lait", "not valid UTF-8: byte 0xe9 at offset 3 (line 1)"),
    ],
)
def test_unreadable_input_exits_two_and_the_others_are_still_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    bad = write(tmp_path, "bad.txt", content)
    good = write(tmp_path, "good.wiki", UNCITED_QUOTE)
    code, out, err = run(capsys, "check", bad, good)
    assert code == ExitCode.ERROR
    assert message in err
    assert f"{bad}: could not be checked" in out
    assert f"{good}:4:1: error uncited-claim" in out
    assert "Traceback" not in out + err


def test_missing_file_and_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "check", str(tmp_path / "nope.wiki"), str(tmp_path))
    assert code == ExitCode.ERROR
    assert "no such file" in err
    assert "is a directory" in err


def test_unreadable_input_is_listed_in_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = write(tmp_path, "bad.txt", b"\xff\xfe\xfa")
    code, out, _ = run(capsys, "check", "--output-format", "json", bad, XU)
    assert code == ExitCode.ERROR
    document = json.loads(out)
    assert document["errors"][0]["source"] == bad
    assert len(document["articles"]) == 1


def test_bom_and_utf16_are_decoded(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bom = write(tmp_path, "bom.wiki", codecs.BOM_UTF8 + CLEAN.encode("utf-8"))
    utf16 = write(tmp_path, "utf16.wiki", CLEAN.encode("utf-16"))
    code, out, _ = run(capsys, "check", "--output-format", "json", bom, utf16)
    assert code == ExitCode.OK
    articles = json.loads(out)["articles"]
    for article in articles:
        first = article["statements"][0]
        assert CLEAN[first["start"] : first["end"]].startswith("Foo'''")


def test_stdin(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", "-"], stdin=io.BytesIO(UNCITED_QUOTE.encode("utf-8")))
    out = capsys.readouterr().out
    assert code == ExitCode.FINDINGS
    assert "-:4:1: error uncited-claim" in out


def test_input_format_override(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "a.txt", "Plain [[text]] with a {{template}} in it.\n")
    _, out, _ = run(capsys, "check", "--output-format", "json", path)
    assert json.loads(out)["articles"][0]["format"] == "wikitext"
    _, out, _ = run(capsys, "check", "--output-format", "json", "--input-format", "text", path)
    assert json.loads(out)["articles"][0]["format"] == "text"


def test_select_and_ignore(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "a.wiki", UNCITED_QUOTE + "\nMore.<ref></ref>\n")
    _, out, _ = run(capsys, "check", "--select", "empty-ref", path)
    assert "empty-ref" in out and "uncited-claim" not in out
    _, out, _ = run(capsys, "check", "--ignore", "CC101,empty-ref", path)
    assert "empty-ref" not in out and "uncited-claim" not in out


def test_unknown_rule_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "check", "--select", "no-such-rule", XU)
    assert code == ExitCode.ERROR
    assert "unknown rule 'no-such-rule'" in err


def test_bad_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "check", "--policy", "strict", XU)[0] == ExitCode.ERROR
    assert run(capsys)[0] == ExitCode.ERROR


def test_no_links_is_accepted(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "check", "--no-links", XU)[0] == ExitCode.OK


def test_rules_listing_and_documentation(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules")
    assert code == ExitCode.OK
    assert "CC101  uncited-claim" in out
    code, out, _ = run(capsys, "rules", "missing-sfn-target")
    assert code == ExitCode.OK
    assert "**Fix.**" in out
    assert run(capsys, "rules", "CC101")[0] == ExitCode.OK
    assert run(capsys, "rules", "nope")[0] == ExitCode.ERROR


def test_seed_webpage_fails_on_uncited_quotations(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", DONG)
    assert code == ExitCode.FINDINGS
    assert "error uncited-claim: Quotation" in out


def test_python_dash_m(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "citecheck", "check", XU],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "Xu Junping" not in result.stderr
    assert "8 statements" in result.stdout


def test_docs_rules_page_is_generated_from_the_code() -> None:
    from citecheck.cli import rules_markdown

    page = ROOT / "docs" / "rules.md"
    assert page.read_text(encoding="utf-8") == rules_markdown(), (
        "regenerate with: citecheck rules --markdown > docs/rules.md"
    )
