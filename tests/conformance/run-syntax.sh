#!/usr/bin/env bash
# Runs the syntax conformance suite (tests/conformance/run.mjs --mode=syntax).
# Used by `make check` (as a TESTS entry) and `make conformance`; works from any build
# directory (VPATH builds, distcheck).  Extra arguments go to run.mjs (e.g. --update).
#
# Environment:
#   ZENA2WAT              compiler to test (default: ./zena2wat in the current directory,
#                         which is the build dir under make, else the source tree's)
#   ZENA_CONFORMANCE_DIR  suite root (default: <top_srcdir>/../shared/conformance)
# Exit: 0 ok, 1 regression (a file in syntax.pass fails), 77 skip (no suite), 99 error.
set -u

top_srcdir=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$top_srcdir/tools/env.sh"

suite=${ZENA_CONFORMANCE_DIR:-$top_srcdir/../shared/conformance}
if [ ! -d "$suite/syntax" ]; then
  echo "SKIP: conformance suite not found at $suite/syntax (set ZENA_CONFORMANCE_DIR)"
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

node=${ZENA_NODE:-}
if [ -z "$node" ]; then
  node=$(command -v node || true)
  if [ -z "$node" ]; then
    echo "ERROR: node not found: run npm ci (or ./bootstrap)" >&2
    exit 99
  fi
  echo "warning: pinned Node 26 not in node_modules (run npm ci); using $node" >&2
fi

# A crash or hang is a bug on any file, listed or not.
flags=(--fail-on-crash)

"$node" "$top_srcdir/tests/conformance/run.mjs" --mode=syntax \
  --compiler="$compiler" --dir="$suite/syntax" \
  --expect="$top_srcdir/tests/conformance/syntax.pass" "${flags[@]}" "$@"
status=$?
case $status in
  0 | 1) exit $status ;;
  *) exit 99 ;; # usage/I-O error inside the runner: a hard error for automake
esac
