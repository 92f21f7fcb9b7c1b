"""The words of the outcome summaries, in Dutch (the default) and English.

Every heading, column name and sentence a report shows comes from :data:`TEXTS`, so a
translation is one dictionary and a report never mixes languages.

>>> say("facts", "nl"), say("facts", "en")
('Projectgegevens', 'Project facts')
>>> say("n_of", "en", n=3, what="interviews")
'3 interviews'
"""

from __future__ import annotations

from typing import Any

__all__ = ["LANGUAGES", "TEXTS", "check_lang", "percent", "say"]

#: The languages a summary can be written in.
LANGUAGES = ("nl", "en")

TEXTS: dict[str, dict[str, str]] = {
    "nl": {
        "title": "Uitkomsten van {name}",
        "programme_title": "Sociale kwaliteit: overzicht van de projecten",
        "subtitle": "Project {project_id} · opgesteld {date} · sokwal-monitor {version}",
        "facts": "Projectgegevens",
        "no_facts": "Er zijn geen projectgegevens bekend (geen projects.csv).",
        "material": "Onderzocht materiaal",
        "indicators": "Bereik en resultaten volgens verslagen en interviews",
        "no_indicators": "In de verslagen en interviews staan geen getallen over bereik.",
        "codes_per_wave": "Thema's per meting",
        "codes_per_wave_note": (
            "Aandeel van de uitspraken van respondenten en de alinea's van verslagen waarin"
            " een thema voorkomt, per meting (codes van {coder})."
        ),
        "no_codes": "Er zijn (nog) geen coderingen voor dit project.",
        "learning": "Leereffecten",
        "learning_note": (
            "Wat veranderde tussen de metingen: het aandeel uitspraken met een thema of"
            " onderwerp, met een 95%-betrouwbaarheidsinterval (bootstrap). Alleen"
            " veranderingen waarvan het interval niet 0 bevat, of die nieuw zijn."
        ),
        "no_learning": (
            "Geen leereffecten te tonen: het project heeft één meting, of geen duidelijke"
            " veranderingen tussen de metingen."
        ),
        "topics": "Onderwerpen in de gesprekken",
        "topics_note": "Onderwerpen die een topicmodel in alle teksten vond; aandeel per meting.",
        "no_topics": "Er is geen topicmodel berekend (sokwal topics).",
        "survey": "Uitkomsten van de enquête",
        "survey_note": (
            "Gemiddelden en percentages per meting, met een 95%-betrouwbaarheidsinterval;"
            " n is het aantal respondenten dat de vraag beantwoordde."
        ),
        "no_survey": "Voor dit project zijn geen enquêtegegevens.",
        "certainty": "Hoe zeker zijn we?",
        "n_of": "{n} {what}",
        "interviews": "interviews",
        "reports": "verslagen",
        "respondents": "respondenten in de interviews (per interview geteld)",
        "survey_respondents": "respondenten in de enquête",
        "waves": "metingen",
        "codings_by_origin": "Coderingen: {parts}.",
        "origin_manual": "door een onderzoeker",
        "origin_rule": "door regels uit het codeboek",
        "origin_model": "voorgesteld door een model",
        "origin_import": "overgenomen uit een ander programma",
        "automatic_share": (
            "{share} van de coderingen is automatisch gemaakt en niet door een onderzoeker"
            " gecontroleerd."
        ),
        "coder_used": "De tabellen gebruiken de coderingen van {coder}.",
        "agreement": (
            "Overeenstemming tussen {a} en {b} (per fragment): Krippendorffs α = {alpha}"
            " (95%-BI {low} tot {high}), {n} fragmenten."
        ),
        "no_agreement": (
            "Er is maar één codeur: de overeenstemming tussen codeurs is niet te bepalen."
        ),
        "few_interviews": (
            "Met {n} interviews per meting zijn verschillen tussen metingen indicatief,"
            " niet bewezen."
        ),
        "pseudonymized": "Alle citaten zijn gepseudonimiseerd: namen zijn vervangen.",
        "not_pseudonymized": (
            "Let op: deze projectopslag is niet gepseudonimiseerd. Deel dit verslag niet."
        ),
        "code": "Thema",
        "topic": "Onderwerp",
        "wave": "Meting",
        "share": "Aandeel",
        "change": "Verandering",
        "from_to": "Van → naar",
        "interval": "95%-BI",
        "quote": "Citaat",
        "indicator": "Indicator",
        "value": "Aantal",
        "example": "Voorbeeld",
        "question": "Vraag",
        "answer": "Antwoord",
        "mean": "gemiddelde",
        "n": "n",
        "kind": "Soort",
        "documents": "Documenten",
        "project": "Project",
        "new": "nieuw",
        "grew": "meer",
        "shrank": "minder",
        "approx": "ongeveer",
        "report_failed": "Het verslag kon niet worden gemaakt: {error}",
        "index_intro": (
            "Per project een samenvatting van uitkomsten en leereffecten, gemaakt uit"
            " interviews, verslagen en enquêtes."
        ),
        "codings": "Coderingen",
        "top_codes": "Meest voorkomende thema's",
        "failed": "Mislukt",
        "open": "bekijk",
    },
    "en": {
        "title": "Outcomes of {name}",
        "programme_title": "Social quality: overview of the projects",
        "subtitle": "Project {project_id} · made {date} · sokwal-monitor {version}",
        "facts": "Project facts",
        "no_facts": "No project facts are known (no projects.csv).",
        "material": "Material studied",
        "indicators": "Reach and results according to reports and interviews",
        "no_indicators": "The reports and interviews give no numbers about reach.",
        "codes_per_wave": "Themes per wave",
        "codes_per_wave_note": (
            "Share of the respondents' turns and the reports' paragraphs in which a theme"
            " occurs, per wave (codings by {coder})."
        ),
        "no_codes": "There are no codings for this project (yet).",
        "learning": "Learning effects",
        "learning_note": (
            "What changed between waves: the share of turns with a theme or topic, with a"
            " 95% confidence interval (bootstrap). Only changes whose interval does not"
            " include 0, or that are new."
        ),
        "no_learning": (
            "No learning effects to show: the project has one wave, or no clear changes"
            " between its waves."
        ),
        "topics": "Topics in the conversations",
        "topics_note": "Topics a topic model found across all texts; share per wave.",
        "no_topics": "No topic model was fitted (sokwal topics).",
        "survey": "Survey outcomes",
        "survey_note": (
            "Means and percentages per wave with a 95% confidence interval; n is the number"
            " of respondents who answered the question."
        ),
        "no_survey": "There are no survey data for this project.",
        "certainty": "How sure are we?",
        "n_of": "{n} {what}",
        "interviews": "interviews",
        "reports": "reports",
        "respondents": "respondents in the interviews (counted per interview)",
        "survey_respondents": "survey respondents",
        "waves": "waves",
        "codings_by_origin": "Codings: {parts}.",
        "origin_manual": "by a researcher",
        "origin_rule": "by codebook rules",
        "origin_model": "suggested by a model",
        "origin_import": "imported from another program",
        "automatic_share": (
            "{share} of the codings were made automatically, unchecked by a researcher."
        ),
        "coder_used": "The tables use the codings of {coder}.",
        "agreement": (
            "Agreement between {a} and {b} (per segment): Krippendorff's α = {alpha}"
            " (95% CI {low} to {high}), {n} segments."
        ),
        "no_agreement": "There is only one coder: agreement between coders cannot be measured.",
        "few_interviews": (
            "With {n} interviews per wave, differences between waves are indicative, not proven."
        ),
        "pseudonymized": "All quotes are pseudonymized: names have been replaced.",
        "not_pseudonymized": "Careful: this store is not pseudonymized. Do not share this report.",
        "code": "Theme",
        "topic": "Topic",
        "wave": "Wave",
        "share": "Share",
        "change": "Change",
        "from_to": "From → to",
        "interval": "95% CI",
        "quote": "Quote",
        "indicator": "Indicator",
        "value": "Number",
        "example": "Example",
        "question": "Question",
        "answer": "Answer",
        "mean": "mean",
        "n": "n",
        "kind": "Kind",
        "documents": "Documents",
        "project": "Project",
        "new": "new",
        "grew": "more",
        "shrank": "less",
        "approx": "about",
        "report_failed": "The report could not be made: {error}",
        "index_intro": (
            "For every project a summary of outcomes and learning effects, made from"
            " interviews, reports and surveys."
        ),
        "codings": "Codings",
        "top_codes": "Most frequent themes",
        "failed": "Failed",
        "open": "open",
    },
}


def check_lang(lang: str) -> str:
    """``lang`` when it is one of :data:`LANGUAGES`, else a ``ValueError``.

    >>> check_lang("de")
    Traceback (most recent call last):
    ...
    ValueError: lang must be one of nl, en, not 'de'
    """
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    return lang


def say(key: str, lang: str = "nl", **values: Any) -> str:
    """The text ``key`` in ``lang``, with ``values`` filled in.

    >>> say("pseudonymized")
    'Alle citaten zijn gepseudonimiseerd: namen zijn vervangen.'
    """
    return TEXTS[check_lang(lang)][key].format(**values)


def percent(share: float, lang: str = "nl", digits: int = 0) -> str:
    """A share as a percentage the way the language writes it.

    >>> percent(0.125, "nl", 1), percent(0.125, "en", 1), percent(float("nan"))
    ('12,5%', '12.5%', '–')
    """
    if share != share:  # NaN
        return "–"
    text = f"{100 * share:.{digits}f}"
    return (text.replace(".", ",") if lang == "nl" else text) + "%"
