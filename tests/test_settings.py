"""Settings from configuration files, and how command-line options override them.

Every test runs in its own temporary folder (``monkeypatch.chdir``), so discovery from the
working directory upwards only ever sees the files a test writes. Links are either off or
the articles cite no URL (or the run is ``offline``), and a guard refuses every socket, so
nothing here touches the network.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from citecheck.cli import ExitCode, _parser, _settings, main

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
"""A plain uncited fact: a warning by default, so the run passes. Half its claims are cited."""
UNCITED_LEAD = (
    "'''Foo''' is a town founded in 1850 by settlers.\n\n== History ==\n"
    "It was founded by settlers from the coast.<ref>A.</ref>\n\n{{reflist}}\n"
)
"""An uncited lead: info by default, a warning under --strict-lead."""
LINK_COMMENT = (
    "'''Foo''' is a town.<ref>A.</ref>\n\n== History ==\n"
    "<!-- citecheck: ignore dead-link -->\nIt is old.<ref>B.</ref>\n\n{{reflist}}\n"
)
"""Cites no URL, so checking links needs no network; the comment is judged unused only when
the link rules ran, which makes it show whether links were on."""
CITES_URL = (
    "'''Foo''' is a town.<ref>{{cite web |url=https://example.org/foo |title=Foo}}</ref>\n\n"
    "{{reflist}}\n"
)


pytestmark = pytest.mark.usefixtures("no_network")


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def json_findings(out: str) -> list[dict[str, Any]]:
    (article,) = json.loads(out)["articles"]
    findings: list[dict[str, Any]] = article["findings"]
    return findings


def rules_found(out: str) -> set[str]:
    return {finding["rule"] for finding in json_findings(out)}


def severity_of(out: str, rule: str) -> set[str]:
    return {finding["severity"] for finding in json_findings(out) if finding["rule"] == rule}


def settings_for(*argv: str) -> dict[str, Any]:
    """What a run of ``citecheck check ARGV`` would use, from the working directory."""
    return _settings(_parser().parse_args(["check", *argv]))


def assert_usage_error(code: int, out: str, err: str, *fragments: str) -> None:
    assert code == ExitCode.ERROR
    assert out == ""
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in err, (fragment, err)


# --- discovery ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("present", "chosen", "marker"),
    [
        (("citecheck.toml", ".citecheck.toml", "pyproject.toml"), "citecheck.toml", None),
        ((".citecheck.toml", "pyproject.toml"), ".citecheck.toml", "from-dot-file"),
        (("pyproject.toml",), "pyproject.toml", "from-pyproject"),
    ],
)
def test_names_are_tried_in_order_within_one_folder(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    present: tuple[str, ...],
    chosen: str,
    marker: str | None,
) -> None:
    # Only citecheck.toml is valid; each other file carries an unknown key of its own, so
    # the error names exactly the file that was read.
    contents = {
        "citecheck.toml": 'fail-on = "never"\n',
        ".citecheck.toml": "from-dot-file = 1\n",
        "pyproject.toml": "[tool.citecheck]\nfrom-pyproject = 1\n",
    }
    for name in present:
        write(tmp_path / name, contents[name])
    article = write(tmp_path / "a.wiki", UNCITED_QUOTE)
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "check", "--no-links", str(article))
    if marker is None:
        assert code == ExitCode.OK, err
        assert err == ""
    else:
        assert_usage_error(code, out, err, chosen, repr(marker))


def test_search_goes_up_from_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "citecheck.toml", 'fail-on = "never"\n')
    article = write(tmp_path / "a.wiki", UNCITED_QUOTE)
    deep = tmp_path / "one" / "two" / "three"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    assert run(capsys, "check", "--no-links", str(article))[0] == ExitCode.OK


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("citecheck.toml", 'fail-on = "error"\n'),
        (".citecheck.toml", 'fail-on = "error"\n'),
        ("pyproject.toml", '[tool.citecheck]\nfail-on = "error"\n'),
        # An empty table still counts: it says "the defaults, here".
        ("pyproject.toml", "[tool.citecheck]\n"),
    ],
)
def test_the_nearest_folder_wins_whatever_the_file_name(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: str,
) -> None:
    write(tmp_path / "citecheck.toml", 'fail-on = "never"\n')
    write(tmp_path / "sub" / name, content)
    article = write(tmp_path / "a.wiki", UNCITED_QUOTE)
    monkeypatch.chdir(tmp_path / "sub")
    assert run(capsys, "check", "--no-links", str(article))[0] == ExitCode.FINDINGS


@pytest.mark.parametrize(
    "pyproject",
    [
        '[project]\nname = "x"\n',
        "[tool.ruff]\nline-length = 100\n",
        'tool = "not a table"\n',
    ],
)
def test_pyproject_without_a_citecheck_table_is_skipped(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    pyproject: str,
) -> None:
    write(tmp_path / "citecheck.toml", 'fail-on = "never"\n')
    write(tmp_path / "project" / "pyproject.toml", pyproject)
    article = write(tmp_path / "a.wiki", UNCITED_QUOTE)
    monkeypatch.chdir(tmp_path / "project")
    code, _, err = run(capsys, "check", "--no-links", str(article))
    assert code == ExitCode.OK, err


def test_discovery_starts_from_the_working_directory_not_the_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "citecheck.toml", 'fail-on = "error"\n')
    write(tmp_path / "articles" / "citecheck.toml", 'fail-on = "never"\n')
    article = write(tmp_path / "articles" / "a.wiki", UNCITED_QUOTE)
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    assert run(capsys, "check", "--no-links", str(article))[0] == ExitCode.FINDINGS
    monkeypatch.chdir(tmp_path / "articles")
    assert run(capsys, "check", "--no-links", "a.wiki")[0] == ExitCode.OK


# --- --config and --isolated -------------------------------------------------------------


def test_config_picks_a_file_instead_of_the_nearest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "citecheck.toml", "not-a-setting = 1\n")
    chosen = write(tmp_path / "settings" / "ci.toml", 'fail-on = "never"\n')
    article = write(tmp_path / "a.wiki", UNCITED_QUOTE)
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "check", "--config", str(chosen), "--no-links", str(article))
    assert code == ExitCode.OK, err
    # A relative path is relative to the working directory.
    code, _, err = run(capsys, "check", "--config", "settings/ci.toml", "--no-links", "a.wiki")
    assert code == ExitCode.OK, err


def test_config_reads_the_tool_table_of_a_pyproject(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    chosen = write(
        tmp_path / "elsewhere" / "pyproject.toml", '[tool.citecheck]\nfail-on = "never"\n'
    )
    article = write(tmp_path / "a.wiki", UNCITED_QUOTE)
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "check", "--config", str(chosen), "--no-links", str(article))[0] == 0


def test_config_to_a_pyproject_without_the_table_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    chosen = write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    article = write(tmp_path / "a.wiki", CLEAN)
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "check", "--config", str(chosen), "--no-links", str(article))
    assert_usage_error(code, out, err, "pyproject.toml", "[tool.citecheck]")


def test_config_to_a_missing_file_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    article = write(tmp_path / "a.wiki", CLEAN)
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "check", "--config", "nowhere.toml", "--no-links", str(article))
    assert_usage_error(code, out, err, "nowhere.toml", "no such file")


def test_config_to_a_folder_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "conf").mkdir()
    article = write(tmp_path / "a.wiki", CLEAN)
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "check", "--config", "conf", "--no-links", str(article))
    assert_usage_error(code, out, err, "conf", "no such file")


def test_isolated_ignores_every_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "citecheck.toml", 'fail-on = "never"\n')
    article = write(tmp_path / "a.wiki", UNCITED_QUOTE)
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "check", "--no-links", str(article))[0] == ExitCode.OK
    assert run(capsys, "check", "--isolated", "--no-links", str(article))[0] == ExitCode.FINDINGS


def test_isolated_does_not_even_read_a_broken_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "citecheck.toml", "this is = = not toml\n")
    write(tmp_path / "pyproject.toml", "[tool.citecheck]\nbogus = 1\n")
    article = write(tmp_path / "a.wiki", CLEAN)
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "check", "--isolated", "--no-links", str(article))
    assert code == ExitCode.OK, err
    assert "no findings" in out


def test_config_with_isolated_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    chosen = write(tmp_path / "ci.toml", 'fail-on = "never"\n')
    article = write(tmp_path / "a.wiki", CLEAN)
    monkeypatch.chdir(tmp_path)
    code, out, err = run(
        capsys, "check", "--config", str(chosen), "--isolated", "--no-links", str(article)
    )
    assert_usage_error(code, out, err, "--config", "--isolated")


def test_baseline_command_reads_settings_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "citecheck.toml", "bogus = 1\n")
    write(tmp_path / "a.wiki", CLEAN)
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "baseline", "--no-links", "-o", "base.json", "a.wiki")
    assert_usage_error(code, out, err, "citecheck.toml", "'bogus'")
    assert not (tmp_path / "base.json").exists()


# --- options override the file -----------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project folder that is the working directory."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_fail_on_from_the_file_and_from_the_option(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project / "citecheck.toml", 'fail-on = "never"\nlinks = false\n')
    write(project / "quote.wiki", UNCITED_QUOTE)
    write(project / "warning.wiki", ONLY_WARNING)
    assert run(capsys, "check", "quote.wiki")[0] == ExitCode.OK
    assert run(capsys, "check", "--fail-on", "error", "quote.wiki")[0] == ExitCode.FINDINGS
    assert run(capsys, "check", "warning.wiki")[0] == ExitCode.OK
    assert run(capsys, "check", "--fail-on", "warning", "warning.wiki")[0] == ExitCode.FINDINGS


def test_fail_on_warning_from_the_file(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project / "citecheck.toml", 'fail-on = "warning"\nlinks = false\n')
    write(project / "warning.wiki", ONLY_WARNING)
    assert run(capsys, "check", "warning.wiki")[0] == ExitCode.FINDINGS
    assert run(capsys, "check", "--fail-on", "never", "warning.wiki")[0] == ExitCode.OK


@pytest.mark.parametrize(
    "select",
    [
        'select = ["unreferenced-section"]',
        'select = "unreferenced-section"',
        'select = ["CC103"]',
    ],
)
def test_select_from_the_file_is_replaced_by_the_option(
    project: Path, capsys: pytest.CaptureFixture[str], select: str
) -> None:
    write(project / "citecheck.toml", f'{select}\nlinks = false\noutput-format = "json"\n')
    write(project / "a.wiki", ONLY_WARNING)
    _, out, _ = run(capsys, "check", "a.wiki")
    assert rules_found(out) == {"unreferenced-section"}
    _, out, _ = run(capsys, "check", "--select", "uncited-claim", "a.wiki")
    assert rules_found(out) == {"uncited-claim"}
    # Several uses of the option add up, and together they still replace the file's list.
    _, out, _ = run(capsys, "check", "--select", "uncited-claim", "--select", "CC103", "a.wiki")
    assert rules_found(out) == {"uncited-claim", "unreferenced-section"}


def test_select_as_one_comma_separated_string(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        project / "citecheck.toml",
        'select = "uncited-claim, CC103"\nlinks = false\noutput-format = "json"\n',
    )
    write(project / "a.wiki", ONLY_WARNING + "\nMore.<ref></ref>\n")
    _, out, _ = run(capsys, "check", "a.wiki")
    assert rules_found(out) == {"uncited-claim", "unreferenced-section"}


def test_ignore_from_the_file_is_replaced_by_the_option(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project / "citecheck.toml", 'ignore = ["CC103"]\nlinks = false\noutput-format = "json"\n')
    write(project / "a.wiki", ONLY_WARNING)
    _, out, _ = run(capsys, "check", "a.wiki")
    assert rules_found(out) == {"uncited-claim"}
    _, out, _ = run(capsys, "check", "--ignore", "uncited-claim", "a.wiki")
    assert rules_found(out) == {"unreferenced-section"}


def test_exclude_from_the_file_is_replaced_by_the_option(project: Path) -> None:
    write(project / "citecheck.toml", 'exclude = ["^https://a\\\\.example/", "b"]\n')
    assert settings_for("a.wiki")["exclude"] == ["^https://a\\.example/", "b"]
    assert settings_for("--exclude", "c", "--exclude", "d", "a.wiki")["exclude"] == ["c", "d"]


def test_links_false_in_the_file_and_the_links_option(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project / "citecheck.toml", "links = false\n")
    write(project / "a.wiki", LINK_COMMENT)
    code, out, _ = run(capsys, "check", "a.wiki")
    assert code == ExitCode.OK
    assert "unused-suppression" not in out  # dead-link did not run, so the comment is not judged
    code, out, _ = run(capsys, "check", "--links", "a.wiki")
    assert code == ExitCode.OK  # info only
    assert "info unused-suppression: Suppression of dead-link silences nothing" in out


def test_no_links_option_overrides_links_true_in_the_file(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project / "citecheck.toml", "links = true\n")
    write(project / "a.wiki", LINK_COMMENT)
    _, out, _ = run(capsys, "check", "a.wiki")
    assert "unused-suppression" in out
    _, out, _ = run(capsys, "check", "--no-links", "a.wiki")
    assert "unused-suppression" not in out


def test_strict_lead_in_the_file_and_no_strict_lead(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project / "citecheck.toml", 'strict-lead = true\nlinks = false\noutput-format = "json"\n')
    write(project / "a.wiki", UNCITED_LEAD)
    _, out, _ = run(capsys, "check", "a.wiki")
    assert severity_of(out, "uncited-claim") == {"warning"}
    _, out, _ = run(capsys, "check", "--no-strict-lead", "a.wiki")
    assert severity_of(out, "uncited-claim") == {"info"}
    _, out, _ = run(capsys, "check", "--isolated", "--no-links", "--strict-lead", "a.wiki")
    assert out.startswith("a.wiki:1:4: warning uncited-claim")


def test_policy_and_output_format_from_the_file(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (
        "'''Foo''' is a town.<ref>A.</ref>\n\n== History ==\n"
        "It was founded by settlers. It grew quickly.<ref>B.</ref>\n\n{{reflist}}\n"
    )
    write(
        project / "citecheck.toml", 'policy = "sentence"\nlinks = false\noutput-format = "json"\n'
    )
    write(project / "a.wiki", text)
    _, out, _ = run(capsys, "check", "a.wiki")
    assert json.loads(out)["policy"] == "sentence"
    assert "uncited-claim" in rules_found(out)
    _, out, _ = run(capsys, "check", "--policy", "paragraph", "--output-format", "text", "a.wiki")
    assert "uncited-claim" not in out
    assert "under the paragraph policy" in out


# --- severities --------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["uncited-claim", "CC101", "cc101"])
def test_severity_table_makes_a_plain_uncited_fact_fail_the_run(
    project: Path, capsys: pytest.CaptureFixture[str], key: str
) -> None:
    write(project / "a.wiki", ONLY_WARNING)
    assert run(capsys, "check", "--no-links", "a.wiki")[0] == ExitCode.OK
    write(project / "citecheck.toml", f'links = false\n[severity]\n{key} = "error"\n')
    code, out, _ = run(capsys, "check", "a.wiki")
    assert code == ExitCode.FINDINGS
    assert "a.wiki:4:1: error uncited-claim: Claim with no citation" in out
    assert "warning unreferenced-section" in out  # other rules keep their own severity


def test_severity_table_can_lower_a_rule(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project / "a.wiki", UNCITED_QUOTE)
    write(project / "citecheck.toml", 'links = false\nseverity = { uncited-claim = "info" }\n')
    code, out, _ = run(capsys, "check", "a.wiki")
    assert code == ExitCode.OK
    assert "info uncited-claim: Quotation" in out


@pytest.mark.parametrize("pair", ["uncited-claim=error", "CC101=error", "uncited-claim= error "])
def test_severity_option(project: Path, capsys: pytest.CaptureFixture[str], pair: str) -> None:
    write(project / "a.wiki", ONLY_WARNING)
    code, out, _ = run(capsys, "check", "--isolated", "--no-links", "--severity", pair, "a.wiki")
    assert code == ExitCode.FINDINGS
    assert "error uncited-claim" in out


def test_severity_option_overrides_the_same_rule_in_the_file(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project / "a.wiki", ONLY_WARNING)
    write(project / "citecheck.toml", 'links = false\n[severity]\nuncited-claim = "error"\n')
    # Named by its code on the command line and by its name in the file: the same rule.
    code, out, _ = run(capsys, "check", "--severity", "CC101=warning", "a.wiki")
    assert code == ExitCode.OK
    assert "warning uncited-claim" in out


def test_severity_table_and_option_are_merged_per_rule(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project / "a.wiki", ONLY_WARNING)
    write(
        project / "citecheck.toml",
        'links = false\noutput-format = "json"\n[severity]\nuncited-claim = "error"\n',
    )
    code, out, _ = run(capsys, "check", "--severity", "unreferenced-section=info", "a.wiki")
    assert code == ExitCode.FINDINGS
    assert severity_of(out, "uncited-claim") == {"error"}
    assert severity_of(out, "unreferenced-section") == {"info"}
    assert settings_for("--severity", "unreferenced-section=info", "a.wiki")["severity"] == {
        "uncited-claim": "error",
        "unreferenced-section": "info",
    }


# --- min-coverage ------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "fails"), [("60", True), ('"60%"', True), ('"40 %"', False)])
def test_min_coverage_from_the_file(
    project: Path, capsys: pytest.CaptureFixture[str], value: str, fails: bool
) -> None:
    write(project / "citecheck.toml", f"links = false\nmin-coverage = {value}\n")
    write(project / "a.wiki", ONLY_WARNING)  # 50% of its claims are cited
    code, out, _ = run(capsys, "check", "a.wiki")
    assert (code == ExitCode.FINDINGS) is fails
    assert ("error coverage-below-threshold" in out) is fails


def test_min_coverage_option_overrides_the_file(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project / "citecheck.toml", "links = false\nmin-coverage = 60\n")
    write(project / "a.wiki", ONLY_WARNING)
    assert run(capsys, "check", "--min-coverage", "40", "a.wiki")[0] == ExitCode.OK
    write(project / "citecheck.toml", "links = false\nmin-coverage = 40\n")
    assert run(capsys, "check", "--min-coverage", "60%", "a.wiki")[0] == ExitCode.FINDINGS


def test_values_are_converted_like_the_options(project: Path) -> None:
    write(
        project / "citecheck.toml",
        'min-coverage = "80%"\ncache-ttl = "12h"\nper-host = 2\ntimeout = 2.5\nretries = 0\n'
        'wayback-api = "http://localhost:8080/wayback/available"\nuser-agent = "bot/1"\n',
    )
    settings = settings_for("a.wiki")
    assert settings["min_coverage"] == pytest.approx(0.8)
    assert settings["cache_ttl"] == 12 * 3600
    assert settings["per_host"] == 2
    assert settings["timeout"] == 2.5
    assert settings["retries"] == 0
    assert settings["wayback_api"] == "http://localhost:8080/wayback/available"
    assert settings["user_agent"] == "bot/1"
    overridden = settings_for("--cache-ttl", "30m", "--per-host", "3", "a.wiki")
    assert overridden["cache_ttl"] == 30 * 60
    assert overridden["per_host"] == 3
    assert overridden["min_coverage"] == pytest.approx(0.8)


# --- paths relative to the file ----------------------------------------------------------


def test_cache_path_is_relative_to_the_file_that_sets_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Offline, the cache is opened but no server is asked; the URL is "not in the cache".
    write(
        tmp_path / "project" / "citecheck.toml",
        'cache = "links.sqlite"\noffline = true\nsuggest-archives = false\n',
    )
    write(tmp_path / "project" / "articles" / "a.wiki", CITES_URL)
    monkeypatch.chdir(tmp_path / "project" / "articles")
    code, out, err = run(capsys, "check", "a.wiki")
    assert code == ExitCode.OK, err
    assert "not in the cache" in out
    assert (tmp_path / "project" / "links.sqlite").is_file()
    assert not (tmp_path / "project" / "articles" / "links.sqlite").exists()


def test_cache_path_resolution_in_the_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "conf" / "ci.toml", 'cache = "sub/links.sqlite"\n')
    write(tmp_path / "citecheck.toml", 'cache = "here.sqlite"\n')
    (tmp_path / "deep" / "er").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "deep" / "er")

    def resolved(settings: dict[str, Any]) -> Path:
        return Path(settings["cache"]).resolve()

    assert resolved(settings_for("a.wiki")) == (tmp_path / "here.sqlite").resolve()
    # --config with a relative path: the cache sits beside that file, wherever that is.
    monkeypatch.chdir(tmp_path)
    chosen = settings_for("--config", "conf/ci.toml", "a.wiki")
    assert resolved(chosen) == (tmp_path / "conf" / "sub" / "links.sqlite").resolve()
    # On the command line a path is relative to the working directory, and it wins.
    given = settings_for("--cache", "mine.sqlite", "a.wiki")
    assert given["cache"] == "mine.sqlite"


def test_absolute_and_home_cache_paths_are_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "elsewhere" / "links.sqlite"
    write(tmp_path / "citecheck.toml", f"cache = '{elsewhere}'\n")
    monkeypatch.chdir(tmp_path)
    assert Path(settings_for("a.wiki")["cache"]) == elsewhere
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    write(tmp_path / "citecheck.toml", 'cache = "~/links.sqlite"\n')
    assert Path(settings_for("a.wiki")["cache"]) == tmp_path / "home" / "links.sqlite"


def test_baseline_path_is_relative_to_the_file_that_sets_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "project"
    write(
        project / "citecheck.toml", 'baseline = "base.json"\nlinks = false\nfail-on = "warning"\n'
    )
    write(project / "sub" / "a.wiki", ONLY_WARNING)
    monkeypatch.chdir(project / "sub")
    code, out, err = run(capsys, "check", "a.wiki")
    assert_usage_error(code, out, err, str(Path("project") / "base.json"))
    code, _, err = run(
        capsys, "baseline", "--isolated", "--no-links", "-o", "../base.json", "a.wiki"
    )
    assert code == ExitCode.OK, err
    code, out, _ = run(capsys, "check", "a.wiki")
    assert code == ExitCode.OK
    assert "2 known findings not shown" in out


# --- bad files ---------------------------------------------------------------------------

BAD_VALUES = [
    pytest.param("bogus = 1\n", "'bogus'", "unknown key", id="unknown-key"),
    pytest.param("per_host = 2\n", "'per_host'", "did you mean 'per-host'?", id="underscore"),
    pytest.param("perhost = 2\n", "'perhost'", "did you mean 'per-host'?", id="typo"),
    pytest.param("fail_on = 'never'\n", "'fail_on'", "did you mean 'fail-on'?", id="typo-fail-on"),
    pytest.param("no-links = true\n", "'no-links'", "did you mean", id="negative-name"),
    pytest.param('per-host = "two"\n', "per-host", "not a whole number", id="string-for-int"),
    pytest.param("per-host = 1.5\n", "per-host", "not a whole number", id="float-for-int"),
    pytest.param("per-host = true\n", "per-host", "not a number", id="bool-for-int"),
    pytest.param("per-host = 0\n", "per-host", "at least 1", id="zero"),
    pytest.param("concurrency = -4\n", "concurrency", "negative", id="negative-int"),
    pytest.param("retries = -1\n", "retries", "must not be negative", id="negative-count"),
    pytest.param("timeout = -2.5\n", "timeout", "positive number", id="negative-float"),
    pytest.param("deadline = 0\n", "deadline", "positive number", id="zero-float"),
    pytest.param('links = "no"\n', "links", "true or false", id="string-for-flag"),
    pytest.param("strict-lead = 1\n", "strict-lead", "true or false", id="int-for-flag"),
    pytest.param("user-agent = 5\n", "user-agent", "must be a string", id="int-for-text"),
    pytest.param("cache = false\n", "cache", "must be a string", id="bool-for-path"),
    pytest.param('policy = "strict"\n', "policy", "must be one of", id="bad-choice"),
    pytest.param('fail-on = "fatal"\n', "fail-on", "must be one of", id="bad-fail-on"),
    pytest.param('output-format = "pdf"\n', "output-format", "must be one of", id="bad-format"),
    pytest.param('exclude = ["("]\n', "exclude", "not a regular expression", id="bad-regex"),
    pytest.param('exclude = "[a-"\n', "exclude", "not a regular expression", id="bad-regex-str"),
    pytest.param("exclude = 5\n", "exclude", "list of regular expressions", id="int-for-regex"),
    pytest.param('select = ["nope"]\n', "select", "unknown rule 'nope'", id="select-unknown"),
    pytest.param('select = "uncited-claim, CC999"\n', "select", "'CC999'", id="select-code"),
    pytest.param("select = 3\n", "select", "list of strings", id="select-type"),
    pytest.param('ignore = ["uncited-claims"]\n', "ignore", "unknown rule", id="ignore-unknown"),
    pytest.param(
        '[severity]\nnope = "error"\n', "severity", "unknown rule 'nope'", id="severity-rule"
    ),
    pytest.param(
        '[severity]\nuncited-claim = "fatal"\n', "severity", "must be one of", id="severity-level"
    ),
    pytest.param(
        '[severity]\nuncited-claim = "ERROR"\n', "severity", "must be one of", id="severity-case"
    ),
    pytest.param("[severity]\nuncited-claim = 3\n", "severity", "must be one of", id="level-int"),
    pytest.param('severity = "error"\n', "severity", "must be a table", id="severity-type"),
    pytest.param('min-coverage = "120%"\n', "min-coverage", "0 to 100", id="percent-high"),
    pytest.param("min-coverage = -1\n", "min-coverage", "0 to 100", id="percent-negative"),
    pytest.param('min-coverage = "most"\n', "min-coverage", "not a number", id="percent-word"),
    pytest.param("min-coverage = nan\n", "min-coverage", "0 to 100", id="percent-nan"),
    pytest.param('cache-ttl = "12x"\n', "cache-ttl", "not a duration", id="duration-unit"),
    pytest.param('cache-ttl = "-5m"\n', "cache-ttl", "not a duration", id="duration-negative"),
    pytest.param('cache-ttl = "h"\n', "cache-ttl", "not a duration", id="duration-no-number"),
    pytest.param("cache-ttl = inf\n", "cache-ttl", "not a duration", id="duration-inf"),
    pytest.param('wayback-api = "ftp://x.org/"\n', "wayback-api", "http or https", id="url-ftp"),
    pytest.param('wayback-api = "archive.org"\n', "wayback-api", "http or https", id="no-scheme"),
    pytest.param('wayback-api = "https://"\n', "wayback-api", "http or https", id="no-host"),
    pytest.param("wayback-api = 80\n", "wayback-api", "must be a string", id="url-type"),
    pytest.param("select = []\n", "select", "names no rule", id="select-nothing"),
    pytest.param(
        'wayback-api = "https://archive .org/wayback"\n',
        "wayback-api",
        "http or https",
        id="url-with-space",
    ),
    pytest.param(
        "per-host = inf\n",
        "per-host",
        "not a whole number",
        id="int-inf",
    ),
]


@pytest.mark.parametrize(("body", "key", "message"), BAD_VALUES)
def test_bad_values_in_citecheck_toml(
    project: Path, capsys: pytest.CaptureFixture[str], body: str, key: str, message: str
) -> None:
    write(project / "citecheck.toml", body)
    write(project / "a.wiki", CLEAN)
    code, out, err = run(capsys, "check", "--no-links", "a.wiki")
    # "FILE: unknown key 'KEY'" or "FILE: KEY: what is wrong"
    named = key if key.startswith("'") else f"citecheck.toml: {key}: "
    assert_usage_error(code, out, err, "citecheck.toml", named)
    assert message in err
    assert err.count("\n") == 1  # one line, no usage text and no traceback


@pytest.mark.parametrize(
    ("body", "key", "message"),
    [
        ("bogus = 1\n", "'bogus'", "unknown key"),
        ("perhost = 2\n", "'perhost'", "did you mean 'per-host'?"),
        ("per-host = -1\n", "per-host", "negative"),
        ('[severity]\nuncited-claim = "fatal"\n', "severity", "must be one of"),
    ],
)
def test_bad_values_in_pyproject_name_the_table(
    project: Path, capsys: pytest.CaptureFixture[str], body: str, key: str, message: str
) -> None:
    table = body.replace("[severity]", "[tool.citecheck.severity]")
    if not table.startswith("[tool.citecheck.severity]"):
        table = "[tool.citecheck]\n" + table
    write(project / "pyproject.toml", table)
    write(project / "a.wiki", CLEAN)
    code, out, err = run(capsys, "check", "--no-links", "a.wiki")
    assert_usage_error(code, out, err, "pyproject.toml: [tool.citecheck]", key, message)


def test_bad_value_in_a_config_file_given_by_option(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project / "settings" / "ci.toml", "cache-ttl = 'forever'\n")
    write(project / "a.wiki", CLEAN)
    code, out, err = run(capsys, "check", "--config", "settings/ci.toml", "--no-links", "a.wiki")
    assert_usage_error(code, out, err, "ci.toml", "cache-ttl", "not a duration")


def test_no_hint_for_a_key_unlike_any_other(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project / "citecheck.toml", "colour-scheme-of-the-day = 'blue'\n")
    write(project / "a.wiki", CLEAN)
    code, out, err = run(capsys, "check", "--no-links", "a.wiki")
    assert_usage_error(code, out, err, "citecheck.toml", "'colour-scheme-of-the-day'")
    assert "did you mean" not in err


def test_an_option_does_not_excuse_a_bad_value_in_the_file(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project / "citecheck.toml", "per-host = 0\n")
    write(project / "a.wiki", CLEAN)
    code, out, err = run(capsys, "check", "--no-links", "--per-host", "2", "a.wiki")
    assert_usage_error(code, out, err, "citecheck.toml", "per-host")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("citecheck.toml", "links = \n"),
        ("citecheck.toml", "[severity\n"),
        (".citecheck.toml", 'fail-on = "never"\nfail-on = "error"\n'),  # a key twice
        ("citecheck.toml", b'user-agent = "caf\xe9"\n'),  # not UTF-8
    ],
)
def test_invalid_toml_names_the_file(
    project: Path, capsys: pytest.CaptureFixture[str], name: str, content: str | bytes
) -> None:
    write(project / name, content)
    write(project / "a.wiki", CLEAN)
    code, out, err = run(capsys, "check", "--no-links", "a.wiki")
    assert_usage_error(code, out, err, name, "not valid TOML")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[tool\n", "not valid TOML"),
        ('[tool]\ncitecheck = "on"\n', "[tool.citecheck] must be a table"),
        ("[tool]\ncitecheck = [1, 2]\n", "[tool.citecheck] must be a table"),
    ],
)
def test_broken_pyproject_given_by_option(
    project: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    write(project / "pyproject.toml", content)
    write(project / "a.wiki", CLEAN)
    code, out, err = run(capsys, "check", "--config", "pyproject.toml", "--no-links", "a.wiki")
    assert_usage_error(code, out, err, "pyproject.toml", message)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[tool\n", "not valid TOML"),
        ('[tool]\ncitecheck = "on"\n', "[tool.citecheck] must be a table"),
    ],
)
def test_broken_pyproject_found_by_discovery(
    project: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    write(project / "pyproject.toml", content)
    write(project / "a.wiki", CLEAN)
    code, out, err = run(capsys, "check", "--no-links", "a.wiki")
    assert_usage_error(code, out, err, "pyproject.toml", message)


@pytest.mark.parametrize(
    "argv",
    [
        ["--severity", "uncited-claim=fatal"],
        ["--severity", "nope=error"],
        ["--severity", "uncited-claim"],
        ["--select", "nope"],
        ["--min-coverage", "120"],
        ["--cache-ttl", "12x"],
        ["--per-host", "0"],
        ["--exclude", "("],
        ["--wayback-api", "ftp://x.org/"],
    ],
)
def test_the_same_values_are_refused_on_the_command_line(
    project: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    write(project / "a.wiki", CLEAN)
    code, out, err = run(capsys, "check", "--isolated", "--no-links", *argv, "a.wiki")
    assert_usage_error(code, out, err, argv[0])
