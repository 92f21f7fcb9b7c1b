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
# # 07 · Lessons: what the initiators learned
#
# Find the lessons in the interviews and reports (what people learned, would do
# differently, changed, advise or passed on), review them, follow them from wave to wave
# per project, see which lessons recur across projects, and write the lessons library.
#
# Parameters: `store` (a pseudonymized project store), `reviewer` (your name: every
# review is recorded with it), `out` (a folder for the review tables and the library),
# `threshold` (the probability from which the model proposes a sentence; `None`: the
# default, 0.8).

# %% tags=["parameters"]
store = "../out/notebooks/sample.sokwal"
reviewer = "onderzoeker"
out = "../out/notebooks"
threshold = None

# %%
from pathlib import Path

from IPython.display import display

from sokwal_monitor import ProjectStore
from sokwal_monitor.lessons import (
    apply_review_table,
    find_lessons,
    learning_trajectory,
    lessons,
    lessons_by_theme,
    review_table,
)

project = ProjectStore(store, create=False)
Path(out).mkdir(parents=True, exist_ok=True)

# %% [markdown] tags=["explain"]
# ## Finding lessons
# The Dutch lesson rules read every sentence of the respondents' turns and the reports.
# Running this again replaces only the proposals nobody reviewed; what you confirmed,
# edited or rejected stays. Each lesson gets the themes (codes) it is coded with.

# %%
report = find_lessons(project)
print(report.summary())
table = lessons(project)
table[["project_id", "wave", "role", "type", "themes", "text"]].head(20)

# %% [markdown] tags=["explain"]
# ## Reviewing
# Write the review table, fill in `decision` (`ja`/`nee`), `new_type` or `new_themes` in
# a spreadsheet, save it as CSV and apply it. Every decision is stored with your name and
# can be undone (`undo_lesson_review(project, reviewer)`). Below, as an example, the
# proposals of the rules for report paragraphs are confirmed.

# %%
review = review_table(project)
review_path = Path(out) / "lessen_beoordelen.csv"
review.to_csv(review_path, index=False)
print("review table:", review_path.resolve())
example = review[review["role"] == "report"].copy()
example["decision"] = "ja"
print(apply_review_table(project, example, reviewer).summary())

# %% [markdown] tags=["explain"]
# ## Suggestions learned from your reviews
# A model learns from your reviews: the lessons you confirmed, retyped or added are
# lessons, the ones you rejected and the other sentences of the documents you reviewed
# are not. It proposes the sentences the rules missed that look like your lessons, with
# its probability (`score`) and provenance `model`. Review them like the rules'
# proposals (the table below is written for that); what you reject is never proposed
# again, and the next round learns from it. A lower `threshold` proposes more (more to
# read and reject), a higher one fewer and surer. The same from the command line:
# `sokwal lessons --store STORE --suggest --reviewer NAME`.

# %%
from sokwal_monitor.errors import SokwalError
from sokwal_monitor.lessons import suggest_lessons
from sokwal_monitor.lessons.model import DEFAULT_THRESHOLD

chosen = DEFAULT_THRESHOLD if threshold is None else float(threshold)
try:
    suggestion = suggest_lessons(project, reviewer, threshold=chosen)
    print(suggestion.summary())
    if suggestion.n_proposed == 0:
        print(f"No sentence reached probability {chosen:g}: set `threshold` lower (0.4 finds"
              " more lessons, with more sentences to reject) and run this cell again.")  # fmt: skip
except SokwalError as err:  # too few reviews yet: it says how many are needed
    print(err)
suggested = lessons(project, status="proposed")
suggested = suggested[suggested["origin"] == "model"].sort_values("score", ascending=False)
suggest_review = review_table(project)
suggest_review = suggest_review[suggest_review["lesson_id"].isin(suggested["lesson_id"])]
suggest_path = Path(out) / "lessen_voorstellen_model.csv"
suggest_review.to_csv(suggest_path, index=False)
print("review table of the suggestions:", suggest_path.resolve())
suggested[["project_id", "wave", "role", "type", "score", "text"]].head(20)

# %% [markdown] tags=["explain"]
# ## From wave to wave
# Per project and theme: was a lesson of an earlier wave put into practice later
# (`put_into_practice`), does a problem come back (`recurring_problem`), is the theme
# new in a later wave (`new`), or was it voiced once (`once`)?

# %%
trajectory = learning_trajectory(project)
display(trajectory[["project_id", "theme", "outcome", "waves", "types", "example"]])

# %% [markdown] tags=["explain"]
# ## Across projects
# Themes voiced in the most projects first, with who voiced them (initiators,
# volunteers, the municipality, professionals, reports).

# %%
by_theme = lessons_by_theme(project)
by_theme[["theme", "n_projects", "n_lessons", "roles", "types", "example"]]

# %% [markdown] tags=["explain"]
# ## The lessons library
# A static website for initiators (works offline, from a USB stick and on a phone).
# Curate it first: hide a lesson (it stays in the store and on the project page), show
# it in your own wording (the original quote stays linked beside it), or mark it as a
# favourite (listed first). Below, as an example, the first confirmed lesson is marked.

# %%
from sokwal_monitor.library import mark_favourite, write_library

# also: sokwal_monitor.library.hide_lesson and edit_lesson_wording, like this:

confirmed = lessons(project, status="confirmed")
if not confirmed.empty:
    first = confirmed["lesson_id"].iloc[0]
    mark_favourite(project, first, curator=reviewer)
    # hide_lesson(project, "L...", curator=reviewer)
    # edit_lesson_wording(project, "L...", "Haal mensen de eerste keer persoonlijk op.",
    #                     curator=reviewer)
library = write_library(project, Path(out) / "bibliotheek")
print("lessons library:", library)
