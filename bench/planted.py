"""A corpus with planted themes: synthetic Dutch respondent answers, each about one of
eight themes, so that a topic model's clusters can be scored against the truth
(adjusted Rand index).

Each answer has two to five sentences: two or three *theme sentences* (templates
whose slots take a word of the theme's vocabulary, or one time in seven a shared one),
the rest *shared sentences* (the same templates filled with domain words every theme
uses: project, gemeente, vrijwilliger, ...) or fillers of spoken Dutch. One theme word
in ten is drawn from another theme (noise), so themes overlap as they do in real
interviews. A classifier trained on the true themes (tf-idf, logistic regression,
3-fold) gets about 98 % of the answers right: the themes can be recovered, but not
from every answer. Seeded: the same seed gives the same corpus. The generator was written
before any topic model was run on it and is not tuned to one.

>>> answers = planted_answers(16, seed=1)
>>> len(answers), sorted({theme for _, theme in answers}) == list(range(8))
(16, True)
>>> planted_answers(3, seed=2) == planted_answers(3, seed=2)
True
"""

from __future__ import annotations

import random
from pathlib import Path

#: Per theme: nouns, verbs (infinitive, as after "we"/"ze"), adjectives.
THEMES: dict[str, tuple[list[str], list[str], list[str]]] = {
    "eetgroep": (
        "maaltijd eetgroep kok keuken soep recept boodschappen tafel dessert pan menu "
        "groente aardappel toetje afwas".split(),
        "koken eten afwassen opscheppen proeven bakken".split(),
        "lekker gezond warm vegetarisch".split(),
    ),
    "vervoer": (
        "buurtbus chauffeur rit auto rolstoel ziekenhuis huisarts route dienstregeling "
        "fiets benzine kilometer halte rijbewijs bus".split(),
        "rijden ophalen brengen vervoeren plannen tanken".split(),
        "vroeg afgelegen onbereikbaar punctueel".split(),
    ),
    "mantelzorg": (
        "mantelzorger ontlasting respijt dementie zorgtaak partner verpleging thuiszorg "
        "overbelasting logeeropvang wijkverpleegkundige medicijnen indicatie zorg "
        "dagopvang".split(),
        "verzorgen ontlasten opvangen overnemen steunen wassen".split(),
        "zwaar overbelast uitgeput kwetsbaar".split(),
    ),
    "financiering": (
        "subsidie begroting fonds bijdrage aanvraag penningmeester kosten sponsor "
        "contributie rekening huur tekort budget factuur accountant".split(),
        "betalen aanvragen begroten financieren declareren besparen".split(),
        "structureel duur financieel eenmalig".split(),
    ),
    "jongeren": (
        "jongere school leerling jongerenwerker klas docent mentor huiswerk stage "
        "schoolplein tiener sportveld puber game examen".split(),
        "chillen gamen leren begeleiden sporten voetballen".split(),
        "stoer verlegen nieuwsgierig brutaal".split(),
    ),
    "eenzaamheid": (
        "eenzaamheid koffieochtend ontmoeting praatje bezoek weduwe contact gesprek "
        "huiskamer spelletje bingo visite isolement buurvrouw koffie".split(),
        "ontmoeten bezoeken praten kletsen aanschuiven luisteren".split(),
        "eenzaam alleen gezellig stil".split(),
    ),
    "wonen": (
        "woning huurder verhuizing woningcorporatie appartement tuin onderhoud "
        "aanpassing traplift levensloopbestendig nieuwbouw seniorenwoning sleutel "
        "verbouwing wachtlijst".split(),
        "verhuizen verbouwen aanpassen huren bouwen schilderen".split(),
        "gelijkvloers betaalbaar toegankelijk ruim".split(),
    ),
    "digitaal": (
        "computer tablet smartphone wachtwoord internet app cursus digid website "
        "printer laptop wifi mail inlog account".split(),
        "inloggen installeren downloaden typen klikken updaten".split(),
        "digitaal handig ingewikkeld online".split(),
    ),
}

#: Words every theme uses.
SHARED = (
    "project gemeente provincie vrijwilliger dorp inwoner bewoner buurt wijk bestuur "
    "initiatief werkgroep avond week vergadering".split(),
    "organiseren regelen beginnen merken proberen bespreken".split(),
    "belangrijk lastig mooi moeilijk nieuw".split(),
)

TEMPLATES = [
    "We {v} samen de {n} voor de {n}.",
    "De {n} is echt {a} geworden.",
    "Het ging vooral over de {n} en de {n}.",
    "Bij de {n} willen we meer {n}.",
    "Ze {v} elke week de {n}.",
    "Dat was best {a}, zeker voor de {n}.",
    "Met de {n} konden we de {n} beter {v}.",
    "Eerst was de {n} nog {a}.",
    "Mensen vonden de {n} {a}, dus we gingen {v}.",
    "Volgend jaar willen we de {n} anders {v}.",
]

FILLERS = [
    "Ja, dat weet ik eigenlijk niet precies.",
    "Nou, dat is een goede vraag.",
    "Eh, ja, dat klopt wel.",
    "Kijk, zo gaat dat dan.",
    "Dat hebben we toen eigenlijk gewoon zo gedaan.",
    "Ja, dat denk ik wel.",
]

QUESTIONS = [
    "Kunt u daar iets meer over vertellen?",
    "Wat is er het afgelopen jaar gebeurd?",
    "Hoe ging dat?",
    "Wat heeft u daarvan geleerd?",
]

NOISE = 1 / 10  # share of theme slots filled from another theme


def _sentence(rng: random.Random, theme: int | None) -> str:
    names = list(THEMES)

    def word(kind: int) -> str:
        if theme is None:
            return rng.choice(SHARED[kind])
        own = theme
        if rng.random() < NOISE:
            own = rng.choice([t for t in range(len(names)) if t != theme])
        pool = THEMES[names[own]][kind]
        return rng.choice(pool if rng.random() < 0.85 else SHARED[kind])

    template = rng.choice(TEMPLATES)
    out = template.replace("{n}", "\0n").replace("{v}", "\0v").replace("{a}", "\0a")
    parts = out.split("\0")
    text = parts[0]
    for part in parts[1:]:
        text += word("nva".index(part[0])) + part[1:]
    return text


def planted_answers(n: int, seed: int = 0) -> list[tuple[str, int]]:
    """``n`` answers ``(text, theme)``, themes 0..7 in turn (so about n/8 each)."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        theme = i % len(THEMES)
        size = rng.randint(2, 5)
        n_theme = rng.randint(2, min(3, size))
        kinds = [theme] * n_theme + [None] * (size - n_theme)
        rng.shuffle(kinds)
        sentences = [
            rng.choice(FILLERS) if k is None and rng.random() < 0.4 else _sentence(rng, k)
            for k in kinds
        ]
        out.append((" ".join(sentences), theme))
    return out


def write_planted(folder: Path, n: int, seed: int = 0, per_file: int = 50) -> list[int]:
    """Write ``n`` planted answers as interview transcripts (``I:``/``R:`` turns, ``per_file``
    answers a file) into ``folder``; return the themes in the order of the files' names
    and of the answers in them (the order of the respondent segments of a store)."""
    answers = planted_answers(n, seed)
    rng = random.Random(seed + 1)
    themes = []
    for start in range(0, n, per_file):
        part = answers[start : start + per_file]
        lines = []
        for text, theme in part:
            lines += [f"I: {rng.choice(QUESTIONS)}", f"R: {text}"]
            themes.append(theme)
        name = f"P{start // per_file:05d}_2019_interview.txt"
        (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return themes
