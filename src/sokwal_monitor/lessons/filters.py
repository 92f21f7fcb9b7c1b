"""The filters around the lesson rules: hesitations left out, spoken advice, answers
and sentences that are no lessons, general truths, the guards that overrule a rule that
matched, and a rule's readable name."""

from __future__ import annotations

import re

from .imperative import _function_words, _nouns

#: Hesitations and discourse markers at the start of a spoken sentence ("En, eh... regel
#: de verzekering", "Want, eh, ja, jonge mantelzorgers …").
_FILLERS = re.compile(
    r"^(?:(?:en|ja|nee|nou|eh+m?|uh+m?|hm+|oké|ok|maar|want|dus)(?![\w-])[\s,.…]*)+",
    re.IGNORECASE,
)
_HESITATION = re.compile(r"(?<![\w-])(eh+m?|uh+m?|hm+|nou)(?![\w-])|\.\.\.|…", re.IGNORECASE)


def _strip_fillers(flat: str) -> str:
    """A sentence without the hesitations it opens with: "En, eh... regel de verzekering
    goed." -> "regel de verzekering goed."; a sentence without a hesitation stays as it is
    (its "Dus" or "Maar" can matter)."""
    head = _FILLERS.match(flat)
    if head is None or head.end() >= len(flat) or not _HESITATION.search(head.group(0)):
        return flat
    return flat[head.end() :]


#: Sentence starts that are no advice in a conversation: "Neem nou mevrouw Smit",
#: "Mail maar", "Vraag het me volgend jaar", "Let maar niet op de rommel".
_NOT_SPOKEN_ADVICE = re.compile(
    r"^((en|maar|dus)[, ]+)?\w+ (nou|maar|me|mij|ons|eens|even|gerust)\b|[@\d]"
)
#: Words that make an imperative in a conversation general advice to others.
_ADVICE_WORDS = re.compile(
    r"\b(niet|nooit|eerst|gewoon|altijd|zelf|op tijd|vooraf|je|jezelf|"
    r"de tijd|goed|klein|want|persoonlijk)\b"
)


def _spoken_advice(words: list[str], low: str, question: str | None) -> bool:
    """Whether an imperative in an interview answer can be advice to others: not a
    title or a name ("Mevrouw …", "Fleur …"), not an aside to the interviewer ("Mail
    maar", "Neem nou …"), and either an answer to a question that asks for lessons or a
    sentence with words of general advice (*niet*, *eerst*, *gewoon*, *je*)."""
    first = next((w for w in words if w.strip() and w.isalpha()), "")
    if not first or first.lower() in ("en", "maar", "dus"):
        rest = [w for w in words if w.isalpha()][1:2]
        first = rest[0] if rest else ""
    if not first or _NOT_SPOKEN_ADVICE.search(low):
        return False
    alpha = [w for w in words if w.isalpha()]
    after = alpha[alpha.index(first) + 1 : alpha.index(first) + 2] if first in alpha else []
    if after and after[0][:1].isupper():
        return False  # "Neem Fleur, die is 16 jaar.": a person, not advice
    return question is not None or bool(_ADVICE_WORDS.search(low))


