"""Addresses deduce and the street rules of :mod:`.detect` miss, as classes of
construction:

- **a street and its number said in words** (speech recognition): "kerkstraat
  drieëntwintig a", "Stationsstraat vijftien b";
- **a house told by where it stands**, when no street is named right before it: "woont
  in het laatste huis voor de grens", "'t leste hoes veur 't bos", "het enige huis aan
  de dijk" (after "aan de Holterweg," the street is the address and the description
  stays);
- **a farm or house by its name**: "Boerderij Het Hoge Erf" (the word "Boerderij"
  written with a capital, as in a heading or a list), "De Hoeve heet die" (a name said
  of the farm just mentioned), "woont allenig op 't Hulsink" (not "op 't Harde", a
  village);
- **a house number with an addition**: "Molenveldweg 12-3", "Nieuweweg 7-II",
  "Dorpsstraat 4 bis", "Kerkstraat 12 hs" (the addition is part of the address);
- **a street in lower case before a postcode**: "kerkstraat 3 8121 AK olst" in a
  survey answer;
- **an organisation's postbox is not a resident's address**: "Postbus 120, 8100 AC
  Raalte" stays (:func:`is_postbox`).

>>> [h.text for h in addresses("ja kerkstraat drieëntwintig a eigenlijk", None)]
['kerkstraat drieëntwintig a']
>>> [h.text for h in addresses("Die woont in het laatste huis voor de brug.", None)]
['het laatste huis voor de brug']
>>> addresses("aan de Holterweg, het laatste huis voor de bossen.", None)
[]
"""

from __future__ import annotations

import re

from .lists import Hit, Lists, is_organisation
from .numwords import NUMBER_WORD
from .places import is_place

__all__ = ["addresses", "described_addresses", "is_postbox", "is_street_as_place"]

_STREET_WORDS = r"(?:straat|weg|laan|pad|plein|dijk|steeg|singel|gracht|kade|dreef|allee)"
#: A street with its number in words: "kerkstraat drieëntwintig a" (not "onderweg een
#: uur", "de zijstraat twee keer": a lone "een" is no house number, a unit no address).
#: The scan starts at the street word (a literal, fast); the name before it is taken
#: by :data:`_STREET_HEAD`.
_STREET_IN_WORDS = re.compile(
    rf"(?i:{_STREET_WORDS})[ \t]+(?!(?i:een|één)\b)(?i:{NUMBER_WORD})"
    r"(?:[ \t]+[a-hA-H](?![\w\-']))?(?![\w\-])"
    r"(?!\s+(?i:keer|uur|minuten|jaar|mensen|dagen|weken|maanden|kilometer|km|meter|euro|"
    r"huizen|woningen|straten|procent)\b)"
)
#: Where a street word is followed by a word (case-sensitive literals: a fast scan).
_STREET_AT = re.compile(rf"{_STREET_WORDS}[ \t]+(?=[a-zë\d])")
_STREET_HEAD = re.compile(r"(?<![\w\-])[A-Za-z][\w\-]*$")
_NOT_STREETS = frozenset(
    "onderweg halverwege halfweg zijstraat zijweg snelweg fietspad voetpad wandelpad "
    "zandpad uitweg omweg".split()
)
_HOUSE = r"(?:huis|huisje|hoes|hoeske|boerderij|woning|pand|hoekhuis|woonwagen|woonboot|erf)"
#: "het laatste huis voor de grens", "'t leste hoes veur 't bos", "het enige huis aan de
#: dijk", "het witte huis naast de kerk".
_DESCRIBED_HOUSE = re.compile(
    r"(?<![\w\-])(?:het|'t|’t|dat)\s+"
    r"(?:(?:aller)?laatste|leste|eerste|enige|ienige|verste|witte|rode|groene|gele|zwarte)\s+"
    rf"{_HOUSE}\s+(?:aan|voor|veur|bij|op|achter|naast|tegenover|an|onder|langs|na)\s+"
    r"(?:(?:de|het|'t|’t|den)\s+)?(?:[A-Z][\w\-]+|[a-z][\w\-]{2,})",
)
#: A street name in the words before a description: then the street is the address.
_STREET_BEFORE = re.compile(rf"[A-Za-z][\w\-]*{_STREET_WORDS}\b[^.!?\n]{{0,12}}$", re.IGNORECASE)
#: A farm or house named with a capitalised head word: "Boerderij Het Hoge Erf".
_NAMED_HOUSE = re.compile(
    r"(?:Boerderij|Woonboerderij|Hoeve|Huize|Villa|Erve|Landgoed|erve|boerderij|hoeve)\s+"
    r"(?:(?:Het|De|Den|'t|’t|het|de|den)\s+)?[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+){0,2}"
)
#: A name said of a farm or house just mentioned: "de boerderij ernaast, De Hoeve heet die".
_NAME_SAID = re.compile(
    r"(?P<name>(?:(?:De|Het|'t|’t|Den)\s+)?[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?)\s+"
    r"heet(?:te)?\s+(?:die|dat|het|ze|hij)\b"
)
_HEET = re.compile(r"\sheet(?:te)?\s+(?:die|dat|het|ze|hij)\b")
_HOUSE_HEADS = ("Boerderij", "Hoeve", "Huize", "Villa", "Erve", "Landgoed", "erve", "boerderij",
                "hoeve")  # fmt: skip
