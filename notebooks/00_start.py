# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Start here: what the pipeline found in your texts
#
# One document with its entities highlighted and the relations stated in it, a person's
# filmography across all the documents, and a picture of who made what with whom. No gold
# annotations are needed.
#
# By default this notebook runs the pipeline on the sample texts in `raw/`. To look at your own
# run, start Jupyter with `INTERVIEW_IE_OUTPUT` set to its output folder, for example
# `make run INPUT=$HOME/interviews OUTPUT=$HOME/tables`, then
# `INTERVIEW_IE_OUTPUT=$HOME/tables make notebooks`. A relative path starts from the folder you
# start Jupyter in (`INTERVIEW_IE_OUTPUT=outputs make notebooks` after a plain `make run`).

# %%
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display
from spacy import displacy

from pipeline.notebook import output_folder
from pipeline.vocab import CREATIVE_ROLE, Table

OUT = output_folder()  # $INTERVIEW_IE_OUTPUT, else a run on raw/ (summary below)
tables = {t: pd.read_parquet(OUT / f"{t.value}.parquet") for t in Table}
documents, mentions, relations = tables[Table.DOCUMENTS], tables[Table.MENTIONS], tables[Table.RELATIONS]
people, works = tables[Table.PEOPLE], tables[Table.WORKS]
print(f"{OUT}: {len(documents)} documents, {len(people)} people, {len(works)} works, "
      f"{len(relations)} relations")

# %% [markdown]
# ## The documents
# One row per input file; `error` says why a file could not be used. Each document's subject is
# the person the text is about or interviews.

# %%
names = pd.concat([people.set_index("person_id")["name"], works.set_index("work_id")["title"]])
overview = documents.assign(
    subject=documents["subject_id"].map(names),
    mentions=documents["doc_id"].map(mentions["doc_id"].value_counts()).fillna(0).astype(int),
    relations=documents["doc_id"].map(relations["doc_id"].value_counts()).fillna(0).astype(int),
)[["doc_id", "status", "subject", "n_chars", "mentions", "relations", "error"]]
overview.sort_values(["relations", "doc_id"], ascending=[False, True])

# %% [markdown]
# ## One document, its entities highlighted
# The document with the most relations; set `DOC` to any `doc_id` of the table above. The
# highlights are the `mentions` table's offsets into `documents.text`, drawn by spaCy's displaCy.

# %%
DOC = overview[overview.status == "ok"].sort_values(["relations", "doc_id"], ascending=[False, True])["doc_id"].iloc[0]
COLORS = {"PERSON": "#aa9cfc", "WORK": "#feca74", "ORG": "#7aecec", "PLACE": "#bfeeb7", "AWARD": "#ffeb80",
          "DATE": "#e4e7d2"}


def entity_spans(doc_id: str) -> list[dict]:
    """The document's mentions as displaCy's manual spans, the first of any overlapping ones kept."""
    spans, end = [], 0
    for m in mentions[mentions.doc_id == doc_id].sort_values(["start", "end"]).itertuples():
        if m.start >= end:
            spans.append({"start": m.start, "end": m.end, "label": m.label})
            end = m.end
    return spans


text = documents.set_index("doc_id").loc[DOC, "text"]
displacy.render({"text": text, "ents": entity_spans(DOC), "title": DOC}, style="ent", manual=True,
                jupyter=True, options={"colors": COLORS})

# %% [markdown]
# ## What the document states
# Each relation with the sentence it was read from (`evidence`) and its `score` (how much the
# rule that found it is trusted; see the README).

# %%
relations.loc[relations.doc_id == DOC, ["subject", "predicate", "object", "evidence", "score"]]

# %% [markdown]
# ## A person's filmography, across documents
# Every work a person has a creative role in (director, writer, actor, ...), with the year and
# the documents that say so. `PERSON` is the person with the most credits; set it to any name
# of the `people` table.

# %%
ROLE = {p.value: role for p, role in CREATIVE_ROLE.items()}
credits = (relations[relations.predicate.isin(list(ROLE))]
           .merge(works[["work_id", "title", "year"]], left_on="subject_id", right_on="work_id")
           .merge(people[["person_id", "name"]], left_on="object_id", right_on="person_id")
           .assign(role=lambda df: df.predicate.map(ROLE)))
