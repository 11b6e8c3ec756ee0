"""Stage: relations with evidence, read over the parsed sentences of one document.

Cue phrases (data: `patterns/relation_cues.jsonl`) are found with spaCy's PhraseMatcher; each cue
says on which side its object and its subject stand ("X, directed by A and B": object list on
the right, subject on the left; "A directed X": the other way round; a participle followed by
"by" turns passive). Lists ("starring A, B and C") give one relation per member. Pronouns and "the film" stand for entities through the discourse
(`context`), where arguments stand is `args`, and phrase shapes without a
cue word live in `shapes`.
Subjects and objects are entity indices of the document (date indices for dates).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from . import constructions, shapes
from ..lexicon import POSSESSIVE, POSSESSIVE_DETERMINERS, SUBJECT_DEPS, jsonl, work_cues
from ..normalize.entities import LocalDate, LocalMention
from ..records import DateRef, EntityRef, LocalEntity, Turn
from .args import CHAIN, adjacent_words, left_group, nominated, right_list, taken_already
from .context import Discourse, Found, Item, is_work_anaphor, kind_of, main_gender, topics
from ..view import DocView
from .registry import CUE_FILE, CUE_SCORE, IMPLICIT_WEIGHT, SERIES_CAST
from ..vocab import CREATIVE_ROLE, DateKind, Label, Predicate

_PERSON_OWNERS = POSSESSIVE_DETERMINERS - {"our", "its"}  # "her producer A"
_SIDES = {"right", "left", "by", "either"}
# dependencies through which a blocking verb governs a cue ("she wanted to direct X")
_GOVERNED = frozenset({"xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp", "attr", "acomp", "oprd", "aux"})
_MUSIC_KINDS = frozenset({"song", "album"})
_MEMBERSHIP_KINDS = frozenset({"party", "band"})  # organisations' kinds one is a member of, not employed by
# predicates whose subject is the subject of the cue's clause, not whoever stands to its left
_CLAUSE_SUBJECT = frozenset({Predicate.AWARD_RECEIVED})
_MUSIC_WORDS = frozenset({"sing", "singer", "rap", "rapper", "remix", "band", "chart", "vocal", "vocals"})


@dataclass(frozen=True)
class Cue:
    phrase: str
    predicates: tuple[Predicate, ...]
    object_side: str     # "right" | "left" | "by" (only when a "by" follows)
    subject_side: str    # "left" | "right" | "either" (left, else right)
    by: bool             # a participle: passive when a "by" follows ("directed by A")
    window: int          # tokens between the cue and the first argument on its right
    subject_window: int  # tokens between the nearest left argument and the cue
    score: float
    adjacent: bool       # the left argument stands right before the cue ('The film stars A')
    owned: bool          # a possessive stands right before the cue ('my partner', "Kim's partner")
    film_only: bool      # not in a sentence about music ('the single features a rapper')
    episode: bool        # names an episode: its cast is in the cast of the series ('an episode of X')


@lru_cache(maxsize=1)
def cues() -> tuple[Cue, ...]:
    out = []
    for n, row in enumerate(jsonl(CUE_FILE), 1):
        try:
            obj = row.get("object", "right")
            subj = row.get("subject", "either" if obj in ("right", "by") else "right")
            if obj not in _SIDES or subj not in _SIDES:
                raise ValueError(f"unknown side {obj!r}/{subj!r}")
            out.append(Cue(row["cue"], tuple(Predicate(p) for p in row["predicates"]), obj, subj,
                           bool(row.get("by", False)), int(row.get("window", 10)),
                           int(row.get("subject_window", 30)), float(row.get("score", CUE_SCORE)),
                           bool(row.get("adjacent", False)), bool(row.get("owned", False)),
                           bool(row.get("film_only", False)), bool(row.get("episode", False))))
        except (KeyError, ValueError, TypeError) as e:
            raise ValueError(f"patterns/{CUE_FILE} line {n}: {e}") from e
    return tuple(out)


CUES_KEY = "relation_cues"  # doc.spans[CUES_KEY]: every cue phrase found, labelled with its row


@Language.factory("relation_cues", assigns=["doc.spans"])
def _relation_cues(nlp: Language, name: str) -> CueMatcher:
    return CueMatcher(nlp)


class CueMatcher:
    """The component that finds the cue phrases of `patterns/relation_cues.jsonl` (a PhraseMatcher
    on lower-case words: a trie, whose cost does not grow with the cues), each labelled with its
    row number. Made once per pipeline, outside any memory zone."""

    def __init__(self, nlp: Language):
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for i, cue in enumerate(cues()):
            self.matcher.add(str(i), [Doc(nlp.vocab, words=[t.text for t in nlp.make_doc(cue.phrase)])])

    def __call__(self, doc: Doc) -> Doc:
        doc.spans[CUES_KEY] = [Span(doc, s, e, label=m) for m, s, e in self.matcher(doc)]
        return doc


def _cue_matches(doc: Doc) -> list[tuple[int, int, int]]:
    """(match id, start, end) of every cue, by end, then start, then the cue's line in the file."""
    found = ((span.label, span.start, span.end) for span in doc.spans.get(CUES_KEY, ()))
    return sorted(found, key=lambda m: (m[2], m[1], int(doc.vocab.strings[m[0]])))


