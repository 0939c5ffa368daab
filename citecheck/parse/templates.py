"""What the templates an article uses mean to citecheck, by normalised name.

Template names are compared once, here: the first letter is case-insensitive on every
wiki and editors mix spaces and underscores, so :func:`normalize_name` casefolds the
whole name and collapses separators. Aliases (``cn``, ``fact``...) resolve to the
canonical name a report shows.
"""

from __future__ import annotations

import functools
import re
from enum import Enum

from citecheck.model import TagKind


class Role(Enum):
    TAG = "tag"
    """An inline maintenance tag or a banner."""
    TAG_SPAN = "tag-span"
    """A maintenance tag that wraps the text it questions: ``{{citation needed span|text}}``."""
    SHORT = "short"
    """A shortened footnote that renders as a footnote: ``{{sfn}}``."""
    HARV = "harv"
    """A Harvard reference that renders inline in the text: ``{{harv}}``, ``{{harvnb}}``."""
    SHORT_MULTI = "short-multi"
    """``{{sfnm}}``: several shortened references in one footnote."""
    PAGE_PIN = "page-pin"
    """``{{rp}}``: a page number for the footnote before it."""
    NAMED_REFS = "named-refs"
    """``{{r}}``: reuses of named references."""
    TAG_REF = "tag-ref"
    """``{{#tag:ref|...}}``: a footnote written as a parser function."""
    NOTE = "note"
    """An explanatory note: ``{{efn}}``."""
    REFN = "refn"
    """``{{refn}}``: a footnote that may contain footnotes; a note when it has a group."""
    REFERENCE_LIST = "reference-list"
    CITATION = "citation"
    """A full citation template (CS1/CS2 and the like)."""
    ARCHIVE = "archive"
    """``{{webarchive}}``: an archived copy of the citation it follows."""
    QUOTE = "quote"
    """A block quotation."""
    DISAMBIGUATION = "disambiguation"
    ANCHOR_ID = "anchor-id"
    """``{{harvid}}``, ``{{sfnref}}``: builds a Harvard anchor for ``ref=``."""
    WIKICITE = "wikicite"
    """``{{wikicite}}`` and ``{{anchor}}``: set anchors around hand-written citations."""
    INLINE = "inline"
    """Renders text in the line (see :data:`INLINE`)."""


_PREFIX = re.compile(
    r"^(?:\s*(?:subst|safesubst|msgnw|template|vorlage|modèle|modele|plantilla|predefinição)\s*:)+",
    re.IGNORECASE,
)
_SEPARATORS = re.compile(r"[\s_]+")


@functools.lru_cache(maxsize=4096)
def normalize_name(raw: str) -> str:
    """``Template:Citation_Needed`` -> ``citation needed`` (a pure function, so memoised)."""
    if "<!--" in raw:
        raw = re.sub(r"<!--.*?(?:-->|$)", "", raw, flags=re.DOTALL)
    name = _PREFIX.sub("", raw.strip())
    return _SEPARATORS.sub(" ", name).strip().casefold()


def _aliases(canonical: str, *others: str) -> dict[str, str]:
    return dict.fromkeys((canonical, *others), canonical)


