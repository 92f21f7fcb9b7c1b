"""Inter-coder agreement: how far do two or more coders agree, beyond chance?

Before the codings of a team (or of rules and a researcher) are counted, a sample of the
material is coded independently by several coders and their agreement is measured. This
module has the coefficients, for data you bring yourself, and the same computed straight
from a project store:

* :func:`percent_agreement`, :func:`cohen_kappa` (also weighted) and
  :func:`brennan_prediger`: two coders, one label per unit.
* :func:`fleiss_kappa`: any number of coders, from a subjects × categories table of counts.
* :func:`krippendorff_alpha`: any number of coders, missing values, nominal, ordinal,
  interval or ratio data (Krippendorff 2011; 2019, ch. 12).
* :func:`unitized_alpha`: Krippendorff's alpha for coders who mark stretches of text
  themselves instead of coding pre-cut units (Krippendorff 2004, §12.4; Krippendorff,
  Mathet, Bouvry & Widlöcher 2016; Krippendorff 2019, §12.6).
* :func:`agreement`: one row per code (and one for all codes) for coders in a store, at
  document, segment or character (span) level, with a bootstrap confidence interval.
* :func:`disagreements` and :func:`disagreements_html`: the segments where coders differ,
  for the consensus meeting.

A coefficient that chance correction leaves undefined (no variation at all: every coder
used one and the same value everywhere) is NaN, not 1: agreement on a code nobody used
is not evidence of a reliable code.

References
----------
Brennan, R. L., & Prediger, D. J. (1981). Coefficient kappa: some uses, misuses, and
alternatives. Educational and Psychological Measurement, 41(3), 687-699.

Cohen, J. (1960). A coefficient of agreement for nominal scales. Educational and
Psychological Measurement, 20(1), 37-46. Cohen, J. (1968). Weighted kappa.
Psychological Bulletin, 70(4), 213-220.

Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters.
Psychological Bulletin, 76(5), 378-382.

Krippendorff, K. (1995). On the reliability of unitizing continuous data. Sociological
Methodology, 25, 47-76.

Krippendorff, K. (2004). Content Analysis: An Introduction to Its Methodology (2nd ed.),
ch. 11-12. Sage.

Krippendorff, K. (2011). Computing Krippendorff's alpha-reliability. Annenberg School
for Communication, departmental papers 43.

Krippendorff, K., Mathet, Y., Bouvry, S., & Widlöcher, A. (2016). On the reliability of
unitizing textual continua: Further developments. Quality & Quantity, 50, 2347-2364.

Krippendorff, K. (2019). Content Analysis: An Introduction to Its Methodology (4th ed.),
ch. 12. Sage.

Examples
--------
>>> anna = ["ja", "ja", "nee", "nee", "ja", "nee"]
>>> bas = ["ja", "nee", "nee", "nee", "ja", "nee"]
>>> round(percent_agreement(anna, bas), 3), round(cohen_kappa(anna, bas), 3)
(0.833, 0.667)
>>> round(krippendorff_alpha([anna, bas]), 3)
0.686
"""

from __future__ import annotations

from .consensus import DISAGREEMENT_COLUMNS, disagreements, disagreements_html
from .many_coders import fleiss_kappa, krippendorff_alpha
from .table import LEVELS, OVERALL, agreement
from .two_coders import brennan_prediger, cohen_kappa, percent_agreement
from .unitized import unitized_alpha

__all__ = [
    "DISAGREEMENT_COLUMNS",
    "LEVELS",
    "OVERALL",
    "agreement",
    "brennan_prediger",
    "cohen_kappa",
    "disagreements",
    "disagreements_html",
    "fleiss_kappa",
    "krippendorff_alpha",
    "percent_agreement",
    "unitized_alpha",
]