class Extraction(NamedTuple):
    found: list[Found]        # duplicates merged, the best evidence kept
    kinds: dict[int, str]     # work entity -> the kind its defining sentence gives ('song')


def extract(v: DocView, mentions: list[LocalMention], entities: list[LocalEntity], dates: list[LocalDate],
            turns: list[Turn], subject: int | None) -> Extraction:
    """All relations of one document, and the kinds of work the text states."""
    doc = v.doc
    items = _items(doc, mentions, dates)
    topic = topics(doc, items)
    kinds = {}
    if topic.work is not None and topic.noun in work_cues():
        kinds[topic.work] = work_cues()[topic.noun]
    disc = Discourse(subject, topic, {i: tuple(e.roles) for i, e in enumerate(entities) if e.roles},
                     main_gender(v))
    questions = [(t.start, t.end) for t in turns if t.kind == "question"]
    by_sent: dict[int, list] = {}  # sentence index -> its cues
    toks = v.tokens
    named = {k for it in items for k in range(it.start, it.end)}
    for match_id, s, e in _cue_matches(doc):
        if s and toks[s - 1].text == "-" and not toks[s - 1].whitespace_ or any(k in named for k in range(s, e)):
            continue  # 'low-voiced' is not 'voiced', 'Second Born Sons' is not 'born'
        by_sent.setdefault(v.sent_index(s), []).append((cues()[int(doc.vocab.strings[match_id])], s, e))
    in_sent: list[list[Item]] = [[] for _ in v.sents]  # sentence index -> its items, in order
    for it in items:
        in_sent[v.sent_index(it.start)].append(it)
    found: list[Found] = []
    for n, sent in enumerate(v.sents):
        explicit = in_sent[n]
        is_question = any(qs <= sent.start_char < qe or qs < sent.end_char <= qe for qs, qe in questions)
        args = sorted(explicit + disc.virtual_items(v, sent, explicit, is_question), key=lambda it: it.start)
        matched = by_sent.get(n, [])
        verbs = frozenset(k for _, s, e in matched for k in range(s, e))
        for cue, s, e in _longest(matched):
            if not _blocked(doc, s, e) and not (cue.owned and not _owned(doc, s)) \
                    and not (cue.film_only and _about_music(sent)):
                found.extend(_apply(cue, s, e, sent, args, disc, verbs))
        found.extend(shapes.shapes(v, sent, args, disc, is_question))
        found.extend(constructions.sentence_level(v, sent, args, disc, is_question))
        disc.see(explicit, is_question)
    found.extend(constructions.document_level(v, items, disc, found))
    kind = {i: kinds.get(i, e.kind) for i, e in enumerate(entities)}
    found = [f for f in found if f.object != EntityRef(f.subject)
             and not (f.predicate == Predicate.EMPLOYER and _membership(entities[f.object.index]))]
    found = constructions.calibrate(_named_roles_win(_adjust(found, kind)))
    return Extraction(_merge(found, dates), kinds)


