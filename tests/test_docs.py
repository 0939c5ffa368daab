"""The examples in the README and docs/ci.md stay true."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from citecheck.cli import main
from citecheck.report import REPORTERS
from citecheck.settings import load_config

ROOT = Path(__file__).resolve().parent.parent
DRAFTS = ROOT / "fixtures" / "drafts"


def _blocks(page: str, language: str) -> list[str]:
    text = (ROOT / page).read_text(encoding="utf-8")
    return re.findall(rf"```{language}\n(.*?)```", text, re.DOTALL)


@pytest.mark.parametrize("page", ["README.md", "docs/ci.md"])
def test_configuration_examples_are_valid(page: str, tmp_path: Path) -> None:
    blocks = _blocks(page, "toml")
    assert blocks
    for block in blocks:
        text = "\n".join(line.strip() for line in block.splitlines())
        name = "pyproject.toml" if "[tool.citecheck]" in text else "citecheck.toml"
        (tmp_path / name).write_text(text, encoding="utf-8")
        assert load_config(tmp_path / name, output_formats=REPORTERS)


def test_the_failing_pull_request_of_docs_ci(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(DRAFTS)
    code = main(
        [
            "check",
            "--no-links",
            "river_mill.new_claim.wiki",
            "--diff-against",
            "river_mill.wiki",
            "--output-format",
            "github",
        ]
    )
    assert code == 1
    printed = capsys.readouterr().out.replace("river_mill.new_claim.wiki", "drafts/river_mill.wiki")
    (documented,) = _blocks("docs/ci.md", "console")[:1]
    assert printed.strip() in documented
