"""The Dutch lesson patterns: sentences, and the rules that say whether a sentence is a
lesson and of which type.

A lesson is one whole sentence (see :func:`sentence_spans`): the pipeline's sentencizer,
also split at blank lines, with leading and trailing white space left out. Each family
of rules looks at the sentence's lower-case text and its lemmas (``nlp.dutch_pipeline``);
the first family that fires gives the type, in this order:

1. ``shared`` — knowledge passed on or taken over: *gedeeld*, *overgenomen*, *naar
   voorbeeld van*, a *draaiboek*, "andere dorpen kunnen het gebruiken";
2. ``do_differently`` — hindsight about one's own acts: *volgende keer*, *anders doen*,
   *had(den) … moeten*, "zou ik … anders/eerder";
3. ``changed_practice`` — "since then we …": *sindsdien*, *inmiddels*, *voortaan*,
   *tegenwoordig*, *dat hebben we overgehouden*, *we doen nu*, "nu" with a change word
   (*beter*, *anders*, *opnieuw*, *vast*), *opnieuw verdeeld*;
4. ``advice`` — tips and advice: *tip*, *advies*, *aanraden*, *begin klein*, and
   imperative sentences (*Verdeel taken …*, *Leg afspraken vast*) in reports and in a
   report's lessons section;
5. ``insight`` — learning and noticing: the lemmas *leren*, *merken*, *ontdekken*,
   *opvallen*, *beseffen*, *realiseren*, *erachter komen*; hindsight (*achteraf*,
   *terugkijkend*); what works (*wat wel werkt*, *werkt beter*, *lopen het best*);
   *bleek moeilijk*; general truths in the second person (*je moet niet …*, *zonder … red
   je het niet*); every other sentence of a report's lessons section.

Questions are never lessons.

>>> classify("Volgende keer zou ik de huisarts er veel eerder bij halen.")
('do_differently', 'een volgende keer')
>>> classify("Mijn tip aan andere dorpen: begin klein.")
('advice', 'tips')
>>> classify("Hoe gaat het?") is None
True
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = [
    "LESSON_TYPES",
    "classify",
    "is_imperative",
    "is_lessons_heading",
    "sentence_spans",
]

#: The types of lessons, in the order of the contract.
LESSON_TYPES = ("insight", "do_differently", "changed_practice", "advice", "shared")

_W = r"(?<![\w-])"  # a word start
_E = r"(?![\w-])"  # a word end


def _rx(*patterns: str) -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(_W + p + _E), p) for p in patterns]


_SHARED = _rx(
    r"(hebben|heeft|hebt|is|zijn|werd|werden|wordt) (\w+ ){0,6}gedeeld",
    r"gedeeld (met|via)",
    r"overgenomen",
    r"(kunnen|kan|konden|mogen) (\S+ ){0,12}overnemen",
    r"naar (het )?voorbeeld van",
    r"draaiboek",
    r"andere (dorpen|projecten|initiatieven|gemeenten|wijken|kernen) (\w+ ){0,4}"
    r"(kunnen|kan) (\w+ ){0,3}gebruiken",
    r"(kennis|ervaring(en)?) (\w+ ){0,3}(doorgegeven|overgedragen)",
    # knowledge passed on in other words: told, presented, sent, visited, asked for
    r"(ons|onze|hun|mijn) (\w+ ){0,2}verhaal (\w+ ){0,2}(verteld|vertellen|gedaan)",
    r"verteld over (ons|onze|hun|mijn|de|het) (\w+ ){0,2}(ervaring(en)?|aanpak|project|werkwijze)",
    r"(workshop|presentatie|lezing|training) (\w+ ){0,3}(gegeven|verzorgd|gehouden)",
    r"(gegeven|verzorgd|gehouden) (\w+ ){0,2}(workshop|presentatie|lezing)",
    r"gepresenteerd",
    r"(hebben|heb|heeft) (we|wij|ik|ze|zij) (\w+ ){0,8}uitgelegd",
    r"uitgelegd (aan|hoe)",
    r"doorgestuurd",
    r"(geven|geeft|gaven) (\w+ ){0,3}door",
    r"(statuten|reglement|draaiboeken|handleiding|recept|aanpak|werkwijze|format|sjabloon)"
    r" (\w+ ){0,3}(gekregen|opgevraagd|gestuurd|verspreid)",
    r"(gekregen|opgevraagd) (\w+ ){0,3}(statuten|reglement|draaiboek(en)?|handleiding|aanpak)",
    r"(als|ter) voorbeeld (op|voor|gebruikt|genoemd|gesteld)",
    r"staat (\w+ ){0,2}op (de )?(website|site)",
    r"op bezoek (geweest|gegaan|gekomen|gaan|komen)",
    r"(komen|kwamen|kwam|komt|gekomen) (\w+ ){0,6}kijken",
    r"(wilden|willen|wilde|wil) weten hoe (wij|we|jullie)",
    r"(nu|ook) zelf (een|iets) (\w+ ){0,3}(opgezet|opzetten|opgericht|oprichten)",
    r"(kunnen|kan) (\w+ ){0,3}(leren|gebruiken) van (ons|onze|wat (we|wij))",
)
_CHANGED = _rx(
    r"sindsdien",
    r"inmiddels",
    r"voortaan",
    r"tegenwoordig",
    r"overgehouden",
    r"(we|wij) doen (het )?nu",
    r"nu (\w+ ){0,4}(beter|anders|opnieuw|vast|vaste)",
    r"(beter|anders|opnieuw) (\w+ ){0,2}nu",
    r"(beter|anders|opnieuw) verdeeld",
    r"sinds (vorig|afgelopen|het eerste|de eerste|dat) \w+ (\w+ ){0,3}(werken|doen|hebben|gaan)"
    r" (we|wij)",
    r"(we|wij) (werken|doen) (\w+ ){0,3}sinds",
    r"(zijn|ben) (we|wij|ik) (\w+ ){0,3}overgestapt",
    # "nu" first, with we doing something: a change, not a count ("We zitten nu op 27")
    r"^((dus|en|maar|ja)[, ]+){0,2}nu (hebben|doen|vragen|werken|zeggen|proberen|gebruiken|"
    r"zetten|maken|houden|gaan|nodigen|bellen|plannen|laten|geven) (we|wij|ik)",
    r"(we|wij|ik) (zeggen|vragen|proberen|nodigen|bellen|plannen|laten) (\w+ ){0,2}nu",
    r"vroeger [^.;!?]{0,80} nu",
    r"nu [^.;!?]{0,80} vroeger",
    r"(aangepast|veranderd|gewijzigd|bijgesteld) (nadat|na|naar aanleiding|omdat)",
)
_DIFFERENTLY = _rx(
    r"(een )?volgende keer",
    r"anders (aan)?pakken",
    r"anders doen",
    r"anders gedaan",
    r"(had|hadden|hadt) (\w+ ){0,8}moeten",
    r"zou(den)? (ik|we|wij|je) (\w+ ){0,6}(anders|eerder|meteen|nooit meer|niet meer)",
    r"(ik|we|wij) zou(den)? (\w+ ){0,6}(anders|eerder|meteen|nooit meer|niet meer)",
    r"opnieuw beginnen",
    r"(achteraf|terugkijkend)( gezien)?,? (\w+ ){0,4}te (veel|lang|laat|weinig|snel|vroeg)",
)
_ADVICE = _rx(
    r"tips?",
    r"advies",
    r"adviseren",
    r"aanraden",
    r"raad(t)? (ik|we|wij) (\w+ ){0,6}aan",
    r"begin (klein|bij|met|op tijd)",
    r"mijn advies",
    r"(zeg|zeggen|vertel|vertellen) (ik|we|wij) (\w+ ){0,3}tegen (iedereen|anderen|andere|nieuwe)",
)
_INSIGHT_TEXT = _rx(
    r"achteraf",
    r"terugkijkend",
    r"achteraf gezien",
    r"erachter (gekomen|kwamen|komen|kwam)",
    r"wat (wel|wél|niet|echt|goed) werkt",
    r"(werkt|werken|werkte|werkten|loopt|lopen|liep|liepen) (\w+ ){0,3}"
    r"(het best|het beste|beter|slechter|matig|averechts)",
    r"(werkt|werkte|werken) (\w+ ){0,2}niet",
    r"bleek (het )?(\w+ )?(moeilijk|lastig|belangrijk|nodig|makkelijk|beter|essentieel)",
    r"veel (gehad|geleerd|opgestoken) (aan|van)",
    r"(belangrijkste|grootste|eerste|mooiste|waardevolste) les(sen)?",
    r"les(sen)? (geleerd|getrokken)",
    r"zonder (\w+ ){1,4}red (je|we|jij) het niet",
    r"je (moet|kunt|kan) (\w+ ){0,2}niet",
    r"het (belangrijkste|grootste) (is|was) dat",
    r"(dat|dit|het) (heeft|hebben) (\w+ ){0,2}geholpen",
    r"(de|het) (goede|juiste|verkeerde) (volgorde|aanpak|keuze|manier|moment|plek)",
    r"(werkt|werkte|werken|werkten) (\w+ )?(wel|goed|prima)",
    r"^((en|maar|dus)[, ]+)?je moet ",
    r"les(sen)? (voor|van|uit) (ons|mij|mezelf|onszelf)",
)
#: Lemmas of learning and noticing.
_INSIGHT_LEMMAS = frozenset(
    {"leren", "merken", "ontdekken", "opvallen", "beseffen", "realiseren", "inzien",
     "inzicht"}
)  # fmt: skip
#: Words after which a sentence-initial verb stem is not an imperative ("Ga je mee?")
_SUBJECTS = frozenset({"je", "jij", "u", "we", "wij", "ik", "ze", "zij", "hij", "men"})
#: First words that look like verb stems but are not imperatives here.
_NOT_IMPERATIVE = frozenset(
    {"zie", "begin", "eind", "deel", "dank", "kijk", "stel", "wel", "goed", "samen"}
)  # fmt: skip
#: Irregular imperatives: the stem of these verbs does not follow the spelling rules.
_IRREGULAR = {"ga": "gaan", "sta": "staan", "doe": "doen", "kom": "komen", "hou": "houden",
              "wees": "zijn", "heb": "hebben", "sla": "slaan", "zoek": "zoeken"}  # fmt: skip
#: Headings of the part of a report that lists lessons.
_LESSONS_HEADING = re.compile(
    r"(geleerde\s+)?les(sen)?|leerpunten|aanbevelingen|tips|adviezen|wat\s+(hebben\s+)?"
    r"(we|wij)\s+geleerd|lessons?(\s+learned)?|geleerd",
    re.IGNORECASE,
)


def is_lessons_heading(heading: str) -> bool:
    """Whether a section heading names a part with lessons ("Geleerde lessen",
    "Aanbevelingen", "Tips voor andere dorpen").

    >>> is_lessons_heading("Geleerde lessen"), is_lessons_heading("Knelpunten")
    (True, False)
    """
    words = heading.strip().strip("#=-: \n").split()
    return (bool(words) and any(_LESSONS_HEADING.fullmatch(w) for w in words[:3])) or bool(
        re.search(r"geleerde lessen|tips voor|aanbeveling|lessen", heading, re.IGNORECASE)
    )


@lru_cache(maxsize=1)
def _stems() -> dict[str, str]:
    """Verb stem (imperative, *verdeel*) -> infinitive (*verdelen*), for every verb
    lemma of the pipeline's lemma table."""
    from ..nlp.lemma_table import lemma_table, regular_stem

    table = lemma_table()
    verbs = set(table.verbs) | {v for v in table.values() if v.endswith("en") and v.isalpha()}
    out = {}
    for verb in sorted(verbs):
        stem = regular_stem(verb)
        out[stem] = verb
        # verdelen -> verdeel (a stressed e in a longer word is written double too)
        if (
            len(stem) >= 3
            and stem[-2] == "e"
            and stem[-3] not in "aeiou"
            and stem[-1] not in "aeiou"
        ):
            out.setdefault(stem[:-1] + "e" + stem[-1], verb)
    out.update(_IRREGULAR)
    return out