_FARM_HEADS = frozenset({"boerderij", "woonboerderij", "hoeve", "erve"})
_HOUSE_BEFORE = re.compile(rf"\b(?:{_HOUSE}|hoeve|erf)\b[^.!?\n]{{0,40}}$", re.IGNORECASE)
#: A street and number in lower case before a postcode ("kerkstraat 3 8121 AK olst"):
#: written by hand in a survey answer or a form, in a text that is otherwise capitalised.
_LOWER_STREET_POSTCODE = re.compile(
    rf"(?<![\w\-])[a-z][\w\-]*?{_STREET_WORDS}[ \t]+\d{{1,4}}(?:[ \t]?[a-zA-Z](?![\w\-]))?"
    r"(?=[ \t]*,?[ \t]*[1-9]\d{3}[ \t]?[A-Za-z]{2}(?![\w\-]))"
)
_POSTCODE_AT = re.compile(r"[1-9]\d{3}[ \t]?[A-Za-z]{2}(?![\w\-])")
#: Where a described house may be: an adjective and a house word (a fast scan).
_DESCRIBED_AT = re.compile(
    rf"(?:laatste|leste|eerste|enige|ienige|verste|witte|rode|groene|gele|zwarte)\s+{_HOUSE}\s"
)
#: A farm or house by its name after "woont op": "woont allenig op 't Hulsink" (a name with
#: "'t" is a farm's or an erve's, unless it is a place: "op 't Harde").
_LIVES_ON = re.compile(
    r"(?:woont|woonde|wonen|woonden|wont|wonnen|woon)\s+(?:[a-z]+\s+){0,2}op\s+"
    r"(?P<name>(?:'t|’t)\s+[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?)"
)
#: A street and number with an addition ("Molenveldweg 12-3", "Nieuweweg 7-II",
#: "Dorpsstraat 4 bis", "Kerkstraat 12 hs"): the whole is the address (a shorter hit for
#: the street and number alone loses to it).
_NUMBER_ADDITION = re.compile(
    rf"{_STREET_WORDS}[ \t]+\d{{1,4}}(?:[ \t]?[a-zA-Z](?![\w\-]))?"
    r"(?:[ \t]?[\-/][ \t]?(?:\d{1,3}|[IVX]{1,4}|[a-zA-Z])(?![\w\-])"
    r"|[ \t]+(?:bis|hs|huis|bov|boven|zw|rd|I{2,3}|IV)\b)"
)
#: A number going on as an amount: ".500 euro", ",50".
_AMOUNT_AFTER = re.compile(r"[.,]\d")
_MONTH_AFTER = re.compile(
    r"[ \t]+(?i:jan(?:uari)?|feb(?:ruari)?|maart|mrt|apr(?:il)?|mei|juni?|juli?|aug(?:ustus)?|"
    r"sep(?:t(?:ember)?)?|okt(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?(?![\w\-])"
)
#: A postbox, an organisation's address: "Postbus 120" (and the postcode after it).
_POSTBOX = re.compile(r"(?i:postbus|antwoordnummer)\s+\d{1,6}")