#: An answer that says there is nothing to tell: "Ik zou hetzelfde doen.", "Niks eigenlijk."
_NO_LESSON_ANSWER = re.compile(
    r"\b(hetzelfde|niets|niks|geen idee|geen spijt|weet (ik )?(het )?(nog )?niet|precies zo)\b"
    r"|\b(moet|moeten) (\w+ ){0,3}nog\b"
    r"|^((verder|nou|ja|nee)[, ]+)?(nog )?(niet echt|nog niet)\b|\b(zijn|ben|is) (\w+ )?aan het\b"
    r"|^((nou|ja|eh|nee)[,. ]+)*(best|heel|erg|vrij) (veel|weinig)( eigenlijk)?\.?$"
)
#: What participants (not the initiators) learned, and "leren kennen" (getting to know).
_NOT_A_LESSON = re.compile(
    r"\b(leren|leerden|leert|leerde|geleerd) (\w+ )?kennen\b"
    r"|\b(bezoekers|deelnemers|kinderen|leerlingen|cursisten|scholieren|gasten|sommigen)"
    r" (\w+ ){0,3}(leren|leerden|leert|leerde|geleerd)\b"
    r"|^((en|maar|dus)[, ]+)?(de|onze|die) (jongeren|mensen|ouderen|kinderen|bewoners|vrouwen|"
    r"mannen|nieuwkomers|deelnemers) (\w+ ){0,5}(leren|leerden|leert|leerde|geleerd)\b"
)
#: A sentence about what participants did ("Deelnemers hebben zelf een appgroep
#: opgericht", "Een deelnemer van 88 …"): an outcome, even under a lessons heading.
_PARTICIPANT_SUBJECT = re.compile(
    r"^((en|ook|maar)[, ]+)?((de|een|veel|sommige|twee|drie|enkele|onze) )?(\w+ )?"
    r"(deelnemers?|bezoekers?|cursisten?|leerlingen?|gasten?|scholieren?)\b"
)
#: "voordat iemand het merkte": someone else's noticing, not a lesson.
_NOBODY_NOTICED = re.compile(
    r"\b(iemand|niemand|buren|buurman|buurvrouw) (\w+ ){0,2}(merkte|merkten|merkt)\b"
    # how to notice, as a course's content ("hoe je merkt dat iemand …")
    r"|\bhoe je (\w+ )?merkt\b"
)
#: Knowledge passed on counts only when it happened: not a conditional or a
#: counterfactual ("Als ik het over zou doen, zou ik … op bezoek gaan", "Er had iemand
#: moeten meelopen"), an imperative ("Zorg dat …, anders worden ze … gestuurd"), nor
#: "a good way to share experiences" (an insight about a method).
_NOT_HAPPENED = re.compile(
    r"\b(zou|zouden|zoudt)\b|\b(had|hadden) (\w+ ){0,12}moeten\b"
    r"|^((en|maar|dus)[, ]+)?zorg (dat|voor|ervoor)\b"
    r"|\bmanier om (\w+ ){0,3}te (delen|uitwisselen)\b"
)

#: A generic subject: the second person, "men", people in general, a kind of person or
#: organisation in general (a bare plural or "een …").
_GENERIC_SUBJECT = re.compile(
    r"^((en|maar|dus|ja|want)[, ]+)?(je|men|jij|"
    r"((?!(de|die|deze|sommige|onze|hun|andere|alle|veel|beide|mijn|jouw|uw|zijn|haar|"
    r"welke|elke|iedere|twee|drie|vier|vijf|zes)\b)\w+e )?(mensen|jongeren|ouderen|inwoners|"
    r"bewoners|vrijwilligers|ouders|kinderen|"
    r"gemeenten|initiatiefnemers|dorpen|buren)|"
    r"(een|zo'n) (\w+ )?(gemeente|bestuur|overdracht|brief|folder|vrijwilliger|initiatief|"
    r"project|dorpshuis|buurthuis|plek|ruimte|groep|werkgroep)) "
)
#: A predicate that makes a generic sentence a claim about what works: a modal, a
#: negation, a comparison, an evaluation.
_GENERIC_PREDICATE = re.compile(
    r"\b(moet|moeten|hoeft|hoeven|wil|willen|wilt|durven|durft|niet|nooit|geen|beter|"
    r"makkelijker|moeilijker|liever|sneller|meer dan|minder dan|genoeg|belangrijk|vanzelf|"
    r"eerst|pas|behoefte|het minst|het meest|helemaal niet)\b"
)
#: Verbs of the past: a generic subject in the past tense tells what happened.
_PAST = re.compile(
    r"\b(was|waren|had|hadden|kwam|kwamen|werd|werden|ging|gingen|wilde|wilden|"
    r"deed|deden|zat|zaten)\b"
)


#: The participants of a project: what they do is an outcome, not the initiators' lesson.
_PARTICIPANTS = frozenset(
    {"deelnemers", "bezoekers", "leerlingen", "cursisten", "gasten", "lopers", "scholieren",
     "cliënten", "klanten", "leden"}
)  # fmt: skip


