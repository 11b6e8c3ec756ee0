"""The notebooks run top to bottom on a fresh clone, and each `.ipynb` is its `.py` source without outputs."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import jupytext
import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

from pipeline import notebook

from .conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


class _ThisInterpreter(KernelSpecManager):
    """The kernel is the interpreter running the tests (the venv's, with ipykernel), whatever
    kernels the machine has registered under the same name."""

    def get_kernel_spec(self, kernel_name: str) -> KernelSpec:
        return KernelSpec(argv=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                          display_name=f"{kernel_name} (tests)", language="python")


def test_the_notebooks_are_here():
    assert [p.name for p in NOTEBOOKS] == ["00_start.ipynb", "01_explore.ipynb", "02_errors.ipynb"]


_EXECUTED: dict[Path, nbformat.NotebookNode] = {}


def executed(path: Path) -> nbformat.NotebookNode:
    """The notebook run top to bottom as a newcomer runs it (on raw/), once per test session."""
    if path not in _EXECUTED:
        with pytest.MonkeyPatch.context() as mp:
            for var in (notebook.OUTPUT, notebook.GOLD):
                mp.delenv(var, raising=False)
            mp.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")  # figures as image/png, headless
            nb = nbformat.read(path, as_version=4)
            km = KernelManager(kernel_name="python3", kernel_spec_manager=_ThisInterpreter())
            NotebookClient(nb, km=km, timeout=300, resources={"metadata": {"path": str(path.parent)}}).execute()
        _EXECUTED[path] = nb
    return _EXECUTED[path]


def _outputs(nb, *, containing: str = "") -> list:
    return [o for c in nb.cells if c.cell_type == "code" and containing in c.source for o in c.outputs]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_top_to_bottom(path):
    outputs = _outputs(executed(path))
    assert not [o for o in outputs if o.output_type == "error"]
    assert any(o.output_type in ("display_data", "execute_result") for o in outputs)


def test_the_start_notebook_highlights_a_document_and_draws_the_collaboration_graph():
    nb = executed(ROOT / "notebooks" / "00_start.ipynb")
    html = "".join(o.data.get("text/html", "") for o in _outputs(nb, containing="displacy.render")
                   if o.output_type == "display_data")
    assert 'class="entities"' in html and "<mark" in html  # displaCy's markup around each mention
    drawn = _outputs(nb, containing="collaboration_graph(credits)")
    assert any("image/png" in o.get("data", {}) for o in drawn), "the graph cell drew no figure"
    printed = "".join(o.text for o in drawn if o.output_type == "stream")
    n = int(re.search(r"collaboration graph: (\d+) credits drawn", printed).group(1))
    assert n >= 10  # raw/ states more than ten creative credits


@pytest.mark.parametrize("pwd, value, expected", [
    ("{tmp}/start", "outputs", "{tmp}/start/outputs"),        # relative: from where the user started
    ("{tmp}/start", "../tables", "{tmp}/start/../tables"),
    ("{tmp}/start", "{tmp}/elsewhere", "{tmp}/elsewhere"),     # absolute: as it is
    ("{tmp}/not-a-folder", "outputs", "{cwd}/outputs"),         # a stale $PWD: the current folder
])
def test_paths_given_to_the_notebooks_start_where_the_user_started(tmp_path, monkeypatch, pwd, value, expected):
    (tmp_path / "start").mkdir()
    fill = {"tmp": tmp_path, "cwd": Path.cwd()}
    monkeypatch.setenv("PWD", pwd.format(**fill))
    assert notebook.user_path(value.format(**fill)) == Path(expected.format(**fill))


def test_an_output_folder_without_tables_is_named(tmp_path, monkeypatch):
    monkeypatch.setenv("PWD", str(tmp_path))
    monkeypatch.setenv(notebook.OUTPUT, "my_tables")
    with pytest.raises(FileNotFoundError, match=f"INTERVIEW_IE_OUTPUT=my_tables: {tmp_path / 'my_tables'} holds no "
                                                "documents.parquet"):
        notebook.output_folder()
    monkeypatch.delenv(notebook.GOLD, raising=False)
    assert notebook.gold_file() == ROOT / "gold" / "raw.jsonl"
    monkeypatch.setenv(notebook.GOLD, "g.jsonl")
    assert notebook.gold_file() == tmp_path / "g.jsonl"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_ipynb_is_its_py_source_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not c.outputs and c.execution_count is None for c in code), "clear the outputs before committing"
    source = jupytext.read(path.with_suffix(".py"))
    assert [(c.cell_type, c.source) for c in nb.cells] == [(c.cell_type, c.source) for c in source.cells], \
        f"{path.name} and {path.stem}.py differ: run `jupytext --sync {path.with_suffix('.py')}`"