print(f"{len(credits)} credits: {credits.person_id.nunique()} people, {credits.work_id.nunique()} works")
PERSON = credits["name"].value_counts().index[0] if len(credits) else None
filmography = (credits[credits["name"] == PERSON]
               .groupby(["title", "role"], as_index=False)
               .agg(year=("year", "min"), documents=("doc_id", lambda d: sorted(set(d))),
                    evidence=("evidence", "first"))
               .sort_values(["year", "title"], na_position="last"))
print(PERSON)
filmography

# %% [markdown]
# ## Who made what with whom
# People (right) and the works they have a creative role in (left, by year), one line per
# credit, coloured by role: two people who share a work worked together. On a large corpus only
# the people with the most credits are drawn (`MAX_PEOPLE`).

# %%
MAX_PEOPLE = 30


def collaboration_graph(credits: pd.DataFrame, max_people: int = MAX_PEOPLE):
    """People and works as two columns of nodes, an edge per (work, person, role), in one figure."""
    top = credits["person_id"].value_counts().index[:max_people]
    edges = credits[credits.person_id.isin(top)].drop_duplicates(["work_id", "person_id", "role"])
    work_rows = (edges.drop_duplicates("work_id").sort_values(["year", "title"], na_position="last")
                 .reset_index(drop=True))
    work_y = {w: i for i, w in enumerate(work_rows["work_id"])}
    # each person beside the mean height of their works, so that lines cross less
    person_rows = (edges.assign(y=edges.work_id.map(work_y)).groupby(["person_id", "name"], as_index=False)["y"]
                   .mean().sort_values(["y", "name"]).reset_index(drop=True))
    scale = max(len(work_rows) - 1, 1) / max(len(person_rows) - 1, 1)
    person_y = {p: i * scale for i, p in enumerate(person_rows["person_id"])}
    fig, ax = plt.subplots(figsize=(11, 0.4 * max(len(work_rows), len(person_rows)) + 1.5))
    colors = dict(zip(dict.fromkeys(ROLE.values()), plt.get_cmap("tab10").colors))  # director blue, writer orange, ...
    for role, group in edges.groupby("role"):
        for e in group.itertuples():
            ax.plot([0, 1], [work_y[e.work_id], person_y[e.person_id]], color=colors[role], lw=2, alpha=0.7)
        ax.plot([], [], color=colors[role], lw=2, label=role)  # one legend entry per role
    ax.scatter([0] * len(work_y), list(work_y.values()), s=60, color="#444", zorder=3)
    ax.scatter([1] * len(person_y), list(person_y.values()), s=60, color="#444", marker="s", zorder=3)
    for w in work_rows.itertuples():
        label = w.title if pd.isna(w.year) else f"{w.title} ({w.year})"
        ax.annotate(label, (0, work_y[w.work_id]), xytext=(-8, 0), textcoords="offset points", ha="right", va="center")
    for p in person_rows.itertuples():
        ax.annotate(p.name, (1, person_y[p.person_id]), xytext=(8, 0), textcoords="offset points", va="center")
    ax.set_xlim(-0.9, 1.9)
    ax.invert_yaxis()
    ax.axis("off")
    ax.legend(title="role", loc="upper right")
    ax.set_title(f"{len(person_rows)} people, {len(work_rows)} works, {len(edges)} credits")
    fig.tight_layout()
    return fig, len(edges)


if len(credits):
    fig, n_edges = collaboration_graph(credits)
    print(f"collaboration graph: {n_edges} credits drawn")
    plt.show()
else:
    print("no creative relations in these tables: nothing to draw")

# %% [markdown]
# ## Pairs who worked together
# The same credits as a table: two people with a creative role in the same work.

# %%
pairs = credits.merge(credits, on="work_id", suffixes=("", "_other"))
pairs = pairs[pairs.person_id < pairs.person_id_other]
display(pairs.groupby(["name", "name_other"], as_index=False)
        .agg(works=("title", lambda t: sorted(set(t))), roles=("role", lambda r: sorted(set(r))),
             their_roles=("role_other", lambda r: sorted(set(r))))
        .rename(columns={"name": "person", "name_other": "with"}))
