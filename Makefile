# studydeck: `make` sets up .venv and builds output/ from source/; `make test` runs the suite.
.DELETE_ON_ERROR:
.SUFFIXES:

SOURCE  ?= source
OUTPUT  ?= output
PYTHON  ?= python3
VENV    := .venv
PY      := $(VENV)/bin/python
BUILD   := $(PY) build.py --source $(SOURCE) --output $(OUTPUT)

NOTES     := $(shell find $(SOURCE) -type f 2>/dev/null)
TEMPLATES := $(shell find templates -type f 2>/dev/null)
CODE      := build.py $(wildcard studydeck/*.py studydeck/*/*.py)

.PHONY: all
all: $(OUTPUT)/.deck.stamp $(OUTPUT)/.sheets.stamp

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
$(OUTPUT)/.deck.stamp: $(VENV)/.installed $(NOTES) $(TEMPLATES) $(CODE) | $(OUTPUT)
	$(BUILD) --only deck
	touch $@

$(OUTPUT)/.sheets.stamp: $(VENV)/.installed $(NOTES) $(TEMPLATES) $(CODE) | $(OUTPUT)
	$(BUILD) --only sheets
	touch $@

.PHONY: deck
deck: $(OUTPUT)/.deck.stamp

.PHONY: sheets
sheets: $(OUTPUT)/.sheets.stamp

.PHONY: test
test: $(VENV)/.installed-test
	$(PY) -m pytest -q

.PHONY: clean
clean:
	rm -rf $(OUTPUT)
