#!/usr/bin/env bash
# The speed budget, measured: starts the shop as production runs it (gunicorn,
# 2 workers, DEBUG off, PostgreSQL and Redis) with the demo catalogue, then
# prints page weights, Lighthouse scores and wrk figures for the product and
# article pages.
#
#   bench/run.sh
#
# BENCH_PORT (8000), BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/gotobetter_bench)
# and BENCH_REDIS_URL (redis://127.0.0.1:6379/0) choose where it runs.
set -euo pipefail
cd "$(dirname "$0")/.."

port="${BENCH_PORT:-8000}"
base="http://127.0.0.1:$port"
export DATABASE_URL="${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/gotobetter_bench}"
export REDIS_URL="${BENCH_REDIS_URL:-redis://127.0.0.1:6379/0}"
export VAR_DIR="$PWD/var/bench" PORT="$port" WEB_CONCURRENCY=2
export DEBUG=0 STRIPE_LOCAL_NOT_FOR_PRODUCTION=1 SECRET_KEY=bench-only-not-a-secret SERVE_MEDIA=1 LOG_LEVEL=WARNING
# Plain HTTP on 127.0.0.1: no redirect to HTTPS, no HTTPS-only cookies.
export SECURE_SSL_REDIRECT=0 SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0 SECURE_HSTS_SECONDS=0

db="${DATABASE_URL##*/}"
createdb -h 127.0.0.1 -U postgres "$db" 2>/dev/null || true
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py collectstatic --noinput -v0
.venv/bin/python manage.py load_demo >/dev/null
.venv/bin/python manage.py load_demo_articles >/dev/null
.venv/bin/python manage.py build_kit >/dev/null
# Chromium and the emoji font a reader's device has (Makefile).
make -s browser-deps
command -v wrk >/dev/null || {
  echo "Installing Debian's wrk"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
}

.venv/bin/gunicorn shop.wsgi --config gunicorn.conf.py --bind "127.0.0.1:$port" \
  --access-logfile /dev/null >"$VAR_DIR/gunicorn.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 30); do curl -sf "$base/healthz" >/dev/null && break; sleep 1; done

echo "== Page weight (compressed) and requests before first paint =="
.venv/bin/python bench/weight.py "$base"

echo
echo "== Lighthouse (mobile defaults) =="
.venv/bin/python bench/lighthouse.py "$base"

echo
pages=$(.venv/bin/python -c "import sys; sys.path.insert(0, 'bench'); from pages import public_pages; p = public_pages('$base'); print(p['product'], p['article'])")
for url in $pages; do
  echo "== wrk: ${url#$base}, 16 connections, 20 s =="
  wrk --threads 2 --connections 16 --duration 20s --latency "$url" |
    awk '/^ +50%/ {print "median  " $2} /^ +99%/ {print "p99     " $2} /Requests\/sec/ {print "req/s   " $2} /Non-2xx/ {print}'
done
