"""A film festival named by its town alone, in shapes with no 'at' or 'in' before it (those are
`festivals.py`'s): the town's own shape is the evidence.

- an edition: the town and a year, as a page's heading, a related article or an award's line writes
  it ("X 2019: the debuts to watch", "- Jury Prize, Makers' Week, X 2022"): the year ends a field
  (a colon, a dash, a comma, the line's end), the town opens its line or a field after a separator,
  and the line holds an award, a festival's section or a festival cue, or the document a festival
  word ('festival', `patterns/org_kinds.csv`). Prose's "X 2012 Summer Games" is not: a word follows;
- a prize after the town: "X best actor", "the X jury prize", "X's Special Jury Prize": a category
  or a prize word of `patterns/festival_town_words.csv` (with the words of
  `award_generic_words.txt`), or an award or a festival's section the patterns found right after.

A section before 'in' or 'at' the town is `festivals.cued`'s evidence; a section is the shape
"X's Week", "X's Fortnight" (`org_festival_section` of `patterns/entity_patterns.jsonl`); one
known by its own name only is not read. Not read either: the town as the giver ("X gave us the
screenplay prize"), found once on the dev sets.

`is_festival_town(v, start, end, marks)` is what the retyping step (`festival_shape_towns`,
`registry.Step.FESTIVAL_SHAPE`), the finder of unmarked towns (`unmarked_festival_shape_towns`,
rule `festival_town_shape`) and `places.known_places` read. An edition that only the document's
festival word supports is weaker evidence: it finds an unmarked town at the model's strength, and
does not overrule the model's place (a page about a festival names its town as a place too).

`patterns/festival_town_words.csv` (kind,word): `prize`, a word after the town (the heads of
awards, `lexicon.award_heads`, are prizes too); `category`, a word that opens a prize's category
after the town, with a word of `award_generic_words.txt` after it ("best actor").
"""
from __future__ import annotations

from functools import lru_cache

from ..lexicon import (POSSESSIVE_S, YEAR, award_heads, csv_rows, demonyms, is_first_name, is_generic_award,
                       known_place_names, org_kinds, word_list)
from ..view import DocView
from ..vocab import Label
from .festivals import SECTION, festival_cues, festival_marks, ruler_festival_marks, town_shape
from .registry import FESTIVAL_TOWN_SHAPE, MODEL, RULER_KEY, Candidate

_FIELD_END = frozenset({":", "—", "–", "-", ",", ".", ";", "|", "›", "»", ")", "/"})
_FIELD_START = frozenset({",", "—", "–", "-", "|", "·", "•", "›", "»", "(", "/", ":"})
_LABEL_WORDS = 4  # a line's label before the heading: "Read more:"
_AFTER_WORDS = 4  # the prize words after the town: "best screenplay winner"


@lru_cache(maxsize=1)
def _words() -> dict[str, frozenset[str]]:
    """The words of `patterns/festival_town_words.csv` by kind (`prize` with the heads of awards)."""
    rows = csv_rows("festival_town_words.csv", lambda r: (r[0].strip(), r[1].strip().lower()))
    kinds: dict[str, set[str]] = {}
    for kind, word in rows:
        kinds.setdefault(kind, set()).add(word)
    if set(kinds) != {"prize", "category"}:
        raise ValueError(f"patterns/festival_town_words.csv: kinds {sorted(kinds)}, expected prize, category")
    kinds["prize"] |= award_heads()
    return {k: frozenset(w) for k, w in kinds.items()}


@lru_cache(maxsize=1)
def _festival_words() -> frozenset[str]:
    """The one-word festival words of `patterns/org_kinds.csv` ('festival', 'biennale'), and 'festivals'."""
    return frozenset(w for w, kind in org_kinds().items() if kind == "festival" and " " not in w) | {"festivals"}


def is_festival_town(v: DocView, start: int, end: int, marks: list[tuple[int, int]], document: bool = True) -> bool:
    """Tokens start..end, a town, name a festival by one of the shapes above (`marks`: the token
    spans of the awards and festival sections found); an edition on the evidence of the document's
    festival word only where `document`."""
    return _edition(v, start, end, marks, document) or _before_prize(v, end, marks)


def _line(v: DocView, i: int) -> tuple[int, int]:
    """The tokens of token i's line."""
    toks = v.tokens
    s = i
    while s > 0 and not v.starts_line(s):
        s -= 1
    e = i + 1
    while e < len(toks) and not v.starts_line(e):
        e += 1
    return s, e


