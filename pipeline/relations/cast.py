"""Constructions without a verb that name who is in a work: captions and attached lists.

- caption: '[Photo] Ana Ruiz and Ben Ode in BLUE LAKE.', 'Pictured: Ana Ruiz on the set of
  BLUE LAKE' -- names (after nothing but a caption marker, `caption_marker` words of
  `patterns/relation_words.csv`) joined to a work by a link of `patterns/caption_links.csv`.
- with_cast: 'BLUE LAKE, a thriller with Ana Ruiz and Ben Ode', 'My first feature, BLUE LAKE,
  was with Ana Ruiz', 'BLUE LAKE in 2019 with Ana Ruiz' -- a work, a description of it without
  another verb, then 'with' and names; 'X (1955), shot in Sete with A', 'X (2008), a two-hander
  shot in Oslo with A' (a participle of where it was made, `filming_participle` of
  `patterns/relation_words.csv`, and 'in', 'on' or 'at'). Not after a verb of making ('made X with
  A': A co-made it) unless the participle holds the 'with'; a possessor ('with A, and B's Y') or
  another name of a work or person before the 'with' ends it.
- caption_credit: '[Photo] Ana Ruiz in BLUE LAKE. Courtesy of Harbor Pictures.' -- the work of a
  caption and the company its credit names ('courtesy of' is a distributor's credit label).
- starring_apposition: 'BLUE LAKE (2019), following a drifter, starring Ana Ruiz and Ben Ode,
  opened ...', 'Her debut, BLUE LAKE, produced by C and starring A' -- a participle of casting
  (`cast_participle` words of `patterns/relation_words.csv`) that ends an apposition or a chain of
  participles after a work: the first work of the sentence that a comma or a bracket sets off,
  with no finite verb, no other clause between it and the participle, and not the novel or play
  it was adapted from.
- as_roles: 'BLUE LAKE, 2019. Ana Ruiz as the cop, Ben Ode as the priest.' -- a list of
  'NAME as ROLE' that opens a clause, in or right after a sentence naming one work, or while the
  work a question named is in focus.
Pure: one parsed sentence of a `DocView` and its arguments (token offsets) -> `context.Found`
(caption_credit: the page's lines, `credits.LinePage`, and what the sentence rules found).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from spacy.tokens import Span

from ..lexicon import POSSESSIVE, csv_rows, work_cues
from ..records import EntityRef
from ..view import DocView
from ..vocab import Label, Predicate
from .args import coordinated
from .context import Discourse, Found, Item, closes, kind_of, opens
from .credits import LinePage, label_predicates

LINK_FILE = "caption_links.csv"
_MAKING = frozenset({"make", "write", "direct", "produce", "shoot", "create", "develop", "co-write",
                     "co-direct", "edit", "film", "finish", "work", "collaborate", "team"})
_WHERE = frozenset({"in", "on", "at"})  # after a participle of where a work was made: 'shot in Oslo'
_AFTER_CAPTION = frozenset({".", ",", "(", "[", "courtesy", "—", "–", "-", ";", ":"})
_WITH_REACH = 10  # 'with' at most this many tokens after the work (4 more after 'shot in')
_CLAUSE_OPEN = frozenset({",", ";", ".", ":", "and", "—", "–"})


@lru_cache(maxsize=1)
def links() -> tuple[tuple[tuple[str, ...], Predicate], ...]:
    """(words of the link, predicate), longest first; a bad predicate names the file and line."""
    out = csv_rows(LINK_FILE, lambda row: (tuple(row[0].lower().split()), Predicate(row[1].strip())))
    return tuple(sorted(out, key=lambda x: -len(x[0])))


def _found(work: int, pred: Predicate, person: int, sent: Span) -> Found:
    return Found(work, pred, EntityRef(person), sent.start_char, sent.end_char, 0.0, "")


def _line_start(toks, k: int) -> int:
    """The first token of the line token k stands on."""
    while k > 0 and "\n" not in toks[k - 1].text_with_ws and not toks[k - 1].is_space:
        k -= 1
    return k


def caption(v: DocView, sent: Span, args: list[Item], disc: Discourse, is_question: bool) -> Iterator[Found]:
    doc, toks = v.doc, v.tokens
    for w in args:
        if w.label != Label.WORK or w.implicit:
            continue
        for words, pred in links():
            k = w.start - len(words)
            if k <= sent.start or tuple(v.lower[k:w.start]) != words:
                continue
            if w.end < len(toks) and not (toks[w.end].lower_ in _AFTER_CAPTION or toks[w.end].is_space
                                          or "\n" in toks[w.end - 1].text_with_ws):
                break  # 'A in X is a ...': a sentence, not a caption
            last = next((a for a in args if a.label == Label.PERSON and not a.implicit and a.end == k), None)
            if last is None:
                break
            before = [a for a in args if a.end <= last.start][::-1]
            people = coordinated(doc, last, before, {Label.PERSON}, forward=False)
            first = min(p.start for p in people)
            lead = toks[_line_start(toks, first):first]
            if all(t.is_punct or t.is_space or kind_of(t.lower_) == "caption_marker" for t in lead):
                for p in people:
                    if p.label == Label.PERSON:
                        yield _found(w.entity, pred, p.entity, sent)
            break


def with_cast(v: DocView, sent: Span, args: list[Item], disc: Discourse, is_question: bool) -> Iterator[Found]:
    doc, toks = v.doc, v.tokens
    for w in args:
        if w.label != Label.WORK or w.implicit:
            continue
        k, depth, filmed = w.end, 0, False
        reach = w.end + _WITH_REACH
        named = {j for a in args if a.label in (Label.WORK, Label.PERSON) and a.start >= w.end
                 for j in range(a.start, a.end)}
        while k < min(sent.end, reach):
            t = toks[k]
            if k in named:
                k = sent.end  # "X (2009), A's Y (2010) with B": B is Y's
                break
            if opens(t):
                depth += 1
            elif closes(t):
                depth -= 1
            elif depth == 0 and t.lower_ == "with":
                break
            elif depth == 0 and kind_of(t.lower_) == "filming_participle" and k + 2 < sent.end \
                    and v.lower[k + 1] in _WHERE and toks[k + 2].text[:1].isupper():  # the tagger may read 'shot' as a noun
                filmed, reach = True, reach + 4  # 'X (1955), shot in Sete with A and B': the film's cast
            elif depth == 0 and (t.pos_ in {"VERB", "ADP", "PRON", "SCONJ", "CCONJ"} and t.lower_ != "in"
                                 or t.lower_ in {"by", "and"}):
                k = sent.end
                break
            k += 1
        if k >= min(sent.end, reach) or v.lower[k] != "with":
            continue
        if not filmed and any(t.lemma_.lower() in _MAKING for t in toks[sent.start:w.start] if t.pos_ == "VERB"):
            continue  # 'made X with A': A made it too
        first = next((a for a in args if a.start == k + 1 and a.label == Label.PERSON and not a.implicit), None)
        if first is None:
            continue
        for p in coordinated(doc, first, [a for a in args if a.start >= first.end], {Label.PERSON}, forward=True):
            if p.end < len(toks) and toks[p.end].lower_ in POSSESSIVE:
                break  # 'X, with A, and B's Y': B owns the next work, the list has ended
            if p.label == Label.PERSON:
                yield _found(w.entity, Predicate.CAST_MEMBER, p.entity, sent)


_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_APPOSITION_SPAN = 40  # at most this many tokens between the work and its participle
_NOT_SCREEN = frozenset({"book", "play", "song", "album"})  # kinds of `patterns/work_cues.csv`: a source


def _named_source(toks, w: Item) -> bool:
    """'adapted from the novel "X"': a work that a book's or a play's noun introduces."""
    k = w.start - 1
    while k >= 0 and toks[k].is_quote:
        k -= 1
    return k >= 0 and work_cues().get(toks[k].lower_) in _NOT_SCREEN


def starring_apposition(v: DocView, sent: Span, args: list[Item], disc: Discourse,
                        is_question: bool) -> Iterator[Found]:
    doc, toks = v.doc, v.tokens
    for k in range(sent.start, sent.end - 1):
        if kind_of(toks[k].lower_) != "cast_participle":
            continue
        first = next((a for a in args if a.start == k + 1 and a.label == Label.PERSON and not a.implicit), None)
        if first is None:
            continue
        work = None
        for w in sorted((a for a in args if a.label == Label.WORK and not a.implicit and a.end < k),
                        key=lambda a: a.start):
            if toks[w.end].text not in {",", "("} or k - w.end > _APPOSITION_SPAN or _named_source(toks, w):
                continue  # 'X starring A' is the cue's; an apposition opens with a comma or a bracket
            if any(t.tag_ in _FINITE or t.text in {";", ":"} or t.lower_ in {"who", "which", "that"}
                   for t in toks[w.end:k]):
                continue  # 'X, which was ..., starring': a clause between
            work = w
            break
        if work is None:
            continue
        for p in coordinated(doc, first, [a for a in args if a.start >= first.end], {Label.PERSON}, forward=True):
            if p.label == Label.PERSON:
                yield _found(work.entity, Predicate.CAST_MEMBER, p.entity, sent)


def as_roles(v: DocView, sent: Span, args: list[Item], disc: Discourse, is_question: bool) -> Iterator[Found]:
    toks = v.tokens
    works = {a.entity for a in args if a.label == Label.WORK and not a.implicit}
    if len(works) > 1:
        return
    work = next(iter(works)) if works else (disc.last_work if disc.work_age == 0 else disc.question_work)
    if work is None:
        return
    for p in args:
        if p.label != Label.PERSON or p.implicit or p.end + 1 >= sent.end or v.lower[p.end] != "as":
            continue
        before = toks[p.start - 1] if p.start > sent.start else None
        if before is not None and before.lower_ not in _CLAUSE_OPEN:
            continue  # 'served as', 'known as', 'cast A as': a verb's, not a list's
        nxt = toks[p.end + 1]
        if nxt.lower_ in {"well", "much", "long", "soon", "a", "an"} and nxt.lower_ not in {"a", "an"}:
            continue
        if nxt.pos_ in {"VERB", "AUX", "PRON"}:
            continue  # 'A as she was', 'A as did B'
        yield _found(work, Predicate.CAST_MEMBER, p.entity, sent)


def caption_credit(page: LinePage, disc: Discourse, found: list[Found]) -> Iterator[Found]:
    """'[Photo] A and B in X. Courtesy of Y.': the work of a caption (what `caption` found) and
    the company the credit after it names, by the credit label before the company
    (`patterns/credit_labels.csv`: 'courtesy of' is the distributor's)."""
    done = set()
    for f in found:
        if f.method != "caption" or f.predicate != Predicate.CAST_MEMBER:
            continue
        ls, le = page.line_of(f.start)
        if (ls, f.subject) in done:
            continue
        done.add((ls, f.subject))
        for s, _e, it in page.inside(ls, le):
            if it.label != Label.ORG:
                continue
            label = re.split(r"[.;|·(\[]", page.text[ls:s])[-1].strip()
            for pred in label_predicates(label):
                if Label.ORG in pred.signature[1] and Label.WORK in pred.signature[0]:
                    yield Found(f.subject, pred, EntityRef(it.entity), ls, le, 0.0, "")
            break  # the first company on the line is the credit's
