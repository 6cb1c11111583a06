#!/usr/bin/env bash
# Set up (if needed) and run the whole test suite, slow and browser tests included, plus the linter.
# The browser tests drive Debian's chromium through Playwright (no browser download); it is installed with
# apt when missing and this runs as root, otherwise those tests skip and say why.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium >/dev/null
  else
    echo "note: /usr/bin/chromium is missing (apt-get install chromium); the browser tests will skip" >&2
  fi
fi
./scripts/setup.sh
.venv/bin/ruff check .
.venv/bin/python -m pytest -q "$@"
