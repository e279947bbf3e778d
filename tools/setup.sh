#!/usr/bin/env bash
# Set up formlint on a fresh machine: a virtualenv in .venv with formlint installed (editable),
# plus Debian's Chromium for rendering JavaScript-built forms and the HTML-report browser tests.
# With --dev also the test and lint tools and Debian's PostgreSQL server for the store tests.
# Idempotent: a second run only checks. Never downloads a browser of its own.
set -euo pipefail
cd "$(dirname "$0")/.."
dev=0
[ "${1:-}" = "--dev" ] && dev=1

want=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || want+=(chromium)
if [ "$dev" = 1 ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then want+=(postgresql); fi
if [ "${#want[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing Debian packages: ${want[*]}"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null
  else
    echo "setup: not root or no apt-get; install these yourself for the full feature set: ${want[*]}" >&2
  fi
fi

PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
# (pip's notes about local package mirrors that this machine does not have are noise: dropped)
quiet() { grep -v "is ignored: it is neither a file nor a directory" || true; }
if [ "$dev" = 1 ]; then
  .venv/bin/python -m pip install -q -e ".[dev]" 2>&1 | quiet
else
  .venv/bin/python -m pip install -q -e . 2>&1 | quiet
fi
echo "setup: ready ($(.venv/bin/formlint --version))"