def _edition(v: DocView, start: int, end: int, marks, document: bool) -> bool:
    toks = v.tokens
    n = len(toks)
    if end >= n or not (toks[end].is_digit and YEAR.fullmatch(toks[end].text)):
        return False
    line_start, line_end = _line(v, start)
    after = end + 1
    if not (after >= line_end or toks[after].is_space or toks[after].text in _FIELD_END):
        return False  # "X 2012 Summer Games": the year opens a longer name
    words = [j for j in range(line_start, start) if toks[j].is_alpha]
    opens = not words or toks[start - 1].text == ":" and len(words) <= _LABEL_WORDS
    if not (opens or toks[start - 1].text in _FIELD_START):
        return False
    line = [v.lower[j] for j in range(line_start, line_end) if not start <= j < end]
    if any(line_start <= s < line_end for s, _ in marks) or festival_cues() & set(line):
        return True
    return document and any(w in _festival_words() for w in v.lower)


def _before_prize(v: DocView, end: int, marks) -> bool:
    toks = v.tokens
    words = _words()
    owned = end + 1 if end < len(toks) and toks[end].text in POSSESSIVE_S else end
    if any(s in (end, owned) and (is_generic_award(v.span_text(s, e)) or _section(v, s, e)) for s, e in marks):
        return True  # "X's Special Jury Prize", "X Makers' Week"
    j = end  # not "A's award": a person's
    run = []
    while j < len(toks) and len(run) < _AFTER_WORDS and toks[j].is_lower and toks[j].is_alpha \
            and (toks[j].lower_ in words["prize"] or toks[j].lower_ in words["category"]
                 or toks[j].lower_ in word_list("award_generic_words.txt")):
        run.append(toks[j].lower_)
        j += 1
    if not run:
        return False
    return run[0] in words["category"] and len(run) > 1 or any(w in words["prize"] for w in run)


def _section(v: DocView, s: int, e: int) -> bool:
    return any(sp.start == s and sp.end == e and sp.id_ == SECTION for sp in v.doc.spans.get(RULER_KEY, []))


def festival_shape_towns(v: DocView, chosen: list[tuple[Candidate, tuple[str, ...]]]):
    """(index, ORG) for the model's one- or two-word place (or its one-word person that is not a
    first name) that names a festival by a shape above."""
    toks = v.tokens
    marks = festival_marks(chosen)
    for k, (c, _) in enumerate(chosen):
        unknown = c.label == Label.PERSON and c.end - c.start == 1 and not is_first_name(toks[c.start].text)
        if not (c.label == Label.PLACE or unknown) or c.kind == "demonym" and v.span_text(c.start, c.end).lower() \
                in demonyms() or not 1 <= c.end - c.start <= 2:
            continue
        if town_shape(v, c.start, c.end) and is_festival_town(v, c.start, c.end, marks, document=False):
            yield k, Label.ORG


def unmarked_festival_shape_towns(v: DocView) -> list[Candidate]:
    """A town the model left unmarked that names a festival by a shape above: one or two
    capitalised proper nouns that are not first names nor English words the text writes in lower case."""
    toks = v.tokens
    marks = ruler_festival_marks(v)
    out = []
    i = 0
    while i < len(toks):
        if not _bare(v, i):
            i += 1
            continue
        end = i + 2 if i + 1 < len(toks) and _bare(v, i + 1) and not v.starts_line(i + 1) else i + 1
        if end < len(toks) and toks[end].is_title and not v.starts_line(end) or any(s < end and i < e for s, e in marks):
            i = end
            continue  # a longer name; a word of an award's or a section's name
        if town_shape(v, i, end):
            found = FESTIVAL_TOWN_SHAPE.found(i, end, kind="festival")
            if is_festival_town(v, i, end, marks, document=False):
                out.append(found)
            elif is_festival_town(v, i, end, marks):  # the document's festival word alone: weaker evidence
                out.append(found._replace(score=MODEL.strength))
        i = end
    return out


def _bare(v: DocView, i: int) -> bool:
    """A capitalised word the model left out, a proper noun or a known place (tagged a plural noun
    at times), not an English word nor a first name."""
    t = v.tokens[i]
    known = t.text in known_place_names()
    # an English word; a known place only where the text also writes it in lower case (the word list knows 'cannes')
    english = v.common_word(t) and (not known or t.is_stop or t.lower_ in v.token_texts)
    return (t.is_title and t.is_alpha and (t.tag_ in {"NNP", "NNPS"} or known) and not t.ent_type_
            and not english and not is_first_name(t.text))
