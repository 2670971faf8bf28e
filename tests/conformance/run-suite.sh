#!/usr/bin/env bash
# run-suite.sh MODE [ARGS...] - runs one conformance mode (tests/conformance/run.mjs):
#   syntax  syntax/     against tests/conformance/syntax.pass
#   check   semantics/  against tests/conformance/semantics.pass
#   run     execution/  against tests/conformance/execution.pass
# Used through run-syntax.sh, run-semantics.sh and run-execution.sh by `make check`
# and `make conformance`; works from any build directory.  Extra arguments go to
# run.mjs (e.g. --update, --filter=SUBSTR).  A crash or hang is a failure on any
# file, listed or not.
#
# Environment:
#   ZENA2WAT              compiler to test (default: ./zena2wat, else the source tree's)
#   ZENA_CONFORMANCE_DIR  suite root (default: <top_srcdir>/../shared/conformance)
#   ZENA_NODE, ZENA_WASM_AS, ZENA_WASM_FEATURES  see tools/env.sh
# Exit: 0 ok, 1 regression (a listed file fails) or a compiler crash, 77 skip (no
# suite), 99 error.
set -u

mode=${1:-}
shift || true
case $mode in
  syntax) sub=syntax ;;
  check) sub=semantics ;;
  run) sub=execution ;;
  *) echo "usage: run-suite.sh syntax|check|run [ARGS...]" >&2; exit 99 ;;
esac

top_srcdir=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$top_srcdir/tools/env.sh"

suite=${ZENA_CONFORMANCE_DIR:-$top_srcdir/../shared/conformance}
if [ ! -d "$suite/$sub" ]; then
  echo "SKIP: conformance suite not found at $suite/$sub (set ZENA_CONFORMANCE_DIR)"
  exit 77
fi

compiler=${ZENA2WAT:-}
if [ -z "$compiler" ]; then
  if [ -x ./zena2wat ]; then compiler=./zena2wat; else compiler=$top_srcdir/zena2wat; fi
fi
if [ ! -x "$compiler" ]; then
  echo "ERROR: compiler $compiler not found: run make first" >&2
  exit 99
fi

if [ -z "${ZENA_NODE:-}" ]; then
  echo "ERROR: the pinned Node 26 is not in node_modules: run npm ci (or ./bootstrap)" >&2
  exit 99
fi

"$ZENA_NODE" --experimental-wasm-wasmfx --no-turboshaft-wasm-load-elimination --no-warnings \
  "$top_srcdir/tests/conformance/run.mjs" --mode="$mode" \
  --compiler="$compiler" --dir="$suite/$sub" \
  --expect="$top_srcdir/tests/conformance/$sub.pass" --fail-on-crash "$@"
status=$?
case $status in
  0 | 1) exit $status ;;
  *) exit 99 ;;
esac