def _bare_plural(low: str) -> re.Match[str] | None:
    """The sentence's first word when it is a plural noun without article
    ("Mantelzorgers komen niet voor de lezing"): people or things in general."""
    head = re.match(r"((en|maar|dus|want)[, ]+)?([^\W\d_]+e )?([^\W\d_]{4,}(s|en)) ", low)
    if head is None or head.group(4) in _function_words() or head.group(4) in _PARTICIPANTS:
        return None  # what participants do or feel is an outcome, not a lesson
    if head.group(3) and head.group(3).strip() in _function_words():
        return None  # "deze mensen", "onze vrijwilligers": someone in particular
    from ..nlp import lemma_of

    lemma = lemma_of(head.group(4))
    return head if lemma != head.group(4) and lemma in _nouns() else None


#: Someone says or finds that …: the clause after it may be a general truth ("Een
#: bestuurslid zegt dat nieuwe mensen zich wel willen inzetten voor één activiteit, maar
#: niet voor een vast barrooster.").
_REPORTED = re.compile(
    r"\b(zegt|zeggen|vindt|vinden|geeft aan|geven aan|benadrukt|benadrukken|denkt|denken|"
    r"weet|weten) dat "
)


def _is_generic_truth(low: str) -> bool:
    """Whether a sentence states a general truth about what works: a generic subject
    ("je", "mensen", "jongeren", "een gemeente") with a modal, negated, comparative or
    evaluative predicate, in the present tense ("Jongeren reageren niet op een brief."),
    also as what someone says or finds ("Zij zegt dat dorpshuizen die … sterker staan.")."""
    said = _REPORTED.search(low)
    if said is not None and _is_generic_truth(low[said.end() :]):
        return True
    head = _GENERIC_SUBJECT.match(low) or _bare_plural(low)
    if head is None or _PAST.search(low) or re.match(r"(\w+[, ]+)?je (hebt|had|dient) ", low):
        return False
    return bool(_GENERIC_PREDICATE.search(low[head.end() :]))


#: A count after "nu" ("We zitten nu op zevenentwintig vaste deelnemers"): a state, no change.
_COUNT_AFTER_NU = re.compile(
    r"\bnu (op |al |ruim |zo'n |ongeveer |met |een stuk of )?(\d+|\w*(tig|tien|honderd)|twee"
    r"|drie|vier|vijf|zes|zeven|acht|negen|elf|twaalf)\b"
)


