"""Organisation cues: the words around a name that say it is a company ("Yukos Inc", "shares
of Yukos", "the airline Ryanair", "Yukos shares", "Yukos said in a statement"), or, in a story
about sport, a town's club ("Caloundra defeated Maroochydore", "the Noosa coach"). The default
extractor makes such a name an organisation wherever the story names it."""

from __future__ import annotations

import re

from articles.entities.rules import (
    BAND_MEMBERS,
    BODY_WARES,
    OWNED_BY_BODIES,
    STAKES,
    TEAM_STAFF,
    company_officer_after,
    first_example_of_companies,
    named_after_kind_of_body,
    takes_a_plural_verb,
    word_set,
)

_WORD = re.compile(r"[a-z-]+")

# The last word of a company's legal name: "Yukos Inc.", "Barclays plc".
LEGAL_FORMS = word_set("inc inc. corp corp. ltd ltd. plc llc co co. ag sa spa nv bv gmbh")
_STATEMENT = ["said", "in", "a", "statement"]
# What a one-word body after "the" says: "the Halifax said", "the Halifax has said" (a town
# takes no article).
_SAYING = (["said"], ["says"], ["has", "said"], ["have", "said"])


def organization_cue(words: list[str], first: int, last: int) -> bool:
    """Whether the words in and around a name read as an organisation (`words[first:last+1]`)
    say so beyond doubt: a legal form, a stake in it, the kind of business before it, its shares
    (or magazine, or a band's frontman) after it, or what only a body owns ("Fiat's shares"),
    its officers ("Fiat chief executive Sergio Marchionne"), a statement it made, a verb in the
    plural after it ("Chelsea are"), or a list of companies it opens ("broadcasters such as
    Sky").
    Not a team's staff ("the Scotland manager"): CoNLL-2003 reads a national team as its
    country, and the whole story would follow. Also a one-word name after "the" that speaks
    ("the Halifax has said": a town takes no article)."""
    before = [word.lower() for word in words[max(first - 2, 0) : first]]
    after = words[last + 1 : last + 5]
    return (
        words[last].lower() in LEGAL_FORMS
        or before in STAKES
        or named_after_kind_of_body(words, first, last)
        or (bool(after) and (after[0].lower() in BODY_WARES or after[0] in BAND_MEMBERS))
        or (after[:1] == ["'s"] and after[1:2] in OWNED_BY_BODIES)
        or company_officer_after(words, last)
        or after == _STATEMENT
        or (first == last and words[first - 1 : first] == ["the"] and _says(after))
        or takes_a_plural_verb(words, first, last)
        or first_example_of_companies(words, first)
    )


def _says(after: list[str]) -> bool:
    return after[:1] in _SAYING or after[:2] in _SAYING


# Sports words: a story with two of them is about sport, where a town's name is often its club.
_SPORTS_WORDS = word_set(
    """
    match matches season league coach squad goal goals scored striker midfielder defender
    goalkeeper winger fixture fixtures tries innings wicket wickets penalty referee rugby football
    cricket hockey basketball baseball semi-final quarter-final half-time kick-off soccer tennis
    golf cycling athletics boxing standings division championship championships tournament
    replay replays cup
    """
)
_CAREER_WORDS = word_set(
    "played plays playing signed joined return debut appearance appearances loan"
)
_TEAM_PEOPLE = TEAM_STAFF | word_set(
    """
    fans supporters players striker midfielder defender goalkeeper keeper winger forward
    left-back right-back full-back centre-back centre-half playmaker fly-half scrum-half
    flanker hooker prop lock chairman
    """
)
# Verbs of a result between two teams: "Caloundra defeated Maroochydore", "which Leeds won 2-1".
_RESULTS = word_set(
    "beat beats defeated defeat defeats thrashed edged hammered routed won lost drew"
)
# A fixture's word between two teams: "Newcastle v Tottenham".
_FIXTURE = word_set("v v. vs vs.")
# Words before a team: a result ("beat X", "against X", "a win over X", "a defeat to X"), a
# fixture ("v X"), a career ("played for X", "a return for X", "on loan to X").
_BEFORE_TEAM = word_set("beat beating defeated defeating thrashed against") | _FIXTURE
_BEFORE_TEAM_PAIRS = frozenset(
    [("win", "over"), ("victory", "over"), ("defeat", "to"), ("defeat", "by"), ("loss", "to")]
    + [(career, linking) for career in _CAREER_WORDS for linking in ("for", "to")]
)
_SCORE = re.compile(r"^\d{1,3}[-–]\d{1,3}$")
# A match's result: "a 17-16 win", "their 3-0 defeat" (not "voted 52-48").
_MATCH_RESULT = re.compile(r"\b\d{1,3}[-–]\d{1,3} (?:win|victory|defeat|loss|draw)\b")
# Words after a team in a fixture: "X v", a verb in the plural ("Bolton host Arsenal": a town
# hosts, in the singular); after "will", only a visitor's ("Leicester will visit", but "Sydney
# will host the final").
_AFTER_TEAM = _FIXTURE | word_set("host visit entertain face")
_VISITING = frozenset([("will", "visit"), ("will", "face")])


