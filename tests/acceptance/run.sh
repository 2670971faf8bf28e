#!/usr/bin/env bash
# run.sh [--filter=SUBSTR] - runs the shared acceptance programs through zena-run.
#
# Each ACCEPTANCE_DIR/*/NAME.zena comes with NAME.stdout (exact expected stdout) and
# directives in its comments (see ../shared/acceptance/README.md):
#   // @exit: N | nonzero    expected exit status (default 0)
#   // @stderr: RE           stderr must match the extended regex RE (any case)
#   // @compile: error       zena2wat rejects it: non-zero, a diagnostic, no stdout
#   // @targets: wasi js     targets it applies to (default: both)
# Every case runs on each target of $ZENA_ACCEPTANCE_TARGETS that it applies to.
#
# Environment:
#   ZENA2WAT                 compiler to test (default: ./zena2wat, else the source tree's)
#   ZENA_ACCEPTANCE_DIR      default: <top_srcdir>/../shared/acceptance
#   ZENA_ACCEPTANCE_TARGETS  default: "wasi js"
# Exit: 0 all passed, 1 a failure, 77 skip (no acceptance directory).
set -u

top_srcdir=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
dir=${ZENA_ACCEPTANCE_DIR:-$top_srcdir/../shared/acceptance}
targets=${ZENA_ACCEPTANCE_TARGETS:-wasi js}
. "$top_srcdir/tests/runner.sh"
take_filter "$@"
if [ ! -d "$dir" ]; then
  echo "SKIP: acceptance programs not found at $dir (set ZENA_ACCEPTANCE_DIR)"
  exit 77
fi
compiler=${ZENA2WAT:-}
if [ -z "$compiler" ]; then
  if [ -x ./zena2wat ]; then compiler=$PWD/zena2wat; else compiler=$top_srcdir/zena2wat; fi
fi
export ZENA2WAT=$compiler
run=$top_srcdir/tools/zena-run
[ -x ./zena-run ] && run=$PWD/zena-run

# directive NAME FILE: the text after `// @NAME:` in FILE, or nothing
directive() { sed -n "s|^// @$1:[[:space:]]*||p" "$2" | head -n 1; }


for src in "$dir"/*/*.zena; do
  name=${src#"$dir"/}
  name=${name%.zena}
  case $name in *"$filter"*) ;; *) continue ;; esac
  want_exit=$(directive exit "$src")
  want_stderr=$(directive stderr "$src")
  applies=$(directive targets "$src")
  [ "$(directive compile "$src")" = error ] && compile_error=1 || compile_error=
  for target in $targets; do
    case " ${applies:-wasi js} " in *" $target "*) ;; *) continue ;; esac
    (cd "$(dirname "$src")" &&
      timeout 120 "$run" --target="$target" "$(basename "$src")") \
      >"$tmp/out" 2>"$tmp/err"
    status=$?
    if [ -n "$compile_error" ]; then
      if [ "$status" -ne 1 ] || [ -s "$tmp/out" ] || ! grep -q ': error: ' "$tmp/err"; then
        fail "$name" "$target" "expected a compile error (status 1, a diagnostic, no stdout); got status $status"
        continue
      fi
    elif [ "$status" -eq 124 ]; then
      fail "$name" "$target" "timed out (a hang)"
      continue
    elif [ "${want_exit:-0}" = nonzero ]; then
      if [ "$status" -eq 0 ]; then
        fail "$name" "$target" "expected a non-zero exit status, got 0"
        continue
      fi
    elif [ "$status" -ne "${want_exit:-0}" ]; then
      fail "$name" "$target" "exit status $status, expected ${want_exit:-0}; stderr: $(head -c 300 "$tmp/err")"
      continue
    fi
    if [ -n "$want_stderr" ] && ! grep -Eiq -- "$want_stderr" "$tmp/err"; then
      fail "$name" "$target" "stderr does not match /$want_stderr/: $(head -c 300 "$tmp/err")"
      continue
    fi
    if ! cmp -s "$tmp/out" "${src%.zena}.stdout"; then
      fail "$name" "$target" "stdout differs: $(diff "${src%.zena}.stdout" "$tmp/out" | head -n 6 | tr '\n' '|')"
      continue
    fi
    passed=$((passed + 1))
  done
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
