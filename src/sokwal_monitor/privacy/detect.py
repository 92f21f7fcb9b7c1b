"""Finding personal data in Dutch text: deduce, plus the policy of this project.

deduce (the Dutch de-identification library) finds names, places, phone numbers,
e-mail addresses, ages, dates, BSN numbers and URLs. What of that is *personal* data
in monitoring interviews is a policy decision, made here:

- names of people, phone numbers, e-mail addresses, BSN numbers and ages are always
  replaced; a title before a name ("mevrouw", "dhr.") stays in the text;
- street addresses (a street with or without a number, "aan de Veldweg 3") and postal
  codes are replaced; a place name on its own (municipality, village, hamlet, region,
  province: :mod:`.places`) is kept, and so is any other allowed place;
- dates of birth as people say them are replaced, and every other full date long
  enough before the interview that is not clearly an event (:mod:`.dates`);
- the phrases of the curated allow list (instruments, scholars, organisations,
  programmes: :func:`.places.curated_allow`) are kept wherever they occur;
- URLs are replaced when they point at a person (a social-media profile, a page path);
  an organisation's home page is kept.

The allow list (words to keep) and the deny list (names to always replace) come from
the researcher and win over all of the above (:mod:`.lists`: :class:`Lists`,
:class:`Policy`, :class:`Hit`); ages, family names, nicknames and years of birth around
people that deduce misses are :mod:`.people`'s rules.

>>> hits = detect("Mevrouw Smit (87) woont op de Kerkstraat 12. Bel 06-12345678.")
>>> [(h.category, h.text) for h in hits]  # doctest: +SKIP
[('PERSOON', 'Smit'), ('LEEFTIJD', '87'), ('ADRES', 'Kerkstraat 12'), ('TELEFOON', '06-12345678')]
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache, partial
from multiprocessing import get_context
from typing import Any

from .addresses import addresses, described_addresses, is_postbox, is_street_as_place
from .ages import drop_no_ages, is_event_age, more_ages
from .date_context import births_from_hits
from .dates import DatePolicy, birth_dates
from .deduce_load import deduce_instance, deduce_pipeline
from .handles import handles
from .lists import (
    DEFAULT_ALLOW,
    NAMELIKE,
    ORGANISATION_HEAD,
    Hit,
    Lists,
    Policy,
    is_organisation,
    reference_year,
)
from .logging_guard import root_logging_kept
from .names import (
    cued_names,
    in_lower_case,
    is_name_word,
    is_venue,
    is_word,
    listed_names,
    lower_case_names,
    same_names,
    trim_words,
    unknown_name_with_place,
    world_name_hits,
)
from .numbers import is_organisation_number, numbers
from .people import (
    after_names,
    ages_after_names,
    family_names,
    labelled_ages,
    next_ages,
    said_ages,
    trade_and_family_names,
    word_ages,
)
from .places import is_municipality, is_place

__all__ = [
    "CATEGORIES", "DEFAULT_ALLOW", "ORGANISATION_HEAD", "DatePolicy", "Hit", "Lists", "Policy",
    "deduce_instance", "deduce_pipeline", "detect", "detect_all", "is_organisation",
    "reference_year", "with_known_people",
]  # fmt: skip

#: Pseudonym prefixes, one per category of personal data.
CATEGORIES = (
    "PERSOON", "TELEFOON", "EMAIL", "ADRES", "POSTCODE", "LOCATIE", "LEEFTIJD",
    "GEBOORTEDATUM", "BSN", "URL", "ID",
)  # fmt: skip

_TITLES = re.compile(
    r"^(?:(?:mevrouw|mevr\.?|mw\.?|meneer|mijnheer|mnr\.?|dhr\.?|de\s+heer|heer|juffrouw|"
    r"dokter|dr\.?|drs\.?|ir\.?|ing\.|mr\.?|prof\.?|zuster|broeder|pastoor|dominee|ds\.?|"
    r"tante|oom|opa|oma|buurman|buurvrouw)\s+)+",
    re.IGNORECASE,
)
#: A tussenvoegsel ("de", "van der", ...) starting a surname.
_TUSSEN_RE = re.compile(
    r"^(?:de|der|den|van|von|ter|ten|te|het|'t|in|op|onder|bij|la|le|du|da|di|del|d')$",
    re.IGNORECASE,
)
_POSTCODE = re.compile(r"\b[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}\b")
# a house number: 1-4 digits (not a year), maybe a letter: "12", "7a", "103 B"
_HOUSE_NUMBER = re.compile(r"\b(?!(?:19|20)\d\d\b)\d{1,4}\s?[a-zA-Z]?\b")
_STREET = re.compile(
    r"\w(straat|weg|laan|plein|dijk|steeg|singel|gracht|kade|dreef|allee|pad)\b", re.IGNORECASE
)
_PHONE = re.compile(r"(?<![\w+])(?:\+31|0031)[\s\-]?\(?0?\)?[\s\-]?[1-9](?:[\s\-]?\d){8}(?!\d)")
_SOCIAL = re.compile(
    r"(facebook|instagram|linkedin|twitter|x\.com|tiktok|youtube|wa\.me|snapchat)", re.I
)
_URL_PATH = re.compile(r"^[^/\s]+/[^\s]*[A-Za-z0-9]")  # a path after the host (scheme cut off)
_SCHEME = re.compile(r"^https?://", re.IGNORECASE)
#: A street name (with its number, if any): "Kalenbergerpad", "Hoofdweg 201".
_STREET_NAME = re.compile(
    r"(?<![\w\-])[A-Z][\w\-]*?(?:straat|weg|laan|pad|plein|dijk|steeg|singel|gracht|kade|"
    r"dreef|allee)(?![\w\-])(?:\s+\d{1,4}(?:\s?[a-zA-Z](?![\w\-]))?(?![\w\-]))?"
)
#: The name of a farm or a house, which identifies who lives there: "woont op de
#: boerderij 't Lentfert", "Erve Brinkman", "huize Zonnehoek".
_HOUSE_NAME = re.compile(
    r"(?<!\w)(?:(?:boerderij|woonboerderij|hoeve|huize|villa|landgoed|erve|het\s+erf)\s+"
    r"(?P<name>(?:(?:'t|’t|de|het|den|d')\s+)?[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?)"
    r"|(?P<erve>(?<![\w\-])(?:Erve|Erf|Hoeve|Huize)\s+(?:(?:'t|’t|de|het|den)\s+)?"
    r"[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?))"
)
_HOUSE_WORDS = ("boerderij", "hoeve", "huize", "villa", "landgoed", "erve", "erf", "Erve", "Erf",
                "Hoeve", "Huize")  # fmt: skip
#: A lower-case street and its number, as speech recognition writes it: "kerkstraat 14"
#: (looked for in a text without capitals only).
_STREET_LOWER = re.compile(
    r"(?<![\w\-])[a-z][\w\-]*?(?:straat|weg|laan|pad|plein|dijk|steeg|singel|gracht|kade|"
    r"dreef|allee)\s+\d{1,4}(?:\s?[a-z](?![\w\-]))?(?![\w\-])"
)
#: "aan de Noard 12", "op het Hoge Veld 3": a street without a street word, and its number.
_AT_NUMBER = re.compile(
    r"\b(?:aan|op)\s+(?:de|het|den)\s+(?P<street>[A-Z][\w\-]+(?:\s[A-Z][\w\-]+)?\s+"
    r"\d{1,4}[a-zA-Z]?)(?![\w\-])(?!\s*(?:jaar|keer|uur|km|kilometer|procent|%|mensen|"
    r"personen|deelnemers|minuten)\b)"
)

_TAGS = {
    "persoon": "PERSOON",
    "patient": "PERSOON",
    "telefoonnummer": "TELEFOON",
    "emailadres": "EMAIL",
    "leeftijd": "LEEFTIJD",
    "bsn": "BSN",
    "url": "URL",
    "id": "ID",
    "locatie": "LOCATIE",
    "datum": "DATUM",
}


_IN_A_NAME = re.compile(r"(?<![.!?:]\s)(?<!^)\b[A-Z][a-z]+\s+$")
_TUSSEN_START = re.compile(
    r"^(?:op|in|van|de|der|den|ter|ten|aan|bij|onder)\s+(?:de\s+|het\s+)?[A-Z]"
)
#: "een vrouw uit Buurse, Lies, die is van ...": a name in apposition before "die is".
_APPOSITION = re.compile(
    r"(?<=[a-z], )(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)(?=,\s+die\s+(?:is|was|woont|heeft|"
    r"komt|werd|zit)\b)"
)
#: The word right before a name deduce found (an organisation's head word?).
_WORD_BEFORE = re.compile(r"(?<![\w\-])([\w\-]+)[ \t]+$")
#: A lower-case article opening what deduce took for a name: "de IJssel".
_ARTICLE = re.compile(
    r"(?:(?:aan|langs|op|over|in|bij|naar|uit|van|door|om)\s+)?(?:de|het|'t|’t)\s+"
)
#: The rest of a house's or home's name after its first word: "Huize Hof [van Twente]".
_NAME_TAIL = re.compile(r"(?:\s+(?:van|aan|op|de|den|der|het|'t)\s+[A-Z][\w\-]+)+")
_HOUSE_HEAD = re.compile(r"^(?:Erve|Erf|Hoeve|Huize)\s+")
_PLACE_JOIN = re.compile(r"\s*[-/]\s*|\s+en\s+")
_PLACE_PREPOSITION = re.compile(r"\b(?:in|uit|naar|te|bij|van|rond|om)\s+$", re.IGNORECASE)


#: What follows a word that stands alone: a label "Gast:", an answer "Mooi.", "Goed,".
_ALONE = re.compile(r"[ \t]*[:.,!?]")
#: "je", "u" right after a word that opens a sentence: the word is a verb ("Mark je even
#: ...", "Bel u ...?"); a name addressed has a comma ("Mark, je ...").
_YOU_AFTER = re.compile(r"[ \t]+(?:je|jij|u|jullie)\b")
_OPENING = re.compile(r"(?:^|[.!?:]\s+|\n\s*|\]\s*)$")


def _opens(text: str, start: int) -> bool:
    """True when ``start`` opens a sentence, a line or a turn."""
    return bool(_OPENING.search(text, max(0, start - 4), start))


_TITLE_BEFORE = re.compile(
    r"(?:mevrouw|mevr\.?|mw\.?|meneer|mijnheer|dhr\.?|heer|dr\.?|juffrouw|dokter)\s+$",
    re.IGNORECASE,
)


def _split_title(start: int, text: str) -> tuple[int, str]:
    """Drop a leading title ("mevrouw ", "dhr. ") from a name hit."""
    match = _TITLES.match(text)
    if match and match.end() < len(text):
        return start + match.end(), text[match.end() :]
    return start, text


#: Where deduce runs two names together across a sentence end ("Kees Bakker. Kees Bakker
#: deed het", "Anja. Kees kwam"); not after a title ("dhr. Bosch"), and not at a bare line
#: break (a name broken over two lines of a PDF is one name).
_SENTENCE_GAP = re.compile(r"(?<=\w\w)[.!?;]\s+")
_ABBREVIATION = re.compile(r"(?<!\w)(?:mevr|mw|mnr|dhr|dr|drs|ir|mr|prof|ds)$", re.IGNORECASE)


def _split_names(start: int, text: str) -> list[tuple[int, str]]:
    """Cut a name hit at sentence ends: each part is a mention of its own."""
    parts, pos = [], 0
    for gap in _SENTENCE_GAP.finditer(text):
        if _ABBREVIATION.search(text, 0, gap.start()):
            continue
        parts.append((start + pos, text[pos : gap.start()]))
        pos = gap.end()
    parts.append((start + pos, text[pos:]))
    return [(s, part) for s, part in parts if part]


def _location(start: int, text: str, lists: Lists, policy: Policy) -> list[Hit]:
    """Addresses and postal codes are replaced; a bare place name only if it is not a
    place of the Netherlands (when kept by ``policy``) and not allowed."""
    hits = []
    for m in _POSTCODE.finditer(text):
        hits.append(Hit(start + m.start(), start + m.end(), "POSTCODE", m.group()))
    rest = _POSTCODE.sub(lambda m: " " * len(m.group()), text)
    for part in re.finditer(r"[^\s,][^,]*[^\s,]|[^\s,]", rest):
        chunk = part.group()
        if lists.allowed(chunk):  # a project's venue may be allowed, address and all
            continue
        if policy.keep_places and (
            is_place(chunk) or all(is_place(p) for p in _PLACE_JOIN.split(chunk))
        ):  # "Reutum-Weerselo", "Olst/Wijhe": places joined
            continue
        if _STREET.search(chunk) or (
            _HOUSE_NUMBER.search(chunk) and not lists.allowed(_HOUSE_NUMBER.sub("", chunk))
        ):
            hits.append(Hit(start + part.start(), start + part.end(), "ADRES", chunk))
        elif not lists.allowed(chunk):
            hits.append(Hit(start + part.start(), start + part.end(), "LOCATIE", chunk))
    return hits


def _url(start: int, text: str) -> list[Hit]:
    if _SOCIAL.search(text) or _URL_PATH.match(_SCHEME.sub("", text.rstrip("/."))):
        return [Hit(start, start + len(text), "URL", text)]
    return []


def _from_annotation(
    text: str, tag: str, start: int, end: int, lists: Lists, policy: Policy
) -> list[Hit]:
    category = _TAGS.get(tag.lower(), "ID")
    value = text[start:end]
    if category == "LOCATIE":  # allowed per part: "7461 AB Rijssen" keeps only Rijssen
        return _location(start, value, lists, policy)
    if lists.allowed(value):
        return []
    if category == "PERSOON":
        if is_organisation(value) or not any(c.isupper() for c in value):
            return []  # "Gemeente Borger-Odoorn", "Welzijnswerk Dalfsen", "aan de"
        if _IN_A_NAME.search(text, max(0, start - 30), start) and _TUSSEN_START.match(value):
            return []  # "Koffie op de Hoek": a lower-case "op de" inside a capitalised name
        head = _WORD_BEFORE.search(text, max(0, start - 40), start)
        if head and head.group(1) in ("De", "Het", "'t"):  # "Buurthuis De [Poort]"
            head = _WORD_BEFORE.search(text, max(0, head.start() - 40), head.start())
            if head and head.group(1).casefold().endswith("praktijk"):
                head = None  # a practice bears its owners' names: "... De [Lange] & Bosch"
        if head and head.group(1)[0].isupper() and is_organisation(head.group(1)):
            return []  # "Huisartsenpraktijk De Brink", "Koninklijke Ten Cate"
        hits = []
        for part_start, part in _split_names(start, value):
            titled = _split_title(part_start, part)
            s, name = lists.trim(*titled)
            article = _ARTICLE.match(name)
            if article and is_place(name[article.end() :]):
                continue  # "aan de IJssel", "langs de Regge": a water or landscape
            if titled[0] == part_start and not _TITLE_BEFORE.search(text, max(0, s - 20), s):
                s, name = trim_words(s, name)  # "Secretaris Dorpsraad Vasse", "Gast"
                if (
                    is_municipality(name)
                    or unknown_name_with_place(name)
                    or (is_word(name) and _ALONE.match(text, s + len(name)) and _opens(text, s))
                    or (_YOU_AFTER.match(text, s + len(name)) and _opens(text, s))
                ):
                    continue  # "in Dinkelland" taken for a surname; "Gast:", "Mooi."; "Mark je"
            if name and not lists.allowed(name):
                hits.append(Hit(s, s + len(name), "PERSOON", name))
        return hits
    if category == "DATUM":  # found by .dates instead (deduce's dates are switched off)
        return []
    if category == "URL":
        return _url(start, value)
    return [Hit(start, end, category, value)]


@lru_cache(maxsize=8)
def _deny_pattern(deny: frozenset[str]) -> re.Pattern[str] | None:
    """One pattern for the deny list (longest names first), compiled once per list."""
    names = sorted(deny, key=len, reverse=True)
    if not names:
        return None
    alternatives = "|".join(re.escape(n) for n in names)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def _deny_hits(text: str, lists: Lists) -> list[Hit]:
    pattern = _deny_pattern(lists.deny)
    if pattern is None:
        return []
    return [Hit(m.start(), m.end(), "PERSOON", m.group()) for m in pattern.finditer(text)]


def _resolve(hits: list[Hit]) -> list[Hit]:
    """Sorted, non-overlapping hits: where two overlap, the longer one wins."""
    chosen: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start, -(h.end - h.start))):
        if chosen and hit.start < chosen[-1].end:
            if hit.end - hit.start > chosen[-1].end - chosen[-1].start:
                chosen[-1] = hit
            continue
        chosen.append(hit)
    return chosen


def _streets(text: str, lists: Lists, policy: Policy) -> list[Hit]:
    """Street names deduce misses ("het laatste huis aan de Kalenbergerpad") and streets
    without a street word before a number ("aan de Noard 12")."""
    hits = []
    for m in _STREET_NAME.finditer(text):
        name = m.group()
        bare = _HOUSE_NUMBER.sub("", name).strip()
        if lists.allowed(name) or (bare == name and policy.keep_places and is_place(name)):
            continue
        hits.append(Hit(m.start(), m.end(), "ADRES", name))
    houses = any(word in text for word in _HOUSE_WORDS)
    for m in _HOUSE_NAME.finditer(text) if houses else ():
        group = "name" if m.group("name") else "erve"
        name = m.group(group)
        tail = _NAME_TAIL.match(text, m.end(group))
        whole = _HOUSE_HEAD.sub("", name + tail.group() if tail else name)
        if is_place(whole):  # "Huize Hof van Twente": a home named after its place
            continue
        if not (lists.allowed(name) or is_place(name) or is_organisation(name)):
            hits.append(Hit(m.start(group), m.end(group), "ADRES", name))
    for m in _STREET_LOWER.finditer(text) if in_lower_case(text) else ():
        hits.append(Hit(m.start(), m.end(), "ADRES", m.group()))
    for m in _AT_NUMBER.finditer(text):
        if not lists.allowed(m.group("street")):
            hits.append(Hit(m.start("street"), m.end("street"), "ADRES", m.group("street")))
    return hits


#: Categories a curated phrase inside does not protect: "e.kaya@humanitas.nl", a case
#: number after its label that holds a programme's name ("kenmerk: WMO/2024/00418").
_NEVER_PROTECTED = frozenset({"EMAIL", "TELEFOON", "BSN", "POSTCODE", "ID"})


def _outside(hit: Hit, spans: list[tuple[int, int]], text: str) -> list[Hit]:
    """A hit less the protected spans in it: a name next to a curated phrase stays a
    name ("Jan Smit De Jong Gierveld" -> "Jan Smit"); other categories are dropped."""
    inside = [(s, e) for s, e in spans if s < hit.end and hit.start < e]
    if not inside or hit.category in _NEVER_PROTECTED:
        return [hit]
    if hit.category != "PERSOON":
        return []
    out, pos = [], hit.start
    for s, e in [*inside, (hit.end, hit.end)]:
        part = text[pos : max(pos, s)]
        lead = len(part) - len(part.lstrip(" ,.;:-"))
        part = part.strip(" ,.;:-")
        opening = (
            not text[: pos + lead].rstrip(" \t") or text[: pos + lead].rstrip()[-1] in ".!?:\n"
        )
        if NAMELIKE.match(part) and part[0].isupper() and not (opening and " " not in part):
            out.append(Hit(pos + lead, pos + lead + len(part), "PERSOON", part))
        pos = max(pos, e)
    return out


def _from_deduce(
    text: str,
    annotations: Iterable[Any],
    lists: Lists,
    policy: Policy | None = None,
    year: int | None = None,
) -> list[Hit]:
    policy = policy or Policy()
    hits: list[Hit] = []
    # international notation deduce misses (or calls an ID); first, so it wins a tie
    for m in _PHONE.finditer(text):
        hits.append(Hit(m.start(), m.end(), "TELEFOON", m.group()))
    for ann in annotations:
        hits += _from_annotation(
            text, ann.tag, int(ann.start_char), int(ann.end_char), lists, policy
        )
    hits += _streets(text, lists, policy)
    hits += [
        Hit(m.start("name"), m.end("name"), "PERSOON", m.group("name"))
        for m in _APPOSITION.finditer(text)
        if not lists.allowed(m.group("name"))
        and not (is_place(m.group("name")) and _PLACE_PREPOSITION.search(text, 0, m.start()))
    ]
    hits += [
        Hit(s, e, c, t) for s, e, c, t in birth_dates(text, year or reference_year(), policy.dates)
    ]
    hits += said_ages(text)
    hits += word_ages(text)
    hits += labelled_ages(text)
    hits += family_names(text, lists)
    hits += trade_and_family_names(text, lists)
    hits += numbers(text)
    hits += handles(text)
    hits += addresses(text, lists)
    hits += described_addresses(text, lists)
    hits += cued_names(text, lists)
    hits += lower_case_names(text, lists)
    hits += world_name_hits(text, lists)
    hits += listed_names(text, lists)
    hits = [h for h in hits if not is_venue(text, h)]  # "in Het Brinkhuis": not a person
    protected = lists.protected(text)
    if protected:
        hits = [part for hit in hits for part in _outside(hit, protected, text)]
    same = same_names(text, hits, lists)  # the names found, wherever else they occur
    hits += [part for hit in same for part in _outside(hit, protected, text)] if protected else same
    hits += _deny_hits(text, lists)
    hits += after_names(text, hits, year or reference_year())
    hits += ages_after_names(text, hits)
    hits += more_ages(text, hits)
    hits += next_ages(text, hits)
    hits = drop_no_ages(text, hits)  # round 10: no length of service, no average
    hits += births_from_hits(text, hits, year or reference_year())
    return _resolve(
        [
            h
            for h in hits
            if h.end > h.start
            and (
                h.category == "PERSOON"  # the checks below are for numbers and addresses
                or not (
                    is_postbox(text, h)
                    or is_event_age(text, h)
                    or is_organisation_number(text, h)
                    or is_street_as_place(text, h)
                )
            )
        ]
    )


def detect(
    text: str,
    lists: Lists | None = None,
    *,
    policy: Policy | None = None,
    year: int | None = None,
) -> list[Hit]:
    """Personal data in one text, sorted and non-overlapping.

    ``policy`` decides about dates and places (default :class:`Policy`); ``year`` is
    the interview's year that dates are weighed against (default: this year).
    """
    lists = lists if lists is not None else Lists.of()  # the default allow list too
    doc = deduce_pipeline().deidentify(text)
    hits = _from_deduce(text, doc.annotations, lists, policy, year)
    _unlink_tokens(doc)
    return hits


def _unlink_tokens(doc: Any) -> None:
    """Cut the links between a deduce document's tokens (each points to the next and
    the previous one: the links to the next are cut, which leaves no cycle), so that
    the document is freed as soon as it is dropped.

    Linked, a document's tokens are reference cycles that only Python's cyclic garbage
    collector frees: they pile up, survive into its oldest generation, and each full
    collection then stops the run for a second or more (several times per 200,000
    words). Nothing else is changed; the hits are made before.
    """
    with root_logging_kept():
        from .deduce_tokens import unlink

    for tokens in getattr(doc, "_token_lists", {}).values():
        unlink(tokens)


def _detect_one(item: tuple[str, int | None], lists: Lists, policy: Policy | None) -> list[Hit]:
    return detect(item[0], lists, policy=policy, year=item[1])


#: Below this much text, detecting in one process is faster than forking workers.
PARALLEL_MIN_CHARS = 2_000_000


def detect_all(
    texts: Sequence[str],
    lists: Lists | None = None,
    *,
    workers: int | None = None,
    policy: Policy | None = None,
    years: Sequence[int | None] | None = None,
) -> Iterator[list[Hit]]:
    """:func:`detect` for many texts, in order, in parallel where it pays off.

    deduce is loaded once, here, and worker processes are forked from this one so they
    share it (on Linux; elsewhere, and for a handful of texts, it runs in this process).
    ``workers`` overrides the number of processes (default: one per core, at most 4);
    ``years`` gives each text's interview year (see :func:`detect`).
    """
    lists = lists if lists is not None else Lists.of()
    deduce_pipeline()
    forking = sys.platform.startswith("linux")
    if workers is None:  # forking a process that holds deduce costs ~0.1 s: only for a lot
        enough = len(texts) >= 4 and sum(map(len, texts)) >= PARALLEL_MIN_CHARS
        workers = min(os.cpu_count() or 1, 4) if forking and enough else 1
    workers = min(workers, len(texts)) if forking else 1
    items = list(zip(texts, years if years is not None else [None] * len(texts), strict=True))
    one = partial(_detect_one, lists=lists, policy=policy)
    if workers <= 1:
        yield from map(one, items)
        return
    with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
        chunk = max(1, len(texts) // (8 * workers))
        yield from pool.map(one, items, chunksize=chunk)


_NAME_CORE = re.compile(r"\w[\w\s'’.\-]*\w|\w")
_PHONE_LIKE = re.compile(r"\+?\d[\d\s()\-]{5,}\d")
# what separates a name from what a sender added: "Henk - gemeente", "Ria | Moestuin"
_LABEL_PARTS = re.compile(r"\s+[-–|/]\s+|,\s*")


def with_known_people(text: str, hits: list[Hit], people: Iterable[str]) -> list[Hit]:
    """``hits`` plus every whole-word mention in ``text`` of ``people``: labels known to
    be people's names or phone numbers (a chat's senders, which detection may miss:
    "sanne", "Mo"). A name is taken without the emoji, marks and bracketed role around
    it ("Truus 🌻" -> "Truus", "Ria (vrijwilliger)" -> "Ria"; after a dash only words
    that read as names: "Henk - gemeente" -> "Henk"), and its words that read as names
    are mentions too ("Henk" of "Buurman Henk"). Sorted and non-overlapping, the
    longer hit winning.

    >>> text = "sanne: ik kom\\n\\nBuurman Henk: fijn, sanne!"
    >>> [(h.text, h.category) for h in with_known_people(text, [], ["sanne", "Buurman Henk"])]
    [('sanne', 'PERSOON'), ('Buurman Henk', 'PERSOON'), ('sanne', 'PERSOON')]
    >>> [h.text for h in with_known_people("+31 6 12345678: ja", [], ["+31 6 12345678"])]
    ['+31 6 12345678']
    """
    forms: dict[str, str] = {}
    for label in sorted({p.strip() for p in people}):
        if _PHONE_LIKE.fullmatch(label):
            forms[label] = "TELEFOON"
            continue
        unbracketed = re.sub(r"\([^()]*\)|\[[^\[\]]*\]", " ", label)
        for i, part in enumerate(_LABEL_PARTS.split(unbracketed)):
            core = _NAME_CORE.search(part)
            if core is None or len(core.group()) < 2:
                continue
            name = core.group()
            words = re.findall(r"[\w'’\-]+", name)
            named = [w for w in words if len(w) >= 3 and is_name_word(w)]
            if i and not named:
                continue  # "- gemeente": a role or place the sender added
            forms[name] = "PERSOON"
            for word in named if len(words) > 1 else []:
                if not _TUSSEN_RE.match(word):
                    forms.setdefault(word, "PERSOON")
    if not forms:
        return hits
    pattern = re.compile(
        r"(?<![\w@+])(?:"
        + "|".join(re.escape(f) for f in sorted(forms, key=lambda f: (-len(f), f)))
        + r")(?![\w])"
    )
    extra = [Hit(m.start(), m.end(), forms[m.group()], m.group()) for m in pattern.finditer(text)]
    return _resolve([*hits, *extra]) if extra else hits
