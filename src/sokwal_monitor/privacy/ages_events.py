"""Whether an age found is no one's age: the length of an event ("het 25-jarig
bestaan"), a number of years of something ("25 jaar lid"), or an age that bounds or sums
up a group ("75-plussers", "tussen 6 en 12 jaar", "de gemiddelde leeftijd was 78"). The
function :func:`is_event_age` and the patterns it needs; :mod:`.ages` re-exports it.
"""

from __future__ import annotations

import re

from .lists import Hit

_EVENT_JARIG = re.compile(
    r"-?jarige?\s+(?i:jubileum|bestaan|huwelijk\w*|samenwerking|geschiedenis|traditie|"
    r"lidmaatschap|dienstverband|periode|project|programma|contract|looptijd|verbintenis|"
    r"loopbaan|carri[eè]re|termijn|plan|onderzoek|ambtsjubileum)\b"
)


def is_event_age(text: str, hit: Hit) -> bool:
    """Whether ``hit`` (an age) is no one's age: the length of an event ("het 25-jarig
    bestaan", "een 10-jarige samenwerking", "hun 60-jarig huwelijk", "dit jaar dus 26
    jaar bestaat") or an age that bounds or sums up a group ("75-plussers", "inwoners van
    75 jaar en ouder", "er waren 84 ouder dan 75 jaar", "de gemiddelde leeftijd was 78").

    >>> is_event_age("de 75-plussers", Hit(3, 5, "LEEFTIJD", "75"))
    True

    >>> is_event_age("het 25-jarig bestaan", Hit(4, 6, "LEEFTIJD", "25"))
    True
    >>> is_event_age("25 jaar lid: Jan", Hit(0, 2, "LEEFTIJD", "25"))
    True
    >>> is_event_age("de 94-jarige mevrouw", Hit(3, 5, "LEEFTIJD", "94"))
    False
    """
    if hit.category != "LEEFTIJD":
        return False
    if _EVENT_JARIG.match(text, hit.end) or _GROUP_AFTER.match(text, hit.end):
        return True
    if (
        _AGE_RANGE.fullmatch(hit.text)
        or _YEARS_OF.match(text, hit.end)
        or _RANGE_AFTER.match(text, hit.end)
    ):
        return True  # "55-64 jaar: 48" (a group's range), "25 jaar lid" (a membership)
    if _GROUP_BEFORE.search(text, max(0, hit.start - 40), hit.start):
        return True
    if _RANGE_BEFORE.search(text, max(0, hit.start - 30), hit.start):
        return True
    return text.startswith(" jaar", hit.end) and bool(
        _EXISTS_BEFORE.search(text, max(0, hit.start - 40), hit.start)
    )


#: After the first bound of a range: "18-25 jaar", "65 - 74".
_RANGE_AFTER = re.compile(r"[ \t]*[\-–][ \t]*\d{1,3}(?!\d)")
#: A range of ages ("55-64", "75 - 84"): the bounds of a group, no one's age.
_AGE_RANGE = re.compile(r"\d{1,3}\s*[\-–]\s*\d{1,3}(?:\s*jaar)?")
#: After a number of years of something: "25 jaar lid", "40 jaar getrouwd", "12 jaar in
#: dienst", "30 jaar vrijwilliger" (a length of time, not an age).
_YEARS_OF = re.compile(
    r"\s*jaar\s+(?:lid|getrouwd|in\s+dienst|vrijwilliger|actief|werkzaam|samen|weduwe|"
    r"weduwnaar|penningmeester|voorzitter|secretaris|bestuurslid)\b"
    # round 9: any role or trade after "jaar" ("30 jaar bakker", "20 jaar huisarts", "12
    # jaar mantelzorger"): a noun of a person's work, not "ouder", "later", "meer"
    r"|\s*jaar\s+(?!(?:ouder|jonger|later|eerder|langer|verder|weer|meer|per|over|onder|"
    r"achter|daar|hier|zeker|maar|ieder|elder|wonder|lekker|super)\b)"
    r"[a-zë]{2,}(?:er|aar|ist|ent|ster|eur|ier|arts|houder|man|vrouw|kracht|lid|kundige|ant|"
    r"ator|aris)\b"
    # the bounds of a range: "van 4 tot 12 jaar" (the first bound)
    r"|\s*(?:jaar\s+)?(?:tot|t/m|tot\s+en\s+met)\s+\d",
    re.IGNORECASE,
)
#: The second bound of a range: "kinderen van 4 tot 12 jaar", "tussen 6 en 12 jaar".
_RANGE_BEFORE = re.compile(
    r"(?:\bvan\s+\d{1,3}\s+(?:jaar\s+)?(?:tot|t/m|tot\s+en\s+met)|\btussen\s+\d{1,3}\s+"
    r"(?:jaar\s+)?en)\s+$",
    re.IGNORECASE,
)
#: After an age that is no one's: "-plussers", "+", "jaar en ouder", "jaar bestaat".
_GROUP_AFTER = re.compile(
    r"(?:-?plus(?:ser|sers)?\b|\+|(?:\s*jaar)?\s+(?:en|of)\s+(?:ouder|jonger|daarboven)\b"
    r"|\s*jaar\s+(?:bestaat|bestaan|bestond|bestaan\s+we)\b)",
    re.IGNORECASE,
)
#: Before it: "gemiddelde leeftijd (was|van) ...", "84 ouder dan", "allen jonger dan".
_GROUP_BEFORE = re.compile(
    r"(?:gemiddelde\s+leeftijd|gemiddeld)\s*(?:is|was|van|lag\s+op|ligt\s+op|:)?\s*"
    r"(?:(?:ruim|bijna|ongeveer|circa|rond)\s+)?$"
    r"|(?:\d+|er|allen|allemaal|velen|meesten|helft|procent|%)\s+(?:ouder|jonger)\s+dan\s+$",
    re.IGNORECASE,
)
#: "bestaat de stichting 39 jaar": how long something exists, no one's age.
_EXISTS_BEFORE = re.compile(
    r"\b(?:bestaat|bestaan|bestond|jubileert|jubileum|viert)\b[^.?!\n]{0,30}$", re.IGNORECASE
)
