"""Construction: a title followed by its credits, as line-ups, lists and captions write them.

    Blue Lake (Spain, 2019), dir. Ana Ruiz, starring Ben Ode — world premiere
    Blue Lake (dir. Ana Ruiz)
    Best Short Film: BLUE LAKE (dir. Ana Ruiz)

After a work come bracketed asides ('(Spain, 2019)', '(original title)'), then fields: a credit
label of `patterns/credit_labels.csv` ending in '.', ':' or 'by' ('dir.', 'directed by',
'starring'), then the list of names it opens; fields are chained by ',', ';' or a dash. A year in
the first bracket, among place names, is the work's year. Reads the page's characters, so a
field that a line break or a sentence split cuts off ('...(Japan, 2023),\\ndir. A') still counts.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from ..vocab import Label, Predicate
from .context import Discourse, Found
from .credits import LinePage, give, label_predicates, value_members

_BRACKET = re.compile(r"\s*\(([^()]{0,80})\)")
# a label ends in '.', ':' or 'by', or is a participle that opens a list ('starring')
# a field after the title or the field before: a comma, semicolon or dash first (a line may break
# after it), the label on the same line
_LABEL = re.compile(r"[ \t]*(?:[,;]|[—–-](?=\s))[ \t]*\n?[ \t]*"
                    r"(?P<label>[A-Za-z][A-Za-z.&' -]{0,30}?)(?:(?<=\.)|[ \t]*:|[ \t]+by\b|(?<=ing))[ \t]+",
                    re.IGNORECASE)
# inside a bracket the label opens it: 'Blue Lake (dir. Ana Ruiz)'
_INNER_LABEL = re.compile(r"\s*(?P<label>[A-Za-z][A-Za-z.&' -]{0,30}?)(?:(?<=\.)|\s*:|\s+by\b)\s+", re.IGNORECASE)
# 'THE TITLE, 2008.' / 'THE TITLE, 2011 — your first feature': a year set off after the title
_COMMA_YEAR = re.compile(r"[ \t]*,[ \t]*(?P<year>(?:1[89]|20)\d\d)(?=[ \t]*(?:[.;:—–)]|-\s|$))", re.MULTILINE)
# '2014   TITLE (short)', '- 2019: TITLE', '2019 | TITLE': a list line that opens with a year
_YEAR_FIRST = re.compile(r"^[ \t]*(?:[-•*·][ \t]*)?(?P<year>(?:1[89]|20)\d\d)"
                         r"(?:[ \t]*[:|–—-][ \t]*|[ \t]{2,}|[ \t]+(?=[A-Z\"“‘']))", re.MULTILINE)
_FIELDS = 4  # at most this many fields chained after one title


def _field(page: LinePage, at: int, limit: int, pattern=_LABEL):
    """(predicates, members, end) of the credit field at `at`, or None."""
    m = pattern.match(page.text, at, limit)
    if m is None:
        return None
    label = m.group("label").rstrip(".").strip()
    preds = label_predicates(label)
    if not preds or label.lower() in {"with", "and"} or label.lower().startswith("best "):
        return None  # 'Best Director:' is a prize category, not a credit
    wanted = {lab for p in preds for lab in p.signature[1]}
    members = value_members(page, m.end(), limit, wanted)
    if not members:
        return None
    return preds, members, members[-1][1]


def lineup(page: LinePage, disc: Discourse, found: list[Found]) -> Iterator[Found]:
    text = page.text
    for s, e, work in page.spans:
        if work.label != Label.WORK:
            continue
        limit = min(len(text), e + 300)
        y = _COMMA_YEAR.match(text, e, limit)
        if y is not None:
            yield from _year(page, work.entity, y.start("year"), y.end("year"), s, y.end())
        at, first = e, True
        fields = 0
        while fields < _FIELDS:
            b = _BRACKET.match(text, at, limit)
            if b is not None:
                inner_s, inner_e = b.start(1), b.end(1)
                got = _field(page, inner_s, inner_e, _INNER_LABEL)
                if got is not None:  # 'Blue Lake (dir. Ana Ruiz)'
                    preds, members, _end = got
                    yield from give(work.entity, preds, members, s, b.end())
                    fields += 1
                elif first:
                    yield from _year(page, work.entity, inner_s, inner_e, s, b.end())
                at, first = b.end(), False
                continue
            got = _field(page, at, limit)
            if got is None:
                break
            preds, members, end = got
            yield from give(work.entity, preds, members, s, end)
            at, first, fields = end, False, fields + 1


def _year(page: LinePage, work: int, s: int, e: int, start: int, end: int) -> Iterator[Found]:
    """'(Spain, France, 2019)': a year among names of places, the work's year."""
    years = page.years(s, e)
    if len(years) != 1:
        return
    rest = page.text[s:years[0][0]] + page.text[years[0][1]:e]
    if all(w[:1].isupper() for w in re.findall(r"[^\W\d_][\w'-]*", rest)):
        yield Found(work, Predicate.PUBLICATION_DATE, years[0][2].target, start, end, 0.0, "")


def year_first(page: LinePage, disc: Discourse, found: list[Found]) -> Iterator[Found]:
    """'2014   TITLE (short)': a filmography line, the year of the work it names."""
    starts = {s: it for s, _e, it in page.spans if it.label == Label.WORK}
    for m in _YEAR_FIRST.finditer(page.text):
        work = starts.get(m.end()) or starts.get(m.end() + 1)  # a quote may open the title
        year = next((it for s, e, it in page.inside(m.start("year"), m.end("year")) if it.is_date), None)
        if work is not None and year is not None:
            line_end = page.text.find("\n", m.end())
            yield Found(work.entity, Predicate.PUBLICATION_DATE, year.target, m.start(),
                        len(page.text) if line_end < 0 else line_end, 0.0, "")
