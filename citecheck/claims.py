"""Does a statement need a citation, and why?

:func:`assess` looks at one statement (a sentence or a list item, as plain text) and
answers two questions: is it a claim about the world that a reader may want to verify
(``needs_citation``), and which of the policy's "likely to be challenged" families it
falls into (``reasons``, in the order :class:`~citecheck.model.Reason` declares them).

The classifier is lexical on purpose, so that every flag can be explained by the phrase
that raised it: one list of regex phrases per reason family, plus a few cheap checks in
Python where context decides (numbers and quotation marks). It never raises. It runs on
every statement, so the phrases are compiled into small patterns keyed by their first
word and only the patterns whose key occurs in the statement are tried (see
_triggers); a single alternation per family, tried at every word, was several times
too slow.

Precision matters more than recall: a flag on a harmless sentence teaches users to
ignore the tool. Keyword patterns are therefore case-sensitive and lowercase, run on
the text with only its first letter lowered (unless it starts an acronym), so proper
names and titles inside a sentence ("Great Britain", "Best Actor", "Edward Said", "the
Great Depression", "born under Cancer") stay out, and every family carries explicit
exclusions for its known near-misses.

needs_citation
    * ``False`` for empty text, text with no letters, navigation and meta sentences
      ("This article is about ...", "For other uses, see ...", "X redirects here.",
      "Main article: ...", "See also: ...", "X may refer to:", bare section names such
      as "References" or "Further reading"); these also get no reasons.
    * ``False`` for short fragments: at most four words, no digit and nothing that
      looks like a verb ("Official website", "Early life", "Xu Junping"). A heading
      such as "Defection" is a label, not an accusation, so fragments get no reasons.
    * ``True`` whenever a reason is found.
    * Otherwise ``False`` for a question and for a list introduction ending in a colon
      ("Notable alumni include:", "The following is a list of ...:"): it announces the
      claims of the items that follow rather than making one; and ``True`` for
      everything else, i.e. a declarative statement.
    * ``quoted=True`` always adds ``quotation`` and so always needs a citation.

Decisions on borderline cases
    quotation
        A span in double quotes (“…”, "…", „…“, «…») or single quotes (‘…’, '…')
        counts when it has at least four words, or at least two words and ends in
        sentence punctuation (``.``, ``!``, ``?``, ``…``). Single words, scare quotes
        and short terms ("man's best friend", ‘Ram Mandir scam’) do not, nor do spans
        in title case ("Smells Like Teen Spirit") or right after a naming word (song,
        album, titled, nicknamed, motto, term ...) without closing punctuation: those
        are names and titles, not speech. A quotation split across sentences is
        recognised from a lone opening mark (the rest of the sentence is quoted) or a
        lone closing mark after punctuation (the sentence so far is quoted); a middle
        sentence with no marks at all cannot be seen here.
    statistic
        Percentages, money, scale words (million, thousands of), fractions of a whole,
        multiples (doubled, threefold), changes by an amount (rose by 40), rankings
        (ranked 3rd, peaked at, top ten), measurements (1.5 km, 30 °C), numbers with
        thousands separators and decimals. A bare integer counts when it is 10 or more
        and is not a year (1000-2100, or a 3-digit number after "in", "since" ...), a
        date or a name (next to a capitalised word: "Apollo 11", "March 24", "24 March",
        "Route 66"), an identifier (page 12, episode 10), an age (aged 45) or part of a
        word (COVID-19, F-16, 1990s, 19th). Small counts (below ten, and spelled-out
        numbers such as "his two sons") are ordinary narrative, not statistics.
    contentious
        Crime and legal trouble, health, and private life, following the policy on
        living people. Defection (defected, defector, to defect) is included: it is a
        crime where the person comes from and reports of it are often disputed.
        Marriage is not: the marriages of public people are routinely uncontroversial;
        divorce, affairs, dating, sexual orientation, religious belief, net worth and
        salary are.
    opinion
        Peacock and editorialising words. "notable" is not flagged in list headings
        ("notable alumni", "Notable examples include"), a standard neutral phrase;
        "important" and "significant" only with an intensifier ("very", "highly",
        "most"); "great" only as praise of a person or work ("a great player", "was
        great"), not as a size ("great changes", "a great deal"), in kinship
        ("great-grandson") or in names ("Great Britain").
    weasel and attribution
        Attribution is reported speech or a claim credited to someone ("said that",
        "according to", "was described as"); weasel is attribution to nobody in
        particular or a hedge ("reportedly", "it is believed", "critics say", "reports
        have emerged", "a former official", "may have handed over"). Both can fire
        ("according to some"); "the report said" is attribution, "reports say" is weasel.
        An agentless passive ("was described as", with no "by ...") is both.
    superlative and opinion can both fire ("greatest", "most influential").
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterable
from dataclasses import dataclass

from citecheck.model import Reason


@dataclass(frozen=True, slots=True)
class Assessment:
    needs_citation: bool
    reasons: tuple[Reason, ...] = ()


# --- building the patterns ---------------------------------------------------------------
#
# Each family is a list of regex alternatives ("phrases"), each starting with a literal
# word: that word keys the phrase (see _triggers), and _union() merges the phrases that
# share a key into one pattern, factoring out their common leading letters. A phrase that
# needs context before its key word checks it with a fixed-width lookbehind placed after
# that word (_after, _not_after), so that "the only" is keyed on "only", not on "the".

_QUANTIFIERS = ("?", "*", "+", "{")


def _union(alternatives: Iterable[str], depth: int = 0) -> str:
    """Join regex alternatives into one group, sharing their common leading letters."""
    groups: dict[str, list[str]] = {}
    others: list[str] = []
    for alternative in alternatives:
        head = alternative[:1]
        if head.isascii() and head.isalpha() and alternative[1:2] not in _QUANTIFIERS:
            groups.setdefault(head, []).append(alternative[1:])
        else:
            others.append(alternative)
    parts = []
    for head, tails in groups.items():
        if len(tails) == 1:
            parts.append(head + tails[0])
        elif depth < 3:
            parts.append(head + _union(tails, depth + 1))
        else:
            parts.append(head + "(?:" + "|".join(tails) + ")")
    return "(?:" + "|".join(parts + others) + ")"


def _split(words: str) -> tuple[str, ...]:
    return tuple(words.split())


def _spaced(words: str) -> tuple[str, ...]:
    """Words followed by a space, for lookbehinds: "the its" -> ("the ", "its ")."""
    return tuple(word + " " for word in words.split())


def _heads(heads: str, tail: str) -> tuple[str, ...]:
    """One alternative per head word, so that every alternative starts with a literal."""
    return tuple(head + tail for head in heads.split("|"))


def _words(*words: str) -> tuple[str, ...]:
    """Whole words: not followed by a letter, digit or hyphen."""
    return tuple(word + r"(?![\w-])" for word in words)


def _first_word(alternative: str) -> str:
    """The literal letters an alternative starts with ("rumou?red" -> "rumo")."""
    word = re.match(r"[A-Za-z]*", alternative).group(0)  # type: ignore[union-attr]
    if alternative[len(word) : len(word) + 1] in _QUANTIFIERS:
        word = word[:-1]
    return word


def _not_after(alternative: str, *before: str) -> str:
    """``alternative`` unless preceded by one of ``before``. The check is placed after the
    first word so that the alternative still starts with it (see _triggers)."""
    word = _first_word(alternative)
    guards = "".join(f"(?<!{b}{word})" for b in before)
    return word + guards + alternative[len(word) :]


def _after(alternative: str, *before: str) -> str:
    """``alternative`` when preceded by one of ``before``: anchoring a phrase on its rare
    word ("the only" on "only") saves trying it after every "the"."""
    word = _first_word(alternative)
    guards = "|".join(f"(?<={b}{word})" for b in before)
    return f"{word}(?:{guards}){alternative[len(word) :]}"


_DETERMINERS = _spaced("the its his her their our my your this these that those 's ’s")
_PASSIVE = ("is ", "are ", "was ", "were ", "been ", "being ", "be ")
_NUMBER_WORD = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand)"
)
_NUMBER_WORDS = (
    "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    "forty|fifty|sixty|seventy|eighty|ninety|hundred"
)

# --- statistic ---------------------------------------------------------------------------
_AMOUNT = (
    r"(?:(?:about|around|nearly|almost|over|roughly|approximately|some|just|only|more than|"
    rf"less than|an estimated) )?(?:\d|a (?:third|quarter|half|fifth|tenth)|half|{_NUMBER_WORD})"
)
_STATISTIC_WORDS = (
    *_words(r"per ?cent", r"percent(?:age)?s?"),
    *_heads("hundred|thousand|million|billion|trillion|crore|lakh", r"s?(?![\w-])"),
    *_heads("hundreds|thousands|millions|billions|dozens|scores|tens", r" of\b"),
    # fractions of a whole
    *(
        _after(
            rf"{fraction}s? of\b",
            *_spaced("a one two three four five seven nine"),
        )
        for fraction in ("third", "quarter", "fifth", "sixth", "tenth", "hundredth")
    ),
    *_heads("two|three|four|five|seven|nine", r"[- ](?:thirds|quarters|fifths|tenths)\b"),
    r"one[- ](?:third|quarter|fifth|tenth)\b",
    *_heads(
        "more than|over|nearly|almost|about|around|roughly|approximately|less than|"
        "fewer than|under|just over|just under|some|only|at least",
        r" (?:half|a third|a quarter|a fifth|a tenth|a dozen)\b",
    ),
    r"half (?:of )?(?:all|the (?:population|country|world|people|residents|inhabitants|"
    r"students|members|votes|workforce|electorate))\b",
    _after(
        r"majority of\b",
        *_spaced("the a an overwhelming absolute large vast slim narrow clear"),
    ),
    *_heads("one|two|three|four|five", rf" (?:in|out of) (?:every )?{_NUMBER_WORD}\b"),
    # multiples and changes by an amount
    *_heads("doubled|tripled|trebled|quadrupled|halved", r"(?![\w-])(?! as\b| up\b)"),
    *_heads("two|three|four|five|six|ten|hundred", r"[- ]?fold\b"),
    *_heads(
        f"twice|{_NUMBER_WORDS.replace('|', ' times|')} times",
        r" (?:as|more|less|larger|bigger|higher|greater|smaller|faster|the)\b",
    ),
    *_heads(
        "increas|decreas|declin|dropp|jump|climb|soar|plung|surg|reduc|boost",
        rf"\w* (?:by|to) {_AMOUNT}",
    ),
    *_heads(
        "rose|risen|rise|rises|rising|fell|fallen|falls|falling|grew|grown|grows|growing|"
        "shrank|shrunk",
        rf" (?:by|to) {_AMOUNT}",
    ),
    # rankings and chart positions
    *_heads(
        "ranked|rated",
        r" (?:as )?(?:the )?(?:No\.? ?\d|number \w+|#\d|\d+(?:st|nd|rd|th)|first|second|"
        r"third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|top|among|last|in the top)\b",
    ),
    r"rank(?:s|ing)? (?:of|at) (?:No|\d)",
    rf"top[- ](?:\d+|{_NUMBER_WORD})\b",
    r"peaked at\b",
    *_heads(
        "debuted|charted|entered|reached|finished|placed|came",
        r" (?:at )?(?:number|No\.|#) ?\w",
    ),
    # measurements in words
    *_heads(
        _NUMBER_WORDS,
        r"[- ](?:km|kilomet\w+|miles|met(?:re|er)s|feet|inches|yards|kilograms|tonnes|tons|"
        r"hectares|acres|degrees|litres|liters|gallons)\b",
    ),
)

_NUM = r"\d(?:[\d,.]*\d)?"
_MEASURE_UNIT = (
    r"(?:km|kilomet(?:re|er)s?|mi|miles?|m|met(?:re|er)s?|cm|centimet(?:re|er)s?|mm|"
    r"millimet(?:re|er)s?|ft|feet|foot|inch(?:es)?|yards?|kg|kilograms?|g|grams?|mg|lbs?|"
    r"pounds|tonnes?|tons?|ha|hectares?|acres?|sq|square|km2|km²|m2|m²|mph|km/h|kph|knots|"
    r"degrees?|litres?|liters?|ml|gallons?|barrels?|MW|GW|kW|TW|kWh|MWh|GWh|kV|Hz|kHz|MHz|"
    r"GHz|GB|MB|TB|dB|hp|horsepower|cc|storeys|stories|calories|kcal)"
)
# Anchored where a figure or a currency sign starts (see _NUMERIC).
_STATISTIC_FIGURE = re.compile(
    r"(?<![\w.,])(?:"
    r"[$€£¥₹₩₽₺₴₦]\s?\d"
    rf"|{_NUM} ?(?:%|per ?cent\b|percent\b)"
    rf"|{_NUM} ?(?:(?:million|billion|trillion|thousand|crore|lakh|m|bn|k) )?"
    r"(?:dollars?|euros?|pounds sterling|yen|yuan|renminbi|rupees?|francs?|roubles?|rubles?|"
    r"pesos?|USD|EUR|GBP|RMB|CNY|INR|JPY|CHF)\b"
    rf"|{_NUM}(?:m|bn|k)\b"
    r"|\d{1,3} (?:in|out of) (?:every )?\d{1,3}(?![\d,.])"
    r"|\d+[- ]?fold\b"
    r"|\d+ times (?:as|more|less|larger|bigger|higher|greater|smaller|faster)\b"
    rf"|{_NUM}(?: |-)?{_MEASURE_UNIT}(?!\w)"
    rf"|{_NUM} ?°"
    r")"
)
# ASCII digits only: a class of code points is scanned much faster than \d.
_NUMERIC = re.compile(r"[0-9$€£¥₹₩₽₺₴₦%][0-9,.]*")
# A bare number; its neighbours say whether it is a figure (see _is_figure).
_NUMBER = re.compile(
    r"(?<![\w.,/:#\[+–—-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w%/:°'’-]|[.,]\d)"
)
_CURRENCY_CODES = frozenset(_split("Rs Rs. INR USD EUR GBP RMB CNY JPY CHF AUD CAD"))
_NUMBER_FUNCTION_WORDS = frozenset(
    _split(
        "In On At By For From With About Around Over Under Some Nearly Almost Approximately "
        "More Less Fewer Only Just Up To And Or But Its His Her Their Our Since Until After "
        "Before During The A An Of Than Roughly All Another These Those Each Every Exactly "
        "Between Among Within Per Total Estimated Least Most Top"
    )
)
_YEAR_PREPOSITIONS = frozenset(
    _split(
        "in since until till from circa c. ca. c ca during before after by year AD BC "
        "In Since Until Till From Circa During Before After By"
    )
)
_IDENTIFIER_WORDS = frozenset(
    _split(
        "page pages p. pp. chapter chapters verse verses section sections article articles "
        "clause paragraph no. No. number numbered episode episodes season series volume vol. "
        "issue part route highway line platform gate room flight bus channel model version "
        "type class grade level stage round act scene track disc figure fig. table row item "
        "rule psalm exit junction pier lot plot unit apartment suite code opus op. op "
        "age aged ages at At"
    )
)
_NOT_A_COUNT = frozenset(
    _split(
        "and or to the a an he she it they his her its their when as with until after "
        "before by in on at of for that which who was were is are had has"
    )
)
_COUNT_NOUNS = frozenset(
    _split(
        "people persons residents inhabitants households families employees workers staff "
        "members students pupils soldiers troops casualties deaths victims votes voters "
        "copies units viewers visitors spectators tourists passengers species cases patients "
        "games matches goals points runs wickets wins appearances titles medals albums films "
        "books languages countries cities villages towns schools buildings houses homes "
        "vehicles cars aircraft ships"
    )
)
_TIME_SUFFIXES = frozenset(_split("am pm a.m. p.m. AM PM o'clock hours GMT UTC"))

# --- superlative -------------------------------------------------------------------------
# For the generic "the <word>est" rule: the superlatives listed below (they have their own
# exclusions, such as "his oldest son") and the words in -est that are not superlatives.
_NOT_SUPERLATIVE_EST = frozenset(
    _split(
        "oldest youngest eldest best latest nearest largest biggest highest lowest longest "
        "shortest tallest smallest greatest worst fastest slowest richest poorest wealthiest "
        "strongest weakest deepest widest heaviest lightest earliest furthest farthest busiest "
        "deadliest costliest hottest coldest warmest driest wettest finest brightest fewest "
        "cheapest bloodiest safest hardest easiest rarest loudest densest closest newest "
        "west east rest test quest nest chest vest jest pest zest crest guest priest feast beast "
        "breast yeast tempest harvest honest modest earnest manifest interest forest invest "
        "infest attest detest arrest wrest bequest behest incest latest nearest protest request "
        "conquest inquest contest digest ingest suggest unrest midwest northwest southwest "
        "northeast southeast pretest retest dishonest immodest congest molest divest reinvest "
        "rainforest armrest headrest footrest backrest blest everest self-interest"
    )
)
_DETERMINER_WORDS = frozenset(d.strip() for d in _DETERMINERS)
_EST_END = re.compile(r"est\b")
_MOST_NOT = r"(?!(?:of|recent|recently|part|time|times|likely|probably|often)\b)"
_SUPERLATIVE_WORDS = (
    *_words(
        *_split(
            r"largest biggest highest lowest longest shortest tallest smallest greatest worst "
            r"fastest slowest richest poorest wealthiest strongest weakest deepest widest "
            r"heaviest lightest earliest furthest farthest busiest deadliest costliest hottest "
            r"coldest warmest driest wettest finest brightest fewest cheapest bloodiest safest "
            r"hardest easiest rarest loudest densest closest newest unprecedented"
        ),
        "first[- ]ever",
        "than any other",
        "never before",
        "second to none",
        "one of (?:the )?only",
    ),
    _after("only", "the "),
    _after("all time", "of "),
    _after(r"first (?!time\b)(?:[\w-]+ ){0,4}?to\b", "the "),
    _after("first of (?:its|his|her|their) kind", "the "),
    # "his oldest son" is family order, not a record
    *_heads(
        "old|young",
        r"est(?![\w-])(?! (?:sons?|daughters?|child|children|brothers?|sisters?|siblings?|"
        r"grandsons?|granddaughters?)\b)",
    ),
    _not_after(
        r"best(?![- ](?:friends?|man|men|practices?|wishes|efforts?|to|of (?:three|five|"
        r"seven|luck))\b)(?!\w)",
        "at ",
    ),
    *_heads("most|least", r"-\w+"),
    *_heads("first|all", r"-time\b"),
    r"ever(?![\w-])(?! (?:since|increasing|growing|changing|more|present|expanding|after|"
    r"so)\b)",
    r"record[- ](?:high|low|highs|lows|number|numbers|levels?|time|breaking|setting|sales|"
    r"crowd|attendance|profits?|temperatures?|turnout|amount|year|holder|holders)\b",
    r"top-(?:ranked|rated|selling|grossing|scoring)\b",
    *_heads("best|highest|top", r"-(?:selling|grossing|paid|rated|ranked|ranking)\b"),
    # "the most X", "one of the most X", "the world's most X"
    _after(rf"most {_MOST_NOT}[a-z]", *_DETERMINERS, "very "),
    _after(rf"least {_MOST_NOT}[a-z]", *_DETERMINERS, "very "),
    # a few adjectives that carry "most" without an article
    _not_after(
        r"most (?:famous|popular|successful|important|influential|powerful|prominent|"
        r"significant|celebrated|acclaimed|valuable|prestigious|renowned|respected|"
        r"beautiful|common|visited|watched|viewed|streamed|played|decorated|wanted|prolific|"
        r"iconic|recogni[sz]able|expensive|dangerous|advanced|productive|populous|widely)\b",
        "at ",
    ),
    # records in the superlative sense, not music records or criminal records
    _after(
        r"record\b(?! (?:label|company|deal|contract|store|shop|producer|player|collection|"
        r"sleeve|industry|executive|release)s?\b)",
        *_spaced(
            "world national olympic Olympic all-time new club career personal league school "
            "franchise state British European American Commonwealth course track sales "
            "attendance"
        ),
    ),
    *_heads(
        "broke|broken|breaking|breaks|set|sets|setting|held|holds|holding|equalled|equaled|"
        "equals|equal",
        r" (?:a|the|his|her|their|its) (?:[\w-]+ ){0,2}?records?\b(?! (?:label|company|deal|"
        r"contract)\b)",
    ),
    r"records? (?:for|as) (?:the )?(?:most|highest|largest|longest|fastest|first)\b",
)

# --- weasel ------------------------------------------------------------------------------
_HEDGES = _spaced(
    "widely generally commonly often popularly also long frequently sometimes once still now "
    "largely"
)
_VAGUE_PEOPLE = (
    "experts|critics|observers|analysts|commentators|insiders|sources|scholars|historians|"
    "scientists|researchers|officials|people|pundits|skeptics|sceptics|fans|witnesses"
)
_VAGUE_VERBS = (
    r"(?:say|said|believe[ds]?|claim(?:ed)?|argue[ds]?|suggest(?:ed)?|speculate[ds]?|think|"
    r"thought|contend(?:ed)?|allege[ds]?|fear(?:ed)?|warn(?:ed)?|agree[ds]?|maintain(?:ed)?|"
    r"consider(?:ed)?|feel|felt|insist(?:ed)?|have (?:said|argued|claimed|suggested|"
    r"speculated|noted|called|described))\b"
)
_WEASEL_WORDS = (
    *_words(
        *_split(
            r"reportedly allegedly supposedly purportedly reputedly arguably presumably "
            r"apparently rumou?red speculat(?:ion|ed|es|ing)"
        ),
        "widely reported",
        "legend has it",
    ),
    r"rumou?rs? (?:that|of|suggest\w*|say|said|have|had|claim\w*|circulat\w*)\b",
    r"according to (?:some|many|several|various|unnamed|anonymous|unconfirmed|unidentified|"
    r"sources|reports|rumou?rs|critics|experts|observers|legend|tradition|most|others|"
    r"insiders|media reports)\b",
    r"it (?:is|was|has been|had been|is being) (?:(?:widely|generally|commonly|often|"
    r"sometimes|also|now|still|long|frequently|popularly|further) )?(?:believed|said|thought|"
    r"claimed|reported|rumou?red|alleged|suggested|understood|felt|argued|estimated|"
    r"speculated|presumed|assumed|feared|expected|suspected)\b",
    r"it (?:is|was|seems|seemed|appears|appeared) (?:possible|likely|probable|plausible|"
    r"conceivable|unlikely)\b(?! (?:for|to)\b)",
    # passives that hide who holds the view: "is said to be", "was regarded as"
    r"said to (?:be|have)\b",
    *(
        _after(f"{word} to\\b", *_PASSIVE, *_HEDGES)
        for word in _split("believed thought rumoured rumored alleged reputed understood presumed")
    ),
    *_words(
        r"reported to (?:be|have)",
        "regarded as",
        "thought of as",
        r"considered (?:as|to be|one of|by (?:many|some|most|others|critics|experts))",
    ),
    _after(r"claimed to\b", *_PASSIVE),
    # not after bare "be": "can be seen as" is analysis rather than hidden attribution
    *(_after(f"{word} as\\b", *_PASSIVE[:-1]) for word in ("seen", "viewed", "perceived")),
    *_heads(
        "widely|generally|commonly|often|frequently|popularly|universally",
        r" (?:regarded|considered|believed|thought|seen|viewed|recogni[sz]ed|acknowledged|"
        r"accepted|held|credited|cited|praised|critici[sz]ed|hailed|known(?! as\b)|perceived|"
        r"assumed|rumou?red|said|described|touted)\b",
    ),
    *_heads("some|many|most|others|several", rf" (?:{_VAGUE_PEOPLE})\b"),
    *_heads("some|many|others", f" {_VAGUE_VERBS}"),
    *_heads(_VAGUE_PEOPLE, rf" (?:(?:have|had|generally|widely|often|also) )?{_VAGUE_VERBS}"),
    *_heads(
        "anonymous|unnamed|unidentified|undisclosed",
        r" (?:[\w-]+ ){0,2}?(?:officials?|sources?|insiders?|persons?|people|individuals?|"
        r"diplomats?|officers?|employees?|aides?|staffers?|experts?|witnesses?|analysts?|"
        r"spokes(?:man|woman|person))\b",
    ),
    # "a former US official remarked", but not "a former official named Han"
    *(
        _after(
            rf"{word} (?:(?:former|senior|top|high-ranking|government|administration|"
            r"military|intelligence|ministry|security|diplomatic|western|foreign|"
            r"[A-Z][\w.]*) ){0,3}(?:official|source|insider|diplomat|aide)\b"
            r"(?! (?:named|called)\b|,? [A-Z])",
            "a ",
            "an ",
        )
        for word in _split(
            "former senior top high-ranking government administration military intelligence "
            "ministry security diplomatic western foreign"
        )
    ),
    *_heads("sources?|people|persons|insiders", r" (?:close to|familiar with)\b"),
    _after(r"source (?:said|says|told|claimed|added)\b", "a "),
    # plural: "the report said" names its source, "reports say" does not
    r"reports (?:have |had )?(?:now |also )?(?:emerged|surfaced|suggest(?:ed)?|say|said|"
    r"claim(?:ed)?|indicated?|circulated)\b",
    *_heads(
        "unconfirmed|unverified|media|press|news|some|several|numerous|various|conflicting",
        r" reports\b",
    ),
    r"there (?:are|were|have been|had been) (?:\w+ )?(?:reports|rumou?rs|claims|allegations|"
    r"suggestions|speculation)\b",
    # "may have handed over", not "may have dark coats" or "may have to"
    *_heads(
        "may|might",
        r" (?:well |not )?have (?:been|had|[a-z]+(?:ed|en|wn)|made|led|left|lost|sent|spent|"
        r"felt|met|held|kept|told|sold|found|fought|brought|bought|thought|taught|caught|"
        r"built|run|come|become|begun|gone|done|said|paid|won|got)\b",
    ),
    *(
        _after(rf"{word}\b(?! to\b)", "an ", "a ", *_DETERMINERS)
        for word in ("alleged", "supposed", "purported", "presumed")
    ),
    r"by (?:some|many|most|several) (?:accounts|estimates|observers|critics|experts|"
    r"measures|sources|people|commentators|historians|scholars)\b",
    *_heads(
        "considered|regarded|seen|viewed|described|believed|thought|praised|hailed",
        r" by (?:many|some|most|others)\b",
    ),
)
# A passive of describing ("was described as") is weasel when no "by ..." names the
# describer; the be-verb before it is checked in _agentless().
_DESCRIBED_PASSIVE = _heads(
    "described|dubbed|labelled|labeled|characterised|characterized|hailed|touted|billed|"
    "branded|portrayed|lauded|praised|criticised|criticized|condemned",
    r" as\b",
)
_BE_WORDS = frozenset(_split("is are was were be been being"))
_PASSIVE_ADVERBS = frozenset(
    _split(
        "often widely frequently commonly sometimes also variously generally later once repeatedly"
    )
)

# --- attribution -------------------------------------------------------------------------
_QUOTE_AHEAD = r"(?=\s*[,:]\s*[“\"‘])"
_ATTRIBUTION_WORDS = (
    *_words(
        *_split(
            r"says retorted opined commented tweeted testified alleges argu(?:ed|es|ing) "
            r"remark(?:ed|s)? insist(?:ed|s) assert(?:ed|s) contend(?:ed|s) repl(?:ied|ies) "
            r"conced(?:ed|es) acknowledg(?:ed|es|ing)"
        ),
    ),
    r"according to\b(?! (?:plan|schedule)\b)",
    _not_after(r"said\b(?! to (?:be|have)\b)", *_PASSIVE, "the "),
    r"saying\b(?! (?:goes|is)\b)",
    r"stated\b(?! (?:otherwise|above|below|purpose|goal|aim|objective|intention|reason|"
    r"policy|mission)\b)",
    r"states that\b",
    r"claim(?:s|ed)? that\b",
    _not_after(
        r"claimed\b(?! (?:the|a|an|his|her|their|its|victory|responsibility|credit|ownership|"
        r"possession|lives?|\d|over|back|asylum|independence|sovereignty|title|titles|gold|"
        r"silver|bronze|first|second|third|top|territory|land|seats?)\b)",
        *_PASSIVE,
    ),
    r"claiming (?:that|to (?:be|have))\b",
    r"told\b(?! (?:the |a |an |his |her )?(?:stor(?:y|ies)|tales?)\b)",
    _not_after(r"added(?=\s*[,.:;“\"‘]|\s+that\b)", *_PASSIVE),
    *_heads("wrote|writes|written|writing", r" (?:in (?:[\w'’-]+ ){1,5}?)?that\b"),
    *_heads("wrote|writes", _QUOTE_AHEAD),
    *(_not_after(f"{word} that\\b", *_PASSIVE) for word in ("noted", "notes", "noting")),
    r"noted" + _QUOTE_AHEAD,
    r"describ(?:ed|es|ing) (?:[\w'’-]+ ){0,3}?as\b",
    *_heads(
        "called|calling|termed|terming|labelled|labeled|labelling|labeling|branded|branding",
        r" (?:it|him|her|them|this|that)\b",
    ),
    r"emphasi[sz](?:ed|es|ing)(?= that\b|\s*[,:])",
    # "confirmed that", "was confirmed by"; not "she was confirmed (as minister)"
    r"confirm(?:ed|s|ing)(?= (?:that|by|reports?|it|this|the (?:reports?|news|claims?|story|"
    r"allegations?|rumou?rs?|defection|death))\b|\s*[,:])",
    r"stress(?:ed|es) that\b",
    r"maintain(?:ed|s) that\b",
    r"comment(?:ed|s) (?:that|on)\b",
    r"explain(?:ed|s) that\b",
    r"respond(?:ed|s) (?:that|by saying)\b",
    r"counter(?:ed|s) that\b",
    r"admit(?:ted|s)(?= that\b| to (?:having|being)\b| (?:his|her|their) (?:guilt|role|"
    r"mistakes?|involvement)\b|\s*[,:])",
    *_heads(
        "announc|declar|warn|predict|suggest|reveal|recall|disclos|clarifi|tweet",
        r"(?:ed|es|s) that\b",
    ),
    *_heads("announc|declar", "ed" + _QUOTE_AHEAD),
    _not_after(r"believ(?:ed|es) that\b", *_PASSIVE),
    r"alleg(?:ed|es|ing) that\b",
    r"denied(?= (?:that|the (?:allegations?|claims?|reports?|charges?|accusations?|"
    r"rumou?rs?)|any|having|being|wrongdoing|involvement|responsibility|it)\b)",
    r"expressed (?:skepticism|scepticism|concerns?|doubts?|support|regret|hope|opposition|"
    r"frustration|disappointment|confidence|surprise|dismay|outrage)\b",
    _after(r"interview\b", "in an ", "during an "),
    *(
        _after(rf"{word}\b", "in a ")
        for word in ("statement", "press release", "tweet", "letter", "blog post", "post")
    ),
    _after(r"press conference\b", "at a ", "during a "),
    r"posted (?:on|to) (?:social media|twitter|facebook|instagram|x|weibo)\b",
    _after(r"reported\b", "has ", "have ", "had "),
    _not_after(r"reported (?:that|about|on)\b", "been ", "was ", "is "),
    r"quoted (?:as saying|him|her|them)\b",
    r"interview(?:ed)? (?:with|by)\b",
)

# --- contentious -------------------------------------------------------------------------
_RELIGIONS = (
    r"(?:Christian|Muslim|Catholic|Roman Catholic|Jew|Jewish|Hindu|Buddhist|Sikh|Mormon|"
    r"Protestant|Anglican|Baptist|Methodist|Evangelical|Lutheran|Orthodox|Scientologist)"
)
_CRIME = _words(
    *_split(
        r"murder\w* kill(?:s|ed|ing|ings)? assassinat\w* arrest(?:s|ed|ing)? "
        r"convict(?:s|ed|ion) indict\w* accus(?:ed|es|ing|ation|ations) "
        r"alleg(?:ed|edly|ation|ations|es|ing) fraud\w* corrupt(?:ion|ly)? "
        r"brib(?:e|es|ed|ery|ing) rape[sd]? raping rapists? assaulted harass\w* molest\w* "
        r"paedophil\w* pedophil\w* abus(?:e|ed|es|er|ers|ive) scandal\w* lawsuits? sue sues "
        r"sued suing guilty acquit\w* sentenced prison\w* jail\w* imprison\w* incarcerat\w* "
        r"detain(?:ed|ee|ees) detention terroris[mt]\w* extremis[mt]\w* espionage spy spies "
        r"spying spied spymaster defect(?:ed|ion|ions|or|ors) genocid\w* massacre\w* "
        r"conspirac(?:y|ies) conspir(?:ed|ing|ator|ators) smuggl\w* traffick\w* kidnap\w* "
        r"abduct\w* tortur\w* hostages? extradit\w* launder(?:ing|ed) embezzl\w* manslaughter "
        r"homicid\w* felon(?:y|ies|s)? misdemeanou?rs? perjur\w* treason\w* sedition\w* "
        r"misconduct wrongdoing impeach\w* deport\w* fined"
    ),
    _after("defect", "to "),
    r"killers?(?! (?:whales?|apps?)\b)",
    r"convictions (?:for|of)",
    r"charged with (?:\w+ )?(?:assault|theft|burglary|robbery|manslaughter|contempt|"
    r"possession|obstruction|battery|arson|vandalism|trespass\w*|driving|crimes?|"
    r"offen[cs]es?|counts?|a crime|an offen[cs]e)",
    "criminal charges",
    "pressed charges",
    r"sexual(?:ly)? (?:assault\w*|abus\w*|harass\w*|misconduct|exploit\w*|violence|"
    r"predator\w*|offen[cs]e\w*)",
    "domestic violence",
    *_heads("prison|jail|life|death|suspended", r" sentences?"),
    # executions of people, not of plans, code or paintings ("executed in oil")
    _after(
        r"executed(?! (?:in (?!\d)|with|using|as|perfectly|successfully|flawlessly|"
        r"according)\b)",
        *_PASSIVE,
        *_spaced("get got gets"),
    ),
    r"executed (?:for|by (?:firing|hanging|the state|lethal|guillotine|beheading)|in "
    r"(?:prison|jail))",
    r"executions?(?! of (?:the |a |an |his |her |its |their )?(?:plan|plans|strategy|code|"
    r"program|programme|contract|order|orders|project|task|policy|will|instructions|query|"
    r"queries|trades?|transactions?)\b)",
    # crime itself, not the genre or the branch of law
    r"crimes?(?! (?:writers?|novels?|fiction|drama|films?|thrillers?|series|stor(?:y|ies)|"
    r"novelists?|genre)\b)",
    r"criminal(?:s|ly)?(?! (?:law|laws|justice|code|courts?|cases?|procedure|trials?|"
    r"proceedings|jurisdiction|division|appeals?|lawyers?|defen[cs]e)\b)",
    r"cover[- ]?ups?",
    r"covered (?:\w+ )?up",
    "under investigation",
    r"investigated (?:by (?:the )?police|for)",
)
# accusations of hatred and discrimination
_HATE = _words(
    *_split(
        r"racis[mt]\w* antisemit\w* anti-semit\w* homophob\w* transphob\w* xenophob\w* "
        r"bigot\w* neo-[Nn]azi\w* slurs?"
    ),
    r"white supremac\w*",
    r"hate (?:speech|crimes?)",
)
_HEALTH = _words(
    *_split(
        r"diagnos(?:ed|is|es) cancer\w* tumou?rs? leuka?emia lymphoma diseases? illness\w* "
        r"depressive suicid\w* overdos\w* addict\w* hospitali[sz]\w* disabilit(?:y|ies) "
        r"pregnan\w* miscarr\w* abortions? dementia autis(?:m|tic) schizophreni\w* anorexi\w* "
        r"bulimi\w* alcoholi(?:sm|cs?) rehab chemotherap\w* coma euthanas\w* paraly[sz]\w* "
        r"obes(?:e|ity) HIV AIDS Alzheimer\w*"
    ),
    # the illness, not the weather, the economy or the genetics term
    _not_after("depression", "tropical ", "economic ", "great ", "inbreeding ", "material "),
    r"mental (?:health|illness|disorders?|breakdown|conditions?)",
    r"died (?:of|from)",
    "cause of death",
    r"admitted to (?:a |the )?hospital",
    r"heart attacks?",
    "bipolar disorder",
    r"eating disorders?",
    r"drug (?:use|habit|problems?)",
    "infected with",
    r"terminal(?:ly)? ill",
    r"underwent (?:\w+ )?(?:surgery|treatment|operation|transplant)",
)
# private life; marriage is not here (see the module docstring)
_PRIVATE_LIFE = _words(
    *_split(
        r"divorc\w* affair extramarital infidelity adulter(?:y|ous) mistress(?:es)? sexuality "
        r"gay lesbians? bisexual\w* transgender\w* homosexual\w* queer LGBT\w* girlfriends? "
        r"boyfriends? estranged custody paternity illegitimate devout(?:ly)? atheis[mt]\w* "
        r"agnostic\w* salar(?:y|ies)"
    ),
    "sexual orientation",
    r"trans (?:woman|man|women|men|person|people)",
    "came out as",
    "coming out as",
    # dating someone, not "dating from the 12th century"
    _after(
        r"dating(?! (?:from|back|to)\b)",
        *_spaced("began started was were is are been reportedly publicly romantically"),
    ),
    r"romantic(?:ally)? (?:involved|linked|relationship)",
    r"separated from (?:his|her) (?:wife|husband|partner|spouse)",
    r"religious (?:beliefs?|views|faith|conversion|affiliation)",
    r"converted to (?:Islam|Christianity|Judaism|Buddhism|Hinduism|Catholicism|"
    r"Roman Catholicism|Protestantism|Orthodoxy|Mormonism|Sikhism|Scientology|atheism|"
    r"Anglicanism|Shia Islam|Sunni Islam)",
    *_heads(
        "devout|devoutly|practising|practicing|observant|lapsed|non-practising|"
        "non-practicing|born-again",
        rf" (?:{_RELIGIONS}|believer|member)",
    ),
    # "is a Catholic", "was raised Jewish": keyed on the religion, checked behind it
    *(
        _after(
            religion,
            *(
                f"{verb} {article}"
                for verb in (
                    "is",
                    "was",
                    "identifies as",
                    "identified as",
                    "became",
                    "raised",
                    "raised as",
                )
                for article in ("", "a ", "an ")
            ),
        )
        for religion in _split(
            "Christian Muslim Catholic Jew Jewish Hindu Buddhist Sikh Mormon Protestant Anglican "
            "Baptist Methodist Evangelical Scientologist"
        )
    ),
    "net worth",
    r"personal (?:fortune|wealth)",
)
_CONTENTIOUS_WORDS = (*_CRIME, *_HATE, *_HEALTH, *_PRIVATE_LIFE)

# --- opinion -----------------------------------------------------------------------------
_INTENSIFIERS = (
    "very|highly|extremely|most|hugely|enormously|immensely|particularly|especially|"
    "tremendously|incredibly|vitally|critically|deeply|profoundly|truly|exceptionally|"
    "remarkably|so"
)
_OPINION_WORDS = _words(
    *_split(r"legendary iconic"),
    r"world[- ]class",
    *_split(
        r"renowned acclaimed prestigious visionary brilliant(?:ly)? famous(?:ly)? famed "
        r"remarkabl[ey] masterpieces? masterful(?:ly)? genius(?:es)? greatest influential "
        r"innovat(?:ive|ors?) interestingly fortunately unfortunately clearly obviously "
        r"undoubtedly"
    ),
    _after("doubt", "without ", "without a ", "without any "),
    *_split(
        r"arguably beautiful(?:ly)? excellent stunning(?:ly)? controversial(?:ly)? "
        r"whitewash\w* shocking(?:ly)? horrific(?:ally)? horrendous tragic(?:ally)? "
        r"ironic(?:ally)? sadly thankfully luckily surprising(?:ly)? amazing(?:ly)? "
        r"incredibl[ey] magnificent spectacular(?:ly)? superb(?:ly)? wonderful(?:ly)? "
        r"impressive(?:ly)? prolific seminal"
    ),
    r"ground[- ]?breaking",
    r"cutting[- ]edge",
    r"state[- ]of[- ]the[- ]art",
    *_split(r"pioneering eminent esteemed revered beloved"),
    r"cult (?:following|classic|status|hit|film|favou?rite)",
    r"well[- ](?:known|respected|regarded|received|loved)",
    *_split(r"unparall?ell?ed unrivall?ed unmatched unsurpassed peerless"),
    "par excellence",
    "larger than life",
    r"top[- ]notch",
    *_split(
        r"notorious(?:ly)? infamous(?:ly)? dubious disastrous(?:ly)? heroic(?:ally)? "
        r"inspi(?:rational|ring) breathtaking(?:ly)? glorious(?:ly)? majestic vibrant "
        r"picturesque charismatic talented gifted virtuosos? importantly"
    ),
    r"it (?:should|must|is worth) (?:be )?not(?:ed|ing)",
    "needless to say",
    "it goes without saying",
    *_split(
        r"fantastic terrible horrible disgraceful absurd ridiculous outrageous shameful "
        r"despicable heinous brutal(?:ly)? award-winning phenomenal(?:ly)?"
    ),
    *_heads("world|internationally|widely", r"[- ](?:renowned|famous)"),
    _after("celebrated", "the ", "a ", "an ", "most ", "highly ", "widely ", "much ", "justly "),
    r"outstanding(?! (?:debts?|loans?|balances?|shares|warrants?|issues|payments?|claims|"
    r"amounts?|bills?|obligations|orders|questions|matters|cases)\b)",
    r"extraordinar(?:y|ily)(?! (?:general )?(?:meetings?|sessions?|rendition|measures|"
    r"powers|circumstances)\b)",
    # "great" as praise of a person or work; as a size ("great changes", "a great deal",
    # "great-grandson") or in a name ("Great Britain") it is not a judgement
    _after(
        r"great (?:[\w-]+ )?(?:players?|writers?|artists?|poets?|composers?|leaders?|man|"
        r"men|woman|women|musicians?|actors?|actress|singers?|painters?|success|successes|"
        r"achievements?|victory|victories|works?|thinkers?|minds?|statesman|generals?|kings?|"
        r"emperors?|champions?|athletes?|teams?|talents?|figures?|heroes|hero|masters?|"
        r"scientists?|philosophers?|novels?|films?|albums?|songs?|books?|performers?|"
        r"performances?)",
        *_spaced("a the his her their its truly really very so"),
    ),
    _after(r"great(?![- ]\w)", *_PASSIVE, "truly ", "really ", "very ", "so "),
    *_heads(
        _INTENSIFIERS,
        r" (?:important|significant|influential|successful|popular|respected|regarded|"
        r"acclaimed|praised|talented|skilled|gifted|valuable|controversial|innovative|"
        r"impressive|effective|powerful|prominent|accomplished|esteemed|admired|revered|"
        r"rated|decorated)",
    ),
    # "notable" except in neutral list headings: "notable alumni", "Notable cases include"
    r"notabl[ey](?! (?:alumni|people|persons|residents|members|individuals|examples|works|"
    r"players|buildings|figures|landmarks|events|faculty|graduates|recipients|natives|former|"
    r"past|current|births|deaths|alumnae|alumnus|inhabitants|staff|fellows|citizens|"
    r"companies|species)\b| [\w-]+ (?:include|includes|included|are|were)\b)",
    _not_after(_after("course", "of "), "change of ", "matter of "),
    _after(
        r"leading(?! (?:cause|causes|role|roles|up|to|edge|man|lady|actor|actress|character|"
        r"characters|article|question|zeros?)\b)",
        "a ",
        "the ",
    ),
)

# Matching a family's whole alternation at every word of a statement costs a few tenths
# of a microsecond per word, far too much. Instead every phrase is keyed by its first
# word: the first four letters of a long word (so that "murder", "murdered" and
# "murders," share a key) or a short word itself. The words of the statement are looked
# up in a frozenset of keys; for each key present, the phrases starting with it are
# searched with a pattern that begins with the key's literal letters, which the engine
# finds as fast as str.find.
_FAMILY_ALTERNATIVES: tuple[tuple[Reason, tuple[str, ...]], ...] = (
    (Reason.STATISTIC, _STATISTIC_WORDS),
    (Reason.CONTENTIOUS, _CONTENTIOUS_WORDS),
    (Reason.SUPERLATIVE, _SUPERLATIVE_WORDS),
    (Reason.WEASEL, _WEASEL_WORDS),
    (Reason.ATTRIBUTION, _ATTRIBUTION_WORDS),
    (Reason.OPINION, _OPINION_WORDS),
    (Reason.WEASEL, _DESCRIBED_PASSIVE),  # only when _agentless() agrees
)
_WORD_ENDS = (" ", "-", "[- ]", "[ -]", "(?!", "(?=", "(?<", "(?:(?<", "\\b")
_KEY_SUFFIXES = ("", "-", ",", ".", ";", ":", "!", "?", ")", "]", "”", "’", '"', "'")
# Characters that may glue a word to what precedes it; replaced by spaces before the
# words are keyed (a word's end does not matter: only its first four letters are used).
_TOKEN_SEPARATORS = ("(", "[", "“", "‘", "'", "’", '"', "«", "„", "—", "–", "-", "/", "*", "…")

# Reasons are carried as bits while a statement is assessed: hashing an Enum member runs
# Python code, a bit test does not.
_REASONS = tuple(Reason)
_BIT = {reason: 1 << index for index, reason in enumerate(_REASONS)}
_BY_MASK = tuple(
    tuple(reason for reason in _REASONS if mask & _BIT[reason])
    for mask in range(1 << len(_REASONS))
)
# (reason bit, pattern, whether _agentless() must confirm a match)
_Trigger = tuple[tuple[int, re.Pattern[str], bool], ...]


def _needle(alternative: str) -> str:
    word = _first_word(alternative)
    if len(word) >= 4:
        return word[:4]
    if word and (alternative == word or alternative[len(word) :].startswith(_WORD_ENDS)):
        return word
    raise ValueError(f"phrase must start with a whole word: {alternative!r}")


def _triggers() -> dict[str, _Trigger]:
    """Map each key to the patterns of the families whose phrases start with it."""
    tails: dict[str, dict[int, list[str]]] = {}
    for index, (_, alternatives) in enumerate(_FAMILY_ALTERNATIVES):
        for alternative in alternatives:
            needle = _needle(alternative)
            tails.setdefault(needle, {}).setdefault(index, []).append(alternative[len(needle) :])
    agentless = len(_FAMILY_ALTERNATIVES) - 1
    table: dict[str, _Trigger] = {}
    for needle, by_family in tails.items():
        trigger = tuple(
            (
                _BIT[_FAMILY_ALTERNATIVES[index][0]],
                re.compile(needle + rf"(?<!\w{needle})" + _union(by_family[index])),
                index == agentless,
            )
            for index in sorted(by_family)
        )
        for suffix in _KEY_SUFFIXES if len(needle) < 4 else ("",):
            table[needle + suffix] = trigger
    return table


_TRIGGERS = _triggers()
_QUOTATION_BIT = _BIT[Reason.QUOTATION]
_STATISTIC_BIT = _BIT[Reason.STATISTIC]
_SUPERLATIVE_BIT = _BIT[Reason.SUPERLATIVE]
_TRIGGER_KEYS = frozenset(_TRIGGERS)
_FIRST_FOUR = operator.itemgetter(slice(None, 4))


# --- quotation ---------------------------------------------------------------------------
_QUOTE_CHARS = re.compile("[\"“”„«»‘’']")
# A quotation mark that cannot be an apostrophe inside a word ("China’s", "don't").
_QUOTE_MARK = re.compile('["“”„«»‘\'’](?:(?<=["“”„«»‘])|(?![^\\W_]))')
_QUOTATION_NAMING = re.compile(
    r"\b(?:songs?|singles?|albums?|records?|tracks?|EP|books?|novels?|poems?|plays?|films?|"
    r"movies?|episodes?|series|shows?|articles?|essays?|papers?|columns?|stories|story|"
    r"chapters?|headlines?|titles?|titled|entitled|called|named|nicknamed|dubbed|"
    r"known as|motto|slogan|term|terms|word|words|phrase|expression|hashtag|catchphrase|"
    r"sobriquet|nickname|label|brand|campaign)\s*,?\s*$",
)
_TITLE_MINOR = frozenset(
    _split(
        "a an the and or nor but of in on at to for by with from as into onto vs via per de "
        "la le les du des da di del von van y und et"
    )
)
_STRIP_WORD = "\"'“”‘’«»„()[]{},;:.!?…—–-*"
_CLOSERS = "\"'”’»)]} "

# --- needs_citation ----------------------------------------------------------------------
_META = re.compile(
    r"(?:this (?:article|page|section|list) (?:is about|is a list|needs|may|relies|has|does|"
    r"contains|is missing|lacks|is written|is incomplete)|"
    r"(?:this|the following) is an? (?:partial |incomplete |complete |chronological )?"
    r"(?:list|index|timeline|glossary)\b|"
    r"for (?:other|the|a|an|more|further|similarly|related|information|details)\b"
    r".{0,200}?\bsee\b|"
    r"not to be confused with\b|"
    r"(?:main|further|see also|see|related)(?: articles?| information| pages?)?:|"
    r"main articles?\b|see also\b|further information\b|"
    r"(?:from wikipedia|jump to|retrieved from|coordinates:|categories:|hidden categories|"
    r"retrieved (?:on )?\w+ \d|archived from the original)|"
    r"(?:references|notes|external links|further reading|bibliography|works cited|sources|"
    r"citations|footnotes|contents|gallery|discography|filmography|notes and references|"
    r"explanatory notes)\.?(?: ?\[edit\])?$)",
    re.IGNORECASE,
)
_META_ANYWHERE = re.compile(r"\b(?:redirects here|(?:may|can) (?:also )?refer to)\b")
_VERB_HINT = re.compile(
    r"\b(?:is|are|was|were|be|been|being|am|has|have|had|do|does|did|can|could|will|would|"
    r"may|might|must|shall|should|[a-z]{2,}ed|went|made|won|lost|became|begins?|began|begun|"
    r"took|taken|gave|given|came|left|ran|wrote|written|born|got|saw|seen|led|met|held|fell|"
    r"rose|grew|sold|built|fought|found|knew|thought|told|said|says|lives|dies|sang|sung|"
    r"drew|drove|flew|spoke|stood|brought|bought|taught|caught|sent|spent|felt|kept|paid|"
    r"struck|hung|shot|stole|threw|wore)\b"
    r"|\b(?:[Hh]e|[Ss]he|[Ii]t|[Tt]hey|[Ww]e|I|[Yy]ou|[Ww]ho) [a-z]+"
)
_LETTER = re.compile(r"[^\W\d_]")


def assess(text: str, *, quoted: bool = False) -> Assessment:
    """Say whether ``text`` (one statement) needs a citation, and why."""
    if "  " in text or not text.isprintable() or text[:1] == " " or text[-1:] == " ":
        text = " ".join(text.split())  # newlines, tabs, exotic spaces, runs of spaces
    nothing = Assessment(True, (Reason.QUOTATION,)) if quoted else Assessment(False)
    first = _LETTER.search(text)
    if first is None or _META.match(text):
        return nothing
    if ("redirects here" in text or "refer to" in text) and _META_ANYWHERE.search(text):
        return nothing
    # A short verbless fragment is a heading, label or caption: it only needs a citation
    # when it carries a figure ("Population 12,000"); a heading such as "Defection" is a
    # topic, not an accusation.
    fragment = text.count(" ") < 4 and _VERB_HINT.search(text) is None
    if fragment and not any(c.isdigit() for c in text):
        return nothing

    # Keywords are matched in lowercase so that names and titles mid-sentence ("Great
    # Britain", "Best Actor") stay out; lowering the first letter still lets a keyword
    # that opens the sentence ("Reportedly, ...") be seen. An acronym stays as it is.
    i = first.start()
    low = text
    if not text[i + 1 : i + 2].isupper():
        low = text[:i] + text[i].lower() + text[i + 1 :]

    found = _QUOTATION_BIT if quoted or _has_quotation(text) else 0
    spaced = low
    for separator in _TOKEN_SEPARATORS:
        if separator in spaced:
            spaced = spaced.replace(separator, " ")
    for key in _TRIGGER_KEYS.intersection(map(_FIRST_FOUR, spaced.split())):
        for bit, pattern, agentless in _TRIGGERS[key]:
            if found & bit:
                continue
            if agentless:
                if any(_agentless(low, match) for match in pattern.finditer(low)):
                    found |= bit
            elif pattern.search(low):
                found |= bit
    if not found & _SUPERLATIVE_BIT and _generic_superlative(low):
        found |= _SUPERLATIVE_BIT
    if not found & _STATISTIC_BIT and _has_figure(text):
        found |= _STATISTIC_BIT
    if found:
        return Assessment(True, _BY_MASK[found])

    end = text.rstrip(_CLOSERS)[-1:]
    return Assessment(not fragment and end not in (":", "?"))


def _agentless(low: str, described: re.Match[str]) -> bool:
    """A passive of describing with no "by ..." after it: "was described as"."""
    if " by " in low[described.end() :]:
        return False
    start = described.start()
    previous = _word_before(low, start)
    if previous in _PASSIVE_ADVERBS:
        previous = _word_before(low, start - len(previous) - 1)
    return previous in _BE_WORDS


def _generic_superlative(low: str) -> bool:
    """An -est word after a determiner: "the bloodiest", "its strangest", "Chicago's finest"."""
    for match in _EST_END.finditer(low):
        end = match.end()
        start = low.rfind(" ", 0, end) + 1
        word = low[start:end]
        if len(word) < 5 or not word.isalpha() or word in _NOT_SUPERLATIVE_EST:
            continue  # listed superlatives went through their own patterns and exclusions
        previous = _word_before(low, start)
        if previous in _DETERMINER_WORDS or previous.endswith(("'s", "’s")):
            return True
    return False


# --- quotations --------------------------------------------------------------------------


def _has_quotation(text: str) -> bool:
    # Substring tests run at memchr speed, several times faster than a character class
    # scan, and most statements have no quotation mark at all.
    if not (
        '"' in text
        or "“" in text
        or "”" in text
        or "‘" in text
        or "’" in text
        or "'" in text
        or "«" in text
        or "„" in text
    ):
        return False
    if _QUOTE_MARK.search(text) is None:
        return False
    return any(_is_quotation(text, start, end) for start, end in _quoted_spans(text))


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans between quotation marks, including those cut off by a sentence boundary."""
    spans: list[tuple[int, int]] = []
    double: int | None = None  # index after the open double quote
    single: int | None = None
    n = len(text)
    for match in _QUOTE_CHARS.finditer(text):
        i = match.start()
        c = text[i]
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < n else " "
        if c in "“„«":
            if double is None:
                double = i + 1
        elif c in "”»":
            spans.append((0 if double is None else double, i))
            double = None
        elif c == '"':
            if double is not None:
                spans.append((double, i))
                double = None
            elif i == 0 or before.isspace() or before in "([{—–-/":
                double = i + 1
            else:
                spans.append((0, i))
        elif c == "‘":
            if single is None and not after.isdigit():
                single = i + 1
        elif c == "’":
            if after.isalnum():
                continue  # an apostrophe: China’s, don’t
            if single is not None:
                spans.append((single, i))
                single = None
            elif before in ".!?,":
                spans.append((0, i))
        elif before.isalnum() and after.isalnum():
            continue  # a straight apostrophe: don't
        elif single is None:
            if (i == 0 or before.isspace() or before in "([{") and after.isalpha():
                single = i + 1
            elif before in ".!?," and not after.isalnum():
                spans.append((0, i))
        elif not before.isspace():
            spans.append((single, i))
            single = None
    if double is not None:
        spans.append((double, n))
    if single is not None and text[single - 1] == "‘":
        spans.append((single, n))
    return spans


