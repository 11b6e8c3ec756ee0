"""The folders are the pipeline: each stage package imports only the shared modules and the
stages before it, never a later stage or the runtime."""
from __future__ import annotations

import ast

import pytest

from .conftest import ROOT

SHARED = {"vocab", "records", "lexicon", "view"}
# a stage -> what it may import besides the shared modules (the stages before it)
EARLIER = {
    "text": set(),
    "ner": {"text"},
    "normalize": {"text"},
    "relations": {"text", "normalize"},
    "output": {"resolve"},
    "evaluation": {"text"},
}


def _imports(path) -> set[str]:
    """The top-level modules or packages of `pipeline` a file imports (relative imports resolved)."""
    package = path.relative_to(ROOT).parent.parts  # ("pipeline", "ner")
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(package[:len(package) - node.level + 1])
                parts = base + (node.module.split(".") if node.module else [])
                names = [parts] if node.module else [parts + [a.name] for a in node.names]
            else:
                names = [node.module.split(".")] if node.module else []
            out.update(p[1] for p in names if len(p) > 1 and p[0] == "pipeline")
        elif isinstance(node, ast.Import):
            out.update(a.name.split(".")[1] for a in node.names if a.name.startswith("pipeline."))
    return out


@pytest.mark.parametrize("stage", sorted(EARLIER))
def test_a_stage_imports_only_what_comes_before_it(stage):
    allowed = SHARED | EARLIER[stage] | {stage}
    for path in sorted((ROOT / "pipeline" / stage).glob("*.py")):
        assert _imports(path) <= allowed, (path.name, _imports(path) - allowed)


@pytest.mark.parametrize("module", ["document.py", "nlp.py", "batching.py", "resolve.py"])
def test_the_per_document_chain_imports_no_runtime(module):
    assert "runtime" not in _imports(ROOT / "pipeline" / module)


def test_the_shared_modules_import_no_stage():
    for name in SHARED:
        assert _imports(ROOT / "pipeline" / f"{name}.py") <= {"vocab"}, name


def test_the_import_reader_sees_relative_imports():
    assert _imports(ROOT / "pipeline" / "relations" / "cues.py") >= {"normalize", "view", "relations"}