TAGS: dict[str, tuple[str, TagKind]] = {}
for _canonical, _kind, _others in (
    (
        "citation needed",
        TagKind.NEEDS_SOURCE,
        (
            "cn",
            "fact",
            "citation-needed",
            "cite needed",
            "citeneeded",
            "citation required",
            "citation missing",
            "cit needed",
            "source needed",
            "sourceme",
            "refneeded",
            "ref needed",
            "reference needed",
            "needs citation",
            "needsref",
            "proveit",
            "uncited",
            "are you sure",
            "fact-now",
            "cn-needed",
            "citationneeded",
            "request citation",
            # fr, de, es, it, pt, nl
            "référence nécessaire",
            "refnec",
            "réf nec",
            "ref nec",
            "référence souhaitée",
            "refsou",
            "cita requerida",
            "cr",
            "citazione necessaria",
            "senza fonte",
            "carece de fontes",
            "bron?",
        ),
    ),
    ("medical citation needed", TagKind.NEEDS_SOURCE, ("medcn", "medical cn")),
    ("citation needed lead", TagKind.NEEDS_SOURCE, ("cn-lead",)),
    ("better source needed", TagKind.DOUBT, ("better source", "bsn", "bettersource")),
    ("failed verification", TagKind.DOUBT, ("fv", "not in source", "not in citation given")),
    ("dubious", TagKind.DOUBT, ("dubious inline", "disputed inline", "doubtful")),
    (
        "unreliable source?",
        TagKind.DOUBT,
        ("unreliable source", "unreliable source inline", "unreliable inline", "rs?"),
    ),
    ("unreliable medical source", TagKind.DOUBT, ("medrs?",)),
    (
        "self-published inline",
        TagKind.DOUBT,
        ("sps", "self-published source", "self published inline"),
    ),
    ("page needed", TagKind.DOUBT, ("pn", "page number needed", "page number", "pages needed")),
    ("dead link", TagKind.DOUBT, ("deadlink", "dl", "404", "lien brisé", "toter link")),
    ("verify source", TagKind.DOUBT, ("verification needed", "vn", "verify")),
    ("verify quote", TagKind.DOUBT, ("request quotation", "rq", "quote needed")),
    ("primary source inline", TagKind.DOUBT, ("primary source-inline", "primary-inline")),
    (
        "third-party inline",
        TagKind.DOUBT,
        ("third-party source needed", "non-primary source needed"),
    ),
    ("full citation needed", TagKind.DOUBT, ("full", "fcn", "full citation")),
    ("irrelevant citation", TagKind.DOUBT, ("irrelevant citation inline",)),
    ("original research inline", TagKind.DOUBT, ("or", "original research?", "or inline")),
    ("synthesis inline", TagKind.DOUBT, ("synthesis", "improper synthesis")),
    ("verify credibility", TagKind.DOUBT, ("vc",)),
    ("according to whom", TagKind.VAGUE, ("atw", "according to who", "says who")),
    ("by whom", TagKind.VAGUE, ("by whom?",)),
    ("who", TagKind.VAGUE, ("who?", "whom?", "whose?")),
    ("when", TagKind.VAGUE, ("when?", "year needed", "date missing")),
    ("which", TagKind.VAGUE, ("which?",)),
    ("where", TagKind.VAGUE, ("where?",)),
    ("weasel inline", TagKind.VAGUE, ("weasel-inline", "weasel word", "weasel words inline")),
    ("peacock inline", TagKind.VAGUE, ("peacock term", "peacock-inline")),
    ("clarify", TagKind.VAGUE, ("clarification needed", "clarify me", "huh")),
    ("vague", TagKind.VAGUE, ("vague inline",)),
    ("specify", TagKind.VAGUE, ("quantify", "examples needed", "definition needed")),
    ("attribution needed", TagKind.VAGUE, ("attribution inline",)),
    ("update inline", TagKind.VAGUE, ("update after", "outdated inline")),
    ("pov statement", TagKind.VAGUE, ("pov inline", "npov inline", "neutrality inline")),
    ("unreferenced", TagKind.BANNER, ("unref", "unsourced", "no references", "noref", "unr")),
    (
        "unreferenced section",
        TagKind.BANNER,
        ("unreferenced-section", "unrefsect", "unreferencedsection", "unsourced section"),
    ),
    (
        "more citations needed",
        TagKind.BANNER,
        ("refimprove", "more sources", "citations needed", "ref improve", "improve references"),
    ),
    (
        "more citations needed section",
        TagKind.BANNER,
        ("refimprove section", "refimprovesect", "more sources section"),
    ),
    ("blp sources", TagKind.BANNER, ("blp refimprove", "refimproveblp", "blpsources")),
    ("blp unsourced", TagKind.BANNER, ("blp unreferenced", "unreferenced blp", "blpunsourced")),
    ("blp sources section", TagKind.BANNER, ("blp unsourced section",)),
    ("no footnotes", TagKind.BANNER, ("nofootnotes", "no inline citations")),
    ("more footnotes needed", TagKind.BANNER, ("more footnotes", "morefootnotes")),
    ("citation style", TagKind.BANNER, ("citestyle", "citation-style")),
    ("primary sources", TagKind.BANNER, ("primarysources", "primary source")),
    ("one source", TagKind.BANNER, ("onesource", "single source")),
    ("self-published", TagKind.BANNER, ("self-published sources",)),
    ("unreliable sources", TagKind.BANNER, ("unreliable",)),
    ("original research", TagKind.BANNER, ("or section",)),
    ("belege fehlen", TagKind.BANNER, ("quellen fehlen", "quelle fehlt")),
    ("à sourcer", TagKind.BANNER, ("sans source", "section à sourcer", "sources à lier")),
):
    for _name, _canon in _aliases(_canonical, *_others).items():
        TAGS[_name] = (_canon, _kind)

TAG_SPANS: dict[str, tuple[str, TagKind]] = dict.fromkeys(
    ("citation needed span", "cn span", "cns", "cn-span", "fact span", "cnspan"),
    ("citation needed", TagKind.NEEDS_SOURCE),
)
TAG_SPANS.update(
    {
        "dubious span": ("dubious", TagKind.DOUBT),
        "failed verification span": ("failed verification", TagKind.DOUBT),
        "better source needed span": ("better source needed", TagKind.DOUBT),
        "clarify span": ("clarify", TagKind.VAGUE),
        "when span": ("when", TagKind.VAGUE),
        "who span": ("who", TagKind.VAGUE),
    }
)