def _is_quotation(text: str, start: int, end: int) -> bool:
    inner = text[start:end].strip()
    words = [w for w in (raw.strip(_STRIP_WORD) for raw in inner.split()) if w]
    if len(words) < 2:
        return False
    terminal = inner.rstrip(_CLOSERS)[-1:] in (".", "!", "?", "…")
    if len(words) < 4 and not terminal:
        return False
    if all(w[0].isupper() or not w[0].isalpha() or w in _TITLE_MINOR for w in words):
        return False  # Title Case: the name of a work, not speech
    # the span starts after its opening mark, so the naming word ends before start - 1
    opening = max(0, start - 1)
    return terminal or _QUOTATION_NAMING.search(text, max(0, opening - 40), opening) is None


# --- numbers -----------------------------------------------------------------------------


def _has_figure(text: str) -> bool:
    """True when ``text`` has a figure: money, a percentage, a measurement, a count..."""
    if not (
        "0" in text
        or "1" in text
        or "2" in text
        or "3" in text
        or "4" in text
        or "5" in text
        or "6" in text
        or "7" in text
        or "8" in text
        or "9" in text
        or "$" in text
        or "€" in text
        or "£" in text
        or "¥" in text
        or "₹" in text
        or "%" in text
    ):
        return False  # as for quotation marks, substring tests beat a character class
    for token in _NUMERIC.finditer(text):
        start = token.start()
        if text[start] == "%" or _STATISTIC_FIGURE.match(text, start):
            return True
        number = _NUMBER.match(text, start)
        if number is not None and _is_figure(text, number.group(1), start, number.end()):
            return True
    return False


