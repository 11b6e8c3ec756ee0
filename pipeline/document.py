"""The per-document stages chained: clean -> recognise -> normalise -> relate, into a DocResult.

This is the unit that runs in worker processes and that the cache stores. spaCy Docs live only
inside `analyze`; what leaves it is records with raw offsets.
"""
from __future__ import annotations

import traceback
from collections.abc import Iterable, Iterator
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from .batching import BATCH_CHARS, PIECE_CHARS, batches, pieces
from .ner import component as ner
from .nlp import DOCUMENT_COMPONENTS
from .normalize import entities as normalize
from .relations import cues as relations
from .text.align import AlignedText
from .text.clean import Cleaned, clean
from .view import DocView
from .records import DateMention, DateRef, DocResult, EntityRef, LocalEntity, Mention, Relation, SourceDoc
from .vocab import CREATIVE_ROLE, Label, Predicate, Stage


def analyze(nlp: Language, sources: Iterable[SourceDoc], batch_size: int = 64) -> Iterator[DocResult]:
    """Runs the per-document stages over a stream of sources, in order. Never raises for a
    document: a failure becomes that document's error."""
    sources = list(sources)
    ready: list[tuple[SourceDoc, Cleaned]] = []
    failed: dict[int, DocResult] = {}
    for i, src in enumerate(sources):
        if src.error is not None:
            failed[i] = DocResult(src)
            continue
        try:
            cleaned = clean(src.text)
        except Exception as e:  # a bug in cleaning must not lose the other documents
            failed[i] = _failure(src, Stage.CLEAN.value, e)
            continue
        if len(cleaned.aligned.text) > nlp.max_length:  # spaCy would raise, losing the whole batch
            failed[i] = DocResult(replace(src, error=f"{src.path}: too long for the language model "
                                                     f"({len(cleaned.aligned.text):,} characters after "
                                                     f"cleaning; its limit is {nlp.max_length:,})"))
            continue
        ready.append((src, cleaned))
    docs = _pipe(nlp, [c.aligned.text for _, c in ready], batch_size)
    results = iter(zip(ready, docs, strict=False))
    for i, src in enumerate(sources):
        if i in failed:
            yield failed[i]
            continue
        (src, cleaned), doc = next(results)
        if isinstance(doc, Exception):
            yield _failure(src, Stage.NER.value, doc)
            continue
        try:
            result = build(src, cleaned, doc)
        except Exception as e:
            result = _failure(src, "extract", e)
        yield result


def _pipe(nlp: Language, texts: list[str], batch_size: int) -> Iterator[Doc | Exception]:
    """`nlp.pipe` over batches of at most `batch_size` texts and BATCH_CHARS characters (a long
    text alone, parsed in pieces: `_long`), except that a document on which a component raises
    gives its exception in its place instead of ending the stream (which would lose every
    document after it)."""
    for batch in batches(texts, batch_size, BATCH_CHARS, len):
        if len(batch) == 1 and len(batch[0]) > PIECE_CHARS:
            yield _long(nlp, batch[0])
            continue
        try:
            yield from list(nlp.pipe(batch, batch_size=batch_size))
        except Exception:  # which document raised is unknown: each is redone alone, and reported
            yield from (_one(nlp, text) for text in batch)


def _long(nlp: Language, text: str) -> Doc | Exception:
    """A long text: the model's components over its pieces one at a time (their memory grows
    with the tokens of a batch), the pieces joined into one Doc, then the components that read
    the whole document (`nlp.DOCUMENT_COMPONENTS`) over it."""
    whole = [name for name in nlp.pipe_names if name in DOCUMENT_COMPONENTS]
    try:
        with nlp.select_pipes(disable=whole):
            parts = list(nlp.pipe((nlp.make_doc(p) for p in pieces(text, PIECE_CHARS)), batch_size=1))
        doc = Doc.from_docs(parts, ensure_whitespace=False, exclude=["user_data", "tensor"])
        del parts
        for name in whole:
            doc = nlp.get_pipe(name)(doc)
        return doc
    except Exception as e:
        return e


def _one(nlp: Language, text: str) -> Doc | Exception:
    try:
        return nlp(text)
    except Exception as e:
        return e


def _failure(src: SourceDoc, stage: str, e: Exception) -> DocResult:
    where = traceback.extract_tb(e.__traceback__)[-1]
    msg = f"{src.path}: internal error in stage {stage}: {type(e).__name__}: {e} " \
          f"({where.filename.rsplit('/', 1)[-1]}:{where.lineno})"
    return DocResult(SourceDoc(src.doc_id, src.path, src.sha256, src.text, src.encoding, src.format, msg))


def build(src: SourceDoc, cleaned: Cleaned, doc: Doc) -> DocResult:
    raw, aligned = src.text, cleaned.aligned
    found_mentions = ner.mentions(doc)
    text = aligned.text  # the Doc's text
    entities, dates, mentions = normalize.build_entities(text, found_mentions)
    entities = normalize.hangul_aliases(text, entities, mentions)
    subject = normalize.subject(entities, mentions, text)
    if subject is not None:
        questions = [(t.start, t.end) for t in cleaned.turns if t.kind == "question"]
        for role in normalize.stated_roles(text, questions):
            entities[subject] = _with_role(entities[subject], role)
    extraction = relations.extract(DocView(doc, text), mentions, entities, dates, cleaned.turns, subject)
    found = extraction.found
    entities = _enrich(entities, dates, extraction)
    result = DocResult(src, removed=list(cleaned.removed), entities=entities, subject=subject)
    for d in dates:
        s, e = _raw(aligned, d.start, d.end)
        result.dates.append(DateMention(s, e, raw[s:e], d.value, d.kind, d.year))
    for m in mentions:
        s, e = _raw(aligned, m.start, m.end)
        result.mentions.append(Mention(s, e, raw[s:e], m.label, m.score, m.source, m.entity))
    for f in found:
        s, e = _raw(aligned, *_strip(text, f.start, f.end))
        result.relations.append(Relation(f.subject, f.predicate, f.object, s, e, raw[s:e],
                                         f.score, f.method))
    return result


def _raw(aligned: AlignedText, start: int, end: int) -> tuple[int, int]:
    return aligned.raw_span(start, end)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _with_role(e: LocalEntity, role: str) -> LocalEntity:
    return e if role in e.roles else replace(e, roles=e.roles + (role,))


def _enrich(entities: list[LocalEntity], dates, extraction: relations.Extraction) -> list[LocalEntity]:
    """The entities with the roles of their creative relations, a work's year from its publication
    date, a work's kind from the sentence that defines it."""
    entities = list(entities)
    for i, kind in extraction.kinds.items():
        if entities[i].kind is None:
            entities[i] = replace(entities[i], kind=kind)
    for f in extraction.found:
        role = CREATIVE_ROLE.get(f.predicate)
        if role and isinstance(f.object, EntityRef):
            k = f.object.index
            if entities[k].label == Label.PERSON:
                entities[k] = _with_role(entities[k], role)
        if f.predicate == Predicate.PUBLICATION_DATE and isinstance(f.object, DateRef):
            work, year = entities[f.subject], dates[f.object.index].year
            if year is not None and (work.year is None or year < work.year):
                entities[f.subject] = replace(work, year=year)
        if f.predicate == Predicate.INTERVIEWED_BY:
            entities[f.object.index] = _with_role(entities[f.object.index], "interviewer")
    return entities
