#!/usr/bin/env bash
# run.sh [--filter=SUBSTR] - the differential check of the async runtime:
# every tests/async-diff/NAME.zena runs on Node and under binaryen's
# interpreter, and both must give the result its `// @result: N` line records
# (worked out by hand from the contract's ordering rules, then confirmed).
#
# The programs print nothing; main returns an i32 that folds what happened
# (the order of events, the values received).  For each program:
#   1. Node: tools/zena-run --print-result, --target=wasi (stack switching)
#      and --target=js (JSPI): stdout must be exactly N, stderr empty,
#      status N mod 256.
#   2. wasm-shell: zena2wat --target=wasi, the module's memory rewritten into
#      an import of the stub wasi_snapshot_preview1 module (wasi-stub.wat: a
#      fake clock, no host I/O), then a .wast script
#        (register "wasi_snapshot_preview1" $wasi) MODULE
#        (assert_return (invoke "main") (i32.const N_FROM_NODE))
#        (assert_return (invoke $wasi "written") (i32.const 0))
#      run by `node node_modules/binaryen/bin/wasm-shell`.
# A FAIL line names the engine that disagreed.  Exit: 0 all passed, 1 a
# failure, 99 setup error.
set -u

. "$(dirname "${BASH_SOURCE[0]}")/../compiler.sh"
here=$srcdir/tests/async-diff
. "$srcdir/tests/runner.sh"
take_filter "$@"
if [ -z "${ZENA_NODE:-}" ] || [ -z "${ZENA_WASM_SHELL:-}" ]; then
  . "$srcdir/tools/env.sh"
fi
if [ ! -x "${ZENA_NODE:-}" ] || [ ! -f "${ZENA_WASM_SHELL:-}" ]; then
  echo "ERROR: the pinned Node or binaryen's wasm-shell is missing: run npm ci" >&2
  exit 99
fi
ZENA2WAT=$(cd "$(dirname "$zena")" && pwd)/$(basename "$zena")
export ZENA2WAT

# shell_script WAT N: the .wast that runs the module WAT under the stub and
# expects main to return N; fails when the module defines no memory to share.
shell_script() {
  local mem='^  (memory (export "memory") \([0-9][0-9]*\))$'
  grep -q "$mem" "$1" || return 1
  cat "$here/wasi-stub.wat"
  echo '(register "wasi_snapshot_preview1" $wasi)'
  sed "s/$mem/  (memory (export \"memory\") (import \"wasi_snapshot_preview1\" \"memory\") \\1)/" "$1"
  echo "(assert_return (invoke \"main\") (i32.const $2))"
  echo '(assert_return (invoke $wasi "written") (i32.const 0))'
}

for src in "$here"/*.zena; do
  name=$(basename "$src" .zena)
  case $name in *"$filter"*) ;; *) continue ;; esac
  want=$(sed -n 's|^// @result:[[:space:]]*||p' "$src" | head -n 1)
  if [ -z "$want" ]; then
    fail "$name" setup "no // @result: line"
    continue
  fi

  for target in wasi js; do
    timeout 300 "$srcdir/tools/zena-run" --target=$target --print-result "$src" \
      >"$tmp/out" 2>"$tmp/err"
    status=$?
    got=$(cat "$tmp/out")
    if [ "$status" -eq 124 ]; then
      fail "$name" "node $target" "timed out"
      continue 2
    elif [ -s "$tmp/err" ] || [ "$(wc -l < "$tmp/out")" -ne 1 ]; then
      fail "$name" "node $target" "status $status, stdout '$(head -c 200 "$tmp/out")', stderr '$(head -c 300 "$tmp/err")'"
      continue 2
    elif [ "$got" != "$want" ] || [ "$status" -ne $((want & 255)) ]; then
      fail "$name" "node $target" "main returned $got (status $status), expected $want"
      continue 2
    fi
  done

  if ! "$zena" --target=wasi -o "$tmp/$name.wat" "$src" 2>"$tmp/err" ||
    ! shell_script "$tmp/$name.wat" "$got" >"$tmp/$name.wast"; then
    fail "$name" wasm-shell "cannot build the script: $(head -c 300 "$tmp/err")"
    continue
  fi
  timeout 600 "$ZENA_NODE" "$ZENA_WASM_SHELL" "$tmp/$name.wast" >"$tmp/shell" 2>&1
  status=$?
  if [ "$status" -ne 0 ] || ! grep -q '^all checks passed' "$tmp/shell"; then
    fail "$name" wasm-shell "status $status (node gave $got): $(grep -v '^[0-9]* [A-Z]' "$tmp/shell" | head -c 400)"
    continue
  fi
  echo "ok $name: $got on node (wasi, js) and wasm-shell"
  passed=$((passed + 1))
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