def _is_figure(text: str, number: str, start: int, end: int) -> bool:
    """Whether a bare number reads as a figure rather than a year, a date or a name."""
    previous = _word_before(text, start)
    following = _word_after(text, end)
    if previous in _CURRENCY_CODES:
        return True
    if following[:1].isupper() and following not in _TIME_SUFFIXES:
        return False  # 24 March, 10 Downing Street
    if "," in number:
        return True  # thousands: "5,000 people", "Population 12,000"
    if previous[-1:].isalpha() and previous[0].isupper() and previous not in _NUMBER_FUNCTION_WORDS:
        return False  # Apollo 11, March 24, Windows 3.1, AD 476
    if previous in _IDENTIFIER_WORDS or following in _TIME_SUFFIXES:
        return False  # page 12, aged 45, at 10 pm
    if previous == "of" and _word_before(text, start - 3).lower() == "age":
        return False  # at the age of 45
    if "." in number:
        return previous.lower() not in ("version", "v", "release", "build")
    if len(number) > 4:
        return True
    value = int(number)
    if value < 10 or number[0] == "0":
        return False  # small counts are narrative: "his 2 sons", "3–1"
    if len(number) == 4 and 1000 <= value <= 2100:
        return following in _COUNT_NOUNS and previous not in _YEAR_PREPOSITIONS
    if len(number) == 3 and (
        previous in _YEAR_PREPOSITIONS or text[start - 1 : end + 1] == f"({number})"
    ):
        return following.isalpha() and following not in _NOT_A_COUNT
    return True


def _word_before(text: str, index: int) -> str:
    end = index
    while end > 0 and text[end - 1] == " ":
        end -= 1
    start = text.rfind(" ", 0, end) + 1
    return text[start:end].lstrip("([“\"‘'")


def _word_after(text: str, index: int) -> str:
    start = index
    while start < len(text) and text[start] == " ":
        start += 1
    end = text.find(" ", start)
    return text[start : end if end != -1 else len(text)].rstrip(".,;:)]”\"’'!?")
