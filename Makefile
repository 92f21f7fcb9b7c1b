# The two set-up commands of the README: `make demo` and `make test`.
# Both create .venv when it is missing and install with constraints.txt, which pins
# torch to the CPU build on this machine's disk.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check
STAMP := $(VENV)/.installed
DEMO_OUT := out/demo
# the demo's key file is encrypted with this passphrase; for real data choose your own
# and keep it out of files (docs/privacy.md)
DEMO_PASSPHRASE := demo-sleutel-alleen-voor-de-voorbeelddata

export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: demo test lint format bench clean sample install

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade "pip>=25.1"
	$(PIP) install --quiet -c constraints.txt -e ".[lab,transcribe]" --group dev
	# deduce builds its lookup tables on first use (~80 s): once here, not in every run;
	# then the compact cache pseudonymization loads in half a second (docs/privacy.md)
	$(BIN)/python -c "from sokwal_monitor.privacy.detect import deduce_instance; deduce_instance()"
	$(BIN)/python -c "from sokwal_monitor.privacy.deduce_cache import warm_up; print(warm_up())"
	touch $(STAMP)

demo: export SOKWAL_KEY_PASSPHRASE := $(DEMO_PASSPHRASE)
demo: $(STAMP)
	@rm -f $(DEMO_OUT)/sample.sokwal $(DEMO_OUT)/sample.sokwal-wal $(DEMO_OUT)/sample.sokwal-shm
	@mkdir -p $(DEMO_OUT)
	@rm -f $(DEMO_OUT)/sample.sokwal-key
	$(BIN)/sokwal ingest data/sample --store $(DEMO_OUT)/sample.sokwal --pseudonymize
	$(BIN)/sokwal pseudonymize --store $(DEMO_OUT)/sample.sokwal --review $(DEMO_OUT)/review.csv
	$(BIN)/sokwal info --store $(DEMO_OUT)/sample.sokwal
	$(BIN)/sokwal code --store $(DEMO_OUT)/sample.sokwal -q
	$(BIN)/sokwal codes --store $(DEMO_OUT)/sample.sokwal
	$(BIN)/sokwal quotes --store $(DEMO_OUT)/sample.sokwal --code zou_anders_doen --context 60
	$(BIN)/sokwal export codings --store $(DEMO_OUT)/sample.sokwal -o $(DEMO_OUT)/codings.csv
	$(BIN)/sokwal topics --store $(DEMO_OUT)/sample.sokwal --seed 0
	$(BIN)/sokwal learning --store $(DEMO_OUT)/sample.sokwal --topics --summary -o $(DEMO_OUT)/leereffecten.md
	$(BIN)/sokwal lessons --store $(DEMO_OUT)/sample.sokwal --format csv -o $(DEMO_OUT)/lessen.csv
	$(BIN)/sokwal report --store $(DEMO_OUT)/sample.sokwal --out $(DEMO_OUT)/rapporten --all
	$(BIN)/sokwal library --store $(DEMO_OUT)/sample.sokwal --out $(DEMO_OUT)/bibliotheek --reports $(DEMO_OUT)/rapporten
	@echo "Project store (pseudonymized): $(abspath $(DEMO_OUT)/sample.sokwal)"
	@echo "Key file (keep it apart):      $(abspath $(DEMO_OUT)/sample.sokwal-key)"
	@echo "Key file passphrase:           demo passphrase, use your own: $(DEMO_PASSPHRASE)"
	@echo "Review table:                  $(abspath $(DEMO_OUT)/review.csv)"
	@echo "Rule codings:                  $(abspath $(DEMO_OUT)/codings.csv)"
	@echo "Learning effects (Dutch):      $(abspath $(DEMO_OUT)/leereffecten.md)"
	@echo "Lessons (proposed, to review): $(abspath $(DEMO_OUT)/lessen.csv)"
	@echo "Project reports (open this):   $(abspath $(DEMO_OUT)/rapporten/index.html)"
	@echo "Lessons library (open this):   $(abspath $(DEMO_OUT)/bibliotheek/index.html)"

lint: $(STAMP)
	$(BIN)/ruff check src tests bench scripts notebooks
	$(BIN)/ruff format --check src tests bench scripts notebooks
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

format: $(STAMP)
	$(BIN)/ruff format src tests bench scripts notebooks
	$(BIN)/ruff check --fix src tests bench scripts notebooks

# the suite on the machine's cores, at most 4 processes (pytest-xdist; each test file whole
# on one process, see pyproject.toml); TEST_WORKERS=0 runs it in this one process
TEST_WORKERS ?= auto

test: lint
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --maxprocesses 4

bench: $(STAMP)
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/pseudonymize.py
	$(BIN)/python bench/coding.py
	$(BIN)/python bench/suggest.py
	$(BIN)/python bench/topics.py
	$(BIN)/python bench/reports.py
	$(BIN)/python bench/lessons.py

sample: $(STAMP)
	$(BIN)/python scripts/make_sample.py

clean:
	rm -rf $(VENV) out .pytest_cache .ruff_cache
