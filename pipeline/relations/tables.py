"""Constructions: an encyclopedia page's filmography table and infobox, flattened to text.

    Born          16 July 1970, Elmford, Norvia
    Alma mater    Elmford University (BA)
                  Norvia Film School (MFA)
    Spouse ...... Cleo Marsh

    Year | Title | Director | Writer | Producer | Notes
    2008 | Blue Lake (native title) | Yes | Yes | No | With Ben Ode, Dan Fell
    2011 | Grey Harbour | No | No | Yes | Directed by Eva Lind

Both are about the page's subject, the person the page defines (`Discourse.topic_person`, else the
person the text names most). A table's header names its columns (`patterns/filmography_columns.csv`:
title, year, notes, extra role columns; a role column is a credit label of
`patterns/credit_labels.csv`); a row's "Yes" under a role column gives the subject that role for
the row's work, its year cell the work's year; a note "<label> by A" gives A that credit instead of
the subject, a note that opens with a lead of `patterns/note_links.csv` ("With A, B", "Co-directed
with A") gives A that credit besides. An infobox field is a label of `patterns/infobox_labels.csv`
at a line's start, a column gap, dotted leader or colon, and its value, continued on the lines
below that start at the value's column. Pure: `LinePage` and `Discourse` -> `Found`s.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ..lexicon import filmography_columns, predicate_map
from ..records import EntityRef
from ..vocab import Label, Predicate
from .context import Discourse, Found
from .credits import LinePage, label_predicates, value_members

COLUMN_FILE = "filmography_columns.csv"
NOTE_FILE = "note_links.csv"
INFOBOX_FILE = "infobox_labels.csv"
_CELL_SEP = re.compile(r"\s*\|\s*")
_BOX = "│┃|║ \t"  # box-drawing borders before an infobox line
_INFOBOX_FIELD = re.compile(r"^(?P<lead>[│┃║|]?[ \t]*)(?P<label>[A-Za-z][A-Za-z()' ]{1,24}?)"
                            r"(?:[ \t]{2,}|[ \t]*(?:\.{2,}|…+)[ \t]*|[ \t]*:[ \t]*)(?P<value>\S.*)$")
_NOTE_BY = re.compile(r"^(?P<label>[A-Za-z][\w&,/' -]{0,40}?\bby)\s+", re.IGNORECASE)


def _predicates(name: str, row) -> tuple[Predicate, ...]:
    try:
        return tuple(Predicate(p) for p in row.split())
    except ValueError as e:
        raise ValueError(f"patterns/{name}: {e}") from e


_CELL_KINDS = frozenset({"title", "year", "notes", "yes"})  # the column kinds that are not roles


@lru_cache(maxsize=1)
def columns() -> dict[str, str | tuple[Predicate, ...]]:
    """header word (lower case) -> 'title', 'year', 'notes', 'yes' (a cell that says so) or the
    predicates of a role column."""
    return {word: kind if kind in _CELL_KINDS else _predicates(COLUMN_FILE, kind)
            for word, kind in filmography_columns().items()}


def note_links() -> dict[str, tuple[Predicate, ...]]:
    """a note's lead ('with', 'co-directed with') -> the predicates it gives the names after it."""
    return predicate_map(NOTE_FILE)


def infobox_labels() -> dict[str, tuple[Predicate, ...]]:
    return predicate_map(INFOBOX_FILE)


def page_person(disc: Discourse) -> int | None:
    return disc.topic_person if disc.topic_person is not None else disc.subject


def _cells(page: LinePage, ls: int, le: int) -> list[tuple[int, int]]:
    """The (start, end) of each '|'-separated cell of the line, stripped."""
    out, k = [], ls
    line = page.text[ls:le]
    for m in list(_CELL_SEP.finditer(line)) + [None]:
        end = ls + m.start() if m is not None else le
        raw = page.text[k:end]
        a = k + len(raw) - len(raw.lstrip())
        out.append((a, max(a, k + len(raw.rstrip()))))
        if m is not None:
            k = ls + m.end()
    return out


def _header(page: LinePage, ls: int, le: int) -> list[str | tuple[Predicate, ...] | None] | None:
    """Each column's kind, or None when the line is no filmography header (a title column and a
    role column at least)."""
    if page.text.count("|", ls, le) < 2:
        return None
    kinds: list = []
    for a, b in _cells(page, ls, le):
        word = page.text[a:b].strip().lower()
        kind = columns().get(word)
        if kind is None or kind == "yes":
            kind = label_predicates(word) or None
        kinds.append(kind)
    has_role = any(isinstance(k, tuple) for k in kinds)
    return kinds if "title" in kinds and has_role else None


