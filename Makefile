# studydeck: `make` sets up .venv and builds output/ from source/; `make test` runs the suite.
.DELETE_ON_ERROR:
.SUFFIXES:

SOURCE  ?= source
OUTPUT  ?= output
PYTHON  ?= python3
VENV    := .venv
PY      := $(VENV)/bin/python
BUILD   := $(PY) build.py --source $(SOURCE) --output $(OUTPUT)

CODE      := build.py $(shell find studydeck -name "*.py")

# The build writes $(OUTPUT)/.deps.mk: the notes, their folders, images and templates it read
# (STUDYDECK_INPUTS), the files it wrote (STUDYDECK_OUTPUTS) and the source it read them from.
-include $(OUTPUT)/.deps.mk
ifeq ($(STUDYDECK_SOURCE),$(SOURCE))
INPUTS := $(STUDYDECK_INPUTS)
else
# No build yet, or one from another source folder: everything there counts, and a build is due.
INPUTS := $(shell find $(SOURCE) templates -type f 2>/dev/null) FORCE
endif
# An output deleted by hand is written again.
ifneq ($(filter-out $(wildcard $(STUDYDECK_OUTPUTS)),$(STUDYDECK_OUTPUTS)),)
INPUTS += FORCE
endif

.PHONY: all
all: $(OUTPUT)/.build.stamp

.PHONY: FORCE
FORCE:

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

$(OUTPUT):
	mkdir -p $@

# Stamps stand for outputs whose names come from the notes (the deck's name, one PDF per domain).
# The build keeps a cache in $(OUTPUT)/.cache, so a build after a small change redoes only that part.
$(OUTPUT)/.build.stamp: $(VENV)/.installed $(CODE) $(INPUTS) | $(OUTPUT)
	$(BUILD)
	touch $@

$(OUTPUT)/.deck.stamp: $(VENV)/.installed $(CODE) $(INPUTS) | $(OUTPUT)
	$(BUILD) --only deck
	touch $@

$(OUTPUT)/.sheets.stamp: $(VENV)/.installed $(CODE) $(INPUTS) | $(OUTPUT)
	$(BUILD) --only sheets
	touch $@

.PHONY: deck
deck: $(OUTPUT)/.deck.stamp

.PHONY: sheets
sheets: $(OUTPUT)/.sheets.stamp

# What ruff checks and formats (pyproject's [tool.ruff] says what it leaves out).
LINTED := build.py studydeck tools tests bench

.PHONY: test
test: $(VENV)/.installed-test
	$(VENV)/bin/ruff check --quiet $(LINTED)
	$(VENV)/bin/ruff format --check --quiet $(LINTED)
	$(PY) -m pytest -q

# Timings on this machine as ratios to one page render; needs the user's notes in ../shared/notes.
BENCH_REPEAT ?= 1
.PHONY: bench
bench: $(VENV)/.installed-test
	$(PY) bench/bench.py --repeat $(BENCH_REPEAT)

.PHONY: clean
clean:
	rm -rf $(OUTPUT)
