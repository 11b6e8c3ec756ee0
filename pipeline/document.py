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

from . import ner, normalize, relations
from .ner import DOCUMENT_COMPONENTS
from .align import AlignedText
from .batching import BATCH_CHARS, PIECE_CHARS, batches, pieces
from .clean import Cleaned, clean
from .ner_rules import forget, remember_text, text_of
from .records import DateMention, DocResult, Mention, Relation, SourceDoc
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
        finally:
            forget(doc)  # the memos that hold the Doc: it is freed as soon as it is dropped
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
            yield from list(nlp.pipe((_made(nlp, text) for text in batch), batch_size=batch_size))
        except Exception:  # which document raised is unknown: each is redone alone, and reported
            yield from (_one(nlp, text) for text in batch)


def _long(nlp: Language, text: str) -> Doc | Exception:
    """A long text: the model's components over its pieces one at a time (their memory grows
    with the tokens of a batch), the pieces joined into one Doc, then the components that read
    the whole document (`ner.DOCUMENT_COMPONENTS`) over it."""
    whole = [name for name in nlp.pipe_names if name in DOCUMENT_COMPONENTS]
    try:
        with nlp.select_pipes(disable=whole):
            parts = list(nlp.pipe((nlp.make_doc(p) for p in pieces(text, PIECE_CHARS)), batch_size=1))
        doc = Doc.from_docs(parts, ensure_whitespace=False, exclude=["user_data", "tensor"])
        del parts
        remember_text(doc, text)
        for name in whole:
            doc = nlp.get_pipe(name)(doc)
        return doc
    except Exception as e:
        return e


def _made(nlp: Language, text: str) -> Doc:
    """The tokenized Doc, which knows its text already (spaCy's tokenizer keeps every character):
    the rules need not join its tokens again to read it."""
    doc = nlp.make_doc(text)
    remember_text(doc, text)
    return doc


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
    text = text_of(doc)
    entities, dates, mentions = normalize.build_entities(text, found_mentions)
    normalize.hangul_aliases(text, entities, mentions)
    subject = normalize.subject(entities, mentions, text)
    if subject is not None:
        questions = [(t.start, t.end) for t in cleaned.turns if t.kind == "question"]
        for role in normalize.stated_roles(text, questions):
            if role not in entities[subject].roles:
                entities[subject].roles.append(role)
    extraction = relations.extract(doc, mentions, entities, dates, cleaned.turns, subject)
    found = extraction.found
    _enrich(entities, dates, extraction)
    result = DocResult(src, removed=list(cleaned.removed), entities=entities, subject=subject)
    for d in dates:
        s, e = _raw(aligned, d.start, d.end)
        result.dates.append(DateMention(s, e, raw[s:e], d.value, d.kind, d.year))
    for m in mentions:
        s, e = _raw(aligned, m.start, m.end)
        result.mentions.append(Mention(s, e, raw[s:e], m.label, m.score, m.source, m.entity))
    for f in found:
        s, e = _raw(aligned, *_strip(text, f.start, f.end))
        result.relations.append(Relation(f.subject, f.predicate, f.object, f.object_is_date, s, e, raw[s:e],
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


def _enrich(entities, dates, extraction: relations.Extraction) -> None:
    """Roles from creative relations, a work's year from its publication date, a work's kind
    from the sentence that defines it."""
    for i, kind in extraction.kinds.items():
        if entities[i].kind is None:
            entities[i].kind = kind
    for f in extraction.found:
        role = CREATIVE_ROLE.get(f.predicate)
        if role and not f.object_is_date:
            person = entities[f.object]
            if person.label == Label.PERSON and role not in person.roles:
                person.roles.append(role)
        if f.predicate == Predicate.PUBLICATION_DATE and f.object_is_date:
            work, year = entities[f.subject], dates[f.object].year
            if year is not None and (work.year is None or year < work.year):
                work.year = year
        if f.predicate == Predicate.INTERVIEWED_BY:
            interviewer = entities[f.object]
            if "interviewer" not in interviewer.roles:
                interviewer.roles.append("interviewer")