_ROLES: dict[str, Role] = {}
for _role, _names in (
    (Role.SHORT, ("sfn", "sfnp", "shortened footnote", "sfnb")),
    (Role.SHORT_MULTI, ("sfnm", "sfnmp")),
    (
        Role.HARV,
        (
            "harv",
            "harvnb",
            "harvp",
            "harvtxt",
            "harvcol",
            "harvcolnb",
            "harvcoltxt",
            "harvard citation",
            "harvard citation no brackets",
            "harvard citation text",
            "harvs",
        ),
    ),
    (Role.PAGE_PIN, ("rp", "page?")),
    (Role.NAMED_REFS, ("r",)),
    (Role.TAG_REF, ("#tag:ref",)),
    (
        Role.NOTE,
        (
            "efn",
            "efn-ua",
            "efn-lr",
            "efn-ur",
            "efn-la",
            "efn-lg",
            "efn-ug",
            "notetag",
            "note tag",
            "cnote",
            "nfn",
        ),
    ),
    (Role.REFN, ("refn",)),
    (
        Role.REFERENCE_LIST,
        (
            "reflist",
            "references",
            "reference list",
            "refs",
            "reflist-talk",
            "notelist",
            "notelist-ua",
            "notelist-lr",
            "notelist-ur",
            "notelist-la",
            "notelist-lg",
            "notelist-ug",
            "notes",
            "notefoot",
            "listaref",
            "références",
            "references-small",
            "referencias",
            "referências",
            "einzelnachweise",
        ),
    ),
    (
        Role.CITATION,
        (
            "citation",
            "cite",
            "vcite journal",
            "vcite book",
            "vcite web",
            "vcite news",
            "vcite2 journal",
            "london gazette",
            # fr, de
            "lien web",
            "article",
            "ouvrage",
            "chapitre",
            "lien conférence",
            "internetquelle",
            "literatur",
        ),
    ),
    (Role.ARCHIVE, ("webarchive", "wayback", "webcite", "archive.today", "webarchiv")),
    (
        Role.QUOTE,
        (
            "quote",
            "blockquote",
            "quotation",
            "cquote",
            "quote box",
            "rquote",
            "centered pull quote",
            "bquote",
            "quote frame",
            "pull quote",
            "citation bloc",
            "zitat",
        ),
    ),
    (
        Role.DISAMBIGUATION,
        (
            "disambiguation",
            "disambig",
            "dab",
            "disamb",
            "hndis",
            "geodis",
            "schooldis",
            "hospitaldis",
            "roaddis",
            "shipindex",
            "ship index",
            "set index article",
            "sia",
            "mountainindex",
            "disambiguation cleanup",
            "given name",
            "surname",
            "begriffsklärung",
            "homonymie",
            "desambiguación",
        ),
    ),
    (Role.ANCHOR_ID, ("harvid", "sfnref", "harvard reference id")),
    (Role.WIKICITE, ("wikicite", "anchor", "visible anchor", "vanchor", "citeref")),
):
    for _name in _names:
        _ROLES[_name] = _role

NOTE_GROUPS = {
    "efn": "lower-alpha",
    "efn-la": "lower-alpha",
    "efn-ua": "upper-alpha",
    "efn-lr": "lower-roman",
    "efn-ur": "upper-roman",
    "efn-lg": "lower-greek",
    "efn-ug": "upper-greek",
    "notelist": "lower-alpha",
    "notelist-la": "lower-alpha",
    "notelist-ua": "upper-alpha",
    "notelist-lr": "lower-roman",
    "notelist-ur": "upper-roman",
    "notelist-lg": "lower-greek",
    "notelist-ug": "upper-greek",
}

NOTE_GROUP_NAMES = frozenset(
    {
        "note",
        "notes",
        "n",
        "nb",
        "nota",
        "notes and references",
        "lower-alpha",
        "upper-alpha",
        "lower-roman",
        "upper-roman",
        "lower-greek",
        "upper-greek",
        "alpha",
        "a",
        "lw",
        "note-lower-alpha",
        "anm",
        "anmerkung",
        "anmerkungen",
        "fn",
        "footnote",
        "footnotes",
        "explanatory",
        "upper",
        "lower",
        "remark",
        "remarks",
        "notas",
    }
)


def is_note_group(group: str | None) -> bool:
    """Groups of explanatory notes as opposed to groups of citations."""
    return group is not None and group.strip().casefold() in NOTE_GROUP_NAMES


def quotation_not_citation(name: str, *, named_parameters: bool) -> bool:
    """French ``{{citation|…}}`` is a quotation in the line, not CS2's ``{{citation}}``, which
    always names its parameters."""
    return name == "citation" and not named_parameters


