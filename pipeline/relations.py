"""Stage: relations with evidence, from cue phrases (data: `patterns/relation_cues.jsonl`) and
a few structural rules, read over the parsed sentences of one document.

Subjects and objects are entity indices of the document; a missing argument is filled from the
discourse: "I"/"my" in an answer is the interviewee, "she"/"he" the last person named, "the film"
or "it" the last work named.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from .lexicon import jsonl, work_cues
from .normalize import Mention
from .records import DateMention, LocalEntity, Turn
from .vocab import DateKind, Label, Predicate

FIRST_PERSON = {"i", "my", "me", "mine", "myself", "we", "our", "us"}
THIRD_PERSON = {"she", "he", "her", "his", "him", "hers", "herself", "himself"}
WORK_ANAPHORS = {"film", "movie", "it", "documentary", "feature", "short", "series", "show", "which",
                 "this", "that", "picture", "album", "song", "work"}
PERSON_ANAPHORS = {"director", "filmmaker", "actor", "actress", "writer", "artist"}
COORD = {",", "and", "&", "(", ")", "as", "well", "also", "left", "right", "center", "both"}
_YEAR = re.compile(r"(1[89]|20)\d\d")


@dataclass(frozen=True)
class Cue:
    phrase: str
    predicates: tuple[Predicate, ...]
    object_side: str   # "right" | "left" | "any"
    subject_side: str  # "left" | "right" | "any"
    window: int
    score: float


@dataclass(frozen=True)
class Item:
    """An entity or date mention inside a sentence, in token offsets."""

    start: int
    end: int
    label: Label
    ref: int          # entity index, or date index for DATE
    is_date: bool


@dataclass(frozen=True)
class Found:
    subject: int
    predicate: Predicate
    object: int
    object_is_date: bool
    start: int        # evidence sentence, cleaned-text character offsets
    end: int
    score: float
    method: str


@lru_cache(maxsize=1)
def cues() -> tuple[Cue, ...]:
    out = []
    for row in jsonl("relation_cues.jsonl"):
        obj = row.get("object", "right")
        subj = row.get("subject", "left" if obj == "right" else "right")
        out.append(Cue(row["cue"], tuple(Predicate(p) for p in row["predicates"]), obj, subj,
                       int(row.get("window", 15)), float(row.get("score", 0.8))))
    return tuple(out)


_MATCHERS: dict[int, PhraseMatcher] = {}


def prepare(nlp) -> None:
    """Compiles the cue matcher for this pipeline's vocab once, outside any memory zone."""
    _matcher_for(nlp.vocab, nlp.make_doc)


def _matcher_for(vocab, make_doc=None) -> PhraseMatcher:
    m = _MATCHERS.get(id(vocab))
    if m is None:
        m = PhraseMatcher(vocab, attr="LOWER")
        for i, cue in enumerate(cues()):
            pattern = make_doc(cue.phrase) if make_doc else Doc(vocab, words=re.findall(r"[\w']+|-", cue.phrase))
            m.add(str(i), [pattern])
        _MATCHERS[id(vocab)] = m
    return m


def _matcher(doc: Doc) -> PhraseMatcher:
    return _matcher_for(doc.vocab)


def extract(doc: Doc, mentions: list[Mention], entities: list[LocalEntity], dates: list[DateMention],
            turns: list[Turn], subject: int | None) -> list[Found]:
    """All relations of one document, duplicates merged (the best evidence kept)."""
    items = _items(doc, mentions, dates)
    questions = [(t.start, t.end) for t in turns if t.kind == "question"]
    found: list[Found] = []
    ctx = _Context(subject)
    matches = sorted(_matcher(doc)(doc), key=lambda m: (m[1], -m[2]))
    by_sent: dict[int, list] = {}
    for match_id, s, e in matches:
        by_sent.setdefault(doc[s].sent.start, []).append((cues()[int(doc.vocab.strings[match_id])], s, e))
    for sent in doc.sents:
        in_sent = [it for it in items if sent.start <= it.start < sent.end]
        is_question = any(qs <= sent.start_char < qe or qs < sent.end_char <= qe for qs, qe in questions)
        pronoun_person = _pronoun_person(sent, ctx, is_question)
        sent_found: list[Found] = []
        for cue, s, e in _longest(by_sent.get(sent.start, [])):
            sent_found.extend(_apply(cue, s, e, sent, in_sent, ctx, pronoun_person))
        sent_found.extend(_structural(sent, in_sent, ctx, pronoun_person, is_question))
        found.extend(f for f in sent_found if f.subject != f.object or f.object_is_date)
        for it in in_sent:
            ctx.see(it)
    return _merge(found)


