# tests/compiler.sh - sourced by the shell test scripts in tests/*/: sets srcdir (the
# top source directory, unless the automake test driver set it) and zena (the compiler
# to test: $ZENA2WAT, else ./zena2wat, else the source tree's); exits 99 when there
# is none.
srcdir=${srcdir:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
zena=${ZENA2WAT:-}
if [ -z "$zena" ]; then
  if [ -x ./zena2wat ]; then zena=./zena2wat; else zena=$srcdir/zena2wat; fi
fi
if [ ! -x "$zena" ]; then
  echo "ERROR: compiler $zena not found: run make first" >&2
  exit 99
fi
