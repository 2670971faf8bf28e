#!/usr/bin/env bash
# Runs the async runtime's tests (tests/runtime/run.mjs, see README.md here):
# hand-written WAT standing in for generated code, with runtime-wat/async.wat
# and channel.wat, on Node 26 and (for @shell tests) binaryen's interpreter.
# Used by `make check`; extra arguments go to run.mjs (e.g. --filter=scope).
# Exit: 0 ok, 1 a test failed, 99 error.
set -u

top_srcdir=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$top_srcdir/tools/env.sh"

if [ -z "${ZENA_NODE:-}" ] || [ -z "${ZENA_WASM_SHELL:-}" ]; then
  echo "ERROR: the pinned Node 26 and binaryen are not in node_modules: run npm ci" >&2
  exit 99
fi

"$ZENA_NODE" --experimental-wasm-wasmfx --no-turboshaft-wasm-load-elimination \
  --no-warnings "$top_srcdir/tests/runtime/run.mjs" "$@"
case $? in
  0) exit 0 ;;
  1) exit 1 ;;
  *) exit 99 ;;
esac
