"""Construction: credit lines and credit blocks of a web page, press kit or review box.

    Written & directed by Ana Ruiz | Cast: Ben Ode, Cleo Marsh · Music: Dan Fell
    Director of Photography ...... Eva Lind
    CAST
      Marta ............... Ben Ode
      with Cleo Marsh, Dan Fell
    USA | 2019 | 98 min | English
    a HARBOR PICTURES and ORCHID FILMS production

A *field* is a label from `patterns/credit_labels.csv` (several joined by '&', 'and', ','),
then ':' or a dotted leader or a final 'by', then its value: the list of names that opens the
value ('from the novel by X' ends it). A heading line that is a label alone ('CAST') gives its
predicate to the lines under it, down to the next blank line. The subject is the work the
page is about: a title line shortly above, else the work the text defines, else the work it
names most. Pure: a `DocView` and its arguments (token offsets) -> `context.Found`.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator

from ..lexicon import YEAR, predicate_map
from ..view import DocView
from ..vocab import Label, Predicate
from .context import Discourse, Found, Item

LABEL_FILE = "credit_labels.csv"
_FIELD_SEP = re.compile(r"\s+[|·•]\s+|\s{3,}(?=\S)")
_LEADER = r"(?:\s*(?:\.{3,}|…+|_{3,})\s*|\s*:\s*)"
_FIELD = re.compile(rf"^(?P<label>[^\W\d][\w.&,/' +-]{{0,45}}?){_LEADER}(?P<value>\S.*)$")
_BY_FIELD = re.compile(r"^(?P<label>[^\W\d][\w&,/' +-]{0,40}?\bby)\s+(?P<value>\S.*)$", re.IGNORECASE)
_PARTS = re.compile(r"\s*(?:&|\band\b|,|/|\+)\s*", re.IGNORECASE)
# what may stand between two members of a value list ("A, B and C", "A (as Marta), B")
_GLUE = re.compile(r"^(?:[\s,;&/]|\band\b|\(\s*[^()]{0,40}\)|\[[^\]]{0,40}\])*$", re.IGNORECASE)
_LEAD = re.compile(r"^[\s\"'“‘(]*(?:(?:with|and|&)\s+)?[\s\"'“‘(]*$", re.IGNORECASE)
_COLUMN = re.compile(r"\s*(?:\.{3,}|…+|_{3,})\s*|\s{3,}")  # 'Marta ..... A', 'Marta      A' 
# the left border of a box drawn in characters ('│ Starring: A'), read as blank space
_BORDER = "│┃║╎╏┆┇┊┋"
_RUNTIME = re.compile(r"^\d{1,3}\s*(?:min|mins|minutes|')\.?$", re.IGNORECASE)
_TITLE_LINES = 8    # a title line at most this many lines above a credit line is its subject
_HEAD_LINES = 15   # the lines at the top of a page where its title stands
_BLOCK_LINES = 40   # a heading's block ends at a blank line or after this many lines


def labels() -> dict[str, tuple[Predicate, ...]]:
    """label (lower case, no trailing 'by') -> predicates; a bad predicate names the file and line."""
    return predicate_map(LABEL_FILE)


def label_predicates(label: str) -> tuple[Predicate, ...]:
    """'Written & directed by' -> (screenwriter, director); 'Japanese distribution' ->
    (distributed_by,); () when any part is not a credit label ('Based on the novel by')."""
    text = re.sub(r"\s+by$", "", label.strip().lower()).strip()
    if not text or len(text.split()) > 6:
        return ()
    out: list[Predicate] = []
    for part in _PARTS.split(text):
        part = re.sub(r"\s+by$", "", part.strip())
        words = part.split()
        if not words:
            continue
        # the whole part, else without its first words ('Japanese distribution', 'Original score')
        hit = next((labels()[" ".join(words[k:])] for k in range(min(len(words), 2))
                    if " ".join(words[k:]) in labels()), None)
        if hit is None:
            return ()
        out.extend(p for p in hit if p not in out)
    return tuple(out)


def _lines(text: str) -> list[tuple[int, int]]:
    out, k = [], 0
    for line in text.split("\n"):
        out.append((k, k + len(line)))
        k += len(line) + 1
    return out


class LinePage:
    """The Doc's lines and its arguments in character offsets, built once per document for
    every page-level construction."""

    def __init__(self, v: DocView, items: list[Item]):
        self.view, self.text, self.items = v, v.text, items
        toks = v.tokens
        self.lines = _lines(self.text)
        self.spans = []  # (start char, end char, item) of explicit arguments, by start
        for it in items:
            if it.implicit:
                continue
            last = toks[it.end - 1]
            self.spans.append((toks[it.start].idx, last.idx + len(last.text), it))
        self.spans.sort(key=lambda x: x[0])
        self.starts = [x[0] for x in self.spans]
        self.line_starts = [a for a, _b in self.lines]
        self.titles = {_norm(self.text[s:e]): it.entity for s, e, it in self.spans if it.label == Label.WORK}

    def inside(self, start: int, end: int) -> list[tuple[int, int, Item]]:
        """The arguments within [start, end), by start (a bisection: pages can be long)."""
        out = []
        for x in self.spans[bisect_left(self.starts, start):]:
            if x[0] >= end:
                break
            if x[1] <= end:
                out.append(x)
        return out

    def years(self, start: int, end: int) -> list[tuple[int, int, Item]]:
        """The dates within [start, end) written as a year alone ('2019')."""
        return [(s, e, it) for s, e, it in self.inside(start, end) if it.is_date and YEAR.fullmatch(self.text[s:e])]

    def line_of(self, char: int) -> tuple[int, int]:
        return self.lines[bisect_right(self.line_starts, char) - 1]

    def title_at(self, start: int, end: int) -> int | None:
        """The work whose title the text [start, end) spells, brackets and punctuation aside."""
        return self.titles.get(_norm(self.text[start:end]))


def value_members(page: LinePage, start: int, end: int, labels: set[Label]) -> list[tuple[int, int, Item]]:
    """The list of arguments that opens the value [start, end): members joined by list glue,
    bracketed asides allowed ('A (as Marta), B'); the first word that is not glue ends it."""
    out, cur = [], start
    for s, e, it in page.inside(start, end):
        gap = page.text[cur:s]
        if not (_LEAD.match(gap) if not out else _GLUE.match(gap)):
            break
        if it.label in labels or it.is_date and Label.DATE in labels:
            out.append((s, e, it))
        cur = e
    return out


def _norm(text: str) -> str:
    return re.sub(r"[\W_]+", "", re.sub(r"\([^)]*\)|\[[^\]]*\]", "", text)).casefold()


def _focus(page: LinePage, line_no: int, disc: Discourse, fallback: int | None) -> int | None:
    """The work a credit line is about: a line above that is a work's title alone ('BLUE LAKE',
    'BLUE LAKE (2019)', recognised there or not), else the work the text defines, else the work
    the page is most about."""
    for i in range(line_no - 1, max(-1, line_no - 1 - _TITLE_LINES), -1):
        ref = page.title_at(*page.lines[i])
        if ref is not None:
            return ref
    if disc.topic_work is not None:
        return disc.topic_work
    # the title block at the top of a press kit or a festival page
    return next((ref for ref in (page.title_at(s, e) for s, e in page.lines[:_HEAD_LINES]) if ref is not None),
                fallback)


def _most_about(page: LinePage, items: list[Item], found: list[Found]) -> int | None:
    """The work named most often in prose lines (a line with lower-case words, not a menu or a
    heading), each relation the sentence rules gave it counting twice."""
    counts: Counter = Counter()
    for s, _e, it in page.spans:
        if it.label != Label.WORK:
            continue
        ls, le = page.line_of(s)
        if re.search(r"\b[a-z]{3,}\b", page.text[ls:le]):
            counts[it.entity] += 1
    for f in found:
        if f.subject in counts:
            counts[f.subject] += 2
    best = max(counts.values(), default=0)
    if best < 2:
        return None
    return next(it.entity for it in items if it.label == Label.WORK and counts.get(it.entity) == best)


def _fields(line: str) -> Iterator[tuple[int, str, int]]:
    """(offset of the label in the line, label, offset of the value) of each field."""
    k = 0
    for piece in _FIELD_SEP.split(line):
        at = line.find(piece, k)
        k = at + len(piece)
        stripped = piece.strip().strip(_BORDER).strip()
        lead = at + (len(piece) - len(piece.lstrip().lstrip(_BORDER).lstrip()))
        m = _FIELD.match(stripped) or _BY_FIELD.match(stripped)
        if m:
            yield lead, m.group("label"), lead + m.start("value")


def give(subject: int, preds, members, start: int, end: int) -> Iterator[Found]:
    """Each member the predicates it fits, by its label: the relations of one credit value."""
    for _s, _e, it in members:
        for p in preds:
            if (Label.DATE if it.is_date else it.label) in p.signature[1]:
                # 'Produced by': a person is its producer, a company its production company
                yield Found(subject, p, it.target, start, end, 0.0, "")


def credit_lines(page: LinePage, disc: Discourse, found: list[Found]) -> Iterator[Found]:
    items = page.items
    fallback = _most_about(page, items, found)
    heading: tuple[Predicate, ...] = ()
    block_left = 0
    for i, (ls, le) in enumerate(page.lines):
        line = page.text[ls:le]
        stripped = line.strip().strip(_BORDER).rstrip(":").strip()
        if not stripped:
            heading, block_left = (), 0
            continue
        if len(stripped) <= 40 and not page.inside(ls, le):
            preds = label_predicates(stripped)
            if preds or stripped.isupper() and len(stripped.split()) <= 3:
                heading, block_left = preds, _BLOCK_LINES if preds else 0  # 'CAST' opens a block, 'CREW' ends it
                continue
        fields = [(at, label, value_at, preds) for at, label, value_at in _fields(line)
                  if (preds := label_predicates(_award_category(label) or label))]
        for at, label, value_at, preds in fields:
            nxt = _next_field_start(line, value_at)
            end = ls + nxt if nxt is not None else le
            if nxt is None and line.rstrip().endswith(",") and i + 1 < len(page.lines):
                end = page.lines[i + 1][1]  # 'Produced by .... A, B,\n      C'
            wanted = {lab for p in preds for lab in p.signature[1]}
            members = value_members(page, ls + value_at, end, wanted)
            if _award_category(label):
                # 'Best Director: A (TITLE), B, TITLE2': each group of names made the work after it
                yield from _award_list(page, ls + value_at, end, preds, wanted, ls, le)
                continue
            subject = _row_work(page, ls, ls + at)
            if subject is None and line.count("|") < 3:  # a table row names its own work, or none
                subject = _focus(page, i, disc, fallback)
            if subject is not None:
                yield from give(subject, preds, members, ls, le)
        if not fields and heading and block_left > 0:
            block_left -= 1
            value_at = max((m.end() for m in _COLUMN.finditer(line.rstrip())), default=0)
            subject = _focus(page, i, disc, fallback)
            if subject is not None:
                members = value_members(page, ls + value_at, le, {lab for p in heading for lab in p.signature[1]})
                yield from give(subject, heading, members, ls, le)


def _award_category(label: str) -> str | None:
    """'Best Director' -> 'Director': a prize category, whose winners made the work named with them."""
    m = re.match(r"^best\s+(.+)$", label.strip(), re.IGNORECASE)
    return m.group(1) if m else None


def _award_list(page: LinePage, start: int, end: int, preds, wanted, ls: int, le: int) -> Iterator[Found]:
    group: list = []
    for s, e, it in page.inside(start, end):
        if it.label == Label.WORK:
            yield from give(it.entity, preds, group, ls, le)
            group = []
        elif it.label in wanted:
            group.append((s, e, it))


def _row_work(page: LinePage, line_start: int, field_start: int) -> int | None:
    """'2014 | Blue Lake | Directed by A': the one work named on the line before the field."""
    works = [it.entity for s, e, it in page.inside(line_start, field_start) if it.label == Label.WORK]
    return works[0] if len(set(works)) == 1 else None


def _next_field_start(line: str, value_at: int) -> int | None:
    m = _FIELD_SEP.search(line, value_at)
    return m.start() if m else None


def spec_line(page: LinePage, disc: Discourse, found: list[Found]) -> Iterator[Found]:
    """'USA | 2019 | 98 min | English': the year of the work the page is about."""
    fallback = _most_about(page, page.items, found)
    for i, (ls, le) in enumerate(page.lines):
        pieces = [p.strip() for p in re.split(r"\s+[|·•]\s+", page.text[ls:le])]
        if len(pieces) < 3 or not any(_RUNTIME.match(p) for p in pieces):
            continue
        years = page.years(ls, le)
        subject = _focus(page, i, disc, fallback) if len(years) == 1 else None
        if subject is not None:
            yield Found(subject, Predicate.PUBLICATION_DATE, years[0][2].target, ls, le, 0.0, "")


# 'a SILVER LADDER and NORTH GATE production', 'a Tinfoil / Open Circuit production'
_BILLING = re.compile(r"(?=\b[Aa]n?\s+(?P<orgs>\S.{0,100}?)\s+(?:co-)?production\b)")  # each 'a' tried
_BILLING_GLUE = re.compile(r"^(?:\s|,|/|&|\band\b)*$", re.IGNORECASE)


def billing_production(page: LinePage, disc: Discourse, found: list[Found]) -> Iterator[Found]:
    """'a SILVER LADDER and NORTH GATE production' (a press kit's billing block, or prose: "X (2017),
    a drama ..., a Harbor Pictures production"): the companies, joined by list glue only, made
    the work named before it on the line, else the work the page is about."""
    fallback = None
    for i, (ls, le) in enumerate(page.lines):
        line = page.text[ls:le]
        for m in _BILLING.finditer(line):
            inside = page.inside(ls + m.start("orgs"), ls + m.end("orgs"))
            if not inside or any(it.label != Label.ORG for _s, _e, it in inside):
                continue
            gaps = [page.text[a:b] for a, b in zip([ls + m.start("orgs")] + [e for _s, e, _it in inside],
                                                     [s for s, _e, _it in inside] + [ls + m.end("orgs")])]
            if not all(_BILLING_GLUE.match(g) for g in gaps):
                continue  # 'a film about X and a Y production' names more than companies
            before = [it.entity for _s, _e, it in page.inside(ls, ls + m.start()) if it.label == Label.WORK]
            if before:
                subject = before[-1]
            elif not line[:m.start()].strip(" \t│|·•*-"):  # the billing opens the line (a box's border aside)
                fallback = fallback if fallback is not None else _most_about(page, page.items, found)
                subject = _focus(page, i, disc, fallback)
            else:
                subject = None
            if subject is not None:
                for _s, _e, it in inside:
                    yield Found(subject, Predicate.PRODUCTION_COMPANY, it.target, ls, le, 0.0, "")
