"""The word lists and label tables the entity rules read are well formed: lower case, one entry a
line, no duplicates, labels from vocab.Label."""
from __future__ import annotations

from importlib import resources

import pytest

from pipeline.furniture import furniture_words
from pipeline.lexicon import is_generic_award
from pipeline.ner_credits import credit_labels
from pipeline.ner_festivals import festival_cues
from pipeline.vocab import Label

PATTERNS = resources.files("pipeline") / "patterns"


@pytest.mark.parametrize("name", ["furniture_words.txt", "festival_cues.txt", "award_generic_words.txt"])
def test_word_lists_are_lower_case_without_duplicates(name):
    words = [w.strip() for w in (PATTERNS / name).read_text(encoding="utf-8").splitlines()
             if w.strip() and not w.startswith("#")]
    assert words and all(w == w.lower() for w in words), name
    assert len(words) == len(set(words)), f"{name}: duplicates {sorted({w for w in words if words.count(w) > 1})}"


def test_credit_labels_name_labels():
    labels = credit_labels()
    assert labels and all(isinstance(v, Label) for v in labels.values())
    assert all(all(w == w.lower() for w in k) for k in labels)


def test_the_readers_see_the_lists():
    assert "newsletter" in furniture_words() and "premiered" in festival_cues()
    assert is_generic_award("Best Director") and not is_generic_award("Golden Heron")
