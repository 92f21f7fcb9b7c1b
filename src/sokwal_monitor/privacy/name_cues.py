"""People's names found by their context: a relative or neighbour named ("mijn dochter
Noor", "haar man johan"), a title before a lower-case surname in a transcript ("mevrouw
ten have"), someone quoted or met ("zei Kees", "met Fatima"), a speaker introducing
themself ("ik ben gerda hulsbeek"); known first names in lower-case transcripts; and
lists of people (attendee lists of minutes, e-mail headers, speaker labels of chats).

>>> [h.text for h in listed_names("Aanwezig: Annie Oude Vrielink, Gerrit Nijhuis")]
['Annie Oude Vrielink', 'Gerrit Nijhuis']
"""

from __future__ import annotations

import re

from .lists import ORGANISATION_HEAD, Hit, Lists, is_organisation
from .name_lists import (
    _NEVER,
    common_words,
    dutch_words,
    first_names,
    is_name_word,
    person_names,
    surnames,
    world_names,
)
from .places import is_place

__all__ = [
    "cued_names",
    "in_lower_case",
    "listed_names",
    "lower_case_names",
    "titled_names",
    "world_name_hits",
]  # fmt: skip


def _is_person(name: str, lists: Lists, *, lower_ok: bool = False, place_ok: bool = False) -> bool:
    """A candidate name all of whose words may be a name, and that is no place,
    organisation or allowed phrase."""
    tokens = _TOKEN.findall(name)
    words = [
        (w, i > 0 and bool(_PARTICLE.fullmatch(tokens[i - 1])))
        for i, w in enumerate(tokens)
        if not (_PARTICLE.fullmatch(w) and i + 1 < len(tokens))
    ]
    # a capitalised word after a particle is a surname ("ter Haar", "in 't Groen")
    if not words or not all(
        (after and w[0].isupper())
        or is_name_word(w, lower_ok=lower_ok)
        or (i == 0 and lower_ok and _word_and_name(w))  # "mijn zoon bas"
        or (i > 0 and lower_ok and w.casefold() not in dutch_words())  # "gerda hulsbeek"
        for i, (w, after) in enumerate(words)
    ):
        return False
    return not (lists.allowed(name) or (is_place(name) and not place_ok) or is_organisation(name))


_TOKEN = re.compile(r"[^\W\d_][\w'’\-]*")
_PARTICLE = re.compile(
    r"(?:van|de|der|den|ter|ten|te|het|'t|’t|t|in|op|la|le|du|da|di|del|el|al|bin|ben|ibn|"
    r"abu|von|zu)",
    re.IGNORECASE,
)
_PARTICLES = r"(?:(?:van|de|der|den|ter|ten|te|in\s+'t|in\s+’t|'t|op\s+de|el|al)\s+)"
_WORD = r"[^\W\d_][\w'’\-]*"
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


