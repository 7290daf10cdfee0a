# opscore — `make demo` runs the sample month, `make test` runs every test.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MONTH := 2026-10
# pip stays quiet: -q, and setuptools' "Editable installation" warning banner (not an error)
# hidden; PYTHONWARNINGS reaches the build backend's own process.
PIP := PYTHONWARNINGS=ignore $(BIN)/python -m pip --disable-pip-version-check

# The Python that makes the venv, recorded in $(VENV)/.python: a venv made by another one
# (`make demo PY=python3.10` earlier, or a system upgrade) is recreated, not half-used.
PY_ID := $(shell $(PY) -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])' 2>/dev/null)
VENV_ID := $(shell cat $(VENV)/.python 2>/dev/null || $(BIN)/python -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])' 2>/dev/null)
ifneq ($(VENV_ID),$(PY_ID))
ifneq ($(wildcard $(VENV)),)
$(info $(VENV) was made by Python $(or $(VENV_ID),?) — recreating it with $(PY) ($(PY_ID)))
$(shell rm -rf $(VENV))
endif
endif

.PHONY: demo test bench install install-test clean sample docs

$(BIN)/python:
	@command -v $(PY) >/dev/null 2>&1 || { echo "need Python 3.11 or later ($(PY) not found)"; exit 2; }
	@$(PY) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "need Python 3.11 or later: $(PY) is $(or $(PY_ID),not a working Python); try make PY=python3.11"; exit 2; }
	$(PY) -m venv $(VENV)
	@echo "$(PY_ID)" > $(VENV)/.python
	@echo "installing opscore and its dependencies into $(VENV) (a minute or two the first time) …"
	@$(PIP) install -q --upgrade pip

$(VENV)/.installed: $(BIN)/python setup.cfg pyproject.toml
	@$(PIP) install -q -e .
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	@echo "installing the test extras (pytest, playwright, psycopg …) …"
	@$(PIP) install -q -e '.[test]'
	@touch $@

install: $(VENV)/.installed
	@echo "opscore is installed in $(VENV): run $(BIN)/opscore, or activate the venv first (. $(BIN)/activate) and run opscore"
install-test: $(VENV)/.installed-test

demo: install
	$(BIN)/opscore run sample_workbooks/$(MONTH) --out out
	@echo
	@echo "next: $(BIN)/opscore check <month folder>, $(BIN)/opscore run <month folder> (or . $(BIN)/activate, then opscore …)"

# ruff (pyflakes, bugbear, import order) and mypy first (settings in pyproject.toml): seconds to a
# minute, and they name the line, before the minutes of pytest.
test: install-test
	$(BIN)/ruff check processor cli.py tests
	$(BIN)/mypy processor cli.py
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
