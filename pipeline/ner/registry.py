"""The entity rules, declared: what each finds, how strong its evidence is, and the data it reads.

Every candidate span carries the rule that found it (`Candidate.rule`); its name is the first
part of `mentions.source` ("cue_title", "model+type_cue"), so that a ledger of true and false
positives per rule can read the tables. The decision between overlapping candidates, and a
document's vote on the label of a name, read `strength`; nothing else in the package sets a
score. Steps that change a candidate after a rule found it (a relabelling, a propagation) are
declared here too, and appended to its source.

Adding a rule: declare it here, write its finder (a spaCy pattern in
`patterns/entity_patterns.jsonl` where a pattern can say it, else a function over a `DocView` in
`titles.py`, `names.py`, `caps.py` or `credits.py` listed in `component.FINDERS`), and test it in
`tests/test_ner_rules.py` (or its own `tests/test_ner_*.py`) on a hand-built Doc.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import NamedTuple

from ..vocab import Label

_NAMES = (Label.PERSON, Label.ORG, Label.PLACE, Label.WORK)
RULER_KEY = "film_rules"  # doc.spans[RULER_KEY]: the spans of patterns/entity_patterns.jsonl (component.py)


@dataclass(frozen=True)
class EntityRule:
    name: str                  # stable: the candidate's source, the ledger's key
    finds: tuple[Label, ...]   # the labels it gives
    strength: float            # evidence: higher wins an overlap and a document's vote on a name
    data: tuple[str, ...] = ()  # the pattern and word files it reads (in pipeline/patterns/)
    verbatim: bool = False     # every token of its span belongs to the name: nothing is trimmed

    def found(self, start: int, end: int, label: Label | None = None, kind: str | None = None,
              name: str | None = None) -> Candidate:
        """A candidate of this rule (token offsets); `name` only for a pattern's own id."""
        return Candidate(start, end, self.finds[0] if label is None else label, self.strength, self,
                         kind, name or self.name)


# what finds a candidate (strengths: the model 0.6; context above it; a rule's own shape above that)
MODEL = EntityRule("model", (Label.PERSON, Label.ORG, Label.PLACE, Label.WORK, Label.DATE), 0.6,
                  ("norp_orgs.csv", "numbered_names.txt", "headline_verbs.txt"))
PATTERN = EntityRule("pattern", tuple(Label), 0.8, ("entity_patterns.jsonl",))  # named by the pattern's id
YEAR = EntityRule("year", (Label.DATE,), 0.5)  # a bare year the model did not mark
YEAR_PREFIX = EntityRule("year_prefix", (Label.DATE,), 0.6)  # cut from "the 2016 Ashgrove Film Festival"
QUOTED_TITLE = EntityRule("quoted_title", (Label.WORK,), 0.9, verbatim=True)
# a quoted title in a reference list ('1. ^ "Name". Site. Retrieved ...') names a cited page, a
# person's as often as a film's: weaker than a name's own shape, so it does not retype the page's subject
CITED_TITLE = EntityRule("cited_title", (Label.WORK,), 0.65, verbatim=True)
CAPS_TITLE = EntityRule("caps_title", (Label.WORK,), 0.85, ("work_cues.csv", "page_labels.txt"), verbatim=True)
CAPS_COMMA_TITLE = EntityRule("caps_comma_title", (Label.WORK,), 0.87, verbatim=True)  # "RIVER, STONE, SAND (2018)"
CUE_TITLE = EntityRule("cue_title", (Label.WORK,), 0.7, ("title_cues.csv", "work_cues.csv"))
YEAR_TITLE = EntityRule("year_title", (Label.WORK,), 0.75)
LISTED_TITLE = EntityRule("listed_title", (Label.WORK,), 0.75, verbatim=True)  # a line-up's "Title (Country, 2023)"
# the title cell of a filmography table's row ("2008 | Title (native title) | Yes | ...")
TABLE_TITLE = EntityRule("table_title", (Label.WORK,), 0.8, ("filmography_columns.csv", "credit_labels.csv"),
                         verbatim=True)
# a filmography's line, '2015   Title (short)', '1999 – Title (dir. Name)', in a list of two or more (`titles.py`)
YEAR_LINE_TITLE = EntityRule("year_line_title", (Label.WORK,), 0.8, ("org_kinds.csv", "entity_patterns.jsonl"),
                             verbatim=True)