_KIN_WORDS = frozenset(
    "man vrouw echtgenoot echtgenote partner dochter dochtertje zoon zoontje broer broertje "
    "zus zusje zuster zwager schoonzus moeder vader opa oma opoe ome kleinzoon kleindochter "
    "kleinkind schoonmoeder schoonvader schoonzoon schoondochter stiefvader stiefmoeder "
    "stiefzoon stiefdochter nicht nichtje neef neefje tante oom buurman buurvrouw buurjongen "
    "buurmeisje overbuurman overbuurvrouw vriend vriendin maatje kind pleegzoon pleegdochter "
    "pleegkind mantelzorger weduwe weduwnaar collega juf meester".split()
)
#: People named by their role in the project: "de tolk Mehari", "vrijwilliger Anton",
#: "buurtcoach Sanne" (after the role, with or without a comma or a bracket).
_ROLE_WORDS = frozenset(
    "tolk vrijwilliger vrijwilligster buurtcoach wijkcoach ouderenadviseur huisarts dominee "
    "pastor pastoor wijkverpleegkundige verpleegkundige thuiszorgmedewerker chauffeur "
    "bezorger opbouwwerker jongerenwerker welzijnswerker mantelzorgconsulent "
    "dorpsondersteuner praktijkondersteuner casemanager maatje".split()
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
#: A capitalised word after a space: where a cued name may start in written text.
_CAPITAL_AFTER_SPACE = re.compile(r"(?<=[ \t\n(])[A-ZÀ-ÝĀ-Ž]")
_CUED_AT = re.compile(rf"{_WORD}(?:\s+{_PARTICLES}*[A-Z][\w'’\-]+)?")


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
        before = context.split()
        if not before:
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
        if _is_person(name, lists, lower_ok=True):
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
    return hits


# -- names after a title, initials, greetings and nickname cues ----------------------
#: A particle in a name after a title, in either case ("Mevrouw Van Dijk", "dhr. de Wit").
_ANY_PARTICLES = (
    r"(?:(?:[Vv]an|[Dd]e|[Dd]er|[Dd]en|[Tt]er|[Tt]en|[Tt]e|[Ii]n\s+['’]t|['’]t|[Oo]p\s+de|"
    r"[Ee]l|[Aa]l)\s+)"
)
_CAP = r"[A-ZÀ-ÖØ-ÞĀ-Ž]"
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


_SPACED = re.compile(r"\S+")
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


#: The titles of :data:`_TITLE_WORD`, as the word before a name reads in lower case.
_TITLE_WORDS = frozenset(
    "mevrouw meneer mijnheer mevr mevr. mw. dhr dhr. dokter dr. drs. ir. ing. mr. prof. ds. "
    "dominee pastoor pastor pater padre imam zuster broeder br. zr. juf juffrouw meester tante "
    "oom ome opa oma opoe omi opi tia tio teyze amca abla nonna nonno babcia dziadek weduwe "
    "weduwnaar wijlen".split()
)
_LOWER_PARTICLES = frozenset("van de der den ter ten te 't ’t in op el al".split())


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


#: A capitalised word not glued to an e-mail address, a handle or a hyphenated word.
_CAPITAL_WORD = re.compile(rf"{_CAP}[a-zà-ÿā-ž]+(?![\w@\-])")  # the char before: see below


#: A capitalised word shaped as a name of another language: Tigrinya and Amharic names
#: built on Gebre-, Tesfa-, Haile-, Wolde- or ending in -mariam, -mikael, -selassie,
#: -giorgis, -medhin; Arabic Abdel-, Abdul-; Polish -ski, -owska, -cki, -wicz, -czyk;
#: Ukrainian -enko, -chuk; Turkish -oğlu; Armenian -yan; Greek -poulos.
_NAME_SHAPE = re.compile(
    r"(?:(?:Gebre(?![kiev])|Ghebre|Tesfa|Haile|Wolde|Abdel|Abdul|Abdur)[a-z]{2,}|"
    r"[A-ZÀ-ÖØ-ÞĀ-Ž][a-zà-ÿā-ž]+(?:ski|(?:ow|ew|iń|in|yń|al)ska|cki|[eiy]cka|wicz|czyk|czak|enko|"
    r"chuk|oğlu|oglu|yan|"
    r"poulos|mariam|mikael|michael|selassie|giorgis|medhin|tsion))"
)
#: The endings of :data:`_NAME_SHAPE` (a cheap test first; "-ska" there only as "-owska",
#: "-ińska", ...: not "Alaska").
_NAME_ENDS = ("ski", "ska", "cki", "cka", "wicz", "czyk", "czak", "enko", "chuk", "oğlu", "oglu",
              "yan", "poulos", "mariam", "mikael", "michael", "selassie", "giorgis", "medhin",
              "tsion")  # fmt: skip
_NAME_STARTS_CAPITALISED = ("Gebre", "Ghebre", "Tesfa", "Haile", "Wolde", "Abdel", "Abdul",
                            "Abdur")  # fmt: skip


def world_name_hits(text: str, lists: Lists | None = None) -> list[Hit]:
    """Capitalised names of :func:`.name_lists.world_names` (names of origins deduce's
    lists lack, no Dutch words), wherever they stand ("de oudste, Semhar (14)"), and
    words shaped as names of those languages (:data:`_NAME_SHAPE`: "Ghebremariam",
    "Kowalski"), unless a Dutch word, a place or allowed.

    >>> [h.text for h in world_name_hits("De oudste, Semhar, en pater Zbigniew. Mei kwam.")]
    ['Semhar', 'Zbigniew']
    >>> [h.text for h in world_name_hits("Het gezin Ghebremariam en Jan Kowalski; de Ski-club")]
    ['Ghebremariam', 'Kowalski']
    """
    names, words = world_names(), dutch_words()
    capitalised = set(_CAPITAL_WORD.findall(text))  # each word once, then set operations
    targets = {w for w in capitalised if w.casefold() in names} if not names.isdisjoint(
        map(str.casefold, capitalised)
    ) else set()  # fmt: skip
    targets |= {
        w
        for w in capitalised
        if w.endswith(_NAME_ENDS) or w.startswith(_NAME_STARTS_CAPITALISED)
        if _NAME_SHAPE.fullmatch(w) and w.casefold() not in words
    }
    if not targets:
        return []
    found = [m for m in _CAPITAL_WORD.finditer(text) if m.group() in targets]
    lists = lists if lists is not None else Lists.of()
    return [
        Hit(m.start(), m.end(), "PERSOON", m.group())
        for m in found
        if not (
            (m.start() and _GLUED_BEFORE.match(text, m.start() - 1))
            or is_place(m.group())
            or lists.allowed(m.group())
        )
    ]


#: Lower-case words on deduce's first-name list that are Dutch function words or dialect
#: forms, not names, in a transcript ("u bent", "ik ken", "mar", "mien").
_LOWER_NOT_NAMES = frozenset(
    "bent ken kent mar bin mien di on can ya nam jarig maatje erin eruit erop eraan erbij "
    "ermee erna ervoor mee".split()
)


def lower_case_names(text: str, lists: Lists | None = None) -> list[Hit]:
    """In a transcript without capitals (speech recognition), every known first name
    that is no Dutch word is taken for a name, cue or not: capitals, the usual sign of a
    name, are missing ("groetjes aan anouk", "henk en gerda van hiernaast").

    >>> [h.text for h in lower_case_names("ja en dan heb je nog henk en de bas van hiernaast")]
    ['henk']
    >>> lower_case_names("Dan heb je nog henk.")
    []
    """
    if not in_lower_case(text):
        return _in_lower_case_turns(text, lists)
    return _lower_case_names_in(text, 0, len(text), lists)


def _lower_case_names_in(text: str, start: int, end: int, lists: Lists | None) -> list[Hit]:
    """:func:`lower_case_names` on ``text[start:end]``."""
    lists = lists if lists is not None else Lists.of()
    names, words = first_names(), dutch_words()
    out = []
    for m in _LOWER_TOKEN.finditer(text, start, end):
        word = m.group()
        if (
            word in names
            and word not in words
            and word not in _NEVER
            and word not in _LOWER_NOT_NAMES
            and not is_place(word)
            and not lists.allowed(word)
        ):
            out.append(Hit(m.start(), m.end(), "PERSOON", word))
    return out


#: A turn that opens in lower case, after a speaker's label (and a chat's time stamp):
#: "Amina: ik ben amina, ik kom uit ...", "[05-02-2024 18:02] Henk: was gezellig. truus
#: zei ..." in a text that is otherwise capitalised.
_LOWER_TURN = re.compile(  # matched on "\n" + text: a line break opens it (found fast)
    r"\n(?P<stamp>\[[^\]\n]{1,30}\][ \t]*)?"
    r"(?:(?P<label>[^\n:\[\]<]{1,40}):|<v (?P<voice>[^>\n]{1,40})>)[ \t]*"
    r"(?=[a-zà-ÿ])(?P<body>[^\n]{30,})"
)


def _speaker_label(label: str) -> bool:
    """A speaker's label ("R", "Amina", "SPREKER 2", "Henk Wolters"), not a report's
    heading word ("Privacy", "Verloop van vrijwilligers")."""
    words = label.split()
    if not words or len(words) > 4:
        return False
    if len(label.strip()) <= 3 or label.isupper():
        return True
    return all(is_name_word(w) or _PARTICLE.fullmatch(w) for w in words)


def _in_lower_case_turns(text: str, lists: Lists | None) -> list[Hit]:
    """Names in the turns of a capitalised text that a speaker wrote in lower case
    (a chat, a transcribed turn): a turn of six words or more that opens in lower case
    and has at most one capitalised word in six; lower-case relatives and
    self-introductions in it too ("mijn man abdi", "ik ben amina")."""
    out: list[Hit] = []
    for turn in _LOWER_TURN.finditer("\n" + text):
        if turn.group("label") is not None and not (
            turn.group("stamp") or _speaker_label(turn.group("label"))
        ):
            continue
        body = turn.group("body")
        words = body.count(" ") + 1
        if words < 6 or len(_CAPITALISED.findall(body)) > words / 6:
            continue
        start, end = turn.start("body") - 1, turn.end("body") - 1
        out += _lower_case_names_in(text, start, end, lists)
        for pattern in (_KIN_CUE, _SELF_CUE):
            for m in pattern.finditer(body):
                name = _first_words_that_are_names(m.group("name"))
                if name and name[0].islower() and not _PARTICLE.fullmatch(name.split()[0]):
                    at = start + m.start("name")
                    if _is_person(name, lists or Lists.of(), lower_ok=True):
                        out.append(Hit(at, at + len(name), "PERSOON", name))
    return out


#: A lower-case word of three letters or more.
_LOWER_TOKEN = re.compile(r"(?<![\w\-@.])[a-zà-ÿ]{3,}(?![\w\-@])")
_CAPITALISED = re.compile(r"[A-Z][a-z]")


def in_lower_case(text: str) -> bool:
    """True for a text written (mostly) without capitals, as speech recognition may give
    it: fewer than one word in fifty capitalised (Dutch prose has about one in eight).

    >>> in_lower_case("ja ik ben gerda en dit is johan"), in_lower_case("Ik ben Gerda.")
    (True, False)
    """
    sample = text[:5_000]
    words = sample.count(" ") + sample.count("\n")
    return words >= 5 and len(_CAPITALISED.findall(sample)) < words / 50


def _word_and_name(word: str) -> bool:
    """A lower-case first name that is a Dutch word too, right after a cue: "mijn zoon
    bas", "haar dochter roos" (not a common word: "mijn man kan", "zei mee")."""
    folded = word.casefold()
    return (
        word.islower()
        and folded in first_names()
        and folded not in common_words()
        and folded not in _NEVER
        and folded not in _LOWER_NOT_NAMES
        and len(folded) > 2
    )


def _first_words_that_are_names(name: str) -> str:
    """The cued words up to the first that cannot be part of a name: "gerda hulsbeek" ->
    itself, "Noor en" -> "Noor"; lower-case words continue a lower-case name only. The
    words as the text has them (a line break between them stays one)."""
    spans = list(_SPACED.finditer(name))
    words = [m.group() for m in spans]
    keep: list[str] = []
    for i, word in enumerate(words):
        if _PARTICLE.fullmatch(word) and i + 1 < len(words):
            keep.append(word)
            continue
        if keep and word[0].islower():  # "gerda hulsbeek": a surname after a first name
            folded = word.casefold()
            if keep[-1][0].isupper() or folded in dutch_words() or folded in _NEVER:
                break
        elif not (is_name_word(word, lower_ok=True) or (not keep and _word_and_name(word))):
            break
        keep.append(word)
    while keep and _PARTICLE.fullmatch(keep[-1]):
        keep.pop()
    return name[: spans[len(keep) - 1].end()] if keep else ""


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
