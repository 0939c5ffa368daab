"""The seed documents' full JSON reports, compared with reviewed copies in tests/golden/.

After a deliberate change, regenerate with ``CITECHECK_UPDATE_GOLDEN=1 pytest
tests/test_golden.py`` and review the diff before committing it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from citecheck import Config, check
from citecheck.report import REPORTERS, RenderOptions

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
SEEDS = {
    "xu_junping": "fixtures/xu_junping.rendered.txt",
    "dong_jingwei_defection": "fixtures/dong_jingwei_defection.webpage.txt",
}


def _report(relative: str) -> dict:
    text = (ROOT / relative).read_text(encoding="utf-8")
    report = check(text, source=relative, config=Config(links=False))
    document = json.loads(REPORTERS["json"]([report], [], RenderOptions()))
    document["tool"]["version"] = "(any)"
    return document


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_report_matches_golden(name: str) -> None:
    document = _report(SEEDS[name])
    path = GOLDEN / f"{name}.json"
    if os.environ.get("CITECHECK_UPDATE_GOLDEN"):
        path.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert document == json.loads(path.read_text(encoding="utf-8"))


def test_xu_junping_as_the_seed_readme_describes() -> None:
    (article,) = _report(SEEDS["xu_junping"])["articles"]
    body = [s for s in article["statements"] if s["section"] != ""]
    assert body and all(s["coverage"] == "cited" for s in body)
    assert all(s["coverage"] == "cited" for s in article["statements"])
    uses = {r["number"]: (r["uses"], r["backlinks"]) for r in article["references"]}
    assert uses == {1: (3, 3), 2: (5, 5), 3: (2, 2), 4: (1, 1), 5: (1, 1)}
    archived = {r["number"]: (r["archived"], r["archive_url"]) for r in article["references"]}
    assert archived == {1: (False, None), 2: (False, None), 3: (True, None), 4: (True, None),
                        5: (True, None)}  # fmt: skip
    texts = " ".join(s["text"] for s in article["statements"])
    assert "Allegiance" not in texts and "RankColonel" not in texts
    assert article["findings"] == []


def test_dong_jingwei_as_the_seed_readme_describes() -> None:
    (article,) = _report(SEEDS["dong_jingwei_defection"])["articles"]
    statements = article["statements"]
    assert statements[0]["text"].startswith("Amidst the growing scrutiny")
    assert statements[-1]["text"].endswith("has put him under the spotlight.")
    assert all(s["coverage"] == "none" and s["needs_citation"] for s in statements)
    texts = " ".join(s["text"] for s in statements)
    for boilerplate in ("Support Us", "Related Articles", "Read more", "Periyar", "© OpIndia"):
        assert boilerplate not in texts
    uncited = [f for f in article["findings"] if f["rule"] == "uncited-claim"]
    assert len(uncited) == len(statements)
    five_million = next(s for s in statements if "$5 million" in s["text"])
    assert {"quotation", "statistic"} <= set(five_million["reasons"])
    finding = next(f for f in uncited if f["statement"] == five_million["id"])
    assert finding["severity"] == "error"
    hedged = next(s for s in statements if s["text"].startswith("It is believed that Dong"))
    assert "weasel" in hedged["reasons"]