class _Context:
    """What the discourse has named so far: the last person and work."""

    def __init__(self, subject: int | None):
        self.subject = subject
        self.last_person: int | None = None
        self.last_work: int | None = None

    def see(self, it: Item) -> None:
        if it.label == Label.PERSON:
            self.last_person = it.ref
        elif it.label == Label.WORK:
            self.last_work = it.ref


def _items(doc: Doc, mentions: list[Mention], dates: list[DateMention]) -> list[Item]:
    out = []
    for m in mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        if m.label == Label.DATE:
            d = dates[m.date]
            if d.kind != DateKind.DATE or d.value is None:
                continue
            out.append(Item(span.start, span.end, Label.DATE, m.date, True))
        elif m.entity is not None:
            out.append(Item(span.start, span.end, m.label, m.entity, False))
    return out


def _longest(matches):
    """Of overlapping cues for the same predicates, the longest ('directed by' over 'directed')."""
    keep = []
    for cue, s, e in sorted(matches, key=lambda m: -(m[2] - m[1])):
        if any(s < e2 and s2 < e and set(cue.predicates) & set(c2.predicates) for c2, s2, e2 in keep):
            continue
        keep.append((cue, s, e))
    return sorted(keep, key=lambda m: m[1])


def _pronoun_person(sent: Span, ctx: _Context, is_question: bool) -> int | None:
    """The person a pronoun in this sentence stands for, if any."""
    words = {t.lower_ for t in sent}
    if is_question and words & {"you", "your", "yourself"}:
        return ctx.subject
    if not is_question and words & FIRST_PERSON:
        return ctx.subject
    if words & THIRD_PERSON or words & PERSON_ANAPHORS:
        return ctx.last_person if ctx.last_person is not None else ctx.subject
    return None


def _implicit(label_set, sent: Span, ctx: _Context, pronoun_person: int | None) -> tuple[int | None, float]:
    if Label.WORK in label_set and ctx.last_work is not None:
        words = {t.lower_ for t in sent}
        return ctx.last_work, (0.9 if words & WORK_ANAPHORS else 0.6)
    if Label.PERSON in label_set and pronoun_person is not None:
        return pronoun_person, 0.8
    return None, 0.0


def _apply(cue: Cue, s: int, e: int, sent: Span, items: list[Item], ctx: _Context,
           pronoun_person: int | None) -> Iterator[Found]:
    for pred in cue.predicates:
        subj_labels, obj_labels = pred.signature
        objects = _objects(sent.doc, cue, s, e, items, obj_labels)
        if not objects:
            continue
        taken = {(o.start, o.end) for o in objects}
        subj, score = _subject(cue, s, e, sent, items, subj_labels, taken, ctx, pronoun_person)
        if subj is None:
            continue
        for o in objects:
            yield Found(subj, pred, o.ref, o.is_date, sent.start_char, sent.end_char,
                        round(cue.score * score, 3), f"cue:{cue.phrase}")


def _objects(doc: Doc, cue: Cue, s: int, e: int, items: list[Item], labels) -> list[Item]:
    """The first mention of a fitting label on the object side, and those coordinated with it."""
    doc_items = [it for it in items if it.label in labels]
    if cue.object_side in ("right", "any"):
        right = [it for it in doc_items if it.start >= e and it.start - e <= cue.window]
        if right:
            return _coordinated(doc, right, items, forward=True)
    if cue.object_side in ("left", "any"):
        left = [it for it in doc_items if it.end <= s and s - it.end <= cue.window]
        if left:
            return _coordinated(doc, left[::-1], items, forward=False)
    return []


def _coordinated(doc: Doc, ordered: list[Item], items: list[Item], forward: bool) -> list[Item]:
    """'starring A, B and C': people joined only by commas, 'and' or a bracketed aside."""
    out = [ordered[0]]
    if ordered[0].label != Label.PERSON:
        return out
    for nxt in ordered[1:]:
        prev = out[-1]
        a, b = (prev.end, nxt.start) if forward else (nxt.end, prev.start)
        gap = doc[a:b]
        if len(gap) > 6 or any(a <= it.start < b for it in items) \
                or any(t.lower_ not in COORD and not t.is_space for t in gap):
            break
        out.append(nxt)
    return out


def _subject(cue: Cue, s: int, e: int, sent: Span, items: list[Item], labels, taken, ctx: _Context,
             pronoun_person: int | None) -> tuple[int | None, float]:
    cands = [it for it in items if it.label in labels and (it.start, it.end) not in taken]
    left = [it for it in cands if it.end <= s]
    right = [it for it in cands if it.start >= e and it.start - e <= cue.window]
    order = (left[::-1], right) if cue.subject_side in ("left", "any") else (right, left[::-1])
    for side in order:
        if side:
            return side[0].ref, 1.0
    if cue.subject_side == "right" and Label.WORK in labels:
        nxt = sent.doc[e:min(e + 2, sent.end)]
        if not any(t.lower_ in WORK_ANAPHORS for t in nxt):
            return None, 0.0  # "Im has directed several short films": no work named
    return _implicit(labels, sent, ctx, pronoun_person)