def filmography(page: LinePage, disc: Discourse, found: list[Found]) -> Iterator[Found]:
    person = page_person(disc)
    header = None
    for ls, le in page.lines:
        line = page.text[ls:le]
        if not line.strip():
            header = None
            continue
        kinds = _header(page, ls, le)
        if kinds is not None:
            header = kinds
            continue
        if header is None:
            continue
        cells = _cells(page, ls, le)
        if len(cells) < 2 or "|" not in line:
            header = None  # the table has ended
            continue
        yield from _row(page, header, cells, person, ls, le)


def _row(page: LinePage, header, cells, person, ls: int, le: int) -> Iterator[Found]:
    by_kind = {}
    for kind, cell in zip(header, cells):
        if isinstance(kind, str):
            by_kind.setdefault(kind, cell)
    if "title" not in by_kind:
        return
    a, b = by_kind["title"]
    # the work named at the cell's start, else a work the page names elsewhere by the cell's text
    # (the model often reads a bare title in a table as something else)
    work = next((it.entity for s, e, it in page.inside(a, b) if it.label == Label.WORK and s == a), None)
    if work is None:
        work = page.title_at(a, b)
    if work is None:
        return
    if "year" in by_kind:
        ya, yb = by_kind["year"]
        year = next((it for _, _, it in page.years(ya, yb)), None)
        if year is not None:
            yield Found(work, Predicate.PUBLICATION_DATE, year.target, ls, le, 0.0, "")
    others: set[Predicate] = set()  # the credits a note gives someone else ('Directed by A')
    for p, target, instead in _notes(page, *by_kind["notes"]) if "notes" in by_kind else ():
        if instead:
            others.add(p)
        yield Found(work, p, target, ls, le, 0.0, "")
    if person is None:
        return
    for kind, (ca, cb) in zip(header, cells):
        if isinstance(kind, tuple) and columns().get(page.text[ca:cb].strip().lower()) == "yes":
            for p in kind:
                if p not in others and Label.PERSON in p.signature[1]:
                    yield Found(work, p, EntityRef(person), ls, le, 0.0, "")


def _notes(page: LinePage, a: int, b: int) -> Iterator[tuple[Predicate, EntityRef, bool]]:
    """'Written by A; with B, C': each part that opens with a credit ('... by') or a lead of
    `note_links.csv` gives the names after it that credit: (predicate, name, instead of the
    subject: a '... by' credit)."""
    k = a
    for part in page.text[a:b].split(";"):
        start = k + len(part) - len(part.lstrip())
        k += len(part) + 1
        text = page.text[start:start + len(part.strip())]
        m = _NOTE_BY.match(text)
        if m:
            preds, by = label_predicates(m.group("label")), True
            at = start + m.end()
        else:
            lead = max((w for w in note_links() if re.match(rf"{re.escape(w)}\s", text, re.IGNORECASE)),
                       key=len, default=None)
            if lead is None:
                continue
            preds, by = note_links()[lead], False
            at = start + len(lead)
        wanted = {lab for p in preds for lab in p.signature[1]}
        for _s, _e, it in value_members(page, at, start + len(text), wanted):
            for p in preds:
                if it.label in p.signature[1] and not it.is_date:
                    yield p, EntityRef(it.entity), by


def infobox(page: LinePage, disc: Discourse, found: list[Found]) -> Iterator[Found]:
    person = page_person(disc)
    if person is None:
        return
    lines = page.lines
    i = 0
    while i < len(lines):
        ls, le = lines[i]
        m = _INFOBOX_FIELD.match(page.text[ls:le])
        preds = infobox_labels().get(m.group("label").strip().lower()) if m else None
        i += 1
        if not preds:
            continue
        column = m.start("value")
        parts = [(ls + column, le)]
        while i < len(lines):  # continuation lines: blank up to the value's column
            cs, ce = lines[i]
            nxt = page.text[cs:ce]
            body = nxt.lstrip(_BOX)
            if not body or len(nxt) - len(body) < column - 1 or _INFOBOX_FIELD.match(nxt) and \
                    len(nxt) - len(body) < column - 1:
                break
            parts.append((cs + len(nxt) - len(body), ce))
            i += 1
        yield from _field(page, person, preds, parts)


def _field(page: LinePage, person: int, preds, parts) -> Iterator[Found]:
    """The first date and the first place of the value (born, died); each line's list of names
    (alma mater, spouse)."""
    taken: set[Predicate] = set()
    for a, b in parts:
        for p in preds:
            wanted = p.signature[1]
            items = [it for s, e, it in page.inside(a, b)
                     if (Label.DATE if it.is_date else it.label) in wanted]
            if not items:
                continue
            if Label.DATE in wanted or Label.PLACE in wanted:
                if p not in taken:  # 'Elmford, Norvia': the town, not its country
                    taken.add(p)
                    yield Found(person, p, items[0].target, a, b, 0.0, "")
            else:
                for _s, _e, it in value_members(page, a, b, set(wanted)):
                    yield Found(person, p, it.target, a, b, 0.0, "")
