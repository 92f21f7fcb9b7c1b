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

__all__ = [
    "FACT_LABELS",
    "LANGUAGES",
    "TEXTS",
    "check_lang",
    "count_of",
    "fact_label",
    "percent",
    "say",
]

#: The languages a summary can be written in.
LANGUAGES = ("nl", "en")

TEXTS: dict[str, dict[str, str]] = {
    "nl": {
        "lib_title": "Vindplaats: lessen van initiatiefnemers",
        "lib_intro": (
            "Wat initiatiefnemers van sociale projecten in Overijssel geleerd hebben, in hun"
            " eigen woorden: zoek op een woord, kies een thema, een soort project of een"
            " regio. Namen zijn vervangen door codes zoals [PERSOON-1]."
        ),
        "lib_search": "Zoeken",
        "lib_search_hint": "bijvoorbeeld vrijwilligers, gemeente, jongeren",
        "lib_all": "alle",
        "lib_theme": "Thema",
        "lib_type": "Soort les",
        "lib_project_kind": "Soort project",
        "lib_region": "Regio",
        "lib_group": "Ordenen per",
        "lib_count": "{n} van {total} lessen",
        "lib_none_found": "Geen lessen gevonden: probeer een ander woord of minder filters.",
        "lib_empty": "Er staan nog geen lessen in de vindplaats.",
        "lib_original": "Oorspronkelijk citaat",
        "lib_edited": "in eigen woorden samengevat door de onderzoeker",
        "lib_favourite": "Aanrader",
        "lib_project_page": "Projectpagina",
        "lib_waves": "metingen {waves}",
        "lib_since": "sinds {year}",
        "lib_themes_nav": "Per thema, om af te drukken",
        "lib_print": "Afdrukken",
        "lib_back": "Terug naar alle lessen",
        "lib_theme_title": "Lessen over {theme}",
        "lib_theme_intro": ("{n} {what} uit {projects} {projects_word}, voor de themabijeenkomst."),
        "lib_project_word": "project",
        "lib_projects_word": "projecten",
        "lib_noscript": (
            "Zoeken en filteren werkt met JavaScript. Zonder JavaScript vindt u alle lessen op"
            " de pagina's per thema hieronder."
        ),
        "lib_not_pseudonymized": (
            "Let op: deze projectopslag is niet gepseudonimiseerd; deze vindplaats kan namen"
            " en andere persoonsgegevens bevatten. Deel haar niet."
        ),
        "lib_made": "Gemaakt op {date} met sokwal-monitor {version}.",
        "lib_no_theme": "zonder thema",
        "lib_filters": "Filters",
        "lib_unknown": "onbekend",
        "lessons": "Wat hebben de initiatiefnemers geleerd?",
        "lessons_note": (
            "Uitspraken waarin initiatiefnemers, vrijwilligers, professionals of een verslag"
            " zeggen wat zij geleerd hebben, wat zij anders zouden doen, wat zij nu anders"
            " doen of wat zij anderen aanraden; per thema, met wie het zei en wanneer."
        ),
        "no_lessons": (
            "Voor dit project zijn (nog) geen lessen vastgelegd. Een onderzoeker vindt ze met"
            " sokwal lessons en bevestigt ze."
        ),
        "lessons_count": "{n} {what} over {themes} {themes_word}; soorten: {types}.",
        "lesson": "les",
        "lessons_plural": "lessen",
        "theme_word": "thema",
        "themes_word": "thema's",
        "other_theme": "Overige lessen",
        "said_by": "{role}, meting {wave}",
        "also_themes": "ook: {themes}",
        "type_insight": "inzicht opgedaan",
        "type_do_differently": "zou het anders doen",
        "type_changed_practice": "werkt nu anders",
        "type_advice": "advies aan anderen",
        "type_shared": "kennis gedeeld",
        "role_initiator": "initiatiefnemer",
        "role_volunteer": "vrijwilliger",
        "role_municipality": "gemeente",
        "role_professional": "professional",
        "role_report": "verslag",
        "role_respondent": "geïnterviewde",
        "role_interviewer": "interviewer",
        "role_participant": "deelnemer",
        "role_unknown": "onbekend",
        "learning_caveat": (
            "Let op: deze tabel telt hoe vaak een thema ter sprake komt; dat iets vaker"
            " genoemd wordt, betekent niet vanzelf dat er iets geleerd is."
        ),
        "interval_explained": (
            "Het interval (95%) geeft de marge door toeval; het staat er alleen bij een"
            " thema dat in beide metingen voorkomt en op minstens {n} uitspraken per meting"
            " rust."
        ),
        "from_table": "(uit een tabel)",
        "fact_budget": "€ {value}",
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
        "learning": "Leereffecten in cijfers: verschuivingen tussen metingen",
        "learning_note": (
            "Welk deel van de uitspraken een thema noemt, per meting; alleen thema's die"
            " nieuw zijn of duidelijk vaker of minder vaak genoemd worden."
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
            "Percentages per antwoord en gemiddelden per meting; n is het aantal respondenten"
            " dat de vraag beantwoordde. Bij een gemiddelde staat de marge door toeval"
            " (95%-betrouwbaarheidsinterval) tussen haakjes."
        ),
        "no_survey": "Voor dit project zijn geen enquêtegegevens.",
        "certainty": "Hoe zeker zijn we?",
        "n_of": "{n} {what}",
        "interviews": "interviews",
        "interview": "interview",
        "reports": "verslagen",
        "report": "verslag",
        "respondents": "respondenten in de interviews (per interview geteld)",
        "respondent": "respondent in de interviews",
        "surveys": "enquêtes",
        "survey_one": "enquête",
        "others": "overige",
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
            "Met {n} {interviews} per meting zijn verschillen tussen metingen indicatief,"
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
        "lib_title": "Lessons library: what initiators learned",
        "lib_intro": (
            "What initiators of social projects in Overijssel learned, in their own words:"
            " search for a word, pick a theme, a kind of project or a region. Names are"
            " replaced by codes such as [PERSOON-1]."
        ),
        "lib_search": "Search",
        "lib_search_hint": "for example volunteers, municipality, young people",
        "lib_all": "all",
        "lib_theme": "Theme",
        "lib_type": "Kind of lesson",
        "lib_project_kind": "Kind of project",
        "lib_region": "Region",
        "lib_group": "Group by",
        "lib_count": "{n} of {total} lessons",
        "lib_none_found": "No lessons found: try another word or fewer filters.",
        "lib_empty": "There are no lessons in the library yet.",
        "lib_original": "Original quote",
        "lib_edited": "summarized in own words by the researcher",
        "lib_favourite": "Recommended",
        "lib_project_page": "Project page",
        "lib_waves": "waves {waves}",
        "lib_since": "since {year}",
        "lib_themes_nav": "By theme, for printing",
        "lib_print": "Print",
        "lib_back": "Back to all lessons",
        "lib_theme_title": "Lessons about {theme}",
        "lib_theme_intro": "{n} {what} from {projects} {projects_word}, for the theme meeting.",
        "lib_project_word": "project",
        "lib_projects_word": "projects",
        "lib_noscript": (
            "Search and filters need JavaScript. Without it, find every lesson on the theme"
            " pages below."
        ),
        "lib_not_pseudonymized": (
            "Careful: this store is not pseudonymized; this library may contain names and"
            " other personal data. Do not share it."
        ),
        "lib_made": "Made on {date} with sokwal-monitor {version}.",
        "lib_no_theme": "no theme",
        "lib_filters": "Filters",
        "lib_unknown": "unknown",
        "lessons": "What have the initiators learned?",
        "lessons_note": (
            "Statements in which initiators, volunteers, professionals or a report say what"
            " they learned, what they would do differently, what they now do differently or"
            " what they advise others; by theme, with who said it and when."
        ),
        "no_lessons": (
            "No lessons have been recorded for this project (yet). A researcher finds them"
            " with sokwal lessons and confirms them."
        ),
        "lessons_count": "{n} {what} on {themes} {themes_word}; kinds: {types}.",
        "lesson": "lesson",
        "lessons_plural": "lessons",
        "theme_word": "theme",
        "themes_word": "themes",
        "other_theme": "Other lessons",
        "said_by": "{role}, wave {wave}",
        "also_themes": "also: {themes}",
        "type_insight": "insight gained",
        "type_do_differently": "would do differently",
        "type_changed_practice": "changed practice",
        "type_advice": "advice to others",
        "type_shared": "knowledge shared",
        "role_initiator": "initiator",
        "role_volunteer": "volunteer",
        "role_municipality": "municipality",
        "role_professional": "professional",
        "role_report": "report",
        "role_respondent": "interviewee",
        "role_interviewer": "interviewer",
        "role_participant": "participant",
        "role_unknown": "unknown",
        "learning_caveat": (
            "Note: this table counts how often a theme comes up; being mentioned more often"
            " does not by itself mean that something was learned."
        ),
        "interval_explained": (
            "The interval (95%) gives the margin of chance; it is shown only for a theme"
            " present in both waves and resting on at least {n} statements per wave."
        ),
        "from_table": "(from a table)",
        "fact_budget": "€{value}",
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
        "learning": "Learning effects in figures: shifts between waves",
        "learning_note": (
            "Which share of the statements mentions a theme, per wave; only themes that are"
            " new or clearly mentioned more or less often."
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
            "Percentages per answer and means per wave; n is the number of respondents who"
            " answered the question. A mean has its margin of chance (95% confidence"
            " interval) in brackets."
        ),
        "no_survey": "There are no survey data for this project.",
        "certainty": "How sure are we?",
        "n_of": "{n} {what}",
        "interviews": "interviews",
        "interview": "interview",
        "reports": "reports",
        "report": "report",
        "respondents": "respondents in the interviews (counted per interview)",
        "respondent": "respondent in the interviews",
        "surveys": "surveys",
        "survey_one": "survey",
        "others": "other",
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
            "With {n} {interviews} per wave, differences between waves are indicative, not proven."
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


#: Labels of the metadata columns of ``projects.csv`` (Dutch and English names alike).
FACT_LABELS: dict[str, dict[str, str]] = {
    "nl": {
        "name": "Naam", "naam": "Naam", "municipality": "Gemeente", "gemeente": "Gemeente",
        "region": "Regio", "regio": "Regio", "theme": "Thema", "thema": "Thema",
        "start_year": "Startjaar", "startjaar": "Startjaar", "end_year": "Eindjaar",
        "eindjaar": "Eindjaar", "budget_eur": "Budget", "budget": "Budget",
        "organisation": "Organisatie", "organization": "Organisatie",
        "organisatie": "Organisatie", "description": "Omschrijving",
        "omschrijving": "Omschrijving", "kind": "Soort project", "type": "Soort project",
        "soort": "Soort project", "contact": "Contactpersoon", "website": "Website",
        "period": "Looptijd", "looptijd": "Looptijd",
    },
    "en": {
        "name": "Name", "naam": "Name", "municipality": "Municipality",
        "gemeente": "Municipality", "region": "Region", "regio": "Region", "theme": "Theme",
        "thema": "Theme", "start_year": "Start year", "startjaar": "Start year",
        "end_year": "End year", "eindjaar": "End year", "budget_eur": "Budget",
        "budget": "Budget", "organisation": "Organisation", "organization": "Organisation",
        "organisatie": "Organisation", "description": "Description",
        "omschrijving": "Description", "kind": "Kind of project", "type": "Kind of project",
        "soort": "Kind of project", "contact": "Contact", "website": "Website",
        "period": "Period", "looptijd": "Period",
    },
}  # fmt: skip


def fact_label(key: str, lang: str = "nl") -> str:
    """The label of a ``projects.csv`` column: known names translated, others readable.

    >>> fact_label("start_year"), fact_label("start_year", "en"), fact_label("aantal_leden")
    ('Startjaar', 'Start year', 'Aantal leden')
    """
    known = FACT_LABELS[check_lang(lang)].get(str(key).strip().lower())
    if known:
        return known
    text = str(key).replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def count_of(n: int, singular: str, plural: str, lang: str = "nl") -> str:
    """``n`` with the singular or plural text key, as the language writes it.

    >>> count_of(1, "report", "reports"), count_of(2, "report", "reports")
    ('1 verslag', '2 verslagen')
    >>> count_of(0, "interview", "interviews", "en")
    '0 interviews'
    """
    return say("n_of", lang, n=n, what=say(singular if n == 1 else plural, lang))
