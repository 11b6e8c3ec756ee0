"""Which spaCy pipeline a model name stands for (`pipeline/runtime/models.py`)."""
from __future__ import annotations

import json

import pytest

from pipeline.runtime import models
from pipeline.runtime.config import DEFAULT_MODEL
from pipeline.runtime.models import UnknownModel, describe, resolve_model


def test_the_bundled_model_answers_to_both_names():
    assert resolve_model(DEFAULT_MODEL) == DEFAULT_MODEL
    assert resolve_model("en_core_web_sm") == DEFAULT_MODEL
    assert describe(DEFAULT_MODEL) == {"name": DEFAULT_MODEL, "version": "3.8.0"}


@pytest.mark.parametrize("installed, name, expected", [
    ({DEFAULT_MODEL}, "en_core_web_sm", DEFAULT_MODEL),
    ({DEFAULT_MODEL, "en_core_web_sm"}, "en_core_web_sm", "en_core_web_sm"),  # spaCy's own package wins
    ({DEFAULT_MODEL, "xx_ent_wiki_sm"}, "xx_ent_wiki_sm", "xx_ent_wiki_sm"),
    ({"xx_ent_wiki_sm"}, "en_core_web_sm", None),  # an alias of nothing installed is unknown
    ({DEFAULT_MODEL}, "en_core_web_trf", None),
])
def test_names_resolve_to_installed_pipelines(monkeypatch, installed, name, expected):
    monkeypatch.setattr(models, "_installed", installed.__contains__)
    monkeypatch.setattr(models, "installed_models", lambda: sorted(installed))
    if expected is not None:
        assert resolve_model(name) == expected
        return
    with pytest.raises(UnknownModel) as err:
        resolve_model(name)
    message = str(err.value)
    assert f"spaCy model {name!r} is neither an installed pipeline nor a model folder" in message
    assert f"installed: {', '.join(sorted(installed))} " in message  # what the user can pick instead


def test_an_unknown_name_lists_the_installed_pipelines():
    with pytest.raises(UnknownModel, match=f"installed: .*{DEFAULT_MODEL}.*en_core_web_sm = {DEFAULT_MODEL}"):
        resolve_model("no_such_pipeline_here")


def test_a_model_folder_is_taken_as_it_is(tmp_path):
    (tmp_path / "meta.json").write_text(json.dumps({"lang": "en", "name": "films_md", "version": "0.2.0"}))
    assert resolve_model(str(tmp_path)) == str(tmp_path)
    assert describe(str(tmp_path)) == {"name": "en_films_md", "version": "0.2.0", "path": str(tmp_path)}
    with pytest.raises(UnknownModel):
        resolve_model(str(tmp_path / "elsewhere"))
