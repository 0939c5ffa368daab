"""Tests for citecheck.claims: does a statement need a citation, and why."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.claims import Assessment, assess
from citecheck.model import Reason

QUO = Reason.QUOTATION
STAT = Reason.STATISTIC
CONT = Reason.CONTENTIOUS
SUP = Reason.SUPERLATIVE
WEAS = Reason.WEASEL
ATTR = Reason.ATTRIBUTION
OPIN = Reason.OPINION


def reasons(text: str) -> tuple[Reason, ...]:
    return assess(text).reasons


# --- quotation ---------------------------------------------------------------------------

QUOTATIONS = [
    'He said, "We will never surrender to them."',
    "While speaking about the matter, a former US government official remarked, “If you "
    "offer $5 million (€4.2m) and citizenship there will be plenty of people wanting to defect.",
    "We should be treating this like a potential crime scene.”",
    "She described the plan as ‘a complete and utter betrayal of our values’.",
    "The report concluded that the policy was 'a failure on every single level'.",
    'According to Jin, he could describe their personalities "and their habits in making '
    'decisions."',
    'His reply was short: "Not now."',
    "Opposing the move, the group believes that the training of imams should be "
    '"free from external influences, especially political ones.”',
    "“Go back to Africa,” the crowd shouted at the singer.",
    "«Nous sommes tous des Européens», a-t-il déclaré devant le parlement.",
]

NOT_QUOTATIONS = [
    # three words, no closing punctuation: a sobriquet, not speech (documented decision)
    'This influence on human society has given them the sobriquet "man\'s best friend".',
    "The party posted a warning to ‘anti-China’ forces.",
    "It alleged that Dong had directed spies to look out for ‘insiders’ who ‘bankroll’ "
    "their actions.",
    'The band released "Smells Like Teen Spirit" as the lead single in 1991.',
    'The English word dog comes from Middle English dogge, a "powerful dog breed".',
    "Whether NDTV or 'The Wire', they never have to worry about funds.",
    "The dogs' owners learned about the '90s rules at the Smiths' house.",
    'Its nickname was "the Rock".',
    'He starred in the film called "the day the earth stood still" in 1951.',
    "China’s approach, don’t forget, has changed since the ’80s.",
]


@pytest.mark.parametrize("text", QUOTATIONS)
def test_quotation(text: str) -> None:
    assert QUO in reasons(text)


@pytest.mark.parametrize("text", NOT_QUOTATIONS)
def test_not_quotation(text: str) -> None:
    assert QUO not in reasons(text)


@pytest.mark.parametrize(
    "text", ["The sky is blue.", "We need human intelligence.", "", "Early life", "42"]
)
def test_block_quotation_always_has_quotation(text: str) -> None:
    result = assess(text, quoted=True)
    assert QUO in result.reasons
    assert result.needs_citation


# --- statistic ---------------------------------------------------------------------------

STATISTICS = [
    "About 45% of the residents voted in favour.",
    "Unemployment in the region reached 45 per cent.",
    "The contract was worth $5 million over two years.",
    "The club paid €4.2m for the striker.",
    "Tickets cost £300 each.",
    "The protest drew 5,000 people to the square.",
    "The city has 3.2 million inhabitants.",
    "Two-thirds of the members voted against the plan.",
    "A third of the budget goes to defence.",
    "The price of bread doubled within a year.",
    "The university is ranked 3rd in the country.",
    "The town had a population of 12,000 in the last census.",
    "Sales increased by 40 in the first quarter.",
    "The trail is 1.5 km long.",
    "The team scored 23 goals in the season.",
    "Thousands of people attended the funeral.",
    "The single peaked at number two on the chart.",
]

NOT_STATISTICS = [
    "In 1990 he moved to Paris.",
    "He was born on March 24, 2001, in Ohio.",
    "The style was popular in the 1990s.",
    "She served as mayor from 2000–2005.",
    "He fought in World War II.",
    "Apollo 11 landed on the Moon.",
    "The road follows Route 66 through the desert.",
    "The church was built in the 19th century.",
    # a single small count in ordinary narrative (documented decision)
    "He lived with his two sons in a small house.",
    "He had 3 children with his first wife.",
    "The lab leak theory for Covid-19 was taken seriously.",
    "The hall doubled as a theatre during the war.",
    "He retired at the age of 45.",
    "The F-16 entered service later that decade.",
    "It was published on 12 May 1990 by the society.",
    "Windows 3.1 was released by Microsoft.",
    "In the first half of the 19th century, the town grew quickly.",
]


@pytest.mark.parametrize("text", STATISTICS)
def test_statistic(text: str) -> None:
    assert STAT in reasons(text)


@pytest.mark.parametrize("text", NOT_STATISTICS)
def test_not_statistic(text: str) -> None:
    assert STAT not in reasons(text)


# --- contentious -------------------------------------------------------------------------

CONTENTIOUS = [
    "He was arrested in 2004 and charged with fraud.",
    "The senator was convicted of bribery.",
    "She was diagnosed with cancer in 2010.",
    "The actor's divorce was finalised last year.",
    "He came out as gay at the age of 30.",
    "The massacre left the village deserted.",
    "He died of an overdose in 1998.",
    "Dong Jingwei defected to the United States.",
    "The company faced a lawsuit over the scandal.",
    "He is a devout Catholic.",
    "She was sentenced to ten years in prison.",
    "People get executed for (messing up) in China.",
    "China’s approach has been systematic cover-up and denial.",
    "HIV is a virus that attacks the immune system.",
]

NOT_CONTENTIOUS = [
    # marriage of public people is routine (documented decision)
    "The couple married in 1990 and had three children.",
    "The economy suffered during the Great Depression.",
    "A tropical depression formed over the Atlantic.",
    "The orca is also known as the killer whale.",
    "He studied criminal law at Harvard.",
    "She writes crime novels set in Oslo.",
    "The plan was executed perfectly by the team.",
    "The castle, dating from the 12th century, overlooks the town.",
    "He oversaw the execution of the plan.",
    "He was born under the sign of Cancer.",
    "The suit was tailored in London.",
    "His interests included music and painting.",
]


@pytest.mark.parametrize("text", CONTENTIOUS)
def test_contentious(text: str) -> None:
    assert CONT in reasons(text)


@pytest.mark.parametrize("text", NOT_CONTENTIOUS)
def test_not_contentious(text: str) -> None:
    assert CONT not in reasons(text)


def test_a_heading_is_a_topic_not_an_accusation() -> None:
    assert assess("Defection") == Assessment(False, ())


# --- superlative -------------------------------------------------------------------------

SUPERLATIVES = [
    "It is the largest city in the country.",
    "He is the highest-ranking defector from the PLA.",
    "She was one of the most influential writers of her generation.",
    "She was the first woman to win the award.",
    "He is the only person to have climbed both peaks.",
    "The team set a world record in the relay.",
    "The drought was unprecedented in the region.",
    "It was the best film ever made.",
    "It remains the bloodiest conflict in the nation's history.",
    "It was the strangest case the court had seen.",
    "Sales reached a record high in 2010.",
    "The defection was described as one of the worst intelligence losses in China's history.",
]

NOT_SUPERLATIVES = [
    "He showed an interest in the forest west of the town.",
    "The test was held in Budapest.",
    "She was an honest and modest woman.",
    "The protest followed the arrest of the priest.",
    "He met his best friend at school.",
    "She won the Academy Award for Best Actress.",
    "His oldest son became a doctor.",
    "The band signed with a record label.",
    "He has a criminal record.",
    "The museum is open for the rest of the week.",
    "Most of the residents are farmers.",
    "At best, the plan was a partial success.",
    "She has lived there ever since.",
]


@pytest.mark.parametrize("text", SUPERLATIVES)
def test_superlative(text: str) -> None:
    assert SUP in reasons(text)


@pytest.mark.parametrize("text", NOT_SUPERLATIVES)
def test_not_superlative(text: str) -> None:
    assert SUP not in reasons(text)


# --- weasel ------------------------------------------------------------------------------

WEASELS = [
    "It is believed that the painting was stolen in 1950.",
    "Some people say the lake is haunted.",
    "Many experts believe the tower will collapse.",
    "Critics say the law is too harsh.",
    "It has been suggested that the name derives from Latin.",
    "He is widely regarded as the father of modern physics.",
    "The castle is said to be haunted.",
    "According to some sources, the king was poisoned.",
    "A former official told reporters about the plan.",
    "Anonymous sources claimed the deal was signed.",
    "The minister allegedly accepted the payment.",
    "Reports have now emerged about the defection of a top official.",
    "The virus may have originated in the lab.",
    "Arguably, it was his finest work.",
    "He is thought to have died in Rome.",
]

NOT_WEASELS = [
    "The report said the ship sank in 1912.",
    "Dogs may have dark coats.",
    "Students may have to repeat the year.",
    "It is possible for one litter to have multiple sires.",
    "The region is commonly known as the Midwest.",
    "Many species of birds nest on the island.",
    "Her work can be seen as a critique of modernity.",
    "The development was confirmed by a former top Chinese Ministry official named Han.",
    "Peng Dorje thought to cheer her up.",
    "The drug is widely used in hospitals.",
    "He was described as a genius by The Times.",
]


@pytest.mark.parametrize("text", WEASELS)
def test_weasel(text: str) -> None:
    assert WEAS in reasons(text)


@pytest.mark.parametrize("text", NOT_WEASELS)
def test_not_weasel(text: str) -> None:
    assert WEAS not in reasons(text)


# --- attribution -------------------------------------------------------------------------

ATTRIBUTIONS = [
    "According to him, the request was turned down.",
    "The minister said that the talks had failed.",
    "She stated that she had no plans to run.",
    "He claimed that the reports were false.",
    "The official remarked that the deal was fair.",
    "He told reporters that he would resign.",
    "He further added, “I’ve never seen a bigger whitewash.",
    "She wrote that the city was in ruins.",
    "He noted that prices had risen.",
    "The move was described as a betrayal.",
    "The newspaper called it a disgrace.",
    "Saltskog emphasised that unconfirmed reports surface regularly.",
    "His defection was acknowledged by the ministry.",
    "The development was confirmed by a former official.",
]

NOT_ATTRIBUTIONS = [
    "He wrote a novel about the war.",
    "She wrote several books on gardening.",
    "Edward Said taught at Columbia University.",
    "The said property was sold in 1900.",
    "Two new stations were added to the line.",
    "The hospital admitted 40 patients last night.",
    "The company claimed the title in 2005.",
    "She was confirmed as minister in 2009.",
    "The species was noted for its bright plumage.",
    "The museum added a new wing in 1990.",
    "He told the story of his childhood.",
]


@pytest.mark.parametrize("text", ATTRIBUTIONS)
def test_attribution(text: str) -> None:
    assert ATTR in reasons(text)


@pytest.mark.parametrize("text", NOT_ATTRIBUTIONS)
def test_not_attribution(text: str) -> None:
    assert ATTR not in reasons(text)


# --- opinion -----------------------------------------------------------------------------

OPINIONS = [
    "He was a legendary guitarist.",
    "The iconic building dominates the skyline.",
    "She is a world-class athlete.",
    "The renowned architect designed the hall.",
    "Interestingly, the agency posted about it on social media.",
    "Unfortunately, the project was cancelled.",
    "It was a great success for the band.",
    "The album is a masterpiece.",
    "The highly influential paper changed the field.",
    "Of course, the plan failed.",
    "I’ve never seen a bigger whitewash.",
    "The controversial pipeline was completed in 2011.",
]

NOT_OPINIONS = [
    "He moved to Great Britain in 1950.",
    "Great Britain is an island.",
    "Her great-grandson inherited the estate.",
    "A great deal of money was lost.",
    "The great majority of residents voted.",
    "The company has outstanding debts.",
    "The important files were stored in the basement.",
    "The course of the river changed.",
    "The leading cause of death is heart disease.",
    "It was a significant number of votes.",
    "The extraordinary general meeting was held in May.",
    "He distinguished between the two cases.",
]


@pytest.mark.parametrize("text", OPINIONS)
def test_opinion(text: str) -> None:
    assert OPIN in reasons(text)


@pytest.mark.parametrize("text", NOT_OPINIONS)
def test_not_opinion(text: str) -> None:
    assert OPIN not in reasons(text)


# --- needs_citation ----------------------------------------------------------------------

NEEDS_CITATION = [
    "The river flows through the town.",
    "We need human intelligence.",
    "Xu was an American specialist within the PLA and an expert on disarmament.",
    "He died.",
    "Population 12,000",
    "Dogs are descended from wolves",
]

NO_CITATION_NEEDED = [
    "",
    "   ",
    "123 456",
    "— – …",
    "Official website",
    "Early life",
    "Contents",
    "Further reading",
    "References[edit]",
    "Xu Junping",
    "Sunday, June 20, 2021",
    "This article is about the domestic dog.",
    "For other uses, see Dog (disambiguation).",
    '"Doggie" redirects here.',
    "Main article: History of dogs",
    "See also: Wolf",
    "Dog may refer to:",
    # a list introduction announces the claims of its items (documented decision)
    "Notable alumni include:",
    "The following is a list of rivers of France:",
    "Who was he?",
]


@pytest.mark.parametrize("text", NEEDS_CITATION)
def test_needs_citation(text: str) -> None:
    assert assess(text).needs_citation


@pytest.mark.parametrize("text", NO_CITATION_NEEDED)
def test_no_citation_needed(text: str) -> None:
    assert assess(text) == Assessment(False, ())


def test_a_question_with_a_reason_needs_a_citation() -> None:
    assert assess("Was he really the richest man in Europe?") == Assessment(True, (SUP,))


def test_a_list_introduction_with_a_reason_needs_a_citation() -> None:
    assert assess("The following people were convicted of fraud:").needs_citation


def test_whitespace_is_normalised() -> None:
    assert assess("He  reportedly\nflew\tto the US.") == assess("He reportedly flew to the US.")


# --- the seed documents ------------------------------------------------------------------

SEED = [
    # fixtures/dong_jingwei_defection.webpage.txt
    (
        "In February this year, China’s top counter-intelligence official Dong Jingwei "
        "reportedly flew to the US from Hong Kong with his daughter.",
        (WEAS,),
    ),
    (
        "While speaking about the matter, a former US government official remarked, “If you "
        "offer $5 million (€4.2m) and citizenship there will be plenty of people wanting to "
        "defect.",
        (QUO, STAT, CONT, WEAS, ATTR),
    ),
    (
        "It is believed that Dong may have handed over evidence on the Wuhan lab leak theory "
        "to the USA, which prompted the U-turn by President Joe Biden as he ordered a probe on "
        "the matter.",
        (WEAS,),
    ),
    (
        "Amidst the growing scrutiny over the possibility of leakage of Coronavirus from the "
        "Wuhan Institute of Virology, reports have now emerged about the defection of a top "
        "Chinese official to the United States.",
        (CONT, WEAS),
    ),
    (
        "The development was confirmed by a former top Chinese Ministry official named "
        "Dr. Han Lianchao, who had defected to the States after the Tiananmen Square massacre "
        "in 1989.",
        (CONT, ATTR),
    ),
    (
        "According to him, the request to send Dong Jingwei back was turned down by State "
        "Secretary Anthony Blinken.",
        (ATTR,),
    ),
    (
        "Interestingly, the top law enforcement of China i.e. Central Political Legal Affairs "
        "Commission had posted on social media about Dong Jingwei’s supposed warning to "
        "‘anti-China’ forces.",
        (WEAS, ATTR, OPIN),
    ),
    (
        "It alleged that Dong had directed spies to look out for ‘insiders’ who ‘bankroll’ "
        "their actions behind the scenes.",
        (CONT, ATTR),
    ),
    (
        "Originally, the influential left-win media and the Democrats had dismissed the "
        "possibility that the virus may have originated in the lab, terming it as a "
        "conspiracy theory by Donald Trump.",
        (CONT, WEAS, ATTR, OPIN),
    ),
    (
        "Dong Jingwei was the vice minister of State security and the alleged defection has "
        "made him the most influential Chinese official to do so.",
        (CONT, SUP, WEAS, OPIN),
    ),
    ("We need human intelligence.", ()),
    ("We should be treating this like a potential crime scene.”", (QUO, CONT)),
    ("He further added, “I’ve never seen a bigger whitewash.", (QUO, ATTR, OPIN)),
    (
        "So it is possible the Wuhan people covered it up from their own government.”",
        (QUO, CONT, WEAS),
    ),
    (
        "According to former CIA expert Nicholas Eftimiades, the alleged defection is a ‘rumour’.",
        (CONT, WEAS, ATTR),
    ),
    (
        "Senior Intelligence Analyst (Soufan Group) Molliw Saltskog emphasised that "
        "unconfirmed reports of defection surface regularly.",
        (CONT, WEAS, ATTR),
    ),
    # fixtures/xu_junping.rendered.txt
    (
        "Xu Junping (徐俊平) is a former senior colonel in the People's Liberation Army who "
        "defected to the United States in December 2000.",
        (CONT,),
    ),
    (
        "He is the highest-ranking defector from the PLA, and his defection was described as "
        "one of the worst intelligence losses in China's history.",
        (CONT, SUP, WEAS, ATTR),
    ),
    ("Xu was an American specialist within the PLA and an expert on disarmament.", ()),
    (
        "Xu had studied in America as a visiting scholar at Harvard's John F. Kennedy School "
        "of Government, and had also studied at the University of Bath in the United Kingdom.",
        (),
    ),
    (
        "Xu reportedly contacted the Central Intelligence Agency (CIA) of his own initiative.",
        (WEAS,),
    ),
    (
        "His defection was acknowledged by the Ministry of Foreign Affairs of the People's "
        "Republic of China.",
        (CONT, ATTR),
    ),
]


@pytest.mark.parametrize(("text", "expected"), SEED)
def test_seed_sentences(text: str, expected: tuple[Reason, ...]) -> None:
    assert assess(text) == Assessment(True, expected)


@pytest.mark.parametrize("text", ["Career", "Defection", "RankColonel", "AllegianceChina"])
def test_seed_headings_and_infobox_labels(text: str) -> None:
    assert assess(text) == Assessment(False, ())


# --- robustness --------------------------------------------------------------------------

_LEXICON = [
    "reportedly",
    "it is believed",
    "said",
    "according to",
    "the most",
    "largest",
    "ever",
    "murdered",
    "gay",
    "great",
    "notable",
    "include:",
    "was described as",
    "by",
    "the",
    "“",
    "”",
    '"',
    "'",
    "‘",
    "’",
    "$5",
    "45%",
    "1,000",
    "1990",
    "12",
    "3.2",
    "(",
    ")",
    "-",
    "—",
    "’s",
    "a",
    "an",
    "is",
    "it",
    "of course",
    "top",
    "record",
    "est",
    "\n",
    "\t",
    "\u00a0",
    "",
    "?",
    ":",
    ".",
]


def _check(result: Assessment, quoted: bool) -> None:
    assert isinstance(result, Assessment)
    assert isinstance(result.needs_citation, bool)
    assert all(isinstance(reason, Reason) for reason in result.reasons)
    assert len(set(result.reasons)) == len(result.reasons)
    order = list(Reason)
    assert list(result.reasons) == sorted(result.reasons, key=order.index)
    if result.reasons:
        assert result.needs_citation
    if quoted:
        assert QUO in result.reasons


@settings(max_examples=300, deadline=None)
@given(st.text(), st.booleans())
def test_never_raises_on_arbitrary_text(text: str, quoted: bool) -> None:
    _check(assess(text, quoted=quoted), quoted)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_LEXICON), max_size=30).map(" ".join), st.booleans())
def test_never_raises_on_keyword_soup(text: str, quoted: bool) -> None:
    _check(assess(text, quoted=quoted), quoted)