def addresses(text: str, lists: Lists | None) -> list[Hit]:
    """Addresses of the classes in the module docstring (``lists``: a phrase the
    researcher allowed stays).

    >>> [h.text for h in addresses("woont op Boerderij Het Hoge Erf bij Raalte", None)]
    ['Boerderij Het Hoge Erf']
    """
    hits = []

    def allowed(value: str) -> bool:
        return lists is not None and lists.allowed(value)

    for at in _STREET_AT.finditer(text):
        if not at.start() or not text[at.start() - 1].isalnum():
            continue  # a street word after a name: "kerk|straat"
        if text[at.end()].isdigit():  # "Molenveldweg 12-3": a number with an addition
            extra = _NUMBER_ADDITION.match(text, at.start())
            head = _STREET_HEAD.search(text, max(0, at.start() - 40), at.start())
            if extra and head is not None and head.group().casefold() not in _NOT_STREETS:
                street = text[head.start() : extra.end()]
                if not allowed(street):
                    hits.append(Hit(head.start(), extra.end(), "ADRES", street))
            continue
        m = _STREET_IN_WORDS.match(text, at.start())
        if m is None:
            continue
        head = _STREET_HEAD.search(text, max(0, m.start() - 40), m.start())
        if head is None:
            continue  # "weg twee": no name before the street word
        start = head.start()
        street = text[start : m.end()]
        if street.split()[0].casefold() not in _NOT_STREETS and not allowed(street):
            hits.append(Hit(start, m.end(), "ADRES", street))
    for at in _DESCRIBED_AT.finditer(text):
        m = _DESCRIBED_HOUSE.search(text, max(0, at.start() - 8), at.end() + 60)
        if m is None or m.start() > at.start():
            continue
        if not _STREET_BEFORE.search(text, max(0, m.start() - 60), m.start()):
            hits.append(Hit(m.start(), m.end(), "ADRES", m.group()))
    for code in _POSTCODE_AT.finditer(text):  # postcodes are few: look back from each
        m = _LOWER_STREET_POSTCODE.search(text, max(0, code.start() - 50), code.end())
        if m is not None:
            hits.append(Hit(m.start(), m.end(), "ADRES", m.group()))
    for m in _LIVES_ON.finditer(text) if "'t" in text or "’t" in text else ():
        if m.start() and text[m.start() - 1].isalnum():
            continue  # "bewoont"
        name = m.group("name")
        if not (allowed(name) or is_place(name)):
            hits.append(Hit(m.start("name"), m.end("name"), "ADRES", name))
    named = any(word in text for word in _HOUSE_HEADS)
    for m in _NAMED_HOUSE.finditer(text) if named else ():
        name = m.group()
        word, rest = name.split(None, 1)
        before = text[max(0, m.start() - 2) : m.start()]
        if before[-1:].isalnum() or before[-1:] == "-":
            continue  # part of a longer word: "Zorgboerderij De Hoeve" is an organisation
        if word in ("boerderij", "hoeve") and not (len(before) == 2 and before[0].islower()):
            continue  # a lower-case "boerderij" after a word: "de boerderij 't Lentfert"
        # a farm named after a hamlet is the farm ("erve 't Klooster"); a home or an
        # estate named after its place is an organisation ("Huize Hof van Twente")
        place = is_place(rest) and word.casefold() not in _FARM_HEADS
        if allowed(name) or allowed(rest) or place or is_organisation(name):
            continue
        if word in ("boerderij", "hoeve"):  # a noun before the name: "de boerderij 't Lentfert"
            hits.append(Hit(m.end() - len(rest), m.end(), "ADRES", rest))
        else:  # "Boerderij Het Hoge Erf" in a list, "erve 't Klooster": the head is named too
            hits.append(Hit(m.start(), m.end(), "ADRES", name))
    for said in _HEET.finditer(text) if "heet" in text else ():
        m = _NAME_SAID.search(text, max(0, said.start() - 50), said.end())
        if m is not None and m.end() == said.end():
            name = m.group("name")
            # a farm named after a hamlet is still the farm ("De Hoeve heet die")
            if _HOUSE_BEFORE.search(text, max(0, m.start() - 60), m.start()) and not (
                allowed(name) or is_organisation(name)
            ):
                hits.append(Hit(m.start("name"), m.end("name"), "ADRES", name))
    return hits


