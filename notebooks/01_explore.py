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
# # Explore the tables
#
# What a run of `interview-ie` gives you, read with pandas and DuckDB: who made which works (with
# role and year), which festivals premiered what, a timeline of the works, and who worked with whom.
#
# By default this notebook runs the pipeline on the sample corpus in `raw/` into a temporary
# folder. To read the output of your own run instead, start Jupyter with
# `INTERVIEW_IE_OUTPUT=path/to/outputs` (a relative path starts from the folder you start
# Jupyter in, e.g. `INTERVIEW_IE_OUTPUT=outputs make notebooks` after `make run`).

# %%
import duckdb
import matplotlib.pyplot as plt
import pandas as pd

from pipeline.notebook import output_folder
from pipeline.vocab import CREATIVE_ROLE, Predicate, Table

OUT = output_folder()  # $INTERVIEW_IE_OUTPUT, else a run on raw/ (summary below)

# %% [markdown]
# ## The tables with pandas
# One Parquet file per table; `../shared/SPEC.md` (or the README) describes the columns.

# %%
tables = {t.value: pd.read_parquet(OUT / f"{t.value}.parquet") for t in Table}
pd.Series({name: len(df) for name, df in tables.items()}, name="rows").to_frame()

# %%
tables["people"][["name", "roles", "doc_ids", "n_mentions"]].sort_values("n_mentions", ascending=False)

# %% [markdown]
# ## The same tables in DuckDB
# Each table becomes a view over its Parquet file, so SQL joins them without loading anything twice.

# %%
con = duckdb.connect()
for t in Table:
    con.execute(f"CREATE VIEW {t.value} AS SELECT * FROM read_parquet('{OUT / f'{t.value}.parquet'}')")
ROLE = pd.DataFrame([(p.value, role) for p, role in CREATIVE_ROLE.items()], columns=["predicate", "role"])
con.register("role_of", ROLE)
# a work's year: the works table's, else the year of a stated publication date
work_year = con.execute("""
SELECT w.work_id, w.title, w.kind,
       coalesce(w.year, (SELECT min(d.year) FROM relations r JOIN dates d ON d.date_id = r.object_id
                         WHERE r.subject_id = w.work_id AND r.predicate = ?)) AS year
FROM works w
ORDER BY year NULLS LAST, title
""", [Predicate.PUBLICATION_DATE.value]).df()
con.register("work_year", work_year)
work_year

# %% [markdown]
# ## Filmography per person
# Every creative relation (director, screenwriter, cast member, ...) from a work to a person.

# %%
filmography = con.sql("""
SELECT p.name AS person, wy.title AS work, ro.role, wy.year, list(DISTINCT r.doc_id) AS documents
FROM relations r
JOIN role_of ro ON ro.predicate = r.predicate
JOIN people p ON p.person_id = r.object_id
JOIN work_year wy ON wy.work_id = r.subject_id
GROUP BY ALL
ORDER BY person, year NULLS LAST, work
""").df()
filmography

# %%
filmography.groupby("person").agg(works=("work", "nunique"), roles=("role", lambda r: sorted(set(r))))

# %% [markdown]
# ## Festivals and what premiered there

# %%
con.sql("""
SELECT o.name AS festival, wy.title AS work, wy.year, r.evidence
FROM relations r
JOIN organizations o ON o.org_id = r.object_id
JOIN work_year wy ON wy.work_id = r.subject_id
WHERE r.predicate = ?
ORDER BY festival, year NULLS LAST
""", params=[Predicate.PREMIERED_AT.value]).df()

# %%
con.sql("""
SELECT o.name AS festival, count(r.relation_id) AS premieres, o.doc_ids
FROM organizations o
LEFT JOIN relations r ON r.object_id = o.org_id AND r.predicate = ?
WHERE o.kind = 'festival' OR r.relation_id IS NOT NULL
GROUP BY ALL
ORDER BY premieres DESC, festival
""", params=[Predicate.PREMIERED_AT.value]).df()

# %% [markdown]
# ## A timeline of the works

# %%
dated = con.sql("SELECT title, coalesce(kind, 'unknown') AS kind, year FROM work_year WHERE year IS NOT NULL "
                "ORDER BY year, title").df()
fig, ax = plt.subplots(figsize=(9, 0.35 * len(dated) + 1.2))
for kind, group in dated.groupby("kind"):
    ax.scatter(group["year"], group.index, label=kind, s=60)  # one row per work, by year
ax.set_yticks(range(len(dated)), dated["title"])
ax.invert_yaxis()
ax.set_xlabel("year")
ax.xaxis.get_major_locator().set_params(integer=True)
ax.grid(axis="x", alpha=0.3)
ax.legend(title="kind", loc="upper left", bbox_to_anchor=(1.01, 1))
ax.set_title(f"{len(dated)} of {len(tables['works'])} works have a year")
plt.tight_layout()
plt.show()

# %% [markdown]
# ## People who worked together
# Two people with a creative relation to the same work.

# %%
con.sql("""
WITH credit AS (
    SELECT r.subject_id AS work_id, r.object_id AS person_id, ro.role
    FROM relations r JOIN role_of ro ON ro.predicate = r.predicate
)
SELECT a.name AS person, b.name AS with_person, count(DISTINCT c1.work_id) AS works,
       list(DISTINCT w.title) AS titles
FROM credit c1
JOIN credit c2 ON c1.work_id = c2.work_id AND c1.person_id < c2.person_id
JOIN people a ON a.person_id = c1.person_id
JOIN people b ON b.person_id = c2.person_id
JOIN works w ON w.work_id = c1.work_id
GROUP BY ALL
ORDER BY works DESC, person, with_person
""").df()
