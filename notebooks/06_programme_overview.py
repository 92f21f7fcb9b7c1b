# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.7
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 06 · Programme overview: all projects side by side
#
# What the projects of the programme have in common and where they differ: key figures
# per project, themes per project and wave, survey outcomes per project and wave, and how
# themes from the interviews go together with survey outcomes (mixed methods). It also
# exports the quantitized codes (document × code) for SPSS.
#
# Parameters: `store` (a pseudonymized project store), `coder` (whose codings count;
# `None`: the coder with the most codings), `out` (a folder for the exports).

# %% tags=["parameters"]
store = "../out/notebooks/sample.sokwal"
coder = None
out = "../out/notebooks"

# %%
from pathlib import Path

import matplotlib.pyplot as plt
from IPython.display import display

from sokwal_monitor import ProjectStore
from sokwal_monitor.analysis import code_frequencies
from sokwal_monitor.analysis.quantitize import export_quantitized, quantitized_codes
from sokwal_monitor.summary import (
    choose_coder,
    code_survey_crosstab,
    code_survey_table,
    programme_overview,
    survey_outcomes,
)

project = ProjectStore(store, create=False)
coder = coder or choose_coder(project)
print("codings of:", coder)

# %% [markdown]
# ## Key figures per project
# Waves, interviews, reports, survey respondents, codings, and the themes found in most
# respondent turns and report paragraphs.

# %%
overview = programme_overview(project, coder=coder)
overview

# %% [markdown]
# ## Themes per project
# The share of coded segments per theme, per project: which themes each project talks
# about most. Darker is more.

# %%
freq = code_frequencies(project, by=["project_id"], coder=coder, unit="segments")
matrix = freq.pivot_table(index="code", columns="project_id", values="share", fill_value=0)
fig, ax = plt.subplots(figsize=(7, 0.32 * len(matrix) + 1.5), layout="constrained")
image = ax.imshow(matrix.to_numpy(), cmap="Blues", aspect="auto")
ax.set_xticks(range(matrix.shape[1]), matrix.columns)
ax.set_yticks(range(matrix.shape[0]), [c.replace("_", " ") for c in matrix.index])
fig.colorbar(image, ax=ax, label="share of the project's coded segments")
plt.show()

# %% [markdown]
# ## Survey outcomes per project and wave
# Means (with 95% confidence intervals) of the survey's scales and ordinal questions.

# %%
outcomes = survey_outcomes(project)
means = outcomes[outcomes["statistic"] == "mean"]
means.pivot_table(index=["variable_label"], columns=["project_id", "wave"], values="value").round(2)

# %% [markdown]
# ## Themes and survey outcomes (mixed methods)
# Per project: the share of its documents carrying a theme against the project's survey
# mean. With a handful of projects these correlations are descriptive only: `small_n` is
# true below 10 units (look at `n`).

# %%
table = code_survey_table(project, coder=coder)
table.dropna(subset=["pearson_r"]).sort_values("pearson_r", key=abs, ascending=False).head(10)

# %% [markdown]
# A crosstab: survey answers of respondents in projects whose interviews and reports carry
# a theme, against those whose don't.

# %%
codes = list(table["code"].unique())
variables = list(dict.fromkeys(means["variable"]))
if codes and variables:
    crosstab = code_survey_crosstab(project, codes[0], variables[0], coder=coder)
    display(crosstab)

# %% [markdown]
# ## Export for SPSS
# One row per document, one 0/1 column per theme, plus the document's variables; variable
# labels are the themes' definitions.

# %%
target = Path(out) / "quantitized_codes.sav"
target.parent.mkdir(parents=True, exist_ok=True)
quantitized = quantitized_codes(project, coder=coder)
export_quantitized(quantitized, target, codebook=project.codebook())
print(f"written: {target.name}, {len(quantitized)} documents × {quantitized.shape[1]} columns")
project.close()
