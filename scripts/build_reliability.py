#!/usr/bin/env python3
"""Build citecheck's default list of rated sources: citecheck/data/reliability.json.

    python scripts/build_reliability.py [--sources fixtures/reliability] [--output PATH]

The inputs are copies, kept in the repository (see fixtures/PROVENANCE.md), of:

* ``audiodude_rsp_sources.jsonl``: the rows of the encyclopedia's list of perennial sources
  (WP:RSP), parsed, each with the row's raw wikitext. The rating is the row's
  ``{{WP:RSPSTATUS|…}}``: ``gr`` generally reliable, ``nc`` no consensus, ``gu`` generally
  unreliable, ``d`` deprecated, and ``b=y`` beside any of them blacklisted (on the spam
  blacklist). ``m`` (one row: a source whose reliability changed recently and is to be judged
  case by case) counts as no consensus. The domains are the row's ``{{WP:RSPUSES|…}}``, some
  with a path (``google.com/maps``). The names are the row's title and the other names it
  lists in parentheses beside it (``The Guardian``: ``The Observer``, ``TheGuardian.com``…).
* ``audiodude_rsp_domain_status.tsv``: a domain table derived from the same rows, read only
  to check that this script reads the rows the same way (it stops if they disagree).
* ``kynoptic_reliability_ranking.csv``: another parsing of the perennial list, one row per
  registrable domain with its status (``gr``, ``nc``, ``gu``, ``d``; blacklisting is not told
  apart) and source name. It has domains the rows above lack (``journal-neo.su``).
* ``kynoptic_wikipedia-reliable-sources.goggle``: a search-engine "goggle" drawn from the
  perennial list and ten WikiProjects' source lists. ``$boost`` is generally reliable,
  ``$downrank`` no consensus and ``$discard`` any of unreliable, deprecated and blacklisted
  without saying which, so it is read as generally unreliable, the mildest of the three. Only
  rules for a whole site are read (not those for a path within one).

Precedence, for one domain:

1. The perennial list. When several of its rows list the same domain with different ratings
   (by topic, period or kind of page: "The Guardian" and "The Guardian blogs", "CNET
   (pre-October 2020)" and "CNET (November 2022–present)"), the main row wins: the one whose
   id begins every other's ("The Guardian", "Fox News", "HuffPost"). Without such a row the
   domain is rated no consensus: the list itself says it depends.
2. The other parsing of the perennial list (rated as the list rates, by the name before any
   parenthesis), then the WikiProject lists, each for domains not rated yet. Both cut hosts
   down to their registrable domain, so an entry is left out when the perennial rows rate a
   host or a path below it but not the domain itself: ``go.com`` there stands for
   ``abcnews.go.com`` and ``google.com`` for ``google.com/maps``, and rating all of
   ``go.com`` or ``google.com`` so would be wrong. An entry below a domain the perennial
   rows rate is left out too: ``news.bbc.co.uk`` is the BBC, as ``bbc.co.uk`` is.
3. The platforms below (blogs, forums, social and user-generated sites) are self-published,
   unless 1 or 2 rate them more severely: the more severe judgement wins, ranking blacklisted,
   deprecated, generally unreliable, self-published, no consensus, generally reliable. So
   youtube.com stays generally unreliable (the perennial list's word) and substack.com is
   self-published.
4. Aliases (``youtu.be``) take the final rating of the domain they stand for.

Never rated: web archives (their captures are rated by the page captured, at run time), a
public suffix (a rating of ``gov.uk`` or ``ab.ca`` in the goggle is an artefact of cutting
hosts down to a registrable domain, and could only ever match that exact host), and
"domains" without a dot.

Names: each row's names, compared as ``citecheck.reliability.name_key`` compares them
(no case, markup or leading "The"), rated like domains (rows sharing a title reduce to the
main row). A name shorter than four characters (``AA``, ``MRC``) is left out, being too
likely to mean something else, and so is one that two different sources claim with
different ratings.

The output is sorted and has no timestamp, so the same inputs give the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from citecheck.model import Rating, RatingOrigin  # noqa: E402
from citecheck.reliability import (  # noqa: E402
    _public_suffixes,
    domain_key,
    is_archive_host,
    name_key,
)

SOURCES = ROOT / "fixtures" / "reliability"
OUTPUT = ROOT / "citecheck" / "data" / "reliability.json"

RSP_ROWS = "audiodude_rsp_sources.jsonl"
RSP_DOMAINS = "audiodude_rsp_domain_status.tsv"
RANKING = "kynoptic_reliability_ranking.csv"
GOGGLE = "kynoptic_wikipedia-reliable-sources.goggle"

PROVENANCE = (
    {
        "file": RSP_ROWS,
        "repository": "audiodude/wiki-reliable-sources-parser",
        "path": "data/sources.jsonl",
        "commit": "ae050a6c0741d508488ee80172834a9a9b50590e",
        "date": "2026-04-19",
        "license": "no licence file in the repository; content from Wikipedia (CC BY-SA)",
        "what": "the rows of Wikipedia:Reliable sources/Perennial sources, parsed",
    },
    {
        "file": RSP_DOMAINS,
        "repository": "audiodude/wiki-reliable-sources-parser",
        "path": "derived from data/sources.jsonl (one row per RSPUSES domain)",
        "commit": "ae050a6c0741d508488ee80172834a9a9b50590e",
        "date": "2026-04-19",
        "license": "content from Wikipedia (CC BY-SA)",
        "what": "used only to check that the rows are read alike",
    },
    {
        "file": RANKING,
        "repository": "kynoptic/wikipedia-reliable-sources",
        "path": "outputs/reliability_ranking.csv",
        "commit": "7d397e4812f05576c0b739feaf04867e3a92e8f2",
        "date": "2026-08-13",
        "license": "MIT; ratings derived from Wikipedia (CC BY-SA)",
        "what": "the perennial list's statuses by registrable domain, with citation counts",
    },
    {
        "file": GOGGLE,
        "repository": "kynoptic/wikipedia-reliable-sources",
        "path": "wikipedia-reliable-sources.goggle",
        "commit": "7d397e4812f05576c0b739feaf04867e3a92e8f2",
        "date": "2026-08-13",
        "license": "MIT; ratings derived from Wikipedia (CC BY-SA)",
        "what": "the perennial list and ten WikiProjects' source lists as site rules",
    },
)
REFLECTS = {"perennial-sources": "2026-04-19", "wikiproject-sources": "2026-08-13"}
"""The date of the snapshot each list was taken from (the commit dates above)."""

STATUS = {
    "gr": Rating.GENERALLY_RELIABLE,
    "nc": Rating.NO_CONSENSUS,
    "gu": Rating.GENERALLY_UNRELIABLE,
    "d": Rating.DEPRECATED,
    "m": Rating.NO_CONSENSUS,
}
GOGGLE_ACTIONS = {
    "boost=2": Rating.GENERALLY_RELIABLE,
    "downrank=2": Rating.NO_CONSENSUS,
    "discard": Rating.GENERALLY_UNRELIABLE,
}

PLATFORMS = {
    # Blogs and personal sites.
    "blogspot.com": "Blogger", "blogger.com": "Blogger", "wordpress.com": "WordPress.com",
    "medium.com": "Medium", "substack.com": "Substack", "tumblr.com": "Tumblr",
    "livejournal.com": "LiveJournal", "dreamwidth.org": "Dreamwidth", "typepad.com": "Typepad",
    "wix.com": "Wix", "wixsite.com": "Wix", "weebly.com": "Weebly", "ghost.io": "Ghost",
    "over-blog.com": "Overblog", "canalblog.com": "Canalblog", "hautetfort.com": "Hautetfort",
    "skyrock.com": "Skyrock", "xanga.com": "Xanga", "angelfire.com": "Angelfire",
    "tripod.com": "Tripod", "geocities.com": "GeoCities", "geocities.ws": "GeoCities",
    "neocities.org": "Neocities", "github.io": "GitHub Pages", "gitlab.io": "GitLab Pages",
    "sites.google.com": "Google Sites", "blog.naver.com": "Naver Blog",
    "tistory.com": "Tistory", "ameblo.jp": "Ameba Blog", "hatenablog.com": "Hatena Blog",
    "fc2.com": "FC2", "wattpad.com": "Wattpad", "deviantart.com": "DeviantArt",
    "patreon.com": "Patreon", "ko-fi.com": "Ko-fi", "linktr.ee": "Linktree",
    # Social networks and forums.
    "twitter.com": "X (Twitter)", "x.com": "X (Twitter)", "facebook.com": "Facebook",
    "instagram.com": "Instagram", "threads.net": "Threads", "tiktok.com": "TikTok",
    "snapchat.com": "Snapchat", "reddit.com": "Reddit", "linkedin.com": "LinkedIn",
    "quora.com": "Quora", "pinterest.com": "Pinterest", "bsky.app": "Bluesky",
    "mastodon.social": "Mastodon", "t.me": "Telegram", "telegram.me": "Telegram",
    "vk.com": "VK", "weibo.com": "Weibo", "gab.com": "Gab", "parler.com": "Parler",
    "truthsocial.com": "Truth Social", "discord.com": "Discord", "stackexchange.com":
    "Stack Exchange", "stackoverflow.com": "Stack Overflow", "change.org": "Change.org",
    "gofundme.com": "GoFundMe",
    # Video, audio and picture sharing.
    "youtube.com": "YouTube", "vimeo.com": "Vimeo", "dailymotion.com": "Dailymotion",
    "twitch.tv": "Twitch", "rumble.com": "Rumble", "bitchute.com": "BitChute",
    "odysee.com": "Odysee", "soundcloud.com": "SoundCloud", "bandcamp.com": "Bandcamp",
    "flickr.com": "Flickr", "imgur.com": "Imgur",
    # Self-uploaded papers and documents.
    "academia.edu": "Academia.edu", "researchgate.net": "ResearchGate", "scribd.com": "Scribd",
    "docs.google.com": "Google Docs", "drive.google.com": "Google Drive",
}  # fmt: skip
"""Sites where anyone publishes: the self-published platforms, with their names."""

ALIASES = {
    "youtu.be": "youtube.com",
    "fb.com": "facebook.com",
    "fb.watch": "facebook.com",
    "instagr.am": "instagram.com",
    "redd.it": "reddit.com",
}
"""Short or other domains of a rated site, rated as that site."""

_STATUS = re.compile(r"\{\{\s*WP:RSPSTATUS\s*\|([^}]*)\}\}")
_USES = re.compile(r"\{\{\s*WP:RSPUSES\s*\|([^}]*)\}\}")
_GOGGLE_SITE = re.compile(r"\$(boost=2|downrank=2|discard),site=([^\s,^$]+)")
_QUALIFIER = re.compile(r"^\((.*)\)$")


def build(sources: Path) -> str:
    rows = [json.loads(line) for line in _lines(sources / RSP_ROWS)]
    perennial = _perennial_domains(rows)
    _check_against_table(rows, sources / RSP_DOMAINS)
    domains: dict[str, tuple[Rating, str, RatingOrigin]] = {}
    for key, (rating, source) in perennial.items():
        domains[key] = (rating, source, RatingOrigin.PERENNIAL)
    above = _parents_of(perennial)
    rated_hosts = {key for key in perennial if "/" not in key}
    for key, (rating, source) in _ranking_domains(sources / RANKING).items():
        if key not in above and not _under(key, rated_hosts):
            domains.setdefault(key, (rating, source, RatingOrigin.PERENNIAL))
    for key, rating in _goggle_domains(sources / GOGGLE).items():
        if key not in above and not _under(key, rated_hosts):
            domains.setdefault(key, (rating, "", RatingOrigin.WIKIPROJECT))
    for key, name in PLATFORMS.items():
        found = domains.get(key)
        if found is None or found[0].rank < Rating.SELF_PUBLISHED.rank:
            domains[key] = (Rating.SELF_PUBLISHED, name, RatingOrigin.PLATFORMS)
    for alias, target in ALIASES.items():
        domains[alias] = domains[target]
    domains = {key: value for key, value in domains.items() if _ratable(key)}
    names = _names(rows)
    return _render(sources, domains, names)


def _lines(path: Path) -> Iterable[str]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield line


def _row_rating(row: dict) -> Rating:
    statuses = _STATUS.findall(row["alltext"])
    if not statuses:
        return STATUS[row["status"]]
    code, *flags = (part.strip() for part in statuses[0].split("|"))
    if any(flag.replace(" ", "") == "b=y" for flag in flags):
        return Rating.BLACKLISTED
    return STATUS[code]


def _row_domains(row: dict) -> list[str]:
    found = []
    for uses in _USES.findall(row["alltext"]):
        for raw in uses.split("|"):
            key = _entry_key(raw)
            if key is not None:
                found.append(key)
    return found


def _entry_key(raw: str) -> str | None:
    text = raw.strip()
    if "." not in text.partition("/")[0] and "://" not in text:
        return None  # "cmhansrd": a path fragment, not a domain
    return domain_key(text)


def _reduce(rows: list[dict]) -> tuple[Rating, str]:
    """One rating and name for the rows that share a domain (or a name)."""
    rows = sorted({row["id"]: row for row in rows}.values(), key=lambda row: row["id"])
    ratings = {_row_rating(row) for row in rows}
    main = [row for row in rows if all(other["id"].startswith(row["id"]) for other in rows)]
    names = sorted({row["name"] for row in rows})
    if main:
        name = main[0]["name"]
    elif len(names) == 1:
        name = names[0]
    else:
        name = " / ".join(names)
    if len(ratings) == 1:
        return ratings.pop(), name
    if main:
        return _row_rating(main[0]), name
    return Rating.NO_CONSENSUS, name


def _perennial_domains(rows: list[dict]) -> dict[str, tuple[Rating, str]]:
    by_domain: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        for key in _row_domains(row):
            by_domain[key].append(row)
    return {key: _reduce(found) for key, found in by_domain.items()}


def _check_against_table(rows: list[dict], table: Path) -> None:
    """The derived table must list the same domains with the same statuses and names."""
    read: set[tuple[str, str, str]] = set()
    for row in rows:
        for uses in _USES.findall(row["alltext"]):
            for raw in uses.split("|"):
                read.add((raw.strip(), row["status"], row["name"]))
    with table.open(encoding="utf-8", newline="") as handle:
        listed = {
            (entry["domain"].strip(), entry["status"], entry["source_name"])
            for entry in csv.DictReader(handle, delimiter="\t")
        }
    if read != listed:
        extra, missing = sorted(listed - read)[:5], sorted(read - listed)[:5]
        raise SystemExit(f"{RSP_DOMAINS} disagrees with {RSP_ROWS}: {extra} / {missing}")


def _parents_of(keys: Iterable[str]) -> set[str]:
    """Every domain above a key's host, and the host of a key with a path."""
    found: set[str] = set()
    for key in keys:
        host, slash, _ = key.partition("/")
        if slash:
            found.add(host)
        while "." in host:
            host = host.partition(".")[2]
            found.add(host)
    return found - set(keys)


