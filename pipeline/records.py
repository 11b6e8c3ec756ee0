"""The typed records that pass between stages. All offsets are into the raw decoded text."""
from __future__ import annotations

from dataclasses import dataclass, field

from .vocab import DateKind, Label, Predicate


@dataclass(frozen=True, slots=True)
class Removed:
    """A raw span that cleaning cut, and the rule that cut it."""

    start: int
    end: int
    text: str
    rule: str


@dataclass(frozen=True, slots=True)
class Turn:
    """A question or answer line of an interview, in cleaned-text offsets."""

    start: int
    end: int
    kind: str  # "question" | "answer"


@dataclass(frozen=True, slots=True)
class SourceDoc:
    """One input file as read: the decoded text, or the reason it could not be read."""

    doc_id: str
    path: str
    sha256: str
    text: str
    encoding: str | None = None
    format: str | None = None  # "text" | "html"
    error: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    text: str
    label: Label
    score: float
    source: str           # "model", or the name of the rule that found it
    entity: int | None    # index into DocResult.entities; None for DATE mentions


@dataclass(frozen=True, slots=True)
class LocalEntity:
    """An entity as one document knows it, before cross-document resolution."""

    label: Label
    name: str                       # canonical name within the document
    aliases: tuple[str, ...] = ()
    kind: str | None = None         # works.kind / organizations.kind
    roles: tuple[str, ...] = ()
    year: int | None = None


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    text: str
    value: str | None
    kind: DateKind
    year: int | None


@dataclass(frozen=True, slots=True, order=True)
class EntityRef:
    """An entity of the document: an index into `DocResult.entities`."""

    index: int


@dataclass(frozen=True, slots=True, order=True)
class DateRef:
    """A date of the document: an index into `DocResult.dates`."""

    index: int


@dataclass(frozen=True, slots=True)
class Relation:
    subject: int          # index into DocResult.entities
    predicate: Predicate
    object: EntityRef | DateRef
    start: int            # evidence sentence, raw offsets
    end: int
    evidence: str
    score: float
    method: str


@dataclass(slots=True)
class DocResult:
    """Everything the per-document stages found in one document."""

    source: SourceDoc
    removed: list[Removed] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    entities: list[LocalEntity] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    subject: int | None = None  # index into entities of the person the text is about

    @property
    def ok(self) -> bool:
        return self.source.error is None