def _membership(org: LocalEntity) -> bool:
    """A body one joins as a member, not an employer: a party, a band, an army ('joined the
    Liberal Party', 'joined the Foreign Legion'); its kind or a `membership` word of
    `patterns/relation_words.csv` in its name."""
    return org.kind in _MEMBERSHIP_KINDS or any(kind_of(w.lower()) == "membership" for w in org.name.split())


def _items(doc: Doc, mentions: list[LocalMention], dates: list[LocalDate]) -> list[Item]:
    out = []
    for m in mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        if m.label == Label.DATE:
            d = dates[m.date]
            if d.kind == DateKind.DATE and d.value is not None:
                out.append(Item(span.start, span.end, Label.DATE, DateRef(m.date)))
        elif m.entity is not None and not (m.label == Label.WORK and is_work_anaphor(doc, span.start, span.end)):
            out.append(Item(span.start, span.end, m.label, EntityRef(m.entity)))
    return sorted(out, key=lambda it: it.start)


def _longest(matches):
    """Of overlapping cues for the same predicates, the longest ('directed by' over 'directed')."""
    keep = []
    for cue, s, e in sorted(matches, key=lambda m: (-(m[2] - m[1]), m[1])):
        if any(s < e2 and s2 < e and set(cue.predicates) & set(c2.predicates) for c2, s2, e2 in keep):
            continue
        keep.append((cue, s, e))
    return sorted(keep, key=lambda m: m[1])


def _head(doc: Doc, s: int, e: int):
    """The cue's syntactic head: the token of the span whose head lies outside it."""
    return next((t for t in doc[s:e] if not s <= t.head.i < e or t.head.i == t.i), doc[s])


def _blocked(doc: Doc, s: int, e: int) -> bool:
    """A negated or unrealised cue: 'was not directed by', 'she wanted to direct X',
    'he declined the role in X'."""
    t = _head(doc, s, e)
    if any(k.text.lower() in {"not", "never", "n't"} for k in doc[max(0, s - 2):s]):
        return True
    for _ in range(4):
        if any(c.dep_ == "neg" for c in t.children) or "blocker" in (kind_of(t.lemma_), kind_of(t.lower_)):
            return True
        if t.dep_ not in _GOVERNED or t.head.i == t.i:
            return False
        t = t.head
    return False


def _owned(doc: Doc, s: int) -> bool:
    """'my partner', "Kim's partner", 'his longtime partner' (not 'skating partner')."""
    k = s - 1
    if k >= 0 and kind_of(doc[k].lower_) == "partner_word":
        k -= 1
    return k >= 0 and (doc[k].tag_ == "PRP$" or doc[k].lower_ in _PERSON_OWNERS
                       or doc[k].text in POSSESSIVE)


def _about_music(sent: Span) -> bool:
    return any(work_cues().get(t.lower_.rstrip("s")) in _MUSIC_KINDS or t.lemma_ in _MUSIC_WORDS for t in sent)


def _passive(doc: Doc, s: int) -> bool:
    """A participle after a form of 'be' ('was shot', 'had been directed')."""
    return s > 0 and doc[s - 1].lower_ in {"was", "were", "is", "are", "been", "be", "being"}


def _by_after(doc: Doc, e: int, end: int) -> int | None:
    """Index of the 'by' that makes a participle passive: 'directed by', 'produced, written,
    and directed by'."""
    k = e
    while k < min(end, e + 10):
        t = doc[k]
        if t.lower_ == "by":
            return k
        if not (t.lower_ in CHAIN or t.tag_ == "VBN" or t.text == "-" or t.lower_ == "co"):
            return None
        k += 1
    return None