def _under(key: str, hosts: set[str]) -> bool:
    """Whether a key's host lies below one of the hosts (so that host's rating covers it)."""
    host = key.partition("/")[0]
    while "." in host:
        host = host.partition(".")[2]
        if host in hosts:
            return True
    return False


def _ranking_domains(path: Path) -> dict[str, tuple[Rating, str]]:
    found: dict[str, tuple[Rating, str]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            key = _entry_key(row["domain"])
            if key is not None and row["status"] in STATUS:
                found.setdefault(key, (STATUS[row["status"]], row["source_name"].split(" (")[0]))
    return found


def _goggle_domains(path: Path) -> dict[str, Rating]:
    found: dict[str, Rating] = {}
    for line in _lines(path):
        match = _GOGGLE_SITE.fullmatch(line.strip())
        if match is None:
            continue  # a comment, or a rule for a path within a site
        key = _entry_key(match[2])
        if key is not None:
            found.setdefault(key, GOGGLE_ACTIONS[match[1]])
    return found


def _ratable(key: str) -> bool:
    host = key.partition("/")[0]
    if "." not in host or is_archive_host(host):
        return False
    return _public_suffixes().privatesuffix(host) is not None


def _row_names(row: dict) -> list[str]:
    names = [row["name"]]
    qualifier = _QUALIFIER.match(row.get("name_qualifier") or "")
    if qualifier:
        names.extend(part for part in qualifier[1].split(", "))
    return names


def _names(rows: list[dict]) -> dict[str, tuple[Rating, str]]:
    by_key: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        for name in _row_names(row):
            key = name_key(name)
            if len(key) >= 4:
                by_key[key].append(row)
    names: dict[str, tuple[Rating, str]] = {}
    for key, found in by_key.items():
        titles = {row["name"] for row in found}
        if len(titles) > 1 and len({_row_rating(row) for row in found}) > 1:
            continue  # two sources claim the name, and the list rates them apart
        names[key] = _reduce(found)
    return names


def _render(
    sources: Path,
    domains: dict[str, tuple[Rating, str, RatingOrigin]],
    names: dict[str, tuple[Rating, str]],
) -> str:
    inputs = []
    for entry in PROVENANCE:
        data = (sources / entry["file"]).read_bytes()
        inputs.append({**entry, "sha256": hashlib.sha256(data).hexdigest()})
    about = {
        "what": "citecheck's default list of rated sources: domains (a host and its "
        "subdomains, or a path on a host) and source names, each with its rating",
        "ratings": [str(rating) for rating in Rating],
        "reflects": REFLECTS,
        "built_by": "scripts/build_reliability.py (see its docstring for the precedence)",
        "license": "the ratings are derived from Wikipedia (CC BY-SA 4.0)",
        "inputs": inputs,
        "counts": {
            "domains": len(domains),
            "names": len(names),
            **{
                str(rating): sum(1 for value in domains.values() if value[0] is rating)
                for rating in Rating
            },
        },
    }
    out = ['{"about": ' + json.dumps(about, ensure_ascii=False, indent=1) + ","]
    out.append(' "domains": {')
    out.append(
        ",\n".join(
            f"  {json.dumps(key, ensure_ascii=False)}: "
            + json.dumps([str(rating), source, str(origin)], ensure_ascii=False)
            for key, (rating, source, origin) in sorted(domains.items())
        )
    )
    out.append(" },")
    out.append(' "names": {')
    out.append(
        ",\n".join(
            f"  {json.dumps(key, ensure_ascii=False)}: "
            + json.dumps([str(rating), source], ensure_ascii=False)
            for key, (rating, source) in sorted(names.items())
        )
    )
    out.append(" }")
    out.append("}")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sources", type=Path, default=SOURCES, help="folder of the inputs")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="the list to write")
    args = parser.parse_args(argv)
    text = build(args.sources)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(text.encode("utf-8"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
