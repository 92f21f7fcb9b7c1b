"""People's names found by their context: a relative or neighbour named ("mijn dochter
Noor", "haar man johan"), a title before a lower-case surname in a transcript ("mevrouw
ten have"), someone quoted or met ("zei Kees", "met Fatima"), a speaker introducing
themself ("ik ben gerda hulsbeek"); and lists of people (attendee lists of minutes,
e-mail headers, speaker labels of chats). Titles, initials, greetings and nicknames are
in :mod:`.name_titles`, names known by their form in :mod:`.name_shapes`.

>>> [h.text for h in listed_names("Aanwezig: Annie Oude Vrielink, Gerrit Nijhuis")]
['Annie Oude Vrielink', 'Gerrit Nijhuis']
"""

from __future__ import annotations

import bisect
import re

from .lists import ORGANISATION_HEAD, Hit, Lists
from .name_lists import (
    _NEVER,
    common_words,
    dutch_words,
    first_names,
    person_names,
    surnames,
)
from .name_titles import (
    _NOT_AFTER_TITLE,
    _greeted_names,
    _initialled_names,
    _name_words_after,
    _nicknames,
    _titled_at,
)
from .name_turns import (
    compound_first_names,
    first_and_surnames,
    lower_cued_names,
    turn_names,
)
from .name_words import (
    _CAPITAL_AFTER_SPACE,
    _LOWER_PARTICLES,
    _PARTICLE,
    _PARTICLES,
    _ROLE_WORDS,
    _TITLE_WORDS,
    _TOKEN,
    _WORD,
    _first_words_that_are_names,
    _is_person,
    in_lower_case,
)
from .places import is_place

__all__ = ["cued_names", "listed_names"]


#: A name after a cue: one word, or more words with particles between ("Wim van Olst").
_CUED = rf"(?P<name>{_WORD}(?:\s+{_PARTICLES}*[A-Z][\w'’\-]+)?)"
_KIN = (
    r"(?:man|vrouw|echtgeno(?:o|t)e?|partner|dochter(?:tje)?|zoon(?:tje)?|broer(?:tje)?|"
    r"zus(?:je)?|zuster|zwager|schoonzus|moeder|vader|opa|oma|kleinzoon|kleindochter|"
    r"kleinkind|schoon(?:moeder|vader|zoon|dochter)|stief(?:vader|moeder|zoon|dochter)|"
    r"nicht(?:je)?|neef(?:je)?|tante|oom|(?:over)?buur(?:man|vrouw|jongen|meisje)|vriend(?:in)?|"
    r"maatje|kind|pleeg(?:zoon|dochter|kind)|mantelzorger|weduwe|weduwnaar|collega)"
)
#: "mijn dochter Noor", "Zoon Kuba", "haar man johan": a relative or neighbour named.
_KIN_CUE = re.compile(
    rf"(?<!\w)(?:(?:mijn|m'n|mien|zijn|z'n|haar|heur|onze|ons|hun|uw|je|jouw|de|een)\s+)?{_KIN}"
    rf"\s+{_CUED}",
    re.IGNORECASE,
)
#: "mevrouw ten have", "meneer hulsbeek": a title before a lower-case surname (deduce
#: finds the capitalised ones).
_TITLE_CUE = re.compile(
    r"(?<!\w)(?:mevrouw|meneer|mijnheer|mevr\.?|mw\.?|dhr\.?|de\s+heer|juffrouw|dokter)\s+"
    rf"(?P<name>{_PARTICLES}*[a-z][\w'’\-]+)",
    re.IGNORECASE,
)
#: "zei Kees", "volgens Tesfay": someone quoted (any name-like word).
_SAID_CUE = re.compile(
    r"(?<!\w)(?:zei|zegt|zeggen|vertelt|vertelde|vroeg|vraagt|antwoordt|antwoordde|riep|"
    rf"meldt|meldde|volgens|aldus)\s+{_CUED}",
    re.IGNORECASE,
)
#: "met Fatima", "via wendy": someone met (a known first name only).
_WITH_CUE = re.compile(
    r"(?<!\w)(?:met|via|samen\s+met|tegen|naast|heet|noemen\s+ze|noemt\s+men)\s+"
    rf"(?P<name>{_WORD})",
    re.IGNORECASE,
)
#: "ik ben gerda hulsbeek", "mijn naam is Ayşe": someone introducing themself.
_SELF_CUE = re.compile(
    rf"(?<!\w)(?:ik\s+ben|ik\s+bin|ik\s+heet|ik\s+hiet|(?:mijn|mien)\s+naam\s+is|naam\s*:)\s+{_CUED}",
    re.IGNORECASE,
)