def is_sports_story(lower_case_words: frozenset[str], headings: str, body: str) -> bool:
    """Whether a story is about sport: two different sports words among the words it writes in
    lower case and those of its headings, whatever their case ("SOCCER - LEAGUE RESULTS"); a
    match's result in its `body` ("Gloucester's 17-16 win over Bath") counts as one."""
    found = _SPORTS_WORDS & lower_case_words
    if len(found) < 2:
        found |= _SPORTS_WORDS.intersection(_WORD.findall(headings.lower()))
    if len(found) == 1 and _MATCH_RESULT.search(body):
        return True
    return len(found) >= 2


def team_staff_cue(words: list[str], last: int) -> bool:
    """Whether a team's staff, players or fans follow the name: "the Caloundra coach"."""
    return words[last + 1 : last + 2] != [] and words[last + 1] in _TEAM_PEOPLE


def result_opponent(words: list[str], last: int) -> int | None:
    """Where the team a result names after the name ending at `last` starts: "Caloundra
    defeated Maroochydore"; None when no result follows."""
    after = words[last + 1 : last + 3]
    if len(after) == 2 and after[0] in _RESULTS and after[1][:1].isupper():
        return last + 2
    return None


# Verbs of losing before "to" or "by" and the winner: "losing 3-2 to Chelsea", "beaten by Leeds".
_LOSING = word_set("lost losing lose beaten")


def lost_to(words: list[str], first: int) -> bool:
    """Whether the name at `first` won against the team before it: "his side losing 3-2 to
    Chelsea", "were beaten by Leeds" (a person never beats a side so)."""
    if first < 2 or words[first - 1] not in ("to", "by"):
        return False
    verb = first - 3 if _SCORE.match(words[first - 2]) else first - 2
    return verb >= 0 and words[verb] in _LOSING


def team_cue(words: list[str], first: int, last: int) -> bool:
    """Whether the words around a name say it is a team, in a story about sport: its staff or
    fans after it ("the Caloundra coach"), a result ("Caloundra defeated Maroochydore", "which
    Leeds won 2-1", "a win over Leeds", "losing 3-2 to Leeds"), a fixture ("Newcastle v
    Tottenham", "Bolton host Arsenal", "Leicester will visit"), a career ("a return for
    Edinburgh", "on loan to Sale"), or a club in brackets after a player in a squad list ("M
    Blair (Edinburgh)", "G Bulloch (Glasgow, capt)")."""
    after = words[last + 1 : last + 3]
    before = tuple(words[max(first - 2, 0) : first])
    return (
        team_staff_cue(words, last)
        or result_opponent(words, last) is not None
        or lost_to(words, first)
        or (len(after) == 2 and after[0] in _RESULTS and bool(_SCORE.match(after[1])))
        or (before[-1:] != () and before[-1] in _BEFORE_TEAM)
        or (after[:1] != [] and after[0] in _AFTER_TEAM)
        or tuple(after) in _VISITING
        or before in _BEFORE_TEAM_PAIRS
        or (
            before[-1:] == ("(",)
            and first >= 3
            and len(words[first - 3].rstrip(".")) == 1
            and words[first - 3][:1].isupper()
            and words[last + 1 : last + 2] in ([")"], [","])
        )
    )
