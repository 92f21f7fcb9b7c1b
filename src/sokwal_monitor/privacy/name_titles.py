"""Names after a title, a form of address, a clerical or a family title ("mevrouw
Hoop", "tante Bet"), after initials ("A.M. Kleine Schaars"), after a greeting or above a
signature ("Beste Fatma,", "Groet, Henk"), and nicknames ("iedereen zegt Mila").

>>> [h.text for h in titled_names("Daarna kwam tante Bet, en later dhr. Hoop.")]
['Bet', 'Hoop']
"""

from __future__ import annotations

import re

from .lists import ORGANISATION_HEAD, Hit, Lists, is_organisation
from .name_lists import (
    _NEVER,
    dutch_words,
    first_names,
    is_name_word,
)
from .name_words import (
    _CAP,
    _CAPITAL_AFTER_SPACE,
    _LOWER_PARTICLES,
    _PARTICLE,
    _ROLE_WORDS,
    _SPACED,
    _TITLE_WORDS,
)
from .places import is_place

__all__ = ["titled_names"]


# -- names after a title, initials, greetings and nickname cues ----------------------
#: A particle in a name after a title, in either case ("Mevrouw Van Dijk", "dhr. de Wit").
_ANY_PARTICLES = (
    r"(?:(?:[Vv]an|[Dd]e|[Dd]er|[Dd]en|[Tt]er|[Tt]en|[Tt]e|[Ii]n\s+['’]t|['’]t|[Oo]p\s+de|"
    r"[Ee]l|[Aa]l)\s+)"
)
_NAME_WORD = rf"{_CAP}[\w'’\-]*\w"
#: Initials, spaced or not, with a first name in brackets: "J.P. (Jelle) ", "A. M. ".
_INITIALS_PART = rf"(?:(?:{_CAP}\.\s?){{1,4}}(?:\({_CAP}[a-zà-ÿ]+\)\s+)?)"
#: A title, a form of address, a clerical or a family title before a name: "mevrouw
#: Hoop", "dhr. Hoop", "dokter Kleine Schaars", "pater Zbigniew", "zr. A.M. Zwart", "tante
#: Bet", "ome Gerrit", "tia Lurdes". After one, a capitalised word is a name even when it
#: is a Dutch word or a place.
_TITLE_WORD = (
    r"(?i:mevrouw|meneer|mijnheer|mevr\.?|mw\.|dhr\.?|de\s+heer|dokter|dr\.|drs\.|ir\.|"
    r"ing\.|mr\.|prof\.|ds\.|dominee|pastoor|pastor|pater|padre|imam|zuster|broeder|br\.|"
    r"zr\.|juf|juffrouw|meester|tante|oom|ome|opa|oma|opoe|omi|opi|tia|tio|teyze|amca|abla|"
    r"nonna|nonno|babcia|dziadek|weduwe|weduwnaar|wijlen)"
)
_TITLED = re.compile(
    rf"(?<![\w.\-]){_TITLE_WORD}\s+(?P<name>{_INITIALS_PART}?{_ANY_PARTICLES}*{_NAME_WORD}"
    rf"(?:[ \t]+{_ANY_PARTICLES}*{_NAME_WORD}){{0,2}})"
)
#: Initials before a surname: "A.M. Kleine Schaars", "J.W. de Boer", "T. Özdemir".
_INITIALLED = re.compile(
    rf"(?P<initials>(?:{_CAP}\.\s?){{1,4}})(?:\({_CAP}[a-zà-ÿ]+\)\s+)?"
    rf"(?P<rest>{_ANY_PARTICLES}*{_NAME_WORD}(?:[ \t]+{_NAME_WORD})?)"
)
_GLUED_BEFORE = re.compile(r"[\w.\-]")
#: What may stand before a lone initial: a line start, punctuation, a linking word.
_LONE_INITIAL_BEFORE = re.compile(
    r"(?:^|[\n,;:(&/]|\b(?:en|of|door|met|van|aan|voor|bij|namens|dhr\.|mevr\.|mw\.))[ \t]*$"
)
#: Abbreviations that look like initials ("N.B. Dit", "P.S. Ik").
_NOT_INITIALS = frozenset("n.b. p.s. b.v. n.v. a.u.b. t.a.v. i.v.m. o.a. e.d. z.s.m. m.v.g. "
                          "v.o.f. c.q. d.w.z. m.a.w. u.a. a.s. j.l. s.v.p.".split())  # fmt: skip