def is_imperative(words: list[str]) -> bool:
    """Whether a sentence (its words, in order) starts with an imperative: a verb stem
    (*Verdeel*, *Leg*, *Ga*) not followed by a subject pronoun, in a sentence that is
    not a question.

    >>> is_imperative(["Leg", "afspraken", "schriftelijk", "vast", "."])
    True
    >>> is_imperative(["Ga", "je", "mee", "?"]), is_imperative(["De", "taken", "."])
    (False, False)
    """
    words = [w for w in words if w.strip() and not re.fullmatch(r"[-–•*\d.)]+", w)]
    if len(words) < 3 or words[-1] == "?":
        return False  # a fragment ("week"), or a question
    first = words[0].lower()
    if first in ("en", "maar", "dus", "ook") and len(words) > 1:
        words, first = words[1:], words[1].lower()
    if first in _NOT_IMPERATIVE and not (
        len(words) > 1 and words[1].lower() in ("klein", "niet", "nooit", "pas")
    ):
        return first == "deel" and len(words) > 1 and words[1].lower() in ("kennis", "ervaringen")
    if len(words) > 1 and (words[1].lower() in _SUBJECTS or words[1][:1].isdigit()):
        return False
    if first in _function_words() or (":" in words[1:4] and first in _nouns()):
        return False  # "In 2019 ...", "Er zijn ...", a label "Verloop van vrijwilligers: ..."
    verb = _stems().get(first)
    if verb is None:
        return False
    from ..nlp import lemma_of

    lemma = lemma_of(first)  # not a past tense of another verb ("bleek" is of blijken)
    return lemma in (verb, first) or not (lemma.endswith("en") and lemma != verb)


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    from spacy.lang.nl.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def _nouns() -> frozenset[str]:
    from ..nlp.lemma_table import lemma_table

    return lemma_table().nouns


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The sentences of ``text`` as ``(start, end)`` offsets: the Dutch pipeline's
    sentences, also split at blank lines, without white space at either end; pieces
    without a letter are left out.

    >>> text = "Het liep goed. Toen vonden we een vrijwilliger.\\n\\nKop\\n"
    >>> [text[a:b] for a, b in sentence_spans(text)]
    ['Het liep goed.', 'Toen vonden we een vrijwilliger.', 'Kop']
    """
    from ..nlp import dutch_pipeline

    if not text.strip():
        return []
    doc = dutch_pipeline()(text)
    out: list[tuple[int, int]] = []
    for sent in doc.sents:
        start = sent.start_char
        for piece in re.split(r"(\n[ \t]*\n)", text[sent.start_char : sent.end_char]):
            a = start + len(piece) - len(piece.lstrip())
            b = start + len(piece.rstrip())
            if b > a and re.search(r"[^\W\d_]", text[a:b]):
                out.append((a, b))
            start += len(piece)
    return out


def _lemmas(sentence: str) -> list[str]:
    from ..nlp import lemmas

    return lemmas(sentence)


def classify(
    sentence: str,
    *,
    report: bool = False,
    lessons_section: bool = False,
    words: list[str] | None = None,
    lemmas: list[str] | None = None,
) -> tuple[str, str] | None:
    """The type of lesson a sentence is and what fired, or None when it is none.

    ``report``: the sentence is from a report (imperatives count as advice);
    ``lessons_section``: it is under a heading such as "Geleerde lessen" (every
    sentence counts: imperatives as advice, others as insight unless a rule says more).
    ``words`` and ``lemmas`` may be given when known (else computed).

    >>> classify("Sindsdien werken we met vaste koppels.")
    ('changed_practice', 'sindsdien')
    >>> classify("Andere dorpen hebben het overgenomen.")
    ('shared', 'overgenomen')
    >>> classify("Wat ons is opgevallen: mensen komen graag samen eten.")
    ('insight', 'lemma:opvallen')
    >>> classify("Verdeel taken over meer vrijwilligers.", report=True)
    ('advice', 'imperative')
    """
    flat = " ".join(sentence.split())
    if not flat or flat.endswith("?"):
        return None
    low = flat.lower()
    for family, rules in (("shared", _SHARED), ("do_differently", _DIFFERENTLY),
                          ("changed_practice", _CHANGED), ("advice", _ADVICE)):  # fmt: skip
        for rx, name in rules:
            if rx.search(low) and not _guarded(name, low):
                return family, _name(name)
    if words is None:
        words = re.findall(r"\w+|[^\w\s]", flat)
    if (report or lessons_section) and is_imperative(words):
        return "advice", "imperative"
    for rx, name in _INSIGHT_TEXT:
        if rx.search(low):
            return "insight", _name(name)
    found = set(lemmas if lemmas is not None else _lemmas(flat)) & _INSIGHT_LEMMAS
    if found:
        return "insight", "lemma:" + sorted(found)[0]
    if lessons_section:
        return "insight", "section"
    return None


#: A count after "nu" ("We zitten nu op zevenentwintig vaste deelnemers"): a state, no change.
_COUNT_AFTER_NU = re.compile(
    r"\bnu (op |al |ruim |zo'n |ongeveer |met )?(\d+|\w*(tig|tien|honderd)|twee|drie|vier|vijf"
    r"|zes|zeven|acht|negen|elf|twaalf)\b"
)


def _guarded(pattern: str, low: str) -> bool:
    """Whether a rule that matched is overruled: *inmiddels* about someone else ("die
    is inmiddels 80 jaar"), or "nu" before a count."""
    if pattern == "inmiddels":
        return not re.search(r"\b(we|wij|ik|ons|onze)\b", low)
    if "nu" in pattern.split() or pattern.startswith("nu "):
        return bool(_COUNT_AFTER_NU.search(low))
    return False


def _name(pattern: str) -> str:
    """A readable name of a rule (its pattern without the regex syntax)."""
    plain = re.sub(r"\(\\w\+ \)\{\d,\d\}", "… ", pattern)
    plain = re.sub(r"[()?\\]", "", plain)
    return " ".join(plain.replace("|", "/").split())