def is_postbox(text: str, hit: Hit) -> bool:
    """Whether ``hit`` is a postbox ("Postbus 120") or the postcode right after one
    ("Postbus 120, 8100 AC"): an organisation's address, not a resident's; or an
    "address" whose number goes on as an amount ("Hof van Twente 6.500 euro").

    >>> text = "Postbus 120, 8100 AC Raalte"
    >>> is_postbox(text, Hit(0, 11, "ADRES", "Postbus 120"))
    True
    >>> is_postbox(text, Hit(13, 20, "POSTCODE", "8100 AC"))
    True
    >>> is_postbox("Kerkstraat 3, 8100 AC", Hit(14, 21, "POSTCODE", "8100 AC"))
    False
    """
    if hit.category == "ADRES":
        # "Hof van Twente 6.500 euro": a place and an amount, taken for a street and number
        amount = hit.text[-1:].isdigit() and _AMOUNT_AFTER.match(text, hit.end)
        # round 10: "Jo Mulderij 19 april": a name and a birthday, not a street and number
        dated = hit.text[-1:].isdigit() and _MONTH_AFTER.match(text, hit.end)
        return bool(_POSTBOX.fullmatch(hit.text) or amount or dated)
    if hit.category == "POSTCODE":
        before = text[max(0, hit.start - 30) : hit.start]
        return bool(re.search(r"(?i:postbus|antwoordnummer)\s+\d{1,6}\s*,?\s*$", before))
    return False


# -- round 8: houses described without an adjective or by what they have, farm names in
# apposition, address fields, streets without a street word, house numbers alone -------