#: Words never a name after a title or initials: roles ("Meneer Pastoor"), months, days.
_NOT_AFTER_TITLE = frozenset(
    "burgemeester wethouder voorzitter pastoor dominee dokter directeur minister koning "
    "koningin prins prinses god heer here jezus christus maria allah januari februari maart "
    "april mei juni juli augustus september oktober november december maandag dinsdag "
    "woensdag donderdag vrijdag zaterdag zondag hallo hoi dag goedemorgen goedemiddag "
    "goedenavond sorry dank bedankt welkom allemaal iedereen".split()
)


_INITIALS_ONLY = re.compile(r"(?:[A-Z]\.)+")


def _name_words_after(start: int, name: str, lists: Lists, *, first_free: bool) -> Hit | None:
    """The name that starts ``name`` (at ``start``): its words up to the first that
    cannot continue a person's name (an organisation's head, a place, a role, a month);
    the first word may be any capitalised word when ``first_free`` (after a title)."""
    tokens = list(_SPACED.finditer(name))
    end, words, particle = 0, 0, False
    for token in tokens:
        word = token.group().strip("(),")
        folded = word.casefold()
        if _PARTICLE.fullmatch(word) or _INITIALS_ONLY.fullmatch(word):
            particle = True
            continue  # particles and initials join the next word
        if (
            (not particle and (folded in _NOT_AFTER_TITLE or folded in _NEVER))
            or ORGANISATION_HEAD.match(word)
            or (words and not particle and (is_place(word) or folded in _ROLE_WORDS))
            or (not first_free and words == 0 and not is_name_word(word))
        ):
            break
        words += 1
        end, particle = token.end(), False
    if not words:
        return None
    found = name[:end].rstrip(" ,")
    if lists.allowed(found) or is_organisation(found):
        return None
    return Hit(start, start + len(found), "PERSOON", found)


def titled_names(text: str, lists: Lists | None = None) -> list[Hit]:
    """Names after a title, a form of address, a clerical or a family title ("mevrouw
    Hoop", "dokter Kleine Schaars", "pater Zbigniew", "tante Bet", "zr. A.M. Zwart"):
    a capitalised word there is a name, be it a Dutch word or a place's name.

    >>> [h.text for h in titled_names("Daarna kwam tante Bet, en later dhr. Hoop.")]
    ['Bet', 'Hoop']
    >>> titled_names("Meneer Pastoor las voor. Oma gaat naar de Zonnebloem.")
    []
    """
    lists = lists if lists is not None else Lists.of()
    hits: list[Hit] = []
    for cap in _CAPITAL_AFTER_SPACE.finditer(text):
        start = cap.start()
        if hits and start < hits[-1].end:
            continue  # a word of the name just found
        titled = _titled_at(text, start, text[max(0, start - 40) : start].split())
        if titled is not None:
            hit = _name_words_after(titled[0], titled[1], lists, first_free=True)
            hits += [hit] if hit is not None else []
    return hits


def _titled_at(text: str, start: int, before: list[str]) -> tuple[int, str] | None:
    """``(start, words)`` of the name after a title whose capitalised word is at
    ``start`` (``before``: the words before it), or None: a set lookup, and the pattern
    only after a title."""
    k = len(before)
    while k and before[k - 1] in _LOWER_PARTICLES:  # "mevrouw de Wit"
        k -= 1
    word = before[k - 1].casefold() if k else ""
    if word not in _TITLE_WORDS and not (word == "heer" and k > 1 and before[k - 2] == "de"):
        return None
    for m in _TITLED.finditer(text, max(0, start - 40), min(len(text), start + 120)):
        if m.start("name") <= start < m.end("name"):
            return m.start("name"), m.group("name")
    return None


def _initialled_names(text: str, lists: Lists) -> list[Hit]:
    """Initials and a surname ("A.M. Kleine Schaars", "T. Özdemir"): the first word
    after the initials must read as a name, unless there are two initials or more."""
    hits = []
    for m in _INITIALLED.finditer(text):
        if m.start() and _GLUED_BEFORE.match(text, m.start() - 1):
            continue  # inside a word or an abbreviation: "KvK.", "e.a."
        initials = m.group("initials").replace(" ", "")
        if initials.casefold() in _NOT_INITIALS:
            continue
        several = initials.count(".") > 1
        if not several and not _LONE_INITIAL_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue  # "in groep A. Daarna": a sentence's end, no initial
        hit = _name_words_after(m.start("rest"), m.group("rest"), lists, first_free=several)
        if hit is not None and not (hit.text in dutch_words() and not several):
            hits.append(Hit(m.start(), hit.end, "PERSOON", text[m.start() : hit.end]))
    return hits


