# opscore — `make demo` runs the sample month, `make test` runs every test.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MONTH := 2026-10

.PHONY: demo test bench install install-test clean sample docs

$(BIN)/python:
	@command -v $(PY) >/dev/null 2>&1 || { echo "need Python 3.11 ($(PY))"; exit 2; }
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: $(BIN)/python setup.cfg pyproject.toml
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

demo: install
	$(BIN)/opscore run sample_workbooks/$(MONTH) --out out

test: install-test
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python -m processor.bench

# The reference pages generated from the code: run after changing the rulebook or the input schema.
docs: install
	$(BIN)/opscore docs docs

sample: install
	rm -rf sample_workbooks/$(MONTH)
	$(BIN)/opscore sample sample_workbooks --month $(MONTH) --employees 60 --tickets 4000 --seed 7

clean:
	rm -rf $(VENV) out build *.egg-info