_PLAIN_HOUSE = r"(?:huis|huisje|hoes|hoeske|boerderij|woning|hoekhuis|woonwagen|woonboot|erf|erve)"
_ADJECTIVE = (
    r"(?:(?:aller)?laatste|leste|eerste|enige|ienige|verste|witte|rode|groene|gele|zwarte|"
    r"blauwe|grijze|bruine|oude|nieuwe|kleine|grote|vrijstaande|scheve)"
)
#: Round 10: any inflected adjective before the house word, one or two ("het rietgedekte
#: huis", "het kleine gele huisje"), not the words that say which of many ("hele",
#: "andere", "volgende").
_ANY_ADJECTIVE = (
    r"(?:(?!(?:hele|andere|volgende|vorige|zelfde|eigen|ene)\s)[a-z][a-z\-]{2,}e\s+){1,2}"
)
#: A house told by where it stands or by what it has, without an adjective: "het huisje
#: naast de smederij", "de boerderij achter de kapel", "het laatste erf voor de bossen",
#: "het huis met de blauwe deur bij de brug", "het huis met de kabouters in de tuin".
_DESCRIBED_PLAIN = re.compile(
    rf"(?<![\w\-])(?:het|'t|’t|dat|de)\s+(?:{_ADJECTIVE}\s+|{_ANY_ADJECTIVE})?{_PLAIN_HOUSE}\s+(?:"
    r"(?:naast|tegenover|achter|bij|na|onder|boven|langs|achteraan|vooraan)\s+"
    r"(?:de|het|'t|’t|den)\s+[a-z][\w\-]{2,}"
    r"|met\s+(?:de|het|een|die|dat)\s+(?:(?!(?:in|bij|aan|voor|op|naast|achter|tegenover)\s)"
    r"[a-z][\w\-]*\s+){0,2}(?!(?:in|bij|aan|voor|op|naast|achter|tegenover)\s)[a-z][\w\-]{2,}"
    r"(?:\s+(?:in|bij|aan|voor|op|naast|achter|tegenover)\s+(?:de|het|'t|’t)\s+[a-z][\w\-]{2,})?)"
    r"(?![\w\-])"
)
#: Where :data:`_DESCRIBED_PLAIN` may match: a house word before a preposition (a literal
#: scan).
_PLAIN_AT = re.compile(
    rf"{_PLAIN_HOUSE}\s+(?:naast|tegenover|achter|bij|na|onder|boven|langs|achteraan|vooraan|"
    r"met)\s"
)
#: A house after a place it stands by, in apposition: "aan de dijk, dat witte huis".
_AT_PLACE_HOUSE = re.compile(rf",\s+(?:dat|het|'t|’t)\s+{_ADJECTIVE}\s+{_PLAIN_HOUSE}(?![\w\-])")
_PLACE_BEFORE_COMMA = re.compile(
    r"(?<![\w\-])(?:aan|bij|op|langs|achter)\s+(?:de|het|'t|’t)\s+[a-z][\w\-]{2,}$"
)
#: A farm's or a house's name in apposition after the house: "op de boerderij van mijn
#: schoonouders, het Morsinkerf".
_NAME_IN_APPOSITION = re.compile(
    r",\s+(?P<name>(?:het|'t|’t|de|den|Het|De|Den)\s+[A-Z][\w\-]+)(?=\s*(?:[,.;:!?)]|$))"
)
_HOUSE_BEFORE_COMMA = re.compile(rf"(?i:{_PLAIN_HOUSE}|hoeve)\b[^.,;:!?\n]{{0,50}}$")
#: A resident's address in a form's field: "Adres: De Meele 14", "Straat en huisnummer:
#: Hoge Esch 17" (a street without a street word and its number).
_ADDRESS_FIELD = re.compile(
    r":[ \t]*(?P<street>[A-Z'’][\w'’\-]*(?:[ \t]+[A-Za-z'’][\w'’\-]*){0,3}[ \t]+\d{1,4}"
    r"(?:[ \t]?[a-zA-Z](?![\w\-]))?(?:[\-/](?:\d{1,3}|[IVX]{1,4}|[a-zA-Z])(?![\w\-]))?)(?![\w\-])"
)
_ADDRESS_LABEL = re.compile(
    r"(?<![\w\-])(?i:adres|woonadres|huisadres|correspondentieadres|straat\s+en\s+huisnummer|"
    r"straat\s*\+\s*huisnummer|straat|adresgegevens)[ \t]*$"
)
#: A street without a street word after "op" or "aan" and its article written with a
#: capital: "ik zit sinds februari op Het Wooldhuis 6".
_AT_CAPITAL_ARTICLE = re.compile(
    r"(?=[HD'’])(?<=op |an )(?P<street>(?:Het|De|Den|'t|’t)\s+[A-Z][\w\-]+(?:\s[A-Z][\w\-]+)?"
    r"\s+\d{1,4}[a-zA-Z]?)(?![\w\-])(?!\s*(?:jaar|keer|uur|km|kilometer|procent|%|mensen|"
    r"personen|deelnemers|minuten|euro|plaatsen|huizen|woningen|leden)\b)"
)
#: A house number alone where someone lives: "drie huizen verderop, op nummer 224", "Henk
#: van hiernaast, op nummer 16" (a cue of where someone lives before it in the sentence).
_HOUSE_NUMBER_ALONE = re.compile(
    r"(?=[hn])(?P<nr>(?:huis)?(?:nummer|nr\.?|no\.)\s*\d{1,4}(?:[ \t]?[a-zA-Z])?)(?![\w\-])"
    r"(?![.,]\d)"
)
_AT_BEFORE_NUMBER = re.compile(r"(?<![\w\-])(?:op|van|naar|bij)\s+$")
_LIVES_CUE = re.compile(
    r"(?i:woon|woont|wonen|woonde|wonend|buurman|buurvrouw|buren|hiernaast|verderop|overkant|"
    r"huizen|huis|straat|ernaast|tegenover|"
    # round 10: a resident named before it ("de familie Otten, op nummer 218", "de weduwe
    # op huisnummer 31")
    r"familie|meneer|mevrouw|mevr|dhr|weduwe|weduwnaar|echtpaar|bewoner|bewoonster)"
)
_SENTENCE_START = re.compile(r"[.?!\n]\s")