_KIN_BEFORE = re.compile(
    r"(?<![\w\-])(?i:vrouw|man|echtgenote|echtgenoot|dochter|zoon|moeder|vader|broer|zus|"
    r"oma|opa|tante|oom|ome|kleinzoon|kleindochter|schoonzoon|schoondochter)[ \t]+\Z"
)
_KIN_WORDS = frozenset(
    "man vrouw echtgenoot echtgenote partner dochter dochtertje zoon zoontje broer broertje "
    "zus zusje zuster zwager schoonzus moeder vader opa oma opoe ome kleinzoon kleindochter "
    "kleinkind schoonmoeder schoonvader schoonzoon schoondochter stiefvader stiefmoeder "
    "stiefzoon stiefdochter nicht nichtje neef neefje tante oom buurman buurvrouw buurjongen "
    "buurmeisje overbuurman overbuurvrouw vriend vriendin maatje kind pleegzoon pleegdochter "
    "pleegkind mantelzorger weduwe weduwnaar collega juf meester".split()
)
#: Languages, which follow a role too ("de tolk, Arabisch en Tigrinya").
_LANGUAGES = frozenset(
    "arabisch turks pools engels frans duits spaans portugees russisch oekraïens somalisch "
    "tigrinya amhaars farsi dari pasjtoe koerdisch berbers tamazight papiaments sranan "
    "chinees mandarijn vietnamees fries twents nedersaksisch".split()
)
_SAID_WORDS = frozenset(
    "zei zegt zeggen vertelt vertelde vroeg vraagt antwoordt antwoordde riep meldt meldde "
    "volgens aldus".split()
)
_WITH_WORDS = frozenset("met via tegen naast heet".split())
_WITH_PAIRS = frozenset({("samen", "met"), ("noemen", "ze"), ("noemt", "men")})
_SELF_PAIRS = frozenset({("ik", "ben"), ("ik", "bin"), ("ik", "heet"), ("naam", "is")})
_CUED_AT = re.compile(rf"{_WORD}(?:\s+{_PARTICLES}*[A-Z][\w'’\-]+)?")


#: Every word that can be the cue right before a capital in :func:`_cues_before_capitals`
#: (casefolded); a relative or a role may have commas or a bracket after it.
_CUE_WORDS = (
    _TITLE_WORDS | _LOWER_PARTICLES | _KIN_WORDS | _SAID_WORDS | _WITH_WORDS | _ROLE_WORDS
    | {second for _, second in _SELF_PAIRS | _WITH_PAIRS} | {"heer", "naam:"}
)  # fmt: skip
_KIN_OR_ROLE = _KIN_WORDS | _ROLE_WORDS


