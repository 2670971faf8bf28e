#!/usr/bin/env bash
# tests/fuzz/run-regressions.sh - inputs that once crashed or hung the compiler.
#
# Runs `zena2wat --dump-ast` on every file in tests/fuzz/regressions/ (inputs the
# fuzzer found, named after what they broke; these are then compiled whole too)
# and on a few generated nasty inputs
# (deep nesting, a 1 MB identifier, 10k errors, ...).  Each must end within 10 s
# with exit status 0 or 1: never a signal, an abort or a sanitizer report.
# Prints one line per input and ends with "N passed, N failed"; exits 1 if any
# failed.  Run by `make check`; works from a VPATH build.
#
# Environment:
#   ZENA2WAT  compiler to test (default: ./zena2wat, else the source tree's)
#   srcdir    top source directory (set by the automake test driver)
set -u

. "$(dirname "${BASH_SOURCE[0]}")/../compiler.sh"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/zena-fuzz.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT

# Sanitizer builds: a report must not pass for "exit status 1".
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}exitcode=86"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}exitcode=86"

# rep STRING COUNT: STRING (no newline in it) repeated COUNT times.
rep() { yes "$1" | head -n "$2" | tr -d '\n'; }

# Generated inputs, too big to keep in the repository.
gen=$tmp/generated
mkdir -p "$gen"
{ printf 'let x = '; rep '(' 100000; printf 1; rep ')' 100000; echo ';'; } >"$gen/deep-parens-100k"
{ printf 'let x = '; rep '[' 100000; rep ']' 100000; echo ';'; } >"$gen/deep-brackets-100k"
{ rep '{' 100000; rep '}' 100000; echo; } >"$gen/deep-braces-100k"
{ printf 'let x = '; rep '{a: ' 50000; printf 1; rep '}' 50000; echo ';'; } >"$gen/deep-records-50k"
{ printf 'let x = '; rep '`${' 20000; echo; } >"$gen/template-nested-unterminated-20k"
{ printf 'let x = `'; rep 'a${`b${' 10000; printf 1; rep '}c`}d' 10000; echo '`;'; } \
  >"$gen/template-nested-20k"
{ printf 'let '; rep a 1048576; echo ' = 1;'; } >"$gen/identifier-1mb"
yes 'let = ;' | head -n 10000 >"$gen/errors-10k"
{ printf 'let x = 1'; rep ' + 1' 100000; echo ';'; } >"$gen/left-chain-plus-100k"
{ printf 'let x = a'; rep '.b' 100000; echo ';'; } >"$gen/left-chain-member-100k"
{ printf 'let x = f'; rep '()' 100000; echo ';'; } >"$gen/left-chain-call-100k"
{ printf 'let x = a'; rep ' < b' 50000; echo ';'; } >"$gen/type-args-lookahead-50k"
{ printf 'let x: A'; rep '.A' 50000; echo ' = 1;'; } >"$gen/qualified-type-50k"
{ printf 'let x = a'; rep ' > (b)' 50000; echo ';'; } >"$gen/angle-close-lookbehind-50k"
{ printf 'let x = a'; rep ' ? (b) : (c)' 30000; echo ';'; } >"$gen/arrow-lookahead-ternary-30k"
{ printf 'sealed class C { case A'; rep ', A' 200000; echo ' }'; } >"$gen/sealed-variants-200k"
{ printf 'type T = A'; rep ' | A' 100000; echo ';'; } >"$gen/union-type-100k"
{ printf 'let x = '; rep '!' 100000; echo 'a;'; } >"$gen/prefix-not-100k"

passed=0
failed=0
run() { # run FILE NAME MODE (--dump-ast for the front end, or a whole compile)
  local file=$1 name=$2 status
  timeout 10 "$zena" $3 "$file" >/dev/null 2>"$tmp/stderr"
  status=$?
  if [ $status -le 1 ] && ! grep -qE 'Sanitizer|runtime error:' "$tmp/stderr"; then
    echo "PASS: $name"
    passed=$((passed + 1))
    return
  fi
  case $status in
  124) why="timed out after 10 s" ;;
  86) why="sanitizer report" ;;
  *) why="exit status $status" ;;
  esac
  echo "FAIL: $name: $why"
  grep -m5 -E 'Sanitizer|runtime error:|#[0-9] ' "$tmp/stderr" | sed 's/^/  /'
  failed=$((failed + 1))
}

for f in "$srcdir"/tests/fuzz/regressions/* "$gen"/*; do
  [ -f "$f" ] || continue
  case $f in "$gen"/*) name=generated/${f##*/} ;; *) name=${f##*/} ;; esac
  run "$f" "$name" --dump-ast
done
# The found inputs also go through the checker and emitter (the generated
# ones are about the front end's limits and are big).
for f in "$srcdir"/tests/fuzz/regressions/*; do
  [ -f "$f" ] || continue
  run "$f" "${f##*/} (compiled)" ""
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
