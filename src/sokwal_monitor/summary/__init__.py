"""Per-project outcome summaries: survey outcomes, indicators, tables and figures.

:func:`project_summary` computes everything one project's report shows;
:mod:`~sokwal_monitor.summary.render` writes it as HTML sections (Dutch or English),
:mod:`~sokwal_monitor.summary.figures` draws it; :func:`programme_overview` puts the
projects side by side. ``sokwal report`` runs the summary notebook per project
(:mod:`sokwal_monitor.reports`).
"""

from ..store import register_table
from .codes_survey import (
    CODE_SURVEY_COLUMNS,
    code_survey_crosstab,
    code_survey_table,
    code_survey_units,
)
from .indicators import INDICATORS, find_indicators, indicator_overview
from .programme import programme_overview
from .project import Certainty, ProjectSummary, choose_coder, project_summary
from .survey import SURVEY_OUTCOME_COLUMNS, survey_outcomes

__all__ = [
    "CODE_SURVEY_COLUMNS",
    "INDICATORS",
    "SURVEY_OUTCOME_COLUMNS",
    "Certainty",
    "ProjectSummary",
    "choose_coder",
    "code_survey_crosstab",
    "code_survey_table",
    "code_survey_units",
    "find_indicators",
    "indicator_overview",
    "programme_overview",
    "project_summary",
    "survey_outcomes",
]

register_table(
    "survey_outcomes",
    survey_outcomes,
    "survey outcomes per project and wave, with intervals",
    order=140,
)
register_table(
    "indicators",
    find_indicators,
    "reach and outcome numbers found in the documents",
    order=150,
)