# the countries of a line-up entry, 'Title (Country, Country, 2023)' (`titles.py`): places, whatever the model read
LINEUP_PLACE = EntityRule("lineup_place", (Label.PLACE,), 0.88)  # above a run of capitals ("USA")
OWNED_TITLE = EntityRule("owned_title", (Label.WORK,), 0.7)
DEFINITION = EntityRule("definition", _NAMES, 0.8, ("work_cues.csv", "definition_heads.csv", "role_words.csv"))
BRACKET_NAME = EntityRule("bracket_name", (Label.PERSON,), 0.9)
BRACKET_ACTOR = EntityRule("bracket_actor", (Label.PERSON,), 0.65)
# the words that open a sentence before a life's bracket: 'Rufus Alden Varrow (1866 – 1932)' (`names.py`);
# below a definition's (which carries the person's roles), above the model's pieces
LIFE_NAME = EntityRule("life_name", (Label.PERSON,), 0.75, ("name_particles.txt",), verbatim=True)
CUE_ORG = EntityRule("cue_org", (Label.ORG,), 0.75, ("org_cues.csv",))
# "won the Crystal Heron", "picked up a Silver Kite": a statuette's prize after a verb of winning
PRIZE_WON = EntityRule("prize_won", (Label.AWARD,), 0.8, ("relation_words.csv", "award_metals.txt", "entity_patterns.jsonl"))
OF_THE_NAME = EntityRule("of_the_name", (Label.ORG, Label.WORK), 0.65)
CAST_LIST = EntityRule("cast_list", (Label.PERSON,), 0.7, ("cast_cues.txt",))
ROLE_NAME = EntityRule("role_name", (Label.PERSON,), 0.7, ("role_words.csv", "honorifics.txt"))
LIST_PERSON = EntityRule("list_person", (Label.PERSON,), 0.65)
# the owner of a title in capitals, "X Y's TITLE" (`names.py`): above a pattern's place ('Mori-oka'), below a CAPS_* shape
TITLE_OWNER_NAME = EntityRule("title_owner_name", (Label.PERSON,), 0.82, ("org_kinds.csv",))
# names in capitals that are not titles (`caps.py`): each shape beats CAPS_TITLE, which reads any run of capitals as a title
CAPS_ORG_WORD = EntityRule("caps_org_word", (Label.ORG,), 0.86, ("org_kinds.csv",))  # "ORBIT LANE PICTURES"
CAPS_PERSON = EntityRule("caps_person", (Label.PERSON,), 0.86)  # "JUNE ASHWORTH", "HAN SEO-JIN"
CAPS_CREDIT = EntityRule("caps_credit", (Label.ORG,), 0.86)  # "NORTHWIND and KESTREL present", "a RED KITE production"
CAPS_FAMILY_GIVEN = EntityRule("caps_family_given", (Label.PERSON,), 0.86)  # "BAEK Minsu", where the text names people so
CAPS_SPEAKER = EntityRule("caps_speaker", (Label.PERSON,), 0.86)  # "TALLY MORROW:" at a line's start
# organisations named by a credit field (`credits.py`): a label beats the model, not a title in quotes or capitals
CREDIT_FIELD = EntityRule("credit_field", (Label.ORG,), 0.8, ("credit_labels.csv",))
CREDIT_PRODUCTION = EntityRule("credit_production", (Label.ORG,), 0.8)  # "a Harbour Arts production"
# people named by a credit field ('Music: A B', 'dir. A B'): a label beats the model and a cue's title, not a title
# in quotes or capitals nor a name in capitals
CREDIT_PERSON = EntityRule("credit_person", (Label.PERSON,), 0.8, ("credit_labels.csv", "org_kinds.csv", "name_particles.txt"))
# a company named by what it does to a work (`outlets.py`): "X released it", "broadcast live on X"; as strong as a credit's label
OUTLET_ORG = EntityRule("outlet_org", (Label.ORG,), 0.8, ("outlet_cues.csv",))
# a festival named by a town the model left unmarked (`festivals.py`): context, as strong as a retyping step's
FESTIVAL_TOWN_NAME = EntityRule("festival_town_name", (Label.ORG,), 0.65, ("festival_cues.txt",))  # "competed at X"
# the same by the town's own shape (`festival_shapes.py`): "X 2019: the debuts to watch", "X best actor"
FESTIVAL_TOWN_SHAPE = EntityRule("festival_town_shape", (Label.ORG,), 0.65, ("festival_town_words.csv",))
# a known place (`places.py`, GeoNames) the model left unmarked, where the text says it is a place: "from X"
KNOWN_PLACE_NAME = EntityRule("known_place_name", (Label.PLACE,), 0.6)
# what a found name gives to its other occurrences in the document
PROPAGATED = EntityRule("propagated", _NAMES, 0.5)  # at most: an occurrence is no stronger than its name
SHORT_NAME = EntityRule("short_name", (Label.PERSON, Label.ORG), 0.45)  # 'Kim' after 'Se Yoon Kim'

CONTEXT_STRENGTH = 0.65  # a label from context, above the model's: it wins the document's vote


