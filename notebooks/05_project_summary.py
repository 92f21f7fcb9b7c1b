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

# %% [markdown] tags=["explain"]
# # 05 · Outcome summary of one project
#
# The report the province reads, for one project: first what the initiators learned
# (the lessons, by theme, as quotes with who said it and when), then facts, reach, themes
# per wave, topics, survey outcomes, the shifts in themes between waves (a secondary
# section) and a "how sure are we" box.
# `sokwal report` runs this notebook once per project (with papermill) and turns it into
# HTML without the code. Cells tagged `explain` (like this one) are left out of the
# report. Change anything you like: `sokwal report --notebook my_copy.ipynb` uses your
# version.
#
# Parameters: `store` (a pseudonymized project store), `project_id`, `lang` (`"nl"` or
# `"en"`), `coder` (whose codings count; `None`: the coder with the most codings),
# `n_boot` and `seed` (the bootstrap of the intervals).

# %% tags=["parameters"]
store = "../out/notebooks/sample.sokwal"
project_id = "P01"
lang = "nl"
coder = None
n_boot = 1000
seed = 0

# %%
import matplotlib.pyplot as plt
from IPython.display import HTML, display

from sokwal_monitor import ProjectStore
from sokwal_monitor.learning import plot_learning_effects
from sokwal_monitor.summary import figures, project_summary, render

# %config InlineBackend.print_figure_kwargs = {"bbox_inches": None}
plt.rcParams.update({"figure.dpi": 96, "font.size": 10})  # figures use constrained layout
project = ProjectStore(store, create=False)
summary = project_summary(project, project_id, coder=coder, lang=lang, n_boot=n_boot, seed=seed)
display(HTML(render.header_html(summary)))

# %%
display(HTML(render.lessons_html(summary)))

# %%
display(HTML(render.facts_html(summary)))

# %%
display(HTML(render.indicators_html(summary)))

# %%
display(HTML(render.codes_html(summary)))
if not summary.codes_per_wave.empty:
    figures.plot_codes_per_wave(summary)
    plt.show()

# %%
display(HTML(render.topics_html(summary)))

# %%
display(HTML(render.survey_html(summary)))
if (summary.survey["statistic"] == "mean").any():
    figures.plot_survey_means(summary)
    plt.show()

# %%
display(HTML(render.learning_html(summary)))
if not summary.learning.empty:
    plot_learning_effects(summary.learning, project_id=project_id, top=8, lang=lang)
    plt.show()

# %%
display(HTML(render.certainty_html(summary)))
project.close()