def _cues_before_capitals(text: str) -> list[tuple[int, str, bool, bool]]:
    """``(start, words, known_only, free)`` of each capitalised word right after a cue
    word (``free``: any capitalised word is a name there, a role's apposition "de tolk,
    Mehari"): the cue is read back from the word (a set lookup), so the text is scanned
    once."""
    out = []
    for cap in _CAPITAL_AFTER_SPACE.finditer(text):
        start = cap.start()
        context = text[max(0, start - 30) : start]
        if context.endswith("("):  # "mijn vader (Slamet, ...)": the cue before the bracket
            context = context[:-1].rstrip() + ","
        last = context.rsplit(None, 1)  # the word before, first: most are no cue
        if not last or (
            (word := last[-1].casefold()) not in _CUE_WORDS
            and word.rstrip(",(") not in _KIN_OR_ROLE
        ):
            continue
        before = context.split()
        if not before or context.count("\n", len(context.rstrip())) > 1:
            # a blank line between: a cue closing a paragraph or a subject line does not
            # name the next paragraph's first word ("... voor mijn vader\n\nHoi Ilse,",
            # "... van haar man\n\nLidnr. 0154")
            continue
        one = before[-1].casefold()
        two = (before[-2].casefold(), one) if len(before) > 1 else ("", one)
        if one in _TITLE_WORDS or one in _LOWER_PARTICLES or two == ("de", "heer"):
            titled = _titled_at(text, start, before)  # "tante Bet", "mevrouw de Wit"
            if titled is not None:
                out.append((titled[0], titled[1], False, True))
                continue
        bare = one.rstrip(",(")  # "de tolk, Mehari", "mijn vader (Slamet, geb. ...)"
        role = bare in _ROLE_WORDS
        apposition = False
        if role:  # a role is often followed by an employer: a known first name only,
            first = _TOKEN.match(text, start)  # or any name after a comma ("de tolk, Mehari")
            word = first.group().casefold() if first else ""
            named = word in first_names() and word not in dutch_words()
            apposition = (
                one.endswith(",")
                and word not in common_words()
                and not (
                    ORGANISATION_HEAD.match(word)
                    or is_place(word)
                    or word in _NOT_AFTER_TITLE
                    or word in _LANGUAGES
                )
            )
            if not (named or apposition):
                continue
        if (
            one in _KIN_WORDS
            or one in _SAID_WORDS
            or two in _SELF_PAIRS
            or one == "naam:"
            or (bare != one and bare in _KIN_WORDS)
            or role
        ):
            known_only = False
        elif one in _WITH_WORDS or two in _WITH_PAIRS:
            known_only = True
        else:
            continue
        m = _CUED_AT.match(text, start)
        if m:
            out.append((start, m.group(), known_only, apposition))
    return out


def _cues_in_lower_case(text: str) -> list[tuple[int, str, bool, bool]]:
    """The same for a text without capitals: the cue patterns, names in any case."""
    out = []
    for pattern, known_only in (
        (_KIN_CUE, False),
        (_SAID_CUE, False),
        (_SELF_CUE, False),
        (_WITH_CUE, True),
    ):
        out += [
            (m.start("name"), m.group("name"), known_only, False) for m in pattern.finditer(text)
        ]
    return out


def cued_names(text: str, lists: Lists | None = None) -> list[Hit]:
    """Names after a cue (see the module): relatives, titles, quotes, self-introductions.

    >>> [h.text for h in cued_names("dank u wel mevrouw ten have")]
    ['ten have']
    >>> [h.text for h in cued_names("Ik ben blij met de Roos van Jericho.")]
    []
    """
    lists = lists if lists is not None else Lists.of()
    hits: list[Hit] = []
    lower_ok = in_lower_case(text)
    found = _cues_in_lower_case(text) if lower_ok else _cues_before_capitals(text)
    for start, name, known_only, free in found:
        if free:
            hit = _name_words_after(start, name, lists, first_free=True)
            hits += [hit] if hit is not None else []
            continue
        name = _first_words_that_are_names(name)
        lower = bool(name) and name[0].islower()
        if not name or (lower and (not lower_ok or _PARTICLE.fullmatch(name.split()[0]))):
            continue  # "ik ben buddy" in written text; "mijn moeder in Groenlo"
        folded = name.casefold()
        if known_only and (folded not in first_names() or folded in dutch_words()):
            continue  # "met Fatima", not "Met Kerst" (deduce knows "met Jan")
        # right after a relative even a place's name is a person's ("vrouw Saba")
        kin = _KIN_BEFORE.search(text, max(0, start - 16), start) is not None
        if _is_person(name, lists, lower_ok=True, place_ok=kin and name[0].isupper()):
            hits.append(Hit(start, start + len(name), "PERSOON", name))
    for m in _TITLE_CUE.finditer(text) if lower_ok else ():
        name = m.group("name")
        tokens = _TOKEN.findall(name)
        folded = tokens[-1].casefold()
        # after a title even a place's name is a person's ("mevrouw hulsbeek"), and a
        # word after a particle is a surname when surnames hold it ("meneer de wit")
        word_ok = folded not in dutch_words() or (len(tokens) > 1 and folded in surnames())
        if word_ok and folded not in _NEVER and not lists.allowed(name):
            hits.append(Hit(m.start("name"), m.end("name"), "PERSOON", name))
    if not lower_ok:  # names after a title: among the cues before capitals
        hits += _initialled_names(text, lists)
        hits += _greeted_names(text, lists)
    hits += _nicknames(text, lists)
    more = turn_names(text, lists)  # "HARRIE: ...", "[12-10-2024 08:02] jw: ..."
    if not lower_ok:
        more += lower_cued_names(text, lists)  # "dhr. navis", "opa gerrit"
        more += first_and_surnames(text, lists)  # "Lies Eleveld"
    more += compound_first_names(text)  # "jan-willem", "Harm-Jan"
    taken = sorted((h.start, h.end) for h in hits)
    return hits + [h for h in more if not _overlaps(taken, h)]