#: A greeting before a name at a line's start ("Beste Fatma,", "Hoi Bas!"), a closing
#: before a signature on the same line or the next ("Groet, Henk", "Met vriendelijke
#: groet,\n\nH. Brouwer").
_GREETED = re.compile(
    r"\n[ \t]*(?:(?P<open>(?i:beste|hoi|hallo|hai|hey|dag|lieve|geachte))[ \t]+"
    r"|(?P<close>(?i:(?:met\s+)?(?:vriendelijke|hartelijke|lieve)\s+groet(?:en|jes)?|"
    r"groet(?:en|jes)?|liefs|mvg|gr\.?|doei|tot\s+(?:zo|snel|gauw)))[ \t]*[,!.]?[ \t]*"
    r"(?:\n[ \t]*){0,2})"
    rf"(?P<name>{_INITIALS_PART}?{_NAME_WORD}(?:[ \t]+{_ANY_PARTICLES}*{_NAME_WORD}){{0,2}})"
    r"[ \t]*(?P<end>[,!.]?[ \t]*$)",
    re.MULTILINE,
)


def _greeted_names(text: str, lists: Lists) -> list[Hit]:
    """Names after a greeting or in a signature (see :data:`_GREETED`): a first name
    that is a word too ("Beste Roos,") counts; plural nouns ("Beste Bewoners,") do not."""
    hits = []
    # the pattern opens with a line break (found fast): a text's first line gets one
    for m in _GREETED.finditer("\n" + text):
        name = m.group("name")
        first = name.split()[0]
        folded = first.casefold()
        if folded in dutch_words() and folded not in first_names() and "." not in first:
            continue  # "Beste Vrijwilligers,", "Groeten, Het bestuur"
        hit = _name_words_after(m.start("name") - 1, name, lists, first_free=True)
        if hit is not None:
            hits.append(hit)
    return hits


#: A nickname or a name by which someone goes: "iedereen zegt Mila", "ze noemen me
#: Broer", "in de familie ben ik Broer", "roepnaam Bep".
_NICKNAMED = re.compile(
    r"(?<!\w)(?i:(?:iedereen|ze|men|we|wij|hier)\s+(?:zegt|zeg|zeggen|noemt|noemen)(?:\s+(?:me|mij|"
    r"hem|haar|ons))?|noem(?:en|t)\s+(?:ze|men|we|iedereen)\s+(?:me|mij|hem|haar)|"
    r"(?:in\s+de\s+familie|thuis|voor\s+iedereen)\s+(?:ben|is|was|heet|heette)\s+"
    r"(?:ik|hij|zij|ze)|roepnaam|bijnaam|alias|oftewel)[ \t]+(?:gewoon[ \t]+)?"
    rf"['‘\"“]?(?P<name>{_NAME_WORD}|(?P<lower>[a-zà-ÿ][\w'’\-]*\w))"
)


#: Words one of which :data:`_NICKNAMED` needs (a cheap test before the pattern).
_NICK_CUES = ("zeg", "noem", "roepnaam", "bijnaam", "alias", "oftewel", "familie", "thuis",
              "iedereen")  # fmt: skip


def _nicknames(text: str, lists: Lists) -> list[Hit]:
    """Nicknames after a cue (:data:`_NICKNAMED`), Dutch words too ("Broer"); in lower
    case a word that is no Dutch word ("iedereen zeg gait")."""
    hits: list[Hit] = []
    folded = text.casefold()
    if not any(cue in folded for cue in _NICK_CUES):
        return hits
    for m in _NICKNAMED.finditer(text):
        lower = m.group("lower")
        if lower:
            folded = lower.casefold()
            if not (folded not in dutch_words() and folded not in _NEVER and len(folded) > 2):
                continue
            hits.append(Hit(m.start("lower"), m.end("lower"), "PERSOON", lower))
            continue
        hit = _name_words_after(m.start("name"), m.group("name"), lists, first_free=True)
        if hit is not None:
            hits.append(hit)
    return hits
