"""The words topics are made of: which ones never are, and how spellings of one subject share a key."""

from __future__ import annotations

import re
from collections.abc import Sequence

# Function words (and numerals): they never begin, end or make up a topic.
STOP_WORDS = frozenset(
    """
    a an the this that these those some any all each every no not none both either neither other another such
    much many more most few fewer less least own same several various i me my mine myself we us our ours ourselves
    you your yours yourself yourselves he him his himself she her hers herself it its itself they them their theirs
    themselves one ones who whom whose which what whatever whoever whichever where wherever when whenever why how
    there here then than and or but nor so yet if because as while whilst although though since unless until till
    whether of in on at to for from by with without within about against between among amongst into onto through
    throughout during before after above below up down out off over under again further once upon via per across
    along around behind beyond despite except inside outside towards toward like unlike
    am is are was were be been being have has had having do does did doing done will would shall should can could
    may might must ought let lets
    very too also just only even still already almost quite rather really however moreover therefore thus hence
    nevertheless nonetheless furthermore indeed perhaps otherwise instead meanwhile besides anyway yes
    now today tomorrow yesterday ago ever never always often sometimes soon later
    two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred hundreds thousand
    thousands million millions billion billions first second third last next
    """.split()
)
# Dates say when, not what.
CALENDAR_WORDS = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
# Honorifics and offices stand before a name without being the subject.
TITLES = frozenset(
    """
    mr mrs ms dr sir madam lord lady president presidents vice prime minister ministers secretary secretaries
    deputy chancellor king queen prince princess pope patriarch ambassador envoy chairman chairwoman chairperson
    spokesperson spokesman spokeswoman director head senator governor mayor commissioner representative special
    """.split()
)
# Words of one name may be joined by these ("Union State of Russia", "Summit for Democracy").
NAME_LINKS = frozenset({"of", "for"})

_ROMAN = re.compile(r"[IVXLC]+")


def is_roman(word: str) -> bool:
    return _ROMAN.fullmatch(word) is not None


def is_acronym(word: str) -> bool:
    """An acronym: "NATO", "U.S.", "G20"; not "I", nor a Roman numeral ("World War II")."""
    return len(word) >= 2 and word.isupper() and not is_roman(word)


def cut_possessive(word: str) -> str:
    """The word without a possessive ending: "NATO's" -> "NATO", "Russians'" -> "Russians"."""
    if len(word) > 2 and word[-2] in "'\u2019" and word[-1] in "sS":
        return word[:-2]
    if len(word) > 1 and word[-1] in "'\u2019":
        return word[:-1]
    return word


def fold_plural(word: str) -> str:
    """The singular of a lower-case English noun by the regular rules ("countries" -> "country")."""
    if len(word) <= 3 or not word.endswith("s") or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes", "zes")):
        return word[:-2]
    return word[:-1]


def key(words: Sequence[str]) -> str:
    """What the spellings of one subject share: lower case, no dots, the last word singular."""
    joined = " ".join(words).lower().replace(".", "")
    if words[-1].isupper():
        return joined
    head, _, last = joined.rpartition(" ")
    return f"{head} {fold_plural(last)}" if head else fold_plural(last)


def key_of(name: str) -> str:
    """`key` of words written with single spaces between them."""
    return key(name.split(" "))


def query_key(text: str) -> str:
    """The key of a name as a user types it: any spacing, "the" before it, a possessive after a word."""
    words = text.split()
    if len(words) > 1 and words[0].lower() == "the":
        words = words[1:]
    return key([cut_possessive(w) for w in words])


# An acronym's long form may hold small words ("Organisation for Security and Co-operation in Europe").
EXPANSION_LINKS = frozenset({"of", "for", "and", "in", "on", "the", "de"})


def spells(acronym: str, words: Sequence[str]) -> bool:
    """Is `acronym` made of the initials of `words`? Small linking words give a letter or none."""

    def match(i: int, j: int) -> bool:
        if i == len(words):
            return j == len(acronym)
        if j >= len(acronym):
            return False
        word = words[i]
        if is_acronym(word):
            return False  # "US and NATO" spells no "UN": a long form is made of words
        if word in EXPANSION_LINKS:
            # "of" may give its letter ("JCPOA"); "in" gives none, or "Russians in Crimea" would spell "RIC"
            return match(i + 1, j) or (word == "of" and acronym[j] == "O" and match(i + 1, j + 1))
        if word[0].upper() != acronym[j]:
            return False
        if match(i + 1, j + 1):
            return True
        # "Asia-Pacific" gives "AP"
        letters = "".join(p[0].upper() for p in word.split("-")[1:] if p)
        return bool(letters) and acronym.startswith(letters, j + 1) and match(i + 1, j + 1 + len(letters))

    return match(0, 0)