def role(name: str) -> Role | None:
    """The role of a template, by its :func:`normalize_name`; None for anything else."""
    known = _ROLES.get(name)
    if known is not None:
        return known
    if name in TAGS:
        return Role.TAG
    if name in TAG_SPANS:
        return Role.TAG_SPAN
    if name in INLINE or name.startswith(("lang-", "ipa-", "transl-")):
        return Role.INLINE
    if name.startswith(("cite ", "cite-", "citeweb", "citebook", "citenews", "cite_")):
        return Role.CITATION
    if name.endswith((" disambiguation", " disambig")):
        return Role.DISAMBIGUATION
    if name.startswith("formatnum:"):
        return Role.INLINE
    return None


# How inline templates render: a tuple of steps. A string names a parameter whose value
# is shown ("1" positional); a step ("=", text) shows fixed text. Templates whose output
# needs computation (dates, conversions) are handled by name in the wikitext reader.
Step = str | tuple[str, str]
INLINE: dict[str, tuple[Step, ...]] = {}
for _names, _steps in (
    (
        (
            "nowrap",
            "nobr",
            "no wrap",
            "nowr",
            "nobold",
            "noitalic",
            "noitalics",
            "nobreak",
            "small",
            "smaller",
            "big",
            "larger",
            "midsize",
            "sc",
            "smallcaps",
            "sc1",
            "sc2",
            "mono",
            "code",
            "var",
            "em",
            "strong",
            "tt",
            "kbd",
            "samp",
            "not a typo",
            "notatypo",
            "proper name",
            "math",
            "mvar",
            "abbr",
            "abbrlink",
            "ill",
            "interlanguage link",
            "interlanguage link multi",
            "illm",
            "flag",
            "flagcountry",
            "flagu",
            "flagdeco country",
            "ipa",
            "ipa audio link",
            "unicode",
            "sup",
            "sub",
            "val",
            "visible anchor",
            "vanchor",
            "linktext",
            "keypress",
            "key press",
            "serif",
            "sans-serif",
            "font",
            "angbr",
            "lang-rtl",
            "nastaliq",
            "transliteration",
            "hilite",
            "highlight",
            "color",
            "colour",
            "fontcolor",
        ),
        ("1",),
    ),
    (("lang", "script", "transl", "resize", "sort", "nts", "ntsh", "nihongo2"), ("2",)),
    (("nihongo", "nihongo3"), ("1", ("=", " ("), "2", ("=", ")"))),
    (("sortname",), ("1", ("=", " "), "2")),
    (("sic",), ("1", "2")),
    (("us$", "usd"), (("=", "US$"), "1")),
    (("£", "gbp"), (("=", "£"), "1")),
    (("€", "eur"), (("=", "€"), "1")),
    (("circa", "c.", "ca.", "ca"), (("=", "c. "), "1")),
    (("floruit", "fl.", "fl"), (("=", "fl. "), "1")),
    (("reign", "r."), (("=", "r. "), "1", ("=", "–"), "2")),
    (("as of",), (("=", "As of "), "1")),
    (("ndash", "en dash", "–"), (("=", "–"),)),
    (("mdash", "em dash", "—"), (("=", "—"),)),
    (("snd", "spnd", "spaced ndash", "spaced en dash", "sndash"), (("=", " – "),)),
    (("spd", "spaced mdash", "spaced em dash"), (("=", " — "),)),
    (("nbsp", "space", "spaces", "thinsp", "hair space", "thin space", "px2"), (("=", " "),)),
    (("middot", "·", "dot", "bull", "•", "dot-sep"), (("=", " · "),)),
    (("'", "apostrophe"), (("=", "'"),)),
    (("'s",), (("=", "'s"),)),
    (("okina", "ʻ"), (("=", "ʻ"),)),
    (("deg", "degree", "°"), (("=", "°"),)),
    (("!", "pipe"), (("=", "|"),)),
    (("=", "equals"), (("=", "="),)),
    (("shy", "wbr", "zwsp", "zwnj", "-?"), ()),
    (("aka", "a.k.a."), (("=", "a.k.a."),)),
):
    for _name in _names:
        INLINE[_name] = _steps

COMPUTED_INLINE = frozenset(
    {
        "convert",
        "cvt",
        "frac",
        "sfrac",
        "fraction",
        "birth date",
        "birth date and age",
        "bda",
        "dob",
        "death date",
        "death date and age",
        "dda",
        "start date",
        "end date",
        "start date and age",
        "film date",
        "date",
        "dts",
        "zh",
        "lang-zh",
        "respell",
    }
)
for _name in COMPUTED_INLINE:
    INLINE.setdefault(_name, ())
