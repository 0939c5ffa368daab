"""The command line with link checking on, against the simulated web."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from simweb import SimulatedWeb

from citecheck.cli import ExitCode, main


def _article(web: SimulatedWeb) -> str:
    ok, dead, moved = (
        web.url(0, "/ok/a"),
        web.url(0, "/status/404/captured/b"),
        web.url(1, "/redirect/301/ok/c"),
    )
    soft, forbidden = web.url(1, "/soft404/d"), web.url(2, "/status/403")
    archive = web.url(2, "/web/20200101000000/" + web.url(0, "/status/404/captured/b"))
    return (
        "'''Foo''' is a town.<ref>{{cite web |url=" + ok + " |title=A}}</ref>\n\n"
        "== History ==\n"
        "It was founded in 1820.<ref>{{cite web |url="
        + dead
        + " |title=B |archive-url="
        + archive
        + " |archive-date=1 January 2020 |url-status=live}}</ref> "
        "It grew.<ref>{{cite web |url=" + moved + " |title=C}}</ref> "
        "It shrank.<ref>{{cite web |url=" + soft + " |title=D}}</ref> "
        "It is quiet.<ref>{{cite web |url=" + forbidden + " |title=E}}</ref> "
        "It is old.<ref>[" + ok + " A again]</ref>\n\n"
        "== References ==\n{{reflist}}\n"
    )


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_json_reports_link_and_archive_objects(
    web: SimulatedWeb, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "foo.wiki"
    path.write_text(_article(web), encoding="utf-8")
    cache = str(tmp_path / "cache.sqlite")
    argv = ["check", str(path), "--allow-private-hosts", "--cache", cache, "--timeout", "2",
            "--no-suggest-archives", "--output-format", "json"]  # fmt: skip
    code, out, err = _run(capsys, *argv)
    assert err == ""
    document = json.loads(out)
    article = document["articles"][0]
    links = {r["link"]["url"]: r for r in article["references"] if r["link"]}
    ok = links[web.url(0, "/ok/a")]["link"]
    assert ok["status"] == "alive" and ok["http_status"] == 200 and ok["from_cache"] is False
    dead = links[web.url(0, "/status/404/captured/b")]
    assert dead["link"]["status"] == "dead"
    assert dead["archive"]["status"] == "alive"
    assert dead["archive"]["timestamp"] == "20200101000000"
    assert dead["archive"]["original"] == web.url(0, "/status/404/captured/b")
    assert dead["suggested_archive"] is None
    moved = links[web.url(1, "/redirect/301/ok/c")]["link"]
    assert moved["status"] == "redirected" and moved["final_url"] == web.url(1, "/ok/c")
    assert links[web.url(1, "/soft404/d")]["link"]["status"] == "soft-404"
    assert links[web.url(2, "/status/403")]["link"]["status"] == "unknown"
    rules = sorted(f["rule"] for f in article["findings"])
    assert rules == [
        "bare-url-ref", "dead-link-marked-live", "link-unverifiable", "redirected-link", "soft-404"
    ]  # fmt: skip
    assert article["summary"]["links"] == {
        "alive": 2, "redirected": 1, "dead": 1, "soft-404": 1, "unknown": 1
    }  # fmt: skip
    assert code == ExitCode.OK  # warnings and info only

    # The second run answers from the cache and says so.
    _, out, _ = _run(capsys, *argv)
    second = json.loads(out)["articles"][0]
    assert all(r["link"]["from_cache"] for r in second["references"] if r["link"])


def test_text_report_summarises_links(
    web: SimulatedWeb, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "foo.wiki"
    path.write_text(_article(web), encoding="utf-8")
    _, out, _ = _run(
        capsys, "check", str(path), "--allow-private-hosts", "--no-cache", "--timeout", "2"
    )
    assert "6 links (2 alive, 1 redirected, 1 dead, 1 soft-404, 1 unknown)" in out
    assert "warning soft-404: Soft 404:" in out


def test_a_dead_link_fails_the_run_and_suggests_an_archive(
    web: SimulatedWeb, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dead = web.url(0, "/status/404/captured/e")
    path = tmp_path / "foo.wiki"
    path.write_text(f"Foo is a town.<ref>[{dead} E]</ref>\n\n{{{{reflist}}}}\n", encoding="utf-8")
    api = web.url(1, "/wayback/available")
    code, out, _ = _run(
        capsys, "check", str(path), "--allow-private-hosts", "--no-cache", "--wayback-api", api
    )
    assert code == ExitCode.FINDINGS
    assert "error dead-link: Dead link" in out
    assert "an archived copy exists: " + web.url(1, "/web/") in out


def test_loopback_urls_are_refused_by_default(
    web: SimulatedWeb, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    web.reset_counters()
    path = tmp_path / "foo.wiki"
    path.write_text(f"Foo.<ref>[{web.url(0, '/ok/private')} P]</ref>\n\n{{{{reflist}}}}\n")
    _, out, _ = _run(capsys, "check", str(path), "--no-cache")
    assert "warning link-unverifiable" in out and "not a public address" in out
    assert web.hits("/ok/private") == 0


def test_no_links_checks_nothing(
    web: SimulatedWeb, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    web.reset_counters()
    path = tmp_path / "foo.wiki"
    path.write_text(_article(web), encoding="utf-8")
    _, out, _ = _run(capsys, "check", str(path), "--no-links", "--output-format", "json")
    assert web.hits() == 0
    article = json.loads(out)["articles"][0]
    assert article["summary"]["links"] is None
    assert all(r["link"] is None or r["link"]["status"] is None for r in article["references"])
    # The archive's own metadata is still read offline.
    assert {f["rule"] for f in article["findings"]} <= {"bare-url-ref"}


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--concurrency", "0"], "must be at least 1"),
        (["--timeout", "-1"], "must be a positive number"),
        (["--cache-ttl", "soon"], "not a duration"),
        (["--exclude", "("], "not a regular expression"),
        (["--wayback-api", "archive.org"], "must be an http or https URL"),
        (["--offline", "--refresh"], "contradict"),
    ],
)
def test_bad_link_options_are_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    path = tmp_path / "foo.wiki"
    path.write_text("Foo.\n")
    code, _, err = _run(capsys, "check", str(path), *argv)
    assert code == ExitCode.ERROR
    assert message in err


def test_an_unusable_cache_is_a_clear_error_and_the_audit_still_reports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cache = tmp_path / "cache.sqlite"
    cache.write_bytes(b"not a database at all, just some bytes" * 100)
    path = tmp_path / "foo.wiki"
    path.write_text(
        'He said "we will win".\n\nFoo.<ref>[https://example.com/x X]</ref>\n\n{{reflist}}\n'
    )
    code, out, err = _run(capsys, "check", str(path), "--cache", str(cache))
    assert code == ExitCode.ERROR
    assert "links were not checked: the cache" in err and "--no-cache" in err
    assert "uncited-claim" in out
