"""Every vocabulary of the product, spelled once: labels, predicates, tables, stages, kinds."""
from __future__ import annotations

from enum import Enum


class Label(str, Enum):
    """Mention labels of the `mentions` table."""

    PERSON = "PERSON"
    WORK = "WORK"
    ORG = "ORG"
    PLACE = "PLACE"
    AWARD = "AWARD"
    DATE = "DATE"

    @property
    def table(self) -> "Table | None":
        return _ENTITY_TABLE.get(self)

    @property
    def id_prefix(self) -> str:
        return _ID_PREFIX[self]


class Table(str, Enum):
    DOCUMENTS = "documents"
    MENTIONS = "mentions"
    PEOPLE = "people"
    WORKS = "works"
    ORGANIZATIONS = "organizations"
    PLACES = "places"
    AWARDS = "awards"
    DATES = "dates"
    RELATIONS = "relations"
    REMOVED = "removed"


_ENTITY_TABLE = {
    Label.PERSON: Table.PEOPLE,
    Label.WORK: Table.WORKS,
    Label.ORG: Table.ORGANIZATIONS,
    Label.PLACE: Table.PLACES,
    Label.AWARD: Table.AWARDS,
}
_ID_PREFIX = {Label.PERSON: "per", Label.WORK: "wrk", Label.ORG: "org", Label.PLACE: "plc",
              Label.AWARD: "awd", Label.DATE: "dat"}
ENTITY_LABELS = tuple(_ENTITY_TABLE)
# id and name columns of each entity table
ENTITY_COLUMNS = {
    Table.PEOPLE: ("person_id", "name"),
    Table.WORKS: ("work_id", "title"),
    Table.ORGANIZATIONS: ("org_id", "name"),
    Table.PLACES: ("place_id", "name"),
    Table.AWARDS: ("award_id", "name"),
}
# the gold format's entity types
GOLD_TYPE = {Label.PERSON: "person", Label.WORK: "work", Label.ORG: "organization",
             Label.PLACE: "place", Label.AWARD: "award", Label.DATE: "date"}


class DateKind(str, Enum):
    DATE = "date"
    DURATION = "duration"
    AGE = "age"
    RELATIVE = "relative"


class Status(str, Enum):
    OK = "ok"
    ERROR = "error"


class Predicate(str, Enum):
    """Relation predicates; `.wikidata_id` is the Wikidata property (None where Wikidata has none)."""

    DIRECTOR = "director"
    SCREENWRITER = "screenwriter"
    CAST_MEMBER = "cast_member"
    PRODUCER = "producer"
    COMPOSER = "composer"
    DIRECTOR_OF_PHOTOGRAPHY = "director_of_photography"
    CONTRIBUTOR = "contributor"
    PRODUCTION_COMPANY = "production_company"
    DISTRIBUTED_BY = "distributed_by"
    COMMISSIONED_BY = "commissioned_by"
    PART_OF_THE_SERIES = "part_of_the_series"
    PUBLICATION_DATE = "publication_date"
    FILMING_LOCATION = "filming_location"
    PREMIERED_AT = "premiered_at"
    AWARD_RECEIVED = "award_received"
    DATE_OF_BIRTH = "date_of_birth"
    DATE_OF_DEATH = "date_of_death"
    PLACE_OF_BIRTH = "place_of_birth"
    PLACE_OF_DEATH = "place_of_death"
    RESIDENCE = "residence"
    COUNTRY_OF_CITIZENSHIP = "country_of_citizenship"
    EDUCATED_AT = "educated_at"
    EMPLOYER = "employer"
    SPOUSE = "spouse"
    UNMARRIED_PARTNER = "unmarried_partner"
    INTERVIEWED_BY = "interviewed_by"

    @property
    def wikidata_id(self) -> str | None:
        return _PROPERTY[self]

    @property
    def signature(self) -> tuple[frozenset[Label], frozenset[Label]]:
        """(subject labels, object labels) allowed for this predicate."""
        return _SIGNATURE[self]