class _Site(NamedTuple):
    """One cue occurrence and what its sentence offers."""

    cue: Cue
    s: int
    e: int
    head: object           # the cue's syntactic head (a Token)
    sent: Span
    args: list[Item]
    disc: Discourse
    verbs: frozenset[int]  # tokens of all cues in the sentence


def _apply(cue: Cue, s: int, e: int, sent: Span, args: list[Item], disc: Discourse,
           verbs: frozenset[int]) -> Iterator[Found]:
    doc = sent.doc
    passive_by = _by_after(doc, e, sent.end) if cue.by or cue.object_side == "by" else None
    if cue.object_side == "by" and passive_by is None:
        return  # 'written' without its 'by'
    site = _Site(cue, s, e, _head(doc, s, e), sent, args, disc, verbs)
    if cue.by and passive_by is None and cue.object_side == "left" and _passive(doc, s):
        return  # 'the evening A was shot, X and Y': a passive without its 'by' names no maker
    method = f"cue:{cue.phrase}" + (" by" if passive_by is not None else "")
    for pred in cue.predicates:
        if passive_by is not None:
            pred, subjects, objects = _object_right(site, pred, passive_by + 1, "either")
        elif cue.object_side == "right":
            pred, subjects, objects = _object_right(site, pred, e, cue.subject_side)
        else:
            pred, subjects, objects = _object_left(site, pred)
        for subj in subjects:
            for obj in objects:
                if obj.implicit and _from_question(site, subj):
                    continue  # 'Q: How did X happen? A: We shot in Tulsa': where, not who shot X
                weight = IMPLICIT_WEIGHT if subj.implicit or obj.implicit else 1.0
                yield Found(subj.entity, pred, obj.target, sent.start_char, sent.end_char,
                            round(cue.score * weight, 3), method, cue)


def _object_right(site: _Site, pred: Predicate, obj_from: int, subj_side: str):
    """'X, directed by A and B', 'The film stars A', 'Born in Rome, she ...': the objects after
    the cue; the subject before it, else after it, else the work the text is about."""
    cue, s, e, sent, args = site.cue, site.s, site.e, site.sent, site.args
    doc = sent.doc
    subj_labels, obj_labels = pred.signature
    objects = [o for o in right_list(doc, obj_from, sent.end, obj_labels, args, cue.window, site.verbs)
               if not nominated(doc, o)]
    if not objects:
        return pred, [], []
    taken = {(o.start, o.end) for o in objects} | {o.entity for o in objects if not o.is_date}
    subjects = []
    if subj_side in ("left", "either"):
        subjects = left_group(doc, s, e, site.head, sent, subj_labels, args, cue.subject_window, taken)
        if cue.adjacent and subjects and not adjacent_words(doc[subjects[-1].end:s]):
            subjects = []
    # a person after the cue only when the cue opens the sentence ("Born in Rome, she ...",
    # "Prior to joining CNN, she ..."), not in "it was raised in Australia and sent to Rabaul"
    if not subjects and subj_side in ("right", "either") and (Label.WORK in subj_labels or s <= sent.start + 3):
        # "premiered her film X at F" (a work before the object) or "Written by A, the episode
        # ..." (after it); not "composed by the band's bassist A" (a modifier of the object)
        first = min(o.start for o in objects)
        rest = [a for a in args if not taken_already(a, taken) and not (a.end <= first and first - a.end <= 1)
                and not _kin_of(doc, a)]
        subjects = right_list(doc, e, sent.end, subj_labels, rest, 12)[:1]
    if not subjects and not (cue.adjacent and doc[s - 1].lower_ not in {"and", ","}):
        subjects = _topic_work(site, subj_labels)
    if pred in _CLAUSE_SUBJECT:
        subjects = _clause_subject(site, subj_labels, subjects)
    return pred, subjects, objects


def _kin_of(doc: Doc, it: Item) -> bool:
    """'Born in X, the eldest son of A, he ...': A is named as a kin of the one the clause is about
    (`kin_noun` words of `patterns/relation_words.csv`)."""
    return it.start >= 2 and doc[it.start - 1].lower_ == "of" and kind_of(doc[it.start - 2].lower_) == "kin_noun"


