"""The word lists and label tables the entity rules read are well formed: lower case, one entry a
line, no duplicates, labels from vocab.Label."""
from __future__ import annotations

from importlib import resources

import pytest

from pipeline.lexicon import is_generic_award
from pipeline.ner.credits import credit_labels
from pipeline.ner.festivals import festival_cues
from pipeline.text.furniture import furniture_words
from pipeline.vocab import OBJECT_LABEL, Label, Predicate

PATTERNS = resources.files("pipeline") / "patterns"


@pytest.mark.parametrize("name", ["furniture_words.txt", "festival_cues.txt", "award_generic_words.txt",
                                  "numbered_names.txt", "numeral_heads.txt", "title_particles.txt"])
def test_word_lists_are_lower_case_without_duplicates(name):
    words = [w.strip() for w in (PATTERNS / name).read_text(encoding="utf-8").splitlines()
             if w.strip() and not w.startswith("#")]
    assert words and all(w == w.lower() for w in words), name
    assert len(words) == len(set(words)), f"{name}: duplicates {sorted({w for w in words if words.count(w) > 1})}"


def test_credit_labels_name_predicates():
    """Every row names known predicates (the relation rules read the same file); the entity rule
    reads the labels whose predicates all take an organisation, or all a person."""
    import csv
    with (PATTERNS / "credit_labels.csv").open(encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["label", "predicates"]
    assert all(len(r) == 2 and r[1].split() and all(Predicate(p) for p in r[1].split()) for r in rows[1:])
    labels = credit_labels()
    assert labels and set(labels.values()) == {Label.ORG}
    assert all(all(w == w.lower() for w in k) for k in labels)
    assert ("distributor",) in labels and ("production", "company") in labels
    assert ("director",) not in labels and ("produced",) not in labels  # a person; a person or a company
    people = credit_labels(Label.PERSON)
    assert set(people.values()) == {Label.PERSON} and not people.keys() & labels.keys()
    assert ("director", "of", "photography") in people and ("dir.",) in people and ("music",) in people
    assert ("produced",) not in people and ("release", "date") not in people


def test_object_label_is_derived_from_the_signatures():
    assert OBJECT_LABEL[Predicate.DISTRIBUTED_BY] == Label.ORG and OBJECT_LABEL[Predicate.DIRECTOR] == Label.PERSON
    assert Predicate.COMMISSIONED_BY not in OBJECT_LABEL  # an organisation or a person


def test_the_readers_see_the_lists():
    assert "newsletter" in furniture_words() and "premiered" in festival_cues()
    assert is_generic_award("Best Director") and not is_generic_award("Golden Heron")


def test_name_heads_give_labels_and_overrule_labels():
    """Each head word gives a label and lists the model's labels it may overrule, never its own;
    a word has one row per position."""
    import csv
    with (PATTERNS / "name_heads.csv").open(encoding="utf-8") as f:
        rows = list(csv.reader(f))[1:]
    keys = [(r[0], r[1]) for r in rows]
    assert rows and len(keys) == len(set(keys))
    for word, position, label, overrules in rows:
        assert word == word.lower() and position in {"first", "last"}, word
        assert Label(label) and all(Label(x) for x in overrules.split()) and label not in overrules.split(), word


def test_norp_orgs_name_kinds():
    import csv
    with (PATTERNS / "norp_orgs.csv").open(encoding="utf-8") as f:
        rows = list(csv.reader(f))[1:]
    assert rows and all(w == w.lower() and kind in {"religion", "party"} for w, kind in rows)
    assert len({w for w, _ in rows}) == len(rows)
