"""Sentence boundaries for encyclopedic prose.

The splitter makes one regex pass over the paragraph to find candidate ends (a run of terminal
punctuation, any closing quotes/brackets after it, then the whitespace before the next sentence)
and judges each candidate from its immediate context with set lookups. Python-level work is
therefore proportional to the number of full stops, not to the length of the text, which keeps
it well within the audit's time budget (a few microseconds per sentence).

Judging a candidate, in order:

1. Nothing but whitespace follows: the paragraph's last sentence ends at the text's end anyway.
2. CJK and Indic full stops end a sentence even without a following space.
3. A Latin candidate glued to the next character (``3.14``, ``U.S.``, ``www.example.com``) is not
   an end, unless a citation stood there (see ``breaks``) and it is not inside a number.
4. A lowercase continuation (after any opening quotes/brackets) is never a new sentence; nor is
   one that starts with ``,``, ``;`` or ``:``.
5. A citation right after the punctuation makes an end (the editor put a footnote there).
6. ``!`` and ``?`` end the sentence; an ellipsis does too unless it opens the text or a bracket.
7. A single full stop ends the sentence unless the word before it is an abbreviation that cannot
   end one (titles, ``e.g.``, ``No.``, ``c.``, lowercase single letters), a sentence-final-capable
   abbreviation (``etc.``, ``Inc.``, ``Jr.``, ``U.S.``, initials) not followed by a typical
   sentence starter, a list marker (``1.``) or a German ordinal (``am 3. Oktober``).
"""

from __future__ import annotations

import re
from collections.abc import Collection

# Quotes and brackets that may close a sentence after its terminal punctuation. Straight quotes
# are ambiguous; after terminal punctuation they close far more often than they open.
_CLOSERS = "\"'”’»›)]}」』】〕〉》）"
# Characters that can open a sentence before its first word.
_OPENERS = "\"'“‘„‚«‹([{¿¡（「『"
# Opening characters that are never closers: an ellipsis right after one is an elision mark
# ("[...]", "(... )"), not the end of a sentence.
_PURE_OPENERS = frozenset("“‘„‚«‹([{（「『")
# Terminators that end a sentence without any following space (Chinese/Japanese full stops,
# Devanagari danda, Arabic question mark, Urdu full stop, Ethiopic and Burmese full stops).
_NO_SPACE_STOPS = frozenset("。！？｡।॥؟۔።፧။")
_QUESTION_EXCLAMATION = frozenset("!?‼⁇⁈⁉")
# A sentence never starts with these.
_NOT_A_START = frozenset(",;:" + _CLOSERS)
_DASHES_AND_SLASHES = "—–/"


def _words(spaced: str) -> frozenset[str]:
    # Word lists are kept as prose-like blocks so that they stay readable and easy to extend.
    return frozenset(spaced.split())


_CANDIDATE = re.compile(
    r"([.!?…‼⁇⁈⁉。！？｡।॥؟۔።፧။]+)"
    r"([" + re.escape(_CLOSERS) + r"]*)"
    r"(\s*)"
)
_SKIP_OPENERS = re.compile(r"[" + re.escape(_OPENERS) + r"]*")
_NEXT_WORD = re.compile(r"[" + re.escape(_OPENERS) + r"]*([^\W\d_]+)(.?)", re.DOTALL)
# Dotted abbreviations such as U.S, e.g, Ph.D, a.m, B.C.E, J.-C (final dot excluded).
_DOTTED = re.compile(r"(?:[^\W\d_]{1,2}\.-?)+[^\W\d_]{1,3}")

# Abbreviations that practically never end a sentence: titles before names, "No." before
# numbers, Latin "e.g."/"cf.", bibliographic "p."/"vol."/"ed.", dating "c."/"fl.". Matched
# case-sensitively, so "no." and "Ed." (a name) stay ordinary words.
_NEVER_FINAL = _words(
    """
    Mr Mrs Ms Mx Messrs Mmes Mme Mlle Mgr Msgr Dr Drs Prof Profs Rev Revd Rt Hon Fr Pres Gov Sen
    Sens Rep Reps Amb Atty Supt Insp Det Gen Gens Lt Lieut Col Capt Cpt Cmdr Cdr Comdr Cmdre Adm
    Maj Brig Sgt Cpl Pvt Pte Spc Ens Mt Mts Ft Pt No Nos Nr Nrs Op Vol Vols vol vols pp Fig Figs
    fig figs Ch ch chap Chap Art Para para Eq eq Pl ed eds trans transl repr comp ca fl approx
    Approx cf Cf vs Vs viz Viz e.g i.e E.g I.e av apr env bzw vgl geb gest
    """
)

