#!/usr/bin/env bash
# Runs the README's two commands in a fresh clone of this repository's HEAD,
# with nothing beside it (no ../shared): what a newcomer gets.
set -euo pipefail
repo="$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)"
parent="$(mktemp -d "${TMPDIR:-/tmp}/tasker-ctl-plain-clone.XXXXXX")"
trap 'rm -rf "$parent"' EXIT
git clone --quiet "$repo" "$parent/tasker-ctl"
cd "$parent/tasker-ctl"
if [ -e ../shared ]; then echo "plain-clone: ../shared exists beside the clone" >&2; exit 2; fi
echo "plain-clone: $(git log -1 --format='%h %s') in $parent/tasker-ctl"
# The README's first command, then its second.
npm ci && node bin/tasker-ctl.js generate fixtures/templates/clean --out .tmp/demo
npm test