def _clause_subject(site: _Site, labels, found: list[Item]) -> list[Item]:
    """Who won: the one the verb's object is given to ('earned lead actress A the prize', 'won him
    the prize'), else the subject of its clause through coordinated verbs ('X, with A and B,
    premiered at F and won the prize': X, not the people of the aside); a subject that is no
    argument stands for the first one its phrase holds ('the score he shared with A won': he).
    After a relative pronoun, or without a clause ('winner of'), what the cue found on its left."""
    args = site.args

    def named(tok) -> list[Item]:
        own = next((a for a in args if a.start <= tok.i < a.end and a.label in labels), None)
        if own is not None:
            return [own]
        inside = sorted((a for a in args if a.label in labels and tok.left_edge.i <= a.start and a.end <= tok.right_edge.i + 1),
                        key=lambda a: a.start)
        return inside[:1]

    t = site.head
    objects = [c for c in t.children if c.dep_ == "dobj"]
    given = next((c for c in t.children if c.dep_ in {"dative", "iobj"}
                  or c.dep_ == "dobj" and c.tag_ == "PRP" and c.i == t.i + 1), None)
    if given is None and len(objects) > 1 and objects[1].left_edge.i == objects[0].right_edge.i + 1:
        given = objects[0]  # two objects side by side: the first is the one given the second
    if given is not None:
        return named(given)
    for _ in range(4):
        subj = next((c for c in t.children if c.dep_ in SUBJECT_DEPS), None)
        if subj is not None:
            if subj.lower_ in {"which", "who", "that"}:
                return found
            return named(subj) or found
        if t.dep_ == "acl":  # 'X, with A and B, premiered at F and won': the noun the clause tells of
            return named(t.head) or found
        if t.dep_ not in {"conj", "xcomp", "advcl"} or t.head.i == t.i:
            break
        t = t.head
    return found


def _object_left(site: _Site, pred: Predicate):
    """'A directed X and Y', 'She appeared in X (2004), Y (2006)': the works after the cue, the
    person before it."""
    cue, s, e, sent, args = site.cue, site.s, site.e, site.sent, site.args
    doc = sent.doc
    subj_labels, obj_labels = pred.signature
    subjects = right_list(doc, e, sent.end, subj_labels, args, cue.window, site.verbs) or _topic_work(site, subj_labels)
    if not subjects:
        return pred, [], []
    if pred == Predicate.SCREENWRITER:
        # "wrote three books, X" is no screenplay; "wrote the song X" composed it
        kinds = {work_cues().get(t.lower_.rstrip("s")) for t in doc[e:subjects[0].start]}
        if "book" in kinds:
            return pred, [], []
        pred = Predicate.COMPOSER if kinds & _MUSIC_KINDS else pred
    taken = {(x.start, x.end) for x in subjects} | {x.entity for x in subjects}
    objects = left_group(doc, s, e, site.head, sent, obj_labels, args, cue.subject_window, taken)
    if not objects and Label.PERSON in obj_labels and site.disc.topic_person is not None \
            and not any(t.dep_ in SUBJECT_DEPS for t in sent) and site.disc.topic_person not in taken:
        # "In 1997 starred in El mar no tiene fondo": a clause without a subject in a text about one person
        objects = [Item(s, e, Label.PERSON, EntityRef(site.disc.topic_person), implicit=True)]
    return pred, subjects, objects


def _topic_work(site: _Site, labels) -> list[Item]:
    """A cue without a work in its sentence: "Filming took place in Paris, produced by P", "Both
    guest star as themselves" are about the work the text is about; a credit line "Directed by
    P" also about the work named just before. Not when the sentence names or counts other works."""
    s, e, sent = site.s, site.e, site.sent
    if Label.WORK not in labels or any(a.label == Label.WORK for a in site.args) or _other_works(sent):
        return []
    doc = sent.doc
    credit_line = all(t.tag_ == "VBN" for t in doc[sent.start:s]) and doc[e - 1].lower_ in {"by", "director", "directors"}
    ref = site.disc.work_referent(strong=False) if credit_line else site.disc.focus_work
    return [Item(s, e, Label.WORK, EntityRef(ref), implicit=True)] if ref is not None else []


