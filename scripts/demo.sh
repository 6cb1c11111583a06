#!/usr/bin/env bash
# Set up (if needed), load the bundled data into the embedded store, show what is in it, and serve it.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
.venv/bin/kg load
.venv/bin/kg stats
exec .venv/bin/kg serve "$@"