_W, _P, _O, _L, _A, _D = Label.WORK, Label.PERSON, Label.ORG, Label.PLACE, Label.AWARD, Label.DATE
_PROPERTY: dict[Predicate, str | None] = {
    Predicate.DIRECTOR: "P57", Predicate.SCREENWRITER: "P58", Predicate.CAST_MEMBER: "P161",
    Predicate.PRODUCER: "P162", Predicate.COMPOSER: "P86", Predicate.DIRECTOR_OF_PHOTOGRAPHY: "P344",
    Predicate.CONTRIBUTOR: "P767", Predicate.PRODUCTION_COMPANY: "P272",
    Predicate.DISTRIBUTED_BY: "P750", Predicate.COMMISSIONED_BY: "P88",
    Predicate.PART_OF_THE_SERIES: "P179", Predicate.PUBLICATION_DATE: "P577",
    Predicate.FILMING_LOCATION: "P915", Predicate.PREMIERED_AT: None,
    Predicate.AWARD_RECEIVED: "P166", Predicate.DATE_OF_BIRTH: "P569",
    Predicate.DATE_OF_DEATH: "P570", Predicate.PLACE_OF_BIRTH: "P19",
    Predicate.PLACE_OF_DEATH: "P20", Predicate.RESIDENCE: "P551",
    Predicate.COUNTRY_OF_CITIZENSHIP: "P27", Predicate.EDUCATED_AT: "P69",
    Predicate.EMPLOYER: "P108", Predicate.SPOUSE: "P26", Predicate.UNMARRIED_PARTNER: "P451",
    Predicate.INTERVIEWED_BY: None,
}
_f = frozenset
_SIGNATURE: dict[Predicate, tuple[frozenset[Label], frozenset[Label]]] = {
    **{p: (_f({_W}), _f({_P})) for p in (
        Predicate.DIRECTOR, Predicate.SCREENWRITER, Predicate.CAST_MEMBER, Predicate.PRODUCER,
        Predicate.COMPOSER, Predicate.DIRECTOR_OF_PHOTOGRAPHY, Predicate.CONTRIBUTOR)},
    Predicate.PRODUCTION_COMPANY: (_f({_W}), _f({_O})),
    Predicate.DISTRIBUTED_BY: (_f({_W}), _f({_O})),
    Predicate.COMMISSIONED_BY: (_f({_W}), _f({_O, _P})),
    Predicate.PART_OF_THE_SERIES: (_f({_W}), _f({_W})),
    Predicate.PUBLICATION_DATE: (_f({_W}), _f({_D})),
    Predicate.FILMING_LOCATION: (_f({_W}), _f({_L})),
    Predicate.PREMIERED_AT: (_f({_W}), _f({_O})),
    Predicate.AWARD_RECEIVED: (_f({_P, _W}), _f({_A})),
    Predicate.DATE_OF_BIRTH: (_f({_P}), _f({_D})),
    Predicate.DATE_OF_DEATH: (_f({_P}), _f({_D})),
    Predicate.PLACE_OF_BIRTH: (_f({_P}), _f({_L})),
    Predicate.PLACE_OF_DEATH: (_f({_P}), _f({_L})),
    Predicate.RESIDENCE: (_f({_P}), _f({_L})),
    Predicate.COUNTRY_OF_CITIZENSHIP: (_f({_P}), _f({_L})),
    Predicate.EDUCATED_AT: (_f({_P}), _f({_O})),
    Predicate.EMPLOYER: (_f({_P}), _f({_O})),
    Predicate.SPOUSE: (_f({_P}), _f({_P})),
    Predicate.UNMARRIED_PARTNER: (_f({_P}), _f({_P})),
    Predicate.INTERVIEWED_BY: (_f({_P}), _f({_P})),
}
# predicate -> the one label its objects have (for a predicate whose object has one label):
# a credit field's label names a predicate, and its value is an entity of this label
OBJECT_LABEL: dict[Predicate, Label] = {p: next(iter(objects)) for p, (_, objects) in _SIGNATURE.items()
                                        if len(objects) == 1}
# creative predicates: each one also gives the person a role in `people.roles`
CREATIVE_ROLE = {
    Predicate.DIRECTOR: "director", Predicate.SCREENWRITER: "writer",
    Predicate.CAST_MEMBER: "actor", Predicate.PRODUCER: "producer",
    Predicate.COMPOSER: "composer", Predicate.DIRECTOR_OF_PHOTOGRAPHY: "cinematographer",
    Predicate.CONTRIBUTOR: "contributor",
}
ROLE_PREDICATE = {role: pred for pred, role in CREATIVE_ROLE.items()}  # "director" -> Predicate.DIRECTOR
# roles people can hold, as `people.roles` spells them
ROLES = ("director", "writer", "actor", "cinematographer", "producer", "composer", "editor",
         "contributor", "interviewer")
# generational suffixes after a family name ("Harold DeWitt II", "Hale Jr."), lower case, no dot
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# kinds of works and organizations, as `works.kind` / `organizations.kind` spell them
WORK_KINDS = ("feature film", "short film", "documentary", "animation", "series", "music video",
              "song", "album", "play", "book", "game", "film")
ORG_KINDS = ("festival", "school", "company", "brand", "media", "band", "party", "agency")


class Stage(str, Enum):
    """Pipeline stages, in order, and the finer names error attribution (`evaluation/attribution.py`) gives them."""

    CLEAN = "clean"
    NER = "ner"
    RELATIONS = "relations"
    NORMALIZE = "normalize"
    RESOLVE = "resolve"
    NER_MISSED = "ner_missed"              # the name is in the kept text, no mention covers it
    NER_TYPE = "ner_type"                  # a mention covers it with another label
    NER_SPURIOUS = "ner_spurious"          # a predicted entity with no gold counterpart in the text
    RESOLUTION = "resolution"              # split or merged, within or across documents
    RELATION_MISSED = "relation_missed"    # both arguments found, the relation not stated
    RELATION_WRONG = "relation_wrong"      # both arguments found, the relation not in gold
    UNLOCATED = "unlocated"                # no trace of the gold name in the text: no stage to blame


# the stages an evaluation error can be attributed to, in pipeline order
ATTRIBUTION_STAGES = (Stage.CLEAN, Stage.NER_MISSED, Stage.NER_TYPE, Stage.NER_SPURIOUS,
                      Stage.NORMALIZE, Stage.RESOLUTION, Stage.RELATION_MISSED,
                      Stage.RELATION_WRONG, Stage.UNLOCATED)


class EvalTable(str, Enum):
    """Tables `interview-ie evaluate` writes; never part of a pipeline run's output."""

    METRICS = "metrics"
    ERRORS = "errors"


class Scope(str, Enum):
    """What a `metrics` row measures."""

    ENTITIES = "entities"
    RELATIONS = "relations"
    SUBJECT = "subject"
    CROSSDOC = "crossdoc"


class ErrorKind(str, Enum):
    """What an `errors` row is about."""

    ENTITY = "entity"
    RELATION = "relation"
    SUBJECT = "subject"
    CROSSDOC = "crossdoc"


class Side(str, Enum):
    """An error is a false positive (predicted, not in gold) or a false negative (gold, missed)."""

    FP = "fp"
    FN = "fn"


# the micro total's `key` in `metrics`
ALL = "all"