def described_addresses(text: str, lists: Lists | None) -> list[Hit]:
    """Addresses said without a street and number, and streets without a street word in
    fields and after a capitalised article (round 8; see the module).

    >>> [h.text for h in described_addresses("Ze woont in het huisje naast de smederij.", None)]
    ['het huisje naast de smederij']
    >>> [h.text for h in described_addresses("Adres: De Meele 14 (aanleunwoning)", None)]
    ['De Meele 14']
    >>> described_addresses("Het huis van de buurt is open; de markt aan de Grotestraat.", None)
    []
    """
    hits = []

    def allowed(value: str) -> bool:
        return lists is not None and lists.allowed(value)

    for at in _PLAIN_AT.finditer(text):
        m = _DESCRIBED_PLAIN.search(text, max(0, at.start() - 40), at.end() + 80)
        if m is None or m.start() > at.start():
            continue
        if not _STREET_BEFORE.search(text, max(0, m.start() - 60), m.start()):
            hits.append(Hit(m.start(), m.end(), "ADRES", m.group()))
    if "," in text:
        for m in _AT_PLACE_HOUSE.finditer(text):
            place = _PLACE_BEFORE_COMMA.search(text, max(0, m.start() - 40), m.start())
            if place is not None:
                hits.append(Hit(place.start(), m.end(), "ADRES", text[place.start() : m.end()]))
        for m in _NAME_IN_APPOSITION.finditer(text):
            if not _HOUSE_BEFORE_COMMA.search(text, max(0, m.start() - 70), m.start()):
                continue
            name = m.group("name")
            bare = name.split(None, 1)[1]
            if not (allowed(name) or is_place(bare) or is_organisation(name)):
                hits.append(Hit(m.start("name"), m.end("name"), "ADRES", name))
    if ":" in text:
        for m in _ADDRESS_FIELD.finditer(text):
            if not _ADDRESS_LABEL.search(text, max(0, m.start() - 40), m.start()):
                continue
            street = m.group("street")
            if not allowed(street) and not _YEAR_NUMBER.search(street):
                hits.append(Hit(m.start("street"), m.end("street"), "ADRES", street))
    for m in _AT_CAPITAL_ARTICLE.finditer(text):
        street = m.group("street")
        if not (allowed(street) or _YEAR_NUMBER.search(street)):
            hits.append(Hit(m.start("street"), m.end("street"), "ADRES", street))
    for m in _POSTCODE_AFTER_NUMBER.finditer(text):
        if _NUMBER_BEFORE_CODE.search(text, max(0, m.start() - 12), m.start()):
            hits.append(Hit(m.start("code"), m.end("code"), "POSTCODE", m.group("code")))
    hits += _lower_postcodes(text)
    if "nummer" in text or "nr" in text or "no." in text:
        for m in _HOUSE_NUMBER_ALONE.finditer(text):
            if (m.start() and text[m.start() - 1].isalnum()) or not _AT_BEFORE_NUMBER.search(
                text, max(0, m.start() - 6), m.start()
            ):
                continue  # "telefoonnummer 3", "het nummer 3 van de lijst"
            lo = max(0, m.start() - 80)
            for end in _SENTENCE_START.finditer(text, lo, m.start()):
                lo = end.end()
            if _LIVES_CUE.search(text, lo, m.start()):
                hits.append(Hit(m.start("nr"), m.end("nr"), "ADRES", m.group("nr")))
    return hits


#: A postcode right after a house number, also broken over two lines of a PDF
#: ("Linderflier 3, 7681\nLK Vroomshoop").
_POSTCODE_AFTER_NUMBER = re.compile(
    r"(?=[1-9])(?<=[\w,][ \t])"
    r"(?P<code>[1-9]\d{3}(?:[ \t]?\n?[ \t]?)(?!SA|SD|SS)[A-Z]{2})(?![\w\-])"
)
_NUMBER_BEFORE_CODE = re.compile(
    r"(?<![\w\-.,/])(?!(?:19|20)\d\d\b)\d{1,4}(?:[ \t]?[a-zA-Z])?,?[ \t]+$"
)
#: Round 10: a postcode in lower case, after the word "postcode" ("Postcode 7411 kb",
#: "postcode: 8121tt") or after a house number and before a place's capital ("Dorpsstraat
#: 4, 7431 bk Diepenveen"); "in 1945 en 1946" stays.
_POSTCODE_CUE = re.compile(r"(?i:postcode)[ \t]*:?[ \t]*(?P<a>[1-9]\d{3}[ \t]?[a-z]{2})(?![\w\-])")
_LOWER_POSTCODE = re.compile(
    r"(?=[1-9])(?<=[\w,][ \t])(?P<b>[1-9]\d{3}[ \t]?[a-z]{2})(?=[ \t]+[A-Z][a-z])"
)


