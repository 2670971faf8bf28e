#!/usr/bin/env bash
# Runs the end-to-end tests (tests/e2e/run.mjs, see README.md here) on both targets,
# one Node process per target (their flags differ), then a few of them through the
# zena-run script itself.
# Used by `make check`; works from any build directory.  Extra arguments go to both
# run.mjs invocations (e.g. --filter=SUBSTR).
#
# Environment: ZENA2WAT (default ./zena2wat, else the source tree's), ZENA_NODE,
# ZENA_WASM_AS, ZENA_WASM_FEATURES (see tools/env.sh).
# Exit: 0 ok, 1 a test failed, 99 error.
set -u

top_srcdir=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$top_srcdir/tools/env.sh"

compiler=${ZENA2WAT:-}
if [ -z "$compiler" ]; then
  if [ -x ./zena2wat ]; then compiler=./zena2wat; else compiler=$top_srcdir/zena2wat; fi
fi
if [ ! -x "$compiler" ]; then
  echo "ERROR: compiler $compiler not found: run make first" >&2
  exit 99
fi
compiler=$(cd "$(dirname "$compiler")" && pwd)/$(basename "$compiler")
export ZENA2WAT=$compiler

if [ -z "${ZENA_NODE:-}" ] || [ -z "${ZENA_WASM_AS:-}" ]; then
  echo "ERROR: the pinned Node 26 and binaryen are not in node_modules: run npm ci" >&2
  exit 99
fi

# zena-run as `make` builds it beside zena2wat, else the source copy.
zena_run=$(dirname "$compiler")/zena-run
[ -f "$zena_run" ] || zena_run=$top_srcdir/tools/zena-run

# run TARGET ARGS...: run.mjs in a Node with that target's flags (see zena-run.mjs)
run() {
  local flags=(--experimental-wasm-wasmfx --no-turboshaft-wasm-load-elimination --no-warnings)
  [ "$1" = js ] && flags=(--no-warnings)
  "$ZENA_NODE" "${flags[@]}" "$top_srcdir/tests/e2e/run.mjs" --compiler="$compiler" \
    --target="$1" "${@:2}"
}

echo "== all tests, in process"
run wasi "$@"
s0=$?
run js "$@"
s1=$?
echo "== a few tests through $zena_run"
run both --via="$zena_run" \
  --filter=exit_status,print_result_i64,trap_divide_by_zero,error_syntax,external_import \
  "$@"
s2=$?
for s in $s0 $s1 $s2; do
  case $s in
    0 | 1) ;;
    *) exit 99 ;;
  esac
done
[ $s0 -eq 0 ] && [ $s1 -eq 0 ] && [ $s2 -eq 0 ]