def _from_question(site: _Site, it: Item) -> bool:
    """The work an answer's cue falls back on is the one its question named (`_topic_work`)."""
    return it.implicit and it.label == Label.WORK and (it.start, it.end) == (site.s, site.e) \
        and site.disc.topic_work is None


def _other_works(sent: Span) -> bool:
    """'her two albums A and B, both released in 2010': works other than the one the text is
    about, even unnamed."""
    return any(t.tag_ in {"NNS", "NNPS"} and kind_of(t.lower_.rstrip("s")) == "work_noun" for t in sent)


def _adjust(found: list[Found], kind: dict[int, str | None]) -> list[Found]:
    """A song's one writer is its composer (of several, which wrote the music is not said) and
    it has no cast, nor a distributor (who releases a record is its label); spouses and partners go both ways; who appears in an episode is in the cast
    of its series (not of an anthology a short film belongs to)."""
    series = {(f.subject, f.object.index) for f in found
              if f.predicate == Predicate.PART_OF_THE_SERIES and f.cue is not None and f.cue.episode}
    writers = Counter((f.subject, f.start) for f in found if f.predicate == Predicate.SCREENWRITER)
    out = []
    for f in found:
        if f.predicate in (Predicate.CAST_MEMBER, Predicate.DISTRIBUTED_BY) and kind.get(f.subject) in _MUSIC_KINDS:
            continue  # a song has performers, not a cast; a record's label, not a distributor
        if f.predicate == Predicate.CAST_MEMBER:
            out.extend(Found(s, f.predicate, f.object, f.start, f.end, round(f.score * SERIES_CAST.strength, 3),
                             SERIES_CAST.name)
                       for e, s in series if e == f.subject)
        if f.predicate == Predicate.SCREENWRITER and kind.get(f.subject) in _MUSIC_KINDS:
            if writers[(f.subject, f.start)] > 1:
                continue  # 'written by A, B and C': who wrote the music, who the words, is not said
            f = Found(f.subject, Predicate.COMPOSER, f.object, f.start, f.end, f.score, f.method)
        out.append(f)
        if f.predicate in (Predicate.SPOUSE, Predicate.UNMARRIED_PARTNER):
            out.append(Found(f.object.index, f.predicate, EntityRef(f.subject), f.start, f.end, f.score, f.method))
    return out


def _named_roles_win(found: list[Found]) -> list[Found]:
    """'contributor' is a creative role the text does not name: where the document names one for
    the same work and person ('director'), the contributor relation says nothing more."""
    named = {(f.subject, f.object.index) for f in found
             if f.predicate in CREATIVE_ROLE and f.predicate != Predicate.CONTRIBUTOR and isinstance(f.object, EntityRef)}
    return [f for f in found if not (f.predicate == Predicate.CONTRIBUTOR and (f.subject, f.object.index) in named)]


def _merge(found: list[Found], dates: list[LocalDate]) -> list[Found]:
    """One relation per (subject, predicate, object) with its best evidence; a date that a
    more precise one of the same relation contains ('1994' beside '1994-08-03') is dropped."""
    best: dict[tuple, Found] = {}
    for f in found:
        is_date = isinstance(f.object, DateRef)
        k = (f.subject, f.predicate, dates[f.object.index].value if is_date else f.object.index, is_date)
        if k not in best or f.score > best[k].score:
            best[k] = f
    values: dict[tuple, set[str]] = {}
    for (subj, pred, obj, is_date) in best:
        if is_date:
            values.setdefault((subj, pred), set()).add(obj)
    out = [f for (subj, pred, obj, is_date), f in best.items()
           if not (is_date and any(v != obj and v.startswith(obj) for v in values[(subj, pred)]))]
    return sorted(out, key=lambda f: (f.start, f.predicate.value, f.subject, f.object.index))
