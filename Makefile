# The two set-up commands a new user needs: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck sample map clean readme bench bench-small bench-ward bench-big

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	mkdir -p out
	$(BIN)/tcns plan sample_data/linh-trung.xlsx -o out/linh-trung-tcns.xlsx --force
	$(BIN)/tcns plan sample_data/thu-duc-2025-kp.csv --ward "Linh Xuân" -o out/linh-xuan-tcns.xlsx --force

lint: $(STAMP)
	$(BIN)/ruff check tcns_cli tests sample_data bench

typecheck: $(STAMP)
	$(BIN)/mypy

test: lint typecheck
	$(BIN)/python -m pytest -q -n auto

sample: $(STAMP)
	$(BIN)/python sample_data/make_sample_data.py
	$(BIN)/python sample_data/make_team_list.py
	$(BIN)/python sample_data/make_next_year.py

# The picture of the sample ward that the README shows (docs/linh-trung.png), made by tcns.
map: $(STAMP)
	mkdir -p out
	$(BIN)/tcns plan sample_data/linh-trung.xlsx -o out/linh-trung-tcns.xlsx --map docs --force

clean:
	rm -rf $(VENV) out build *.egg-info .pytest_cache .mypy_cache .ruff_cache .hypothesis

readme: $(STAMP)
	$(BIN)/python tests/readme_help.py

bench: $(STAMP)
	$(BIN)/python -m bench.run

bench-small: $(STAMP)
	$(BIN)/python -m bench.run --scale 0.1

bench-ward: $(STAMP)
	$(BIN)/python -m bench.run --one-ward

bench-big: $(STAMP)
	$(BIN)/python -m bench.run --big-wards