def _guarded(pattern: str, low: str) -> bool:
    """Whether a rule that matched is overruled: *inmiddels* about someone else ("die
    is inmiddels 80 jaar"), or "nu" before a count."""
    if pattern.startswith(("sinds ", "^sinds ")) and not pattern.startswith(
        "sinds (vorig|afgelopen|het"
    ):
        # what we do since then, or an answer "Ja, sinds september …"; not a role ("ik ben
        # sinds januari vrijwilliger") nor how long something lasts ("al sinds het voorjaar")
        if re.search(
            r"\bal sinds\b|\b(?!(19|20)\d\d\b)\d+\b", low
        ):  # how long, or a count since then
            return True
        role = (
            r"\b((ben|is|zijn|was) (\w+ )?sinds|sinds (\w+ ){1,2}(ben|is|zijn|was) (ik|hij|zij|ze|"
            r"die|je)|in dienst|sinds \w+ (is|zijn|was) (\w+ ){1,3}(beheerder|voorzitter|"
            r"vrijwilliger|lid|coördinator|coordinator|penningmeester|secretaris|bestuurslid|"
            r"trekker|coach))\b"
        )
        if re.search(role, low) and not re.search(r"\b(we|wij)\b", low):
            return True
        if re.search(r"\bin dienst\b", low):
            return True  # a job since a date ("die sinds 2021 in dienst is")
        if re.match(r"((ja|nee|en|dus)[, ]+)?sinds\b|(daarom|dus|toen)\b", low):
            return False  # what is done since then, or a consequence ("Daarom zit er sinds …")
        return not re.search(r"\b(we|wij|ons|onze)\b", low)
    if pattern.startswith("^((en|maar|dus|ja)[, ]+)?(ik|we|wij) zou"):
        # "Ik zou hetzelfde doen": no hindsight
        return bool(re.search(r"\b(hetzelfde|niets anders|niks anders|precies zo)\b", low))
    if pattern.startswith(
        (
            "(komen|kwamen|kwam|komt|gekomen)",
            "(zijn|waren|is|was) (er )?",
            "(zijn|waren|ben) (we",
            "(we|wij|ik) (zijn|waren|ben)",
        )
    ):
        # a visit of an official or the press is no knowledge passed on to peers
        return bool(
            re.search(
                r"\b(wethouder|burgemeester|gedeputeerde|ambtenaar|ambtenaren|"
                r"raadsleden|raadslid|pers|krant|omroep|televisie|gemeente|huisarts|dokter|"
                r"notaris|bank|accountant|verzekeraar)\b",
                low,
            )
        )
    if pattern == "tips?":
        # a practical tip for the participants or readers, not advice to other initiatives
        return bool(re.search(r"\btips? (voor|aan) (de |onze )?(deelnemers|bezoekers|lezers|"
                              r"gasten|leden)\b", low))  # fmt: skip
    if pattern == "(een )?volgende keer":
        return bool(re.search(r"\bvolgende keer in (de|het|onze) (nieuwsbrief|krant|blad)\b", low))
    if pattern.startswith("begin "):
        # "vanaf het begin bij betrekken": the noun, not the imperative
        return bool(re.search(r"\b(het|vanaf|in) begin\b", low))
    if pattern in ("(ingevoerd|afgeschaft|omgedraaid)",) or pattern.startswith(
        "(hebben|heb|heeft|zijn) (we|wij|ik|ze) (\\w+ ){0,6}(ingevoerd"
    ):
        # a plan ("Dat wordt in 2023 ingevoerd.") or a wish is not a change made
        return bool(re.search(r"\b(wordt|worden|zal|zullen|gaat|gaan|willen|wil)\b", low))
    if pattern.startswith(("^(\\w+ ){1,5}", "^als (mensen", "^(?!((en|maar|dus) )?")):
        return bool(_PAST.search(low))  # a general truth is in the present
    if pattern.startswith("nog (maar )?"):
        return bool(_PAST.search(low))  # "kwam nog één keer per week": how it was
    if pattern.startswith("(kost|kostte)"):
        return bool(re.search(r"\bdan (gepland|verwacht|begroot|gedacht)\b", low))  # a plan missed
    if pattern.startswith("(bleek|blijkt|gebleken)"):
        return bool(
            re.search(r"\buit (\w+ ){0,6}(blijkt|bleek|gebleken)\b", low)
        )  # a survey's result
    if pattern.startswith("(is|zijn|waren|doet|doen|levert"):
        return bool(re.search(r"\ber (is|zijn|was|waren) (\w+ )?(meer|minder)\b", low))  # a count
    if pattern == "inmiddels" and re.search(r"\binmiddels (is|zijn|hebben|heeft) er\b", low):
        return False  # "Inmiddels is er een proefles": a new arrangement
    if pattern == "inmiddels":
        # we, or the project's own group acting ("De werkgroep werkt inmiddels met …")
        return not re.search(
            r"\b(we|wij|ik|ons|onze)\b|^((en|maar|dus)[, ]+)?(de|het|ons|onze) "
            r"(\w*groep|\w*team|bestuur|stichting|vereniging|coöperatie|"
            r"organisatie|club|redactie|vrijwilligers|coaches)\b "
            r"(\w+ )?inmiddels",
            low,
        )
    if pattern.startswith("^((dus|en|maar|ja)[, ]+){0,2}nu (heeft") and re.match(
        r"((dus|en|maar|ja)[, ]+){0,2}nu is het\b", low
    ):
        return True  # "Nu is het ontploft": how things are, not what we changed
    if pattern.startswith("nu (\\w+ ){0,4}(beter") and re.search(r"\b(weten|weet)\b", low):
        return True  # "Nu weten we beter": an insight, not a change of practice
    if "nu" in pattern.split() or pattern.startswith("nu "):
        return bool(_COUNT_AFTER_NU.search(low))
    return False


def _name(pattern: str) -> str:
    """A readable name of a rule (its pattern without the regex syntax)."""
    plain = re.sub(r"\(\\w\+ \)\{\d,\d\}", "… ", pattern)
    plain = re.sub(r"[()?\\]", "", plain)
    return " ".join(plain.replace("|", "/").split())