def _structural(sent: Span, items: list[Item], ctx: _Context, pronoun_person: int | None,
                is_question: bool) -> Iterator[Found]:
    """Relations that a phrase shape gives rather than a cue word."""
    doc = sent.doc
    cue_words = work_cues()
    works = [it for it in items if it.label == Label.WORK]
    for w in works:
        # "The Last Day of the Year (2015)"
        k = w.end + (1 if w.end < sent.end and doc[w.end].text in {'"', "”", "’", "'"} else 0)
        if k + 2 < len(doc) and doc[k].text == "(" and _YEAR.fullmatch(doc[k + 1].text):
            date = next((it for it in items if it.is_date and it.start == k + 1), None)
            if date is not None:
                yield Found(w.ref, Predicate.PUBLICATION_DATE, date.ref, True, sent.start_char,
                            sent.end_char, 0.8, "year_in_brackets")
    # "Song of Freedom is a 1936 British film": a defining sentence dates its work
    if works and works[0].start - sent.start <= 1:
        after = doc[works[0].end:min(sent.end, works[0].end + 8)]
        if any(t.lemma_ == "be" for t in after[:2]):
            date = next((it for it in items if it.is_date and works[0].end < it.start <= works[0].end + 5), None)
            noun = next((t for t in after if t.lower_ in cue_words), None)
            if date is not None and noun is not None and date.start < noun.i:
                yield Found(works[0].ref, Predicate.PUBLICATION_DATE, date.ref, True, sent.start_char,
                            sent.end_char, 0.8, "defining_year")
    # "her debut feature, X", "Kim's third feature X", "His short film X": the owner directed it
    for w in works:
        lo = max(sent.start, w.start - 8)
        window = doc[lo:w.start]
        noun = next((t for t in reversed(list(window)) if t.lower_ in cue_words), None)
        if noun is None:
            continue
        owner_tok = next((t for t in reversed(list(doc[lo:noun.i])) if t.tag_ == "PRP$" or t.text in {"'s", "’s"}), None)
        if owner_tok is None or any(t.text in {".", ";"} for t in doc[owner_tok.i:w.start]):
            continue
        if owner_tok.tag_ == "PRP$":
            owner = None
            if owner_tok.lower_ in {"her", "his"}:
                before = [it for it in items if it.label == Label.PERSON and it.end <= owner_tok.i]
                owner = before[-1].ref if before else pronoun_person
            elif owner_tok.lower_ == "my" and not is_question or owner_tok.lower_ == "your" and is_question:
                owner = ctx.subject
        else:
            owner = next((it.ref for it in items if it.label == Label.PERSON and it.end == owner_tok.i), None)
        if owner is None:
            continue
        pred = Predicate.CONTRIBUTOR if noun.lower_ in {"work", "works", "project"} or owner_tok.lower_ == "my" \
            else Predicate.DIRECTOR
        yield Found(w.ref, pred, owner, False, sent.start_char, sent.end_char, 0.7, "possessive_work")
    # "I have two films in post production, X and Y", "my short film X": the interviewee's own works
    if works and not is_question and ctx.subject is not None and _first_person_works(sent, items):
        for w in works:
            yield Found(w.ref, Predicate.CONTRIBUTOR, ctx.subject, False, sent.start_char, sent.end_char,
                        0.5, "first_person_work")


_OWN = {"have", "made", "make", "directed", "wrote", "shot", "finished", "completed", "produced", "edited"}


def _first_person_works(sent: Span, items: list[Item]) -> bool:
    """'I have two films ...', 'I made a short ...' - the speaker presents works as theirs."""
    inside = {k for it in items for k in range(it.start, it.end)}
    toks = [t for t in sent if t.i not in inside]
    cue_words = work_cues()
    for a, t in enumerate(toks):
        if t.lower_ == "i" and any(u.lower_ in _OWN for u in toks[a + 1:a + 3]) \
                and any(u.lower_.rstrip("s") in cue_words for u in toks[a + 2:a + 6]):
            return True
    return False


def _merge(found: list[Found]) -> list[Found]:
    best: dict[tuple, Found] = {}
    for f in found:
        k = (f.subject, f.predicate, f.object, f.object_is_date)
        if k not in best or f.score > best[k].score:
            best[k] = f
    return sorted(best.values(), key=lambda f: (f.start, f.predicate.value, f.subject, f.object))