def _lower_postcodes(text: str) -> list[Hit]:
    out = []
    if "ostcode" in text or "OSTCODE" in text:
        out += [
            Hit(m.start("a"), m.end("a"), "POSTCODE", m.group("a"))
            for m in _POSTCODE_CUE.finditer(text)
        ]
    for m in _LOWER_POSTCODE.finditer(text):
        if _NUMBER_BEFORE_CODE.search(text, max(0, m.start() - 12), m.start()):
            out.append(Hit(m.start("b"), m.end("b"), "POSTCODE", m.group("b")))
    return out


#: A "house number" that is a year: "Adres: Jaarverslag 2024" is none.
_YEAR_NUMBER = re.compile(r"\s(?:19|20)\d\d$")


#: A public place or a shop before the street it stands in: "de markt aan de Grotestraat",
#: "de gymzaal aan de Chevalleraustraat", "het plein bij de Hoofdweg".
_FACILITY_BEFORE = re.compile(
    r"(?<![\w\-])(?:markt|weekmarkt|plein|gymzaal|sportschool|sporthal|sportpark|school|kerk|"
    r"moskee|synagoge|hotel|monument|supermarkt|winkel|winkels|bibliotheek|bieb|station|"
    r"bushalte|halte|zwembad|park|kermis|gemeentehuis|stadhuis|dorpshuis|buurthuis|wijkcentrum|"
    r"kantoor|apotheek|huisartsenpraktijk|praktijk|skatebaan|skatepark|speeltuin|begraafplaats|"
    r"kapel|bank|pinautomaat|parkeerplaats|brug|rotonde|kruising|viaduct|tunnel|fietsenstalling)"
    r"\s+(?:aan|op|bij|in|langs|achter|naast)\s+(?:de|het|'t)\s+$",
    re.IGNORECASE,
)
#: Round 10: a street without a number as the way somewhere ("we lopen langs de Beekweg",
#: "over de Dijkweg naar Linde", "via de Hoofdstraat").
_ROUTE_BEFORE = re.compile(
    r"(?<![\w\-])(?:langs|over|via|richting)\s+(?:de|het|'t)\s+$", re.IGNORECASE
)
_LIVES_BEFORE = re.compile(r"(?i:woon|woont|wonen|woonde|woonden|wont|wonne|bewoner|bewoonster)")
_STREET_ONLY = re.compile(rf"[A-Z][\w\-]*{_STREET_WORDS}")


def is_street_as_place(text: str, hit: Hit) -> bool:
    """Whether an address hit is a street without a number named as where a public place
    or a shop is ("de markt aan de Grotestraat", "de sportschool aan de Noordweg"): a
    place of the village, not where someone lives, unless a verb of living comes before
    it in the sentence ("die woont bij de moskee aan de Vriezenveenseweg").

    >>> text = "Hij gaat naar de markt aan de Grotestraat."
    >>> is_street_as_place(text, Hit(30, 41, "ADRES", "Grotestraat"))
    True
    >>> text = "Ze woont bij de moskee aan de Vriezenveenseweg."
    >>> is_street_as_place(text, Hit(30, 46, "ADRES", "Vriezenveenseweg"))
    False
    """
    if hit.category != "ADRES" or not _STREET_ONLY.fullmatch(hit.text):
        return False
    if not (
        _FACILITY_BEFORE.search(text, max(0, hit.start - 40), hit.start)
        or _ROUTE_BEFORE.search(text, max(0, hit.start - 20), hit.start)
    ):
        return False
    lo = max(0, hit.start - 120)
    for end in _SENTENCE_START.finditer(text, lo, hit.start):
        lo = end.end()
    return not _LIVES_BEFORE.search(text, lo, hit.start)