class Step(str, Enum):
    """What changed a candidate after its rule found it (appended to its source)."""
    ORG_WORD = "org_word"          # the model's person ends in an organisation word
    FIRST_NAME = "first_name"      # the model's organisation or place starts with a first name
    DOUBLE_FAMILY = "double_family"  # the model's organisation ends in a hyphenated family name: "Ama Kwarteng-Boateng"
    TITLE_OWNER = "title_owner"    # the model's organisation or place owns a title in capitals: its director
    RELABEL = "relabel"            # one label per name in a document
    # the model's organisation spelled as a title a rule found in capitals: "Red Kite", "RED KITE (2019)"
    CASE_TITLE = "case_title"
    SITE_NAME = "site_name"        # a title-shaped name in a page's masthead or photo credit: the site, an organisation
    # the model's label overruled by context (`retype.py`), in CONTEXT_STEPS's order of precedence
    TYPE_CUE = "type_cue"
    TYPE_HEAD = "type_head"
    NAME_HEAD = "name_head"        # the name's own head word: "Sacramento Valley", "Lake Tana" (`patterns/name_heads.csv`)
    PLACE_REGION = "place_region"
    CHARACTER = "character"
    ROLE_IN_WORK = "role_in_work"
    TRANSLATION = "translation"
    # the model's organisation whose words Romance particles join: "Copa de la Luna" (`patterns/title_particles.txt`)
    FOREIGN_TITLE = "foreign_title"
    CAPS_WORD_TITLE = "caps_word_title"  # one word in capitals in a text that writes its titles so (`caps.py`)
    LIST = "list"
    FESTIVAL_TOWN = "festival_town"  # a town in a sentence about premieres and prizes (`festivals.py`)
    FESTIVAL_SHAPE = "festival_shape"  # a town as a festival's edition or before a prize (`festival_shapes.py`)
    LOCATIVE_PLACE = "locative_place"  # the model's place after 'in', kept; its one-word person after 'in' a place
    # a name before the bracket of a life ('A (1744 – 1829)', 'A (born 1955)') is a person; the model's
    # one-word person inside it, after 'in' or a date and a comma, a place (`retype.py`)
    LIFE_BRACKET = "life_bracket"
    KNOWN_PLACE = "known_place"  # the model's organisation, person or work named as a known place (`places.py`)


FESTIVAL_STEPS = (Step.FESTIVAL_TOWN, Step.FESTIVAL_SHAPE)  # the steps that read a town as its festival

# the model's label overruled by context: the first of these that relabels a name wins
# (a title-shaped name the model calls an organisation is no longer retyped: on the dev sets 40 of
# those retypings were right and 470 wrong, `tools/ledger.py entities`)
CONTEXT_STEPS = (Step.TYPE_CUE, Step.LIFE_BRACKET, Step.TYPE_HEAD, Step.NAME_HEAD, Step.PLACE_REGION, Step.FESTIVAL_TOWN,
                 Step.FESTIVAL_SHAPE,
                 Step.CHARACTER, Step.ROLE_IN_WORK, Step.TRANSLATION, Step.FOREIGN_TITLE, Step.KNOWN_PLACE, Step.LOCATIVE_PLACE,
                 Step.CAPS_WORD_TITLE,
                 Step.LIST)


class Candidate(NamedTuple):
    """A span a rule proposes, in token offsets."""
    start: int
    end: int
    label: Label
    score: float            # the rule's strength, raised by context or capped by propagation
    rule: EntityRule
    kind: str | None = None
    name: str = ""          # the rule's name, or a pattern's id
    steps: tuple[Step, ...] = ()

    @property
    def source(self) -> str:
        return "+".join((self.name, *self.steps))

    @property
    def model_label(self) -> bool:
        """The model's label, as the model gave it."""
        return self.rule is MODEL and not self.steps

    def step(self, step: Step, **changes) -> Candidate:
        return self._replace(steps=self.steps + (step,), **changes)

    def moved(self, rule: EntityRule, start: int, end: int, score: float) -> Candidate:
        """The name found again at another place, by `rule` (same label and kind)."""
        return self._replace(start=start, end=end, score=score, rule=rule, name=rule.name, steps=())


ENTITY_RULES = (MODEL, PATTERN, YEAR, YEAR_PREFIX, QUOTED_TITLE, CITED_TITLE, CAPS_TITLE, CAPS_COMMA_TITLE, CUE_TITLE,
                YEAR_TITLE, LISTED_TITLE, TABLE_TITLE, YEAR_LINE_TITLE, LINEUP_PLACE, OWNED_TITLE, DEFINITION, BRACKET_NAME,
                BRACKET_ACTOR, LIFE_NAME, CUE_ORG, PRIZE_WON, OF_THE_NAME, CAST_LIST, ROLE_NAME,
                LIST_PERSON, TITLE_OWNER_NAME, CAPS_ORG_WORD, CAPS_PERSON, CAPS_CREDIT, CAPS_FAMILY_GIVEN, CAPS_SPEAKER,
                CREDIT_FIELD, CREDIT_PERSON,
                CREDIT_PRODUCTION, OUTLET_ORG, FESTIVAL_TOWN_NAME, FESTIVAL_TOWN_SHAPE, KNOWN_PLACE_NAME, PROPAGATED,
                SHORT_NAME)
BY_NAME = {rule.name: rule for rule in ENTITY_RULES}