def _overlaps(spans: list[tuple[int, int]], hit: Hit) -> bool:
    """Whether ``hit`` overlaps one of the sorted ``spans``."""
    i = bisect.bisect_left(spans, (hit.end, hit.end))
    return any(hit.start < e for _, e in spans[:i])


# -- lists of people -----------------------------------------------------------------
#: The head of a line that lists people: minutes, e-mail headers, signatures.
_LIST_HEAD = re.compile(
    r"^[ \t>]*(?:aanwezig|afwezig(?:\s+met\s+(?:kennisgeving|bericht))?|afgemeld|"
    r"met\s+kennisgeving|notulen|notulist|gast(?:en)?|deelnemers|namens\s+[^:\n]{1,40}|"
    r"van|aan|cc|bcc|voorzitter|secretaris|penningmeester|contactpersoon|opgesteld\s+door|"
    r"auteur|verslaglegging|ondertekend)\s*:[ \t]*"
    r"(?P<rest>[^\n]+)",
    re.IGNORECASE | re.MULTILINE,
)
_ITEM_SPLIT = re.compile(r"\s*(?:[,;]|\s\ben\b|&)\s*")
_BRACKETED = re.compile(r"\([^)\n]*\)|<[^>\n]*>|\[[^\]\n]*\]|\S+@\S+")
#: A name in a list: title, initials, particles, capitalised words ("dhr. R.
#: Boerrigter", "B. Kemna-Olthof", "Ria in 't Groen").
_LIST_NAME = re.compile(
    r"(?:(?:mevrouw|meneer|mevr\.|mw\.|dhr\.|de\s+heer|dr\.|drs\.|ir\.|mr\.)\s+)?"
    rf"(?P<name>(?:(?:[A-Z]\.){{1,4}}\s*)?{_PARTICLES}*[A-Z][\w'’\-]+"
    rf"(?:\s+{_PARTICLES}*[A-Z][\w'’\-]+){{0,3}})",
    re.IGNORECASE,
)


def listed_names(text: str, lists: Lists | None = None) -> list[Hit]:
    """Names in lines that list people ("Aanwezig: ...", "Van: ...", "CC: ..."): every
    item that reads as a name (roles in brackets and e-mail addresses left out).

    >>> [h.text for h in listed_names("Aanwezig: G.J. ter Haar (voorzitter), Tesfay Gebremedhin")]
    ['G.J. ter Haar', 'Tesfay Gebremedhin']
    """
    lists = lists if lists is not None else Lists.of()
    hits: list[Hit] = []
    for line in _LIST_HEAD.finditer(text):
        rest, offset = line.group("rest"), line.start("rest")
        blanked = _BRACKETED.sub(lambda m: " " * len(m.group()), rest)
        pos = 0
        for item in _ITEM_SPLIT.split(blanked):
            at = blanked.find(item, pos)
            pos = at + len(item)
            m = _LIST_NAME.fullmatch(item.strip())
            if not item.strip() or m is None:
                continue
            start = offset + at + (len(item) - len(item.lstrip())) + m.start("name")
            name = m.group("name")
            bare = re.sub(r"(?:[A-Z]\.\s*)+", "", name).strip()
            one_word = " " not in bare.strip()
            titled = m.start("name") > 0  # "mw. Jansen-Bos"
            known = all(p in person_names() for p in re.split(r"[-'’]", bare.casefold()) if p)
            if one_word and not (titled or known):
                continue  # "Gast: Samira Bouzid, Avedan": a lone unknown word is no name
            initials = bare != name.strip()  # "G.J. ter Haar": a person, not the place
            if bare and _is_person(bare, lists, place_ok=initials) and name[0].isupper():
                hits.append(Hit(start, start + len(name), "PERSOON", name))
    return hits
