#!/usr/bin/env bash
# Builds a runnable copy of the real SDK (@tasker-systems/tasker) from a
# tasker-core checkout, for the tests that run handlers on it (the SDK is not
# on the npm registry these machines reach; ../shared/reference holds only its
# declarations). Usage:
#   scripts/build-sdk-impl.sh <tasker-core git dir or checkout> [out dir]
# then: TASKER_SDK_IMPL=<out dir>/index.js npm test
set -euo pipefail
source="${1:?usage: scripts/build-sdk-impl.sh <tasker-core git dir or checkout> [out dir]}"
out="$(mkdir -p "${2:-.tmp/sdk-impl}" && cd "${2:-.tmp/sdk-impl}" && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/tasker-sdk-build.XXXXXX")"
trap 'rm -rf "$work"' EXIT
git -C "$source" archive HEAD crates/tasker-ts/src crates/tasker-ts/package.json | tar -x -C "$work"
cd "$work/crates/tasker-ts"
# Its own dependencies and build tools (tsup's esbuild), without native builds: the FFI layer loads lazily.
npm install --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null
node_modules/.bin/esbuild src/index.ts --bundle --format=esm --platform=node --packages=external --outfile="$out/index.js" --log-level=warning
rm -rf "$out/node_modules" && mkdir -p "$out/node_modules" && cp -R node_modules/. "$out/node_modules/"
echo "{ \"type\": \"module\", \"name\": \"tasker-sdk-impl\", \"version\": \"$(node -p "require('./package.json').version")\" }" > "$out/package.json"
echo "built the SDK $(node -p "require('./package.json').version") into $out/index.js"
