# Luoshi: `make run` and `make test` are the whole quick start. Each installs what it needs.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PG_URL ?= postgres://postgres@127.0.0.1:5432/luoshi
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: install fonts run parse test lint test-core test-web test-web-sqlite test-web-postgres test-browser test-install browser-deps bench bench-load clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP) fonts

## The bulletin PDF embeds Noto Serif CJK (SIL OFL, Debian package fonts-noto-cjk) unless the office's own fonts
## are installed. Installed here when missing and apt-get can be run (root); otherwise the command is printed.
fonts:
	@fc-list :lang=zh 2>/dev/null | grep -q "Noto Serif CJK" || test -f /usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc \
	 || (test "$$(id -u)" = 0 && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk fontconfig) \
	 || echo "警告: 未安装中文字体, 督查通报 PDF 无法生成; 请以 root 运行: apt-get install fonts-noto-cjk"

## The main job: the web app on the embedded SQLite database, with the demo plan loaded.
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py load_demo_history
	$(BIN)/python manage.py load_demo_history --issuer 月山镇人民政府
	$(BIN)/python manage.py runserver 127.0.0.1:8000

## Print the demo report's normalised text, sections and warnings.
parse: install
	$(BIN)/luoshi parse luoshi/data/shuikou-2025.txt

lint: install
	$(BIN)/ruff check luoshi web tests bench

test-core: install
	$(BIN)/pytest tests/core luoshi --doctest-modules -p no:django

test-web-sqlite: install
	DATABASE_URL=sqlite:///:memory: DJANGO_SETTINGS_MODULE=web.settings $(BIN)/pytest tests/web -p django

test-web-postgres: install
	bash .ci/ensure-postgres
	DATABASE_URL=$(PG_URL) DJANGO_SETTINGS_MODULE=web.settings $(BIN)/pytest tests/web -p django

test-web: test-web-sqlite test-web-postgres

browser-deps:
	@command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk)

test-browser: install browser-deps
	DJANGO_SETTINGS_MODULE=web.settings DJANGO_ALLOW_ASYNC_UNSAFE=1 $(BIN)/pytest tests/browser -p django

## A production install has every runtime dependency: `pip install .` (no extras) into a fresh virtualenv, then
## every module imports, `check --deploy` passes and a bulletin PDF renders, run from outside the source tree.
BARE := $(CURDIR)/.venv-bare
test-install:
	rm -rf $(BARE)
	$(PY) -m venv $(BARE)
	$(BARE)/bin/python -m pip install -q --upgrade pip
	$(BARE)/bin/python -m pip install -q .
	cd /tmp && $(BARE)/bin/python $(CURDIR)/tests/install/check_install.py
	rm -rf $(BARE) build

test: lint test-core test-web test-browser test-install

bench: install
	$(BIN)/python bench/bench_pipeline.py
	$(BIN)/python bench/bench_startup.py
	$(BIN)/python bench/bench_history.py
	$(BIN)/python bench/bench_bulk.py
	$(MAKE) bench-load
	$(BIN)/python bench/bench_backup.py

## Load test of the served app (gunicorn + locust): town scale on SQLite, province scale on PostgreSQL when it
## answers. About 3 minutes; the first run also generates the province's data (about 3 more minutes).
bench-load: install
	test -x $(BIN)/locust -a -x $(BIN)/gunicorn || $(BIN)/python -m pip install -q -e '.[dev,bench,deploy]'
	$(BIN)/python bench/bench_load.py

clean:
	rm -rf $(VENV) $(BARE) .pytest_cache .ruff_cache
