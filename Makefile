# Two commands for a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
BROWSER_ARTIFACTS ?= test-artifacts/browser
NGINX_PURGE_MODULE := /usr/lib/nginx/modules/ngx_http_cache_purge_module.so

.PHONY: run run-prod test test-postgres test-browser test-resilience check-content lint format check install install-dev clean bench bench-comments audit

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt -e .
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt requirements-s3.txt $(VENV)/.installed
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
	@$(PY) scripts/compile_translations.py
install-dev: $(VENV)/.installed-dev
	@$(PY) scripts/compile_translations.py

# Links in admin e-mails and the address load_demo prints: the one served here.
run: export WAGTAILADMIN_BASE_URL = http://$(HOST):$(PORT)
run: install ## migrate, load demo content, serve on http://$(HOST):$(PORT)
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_demo
	@# The scheduler publishes scheduled pages on time; it stops with the server.
	$(PY) manage.py run_scheduler & scheduler=$$!; \
		trap 'kill $$scheduler 2>/dev/null' EXIT INT TERM; \
		$(PY) manage.py runserver $(HOST):$(PORT)

test: install-dev ## the fast suite on SQLite (the replica tests in a process of their own)
	$(BIN)/pytest
	$(BIN)/pytest -m replica

test-postgres: install-dev ## the same suite on PostgreSQL (DATABASE_URL)
	DATABASE_URL=$${DATABASE_URL:-postgres:///newsroom} $(BIN)/pytest
	DATABASE_URL=$${DATABASE_URL:-postgres:///newsroom} $(BIN)/pytest -m replica

test-browser: install-dev ## browser tests in Debian's Chromium
	@echo "Screenshots: $(BROWSER_ARTIFACTS)"
	BROWSER_ARTIFACTS=$(BROWSER_ARTIFACTS) $(BIN)/pytest -m browser -p no:cacheprovider

test-resilience: install-dev ## PostgreSQL restarts and Redis loss under gunicorn; stops the shared PostgreSQL, so run it alone
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/newsroom} $(BIN)/pytest -m resilience -p no:cacheprovider

# Not in the default run: starts PostgreSQL servers, Redis, moto, gunicorns and nginx of
# its own on free ports (the machine's PostgreSQL is left alone), about 3 minutes.
.PHONY: test-cluster
test-cluster: install-dev ## two app servers, two nginx caches, a streaming replica, Redis, S3; run it alone
	@command -v wrk >/dev/null && command -v nginx >/dev/null && test -f $(NGINX_PURGE_MODULE) || \
		(apt-get update -q && apt-get install -y -q wrk nginx libnginx-mod-http-cache-purge)
	$(BIN)/pytest tests/cluster -m cluster -p no:cacheprovider -s -v

check-content: install ## render every live page; fail on scripts, frames, links or blocked terms no editor entered
	$(PY) manage.py check_content
# The demo site rendered at BASE and in this working tree, diffed (nonces and CSRF
# tokens masked); 1 to 2 minutes. Self-check: COMPARE_ARGS="--ours $(BASE)".
BASE ?= 4139c930658cd6020568ceb55cbf6d843431939d
.PHONY: compare-html
compare-html: install-dev ## same HTML, feeds and sitemap as BASE? (scripts/compare_html.py)
	$(PY) scripts/compare_html.py --base $(BASE) $(COMPARE_ARGS)
# Not part of CI: about 20 minutes on a built database, about 40 minutes to build the
# 100,000-article one the first time (docs/performance.md). One miss/hit round a
# run: three runs in a row are the three rounds the goals ask for.
MISS_HIT_ARGS ?= --rounds 1
bench: install-dev ## miss/hit against today's build, pages at 1,000 and 100,000 articles (wrk, nginx, gunicorn), then comments
	@command -v wrk >/dev/null && test -f $(NGINX_PURGE_MODULE) || \
		(apt-get update -q && apt-get install -y -q wrk nginx libnginx-mod-http-cache-purge)
	$(PY) bench/miss_hit_bench.py $(MISS_HIT_ARGS)
	$(PY) bench/page_bench.py $(BENCH_ARGS)
	$(PY) bench/crawler_bench.py $(CRAWLER_ARGS)
	$(PY) bench/comment_bench.py $(COMMENT_BENCH_ARGS)

# Not part of CI: 100 verified readers posting comments for 30 s while the article
# stays a page-cache hit (PostgreSQL, gunicorn, Redis); about 2 minutes with setup.
bench-comments: install-dev ## 100 verified readers posting for 30 s, article served from cache
	$(PY) bench/comment_bench.py $(COMMENT_BENCH_ARGS)

# Not part of CI: Lighthouse (mobile and desktop, 3 runs each), axe-core and the Nu
# HTML checker on every kind of reader page, served by deploy/run-prod on ports of
# its own; writes the table in docs/quality.md (about 35 minutes).
AUDIT_TOOLS := scripts/audit/node_modules/.package-lock.json
$(AUDIT_TOOLS): scripts/audit/package.json scripts/audit/package-lock.json
	@command -v npm >/dev/null || (echo "make audit needs Node.js 18.20+ and npm" >&2; exit 1)
	@# --ignore-scripts: vnu-jar's install script would download a Java runtime.
	cd scripts/audit && npm ci --ignore-scripts --no-audit --no-fund
	touch $@
audit: install-dev $(AUDIT_TOOLS) ## Lighthouse, axe-core and the Nu checker on the reader pages (docs/quality.md)
	@test -x /usr/bin/chromium && fc-list :lang=zh | grep -q . && command -v java >/dev/null \
		&& command -v nginx >/dev/null && test -f $(NGINX_PURGE_MODULE) || \
		(apt-get update -q && apt-get install -y -q chromium fonts-noto-cjk \
			default-jre-headless nginx libnginx-mod-http-cache-purge)
	$(PY) scripts/audit/audit.py $(AUDIT_ARGS)

check: install-dev
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates $(wildcard */templates)
	$(BIN)/lint-imports --no-cache

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml templates $(wildcard */templates)

# The .mo files are build output: every install compiles the changed .po files.
.PHONY: translations
translations: install ## compile every locale/*/LC_MESSAGES/*.po (project and apps) to the .mo beside it

clean:
	rm -rf $(VENV) build .pytest_cache .ruff_cache

run-prod: install ## the production stack here: gunicorn, scheduler, nginx (TLS) on https://127.0.0.1:8443
	deploy/run-prod