# Abbreviations that often end a sentence too. They end one only when the next word is a typical
# sentence starter: "in the U.S. The army" splits, "the U.S. Army" does not.
_FINAL_IF_STARTER = _words(
    """
    etc usw Inc Ltd Co Corp Bros Jr Sr Esq Pty Plc plc al St Ste Ave Rd Blvd Sq Dept Univ Assn Jh
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec est ibid ft lb lbs oz yd yds mi hr hrs min
    sec Sec Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La Md Mass Mich Minn Miss
    Mo Mont Neb Nebr Nev Okla Ore Oreg Pa Penn Tenn Tex Va Vt Wash Wis Wisc Wyo
    """
)

# Words that typically open a sentence in encyclopedic English (plus the commonest German and
# French openers). Used only to resolve the ambiguous abbreviations and initials above.
_STARTERS = _words(
    """
    A An The This That These Those There Here It Its He She They We I You His Her Their Our My
    Your One Two Three Four Five Some Many Most Several All Both Each Every Few No None Neither
    Either Other Others Another Such Much More In On At By For From With Without After Before
    During Since Until Following Despite Although Though While When Whereas Where As If Because
    Once Unlike Under Over Between Among Within Throughout Upon Against Toward Towards Into About
    Around Along Across Beyond According And But Or Nor Yet So Then Thus Therefore Hence However
    Moreover Furthermore Meanwhile Nevertheless Nonetheless Also Additionally Similarly Instead
    Later Earlier Eventually Finally Initially Subsequently Today Currently Now Afterwards
    Afterward Shortly Soon Still Even Only Not What Which Who Whom Whose Why How To Of First
    Second Third Next Last Further Consequently Accordingly Indeed Overall Together
    Der Die Das Den Dem Des Ein Eine Einer Er Sie Es Wir Ich Im Am Auf Aus Bei Mit Nach Seit Von
    Vor Zu Zum Zur Als Auch Aber Und Doch Dann Danach Dabei Daher Dort Hier Heute Diese Dieser
    Dieses Damit Durch Nachdem Während Wegen Trotz Bis Nur Noch
    Le La Les L Un Une Du De D Il Elle Ils Elles On Ce Cette Ces Cet Son Sa Ses Leur Leurs En Au
    Aux Dans Sur Sous Par Pour Avec Après Avant Depuis Pendant Selon Lors Mais Puis Ainsi Alors
    Cependant Toutefois Enfin Ensuite Plus À Qu
    """
)

# Name particles that follow initials ("W. E. B. Du Bois", "John C. Van Dyke", "Karl A. von
# Zittel"): after an initial they continue the name even though they can open a sentence.
_NAME_PARTICLES = _words("D De Den Der Des Dem Du L La Le Van Von Vom Zu Zum Zur Al El")

# Nouns after which a single capital letter is a label or numeral ("World War I.", "vitamin C.",
# "Part B."), not an initial, so it ends a sentence as an ordinary word would.
_LETTER_LABELS = _words(
    """
    War Part Phase Book Volume Chapter Act Scene Type Class Grade Stage Level Article Title
    Schedule Division Group Category Appendix Annex Section Plan Model Vitamin vitamin Hepatitis
    hepatitis Zone Block Wing Gate Platform Track Side
    """
)

# German ordinals are written "3." and followed by a capitalised noun ("im 12. Jahrhundert",
# "am 3. Oktober"); these cue words before, or a month after, mark the number as an ordinal.
_GERMAN_ORDINAL_CUES = _words(
    "im am vom zum zur beim bis seit ab dem den der des die das ihrem seinem"
)
_GERMAN_MONTHS = _words(
    "Januar Jänner Februar März April Mai Juni Juli August September Oktober November Dezember"
)


