"""`citecheck check --wiki`: pages of a live wiki by title, through the command line."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from wikiapi import FakeWiki

from citecheck.cli import ExitCode, main

CITED = (
    "'''Xu Junping''' is a painter.<ref>A source.</ref>\n\n== Life ==\n"
    "He was born in 1950.<ref>Another source.</ref>\n\n{{reflist}}\n"
)
UNCITED = "== Life ==\nHe was paid $5 million for a single canvas in 2001.\n"


@pytest.fixture
def wiki() -> Iterator[FakeWiki]:
    with FakeWiki() as api:
        api.add_revision("Xu Junping", UNCITED)
        api.add_revision("Xu Junping", CITED)
        api.add_redirect("Xu J.", "Xu Junping")
        yield api


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["check", "--no-links", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_title_through_a_redirect(wiki: FakeWiki, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--wiki", wiki.api, "Xu J.", "--output-format", "json")
    assert code == ExitCode.OK
    (article,) = json.loads(out)["articles"]
    assert article["title"] == "Xu Junping"
    assert "oldid=" in article["source"]
    assert "Xu Junping (redirected from Xu J.): revision" in err


def test_a_pinned_revision(wiki: FakeWiki, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--wiki", wiki.api, "Xu Junping", "--output-format", "json")
    current = json.loads(out)["articles"][0]["source"]
    first = int(current.rsplit("oldid=", 1)[1]) - 1
    code, out, err = run(capsys, "--wiki", wiki.api, "--revision", str(first), "Xu Junping")
    assert code == ExitCode.FINDINGS, err
    assert "Statistic with no citation" in out
    assert f"revision {first}" in err


def test_a_missing_title_fails_alone(wiki: FakeWiki, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--wiki", wiki.api, "No such page", "Xu Junping")
    assert code == ExitCode.ERROR
    assert "No such page:" in err and "Traceback" not in err
    assert "No such page: could not be checked" in out
    assert "oldid=" in out  # the other title is still reported


def test_a_second_run_is_answered_by_the_cache(
    wiki: FakeWiki, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "--wiki", wiki.api, "Xu Junping")
    asked = len(wiki.requests)
    code, _, err = run(capsys, "--wiki", wiki.api, "Xu Junping")
    assert code == ExitCode.OK
    assert len(wiki.requests) == asked
    assert "from the cache" in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--revision", "3", "Xu Junping"], "--revision needs --wiki"),
        (["--wiki", "WIKI", "--revision", "3", "A", "B"], "exactly one title"),
        (["--wiki", "WIKI", "A", "--diff-against", "git:HEAD"], "cannot go with --wiki"),
    ],
)
def test_usage_errors(
    wiki: FakeWiki, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    argv = [wiki.api if word == "WIKI" else word for word in argv]
    code, _, err = run(capsys, *argv)
    assert code == ExitCode.ERROR
    assert message in err


def test_an_unreachable_wiki_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--wiki", "http://127.0.0.1:9/w/api.php", "Xu Junping")
    assert code == ExitCode.ERROR
    assert "Traceback" not in err and "127.0.0.1:9" in err