def split_sentences(text: str, *, breaks: Collection[int] = ()) -> list[tuple[int, int]]:
    """Return the (start, end) offsets of the sentences of one paragraph.

    Each sentence is trimmed of surrounding whitespace and the sentences cover every
    non-space character of ``text``. ``breaks`` are offsets where a citation stood in
    the source: terminal punctuation right before one is a strong sign of a sentence end.
    """
    n = len(text)
    start = n - len(text.lstrip())
    if start == n:
        return []
    citation_marks = frozenset(breaks) if breaks else None
    spans: list[tuple[int, int]] = []
    for m in _CANDIDATE.finditer(text, start):
        ts, te = m.span(1)
        ce, ns = m.span(3)
        if ns >= n:
            break
        if ts <= start:
            # Punctuation opening a sentence ("... The", "。。") has nothing to end.
            continue
        if text[te - 1] in _NO_SPACE_STOPS:
            spans.append((start, ce))
            start = ns
            continue
        cited = citation_marks is not None and not citation_marks.isdisjoint(range(te, ns + 1))
        # Glued to the next character ("3.14", "U.S.", "example.com"): only a citation there
        # marks an end, and not inside a number, where it can only be misplaced.
        glued_number = text[ts - 1].isdigit() and text[ns].isdigit()
        if ce == ns and (not cited or glued_number):
            continue
        first = text[ns]
        if first in _OPENERS:
            j = _SKIP_OPENERS.match(text, ns).end()
            if j < n:
                first = text[j]
        if first.islower() or first in _NOT_A_START:
            continue
        if cited or _ends_here(text, start, ts, te, ns, first):
            spans.append((start, ce))
            start = ns
    spans.append((start, len(text.rstrip())))
    return spans


def _ends_here(text: str, start: int, ts: int, te: int, ns: int, first: str) -> bool:
    """Decide a candidate whose next sentence would start with a non-lowercase ``first``."""
    punct = text[ts:te]
    if punct != "." and not _QUESTION_EXCLAMATION.isdisjoint(punct):
        return True
    prev = text[ts - 1]
    if len(punct) > 1 or punct == "…":
        # An ellipsis after a space or an opening bracket is an elision inside a quotation
        # ("[...] The", "McDonald ... The"), not the end of the sentence before it.
        return not (prev.isspace() or prev in _PURE_OPENERS)
    if first in ".…":
        # Spaced ellipsis ". . .": only its last dot can end the sentence.
        return False
    if prev.isspace() or prev in _CLOSERS:
        # A full stop after a closing quote/bracket is not attached to an abbreviation.
        return True
    chunk = text[max(start, ts - 48) : ts]
    tokens = chunk.split()
    word = tokens[-1].lstrip(_OPENERS)
    for sep in _DASHES_AND_SLASHES:
        if sep in word:
            word = word.rpartition(sep)[2]
    if prev.isdigit():
        return _number_ends(text, start, ts, ns, word, tokens)
    if not prev.isalpha():
        return True
    if word in _NEVER_FINAL:
        return False
    if len(word) == 1:
        if word.islower():
            # Lowercase single letters are abbreviations: c., b., d., r., p., v., z. B.
            return False
        if len(tokens) > 1 and tokens[-2] in _LETTER_LABELS:
            return True
        return _starter_follows(text, ns, initial=True)
    if word in _FINAL_IF_STARTER or _DOTTED.fullmatch(word):
        return _starter_follows(text, ns)
    return True


def _number_ends(text: str, start: int, ts: int, ns: int, word: str, tokens: list[str]) -> bool:
    """A full stop after a number ends the sentence unless the number is a marker or ordinal."""
    if word.isdigit() and len(word) <= 3:
        before = tokens[-2] if len(tokens) > 1 else ""
        if len(word) <= 2 and (ts - len(word) == start or before.endswith(":")):
            # A list marker opening a sentence or following a colon: "1. Mix", "stages: 1. Mix".
            return False
        if before.lower() in _GERMAN_ORDINAL_CUES:
            return False
        m = _NEXT_WORD.match(text, ns)
        if m is not None and m.group(1) in _GERMAN_MONTHS:
            return False
    return True


def _starter_follows(text: str, ns: int, *, initial: bool = False) -> bool:
    """Whether the word at ``ns`` is a typical sentence opener (and not itself an initial).

    After an ``initial`` a name particle is taken as the rest of the name.
    """
    m = _NEXT_WORD.match(text, ns)
    if m is None:
        return False
    word = m.group(1)
    if m.group(2) == "." and len(word) <= 2:
        return False
    if initial and word in _NAME_PARTICLES:
        return False
    return word in _STARTERS
