#!/usr/bin/env bash
# tests/cli/run.sh - tests of the zena2wat command line (src/main.c).
#
# Checks exit statuses, what goes to stdout and stderr, and the -o file for
# --help/--version, usage errors, I/O errors, --dump-ast (file, '-' and no
# argument), --check, syntax and checker errors, and WAT output.
# Prints one line per check and ends with "N passed, N failed"; exits 1 if
# any check failed.  Run by `make check`; works from a VPATH build.
#
# Environment:
#   ZENA2WAT  compiler to test (default: ./zena2wat, else the source tree's)
#   srcdir    top source directory (set by the automake test driver)
set -u

. "$(dirname "${BASH_SOURCE[0]}")/../compiler.sh"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/zena-cli.XXXXXX") || exit 99
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT

passed=0
failed=0
out=$tmp/stdout
err=$tmp/stderr
status=0

# run ARGS...: runs the compiler with stdin from /dev/null, keeping the exit
# status in $status and the streams in $out and $err.
run() {
  "$zena" "$@" </dev/null >"$out" 2>"$err"
  status=$?
}

# run_in FILE ARGS...: the same with stdin from FILE.
run_in() {
  local input=$1
  shift
  "$zena" "$@" <"$input" >"$out" 2>"$err"
  status=$?
}

pass() {
  passed=$((passed + 1))
  echo "ok - $1"
}

fail() {
  failed=$((failed + 1))
  echo "FAIL - $1"
  shift
  local line
  for line in "$@"; do echo "    $line"; done
  echo "    exit status: $status"
  echo "    stdout:"
  head -c 400 "$out" | sed 's/^/      /'
  echo "    stderr:"
  head -c 400 "$err" | sed 's/^/      /'
}

# check NAME CONDITION...: one check; the conditions are shell commands,
# all of which must succeed.
check() {
  local name=$1 cond
  shift
  for cond in "$@"; do
    if ! eval "$cond"; then
      fail "$name" "failed: $cond"
      return
    fi
  done
  pass "$name"
}

empty() { [ ! -s "$1" ]; }
has() { grep -qF -- "$2" "$1"; }
first_line() { [ "$(head -n 1 "$1")" = "$2" ]; }

# --- inputs ------------------------------------------------------------------

good=$tmp/good.zena
printf 'let x = 1;\nlet f = (a: i32): i32 => a + x;\n' >"$good"
bad=$tmp/bad.zena
printf 'let a = 1;\nlet x = ;\n' >"$bad"
bad_at_eof=$tmp/unclosed.zena
printf 'if (true) { let x = 1;\n' >"$bad_at_eof"
type_error=$tmp/type-error.zena
printf 'let x: i32 = "s";\n' >"$type_error"
warn=$tmp/warn.zena
printf 'const x = 1;\n' >"$warn"
many=$tmp/many.zena
for i in $(seq 1 25); do echo 'let x = ;'; done >"$many"
dash_name=$tmp/-dash.zena
cp "$good" "$dash_name"

# --- help, version and usage errors -------------------------------------------

run --help
check "--help exits 0 with the usage on stdout" \
  '[ $status -eq 0 ]' 'first_line "$out" "usage: zena2wat [OPTIONS] [FILE|-]"' \
  'has "$out" "--dump-ast"' 'empty "$err"'

run -h
check "-h is --help" '[ $status -eq 0 ]' 'has "$out" "usage: zena2wat"'

run --version
check "--version exits 0 and prints 'zena2wat VERSION'" \
  '[ $status -eq 0 ]' 'grep -qE "^zena2wat [0-9A-Za-z.+-]+$" "$out"' \
  '[ $(wc -l <"$out") -eq 1 ]' 'empty "$err"'

run --bogus "$good"
check "unknown option exits 2 with a message" \
  '[ $status -eq 2 ]' 'empty "$out"' \
  'first_line "$err" "zena2wat: unknown option '"'"'--bogus'"'"'"' \
  'has "$err" "Try '"'"'zena2wat --help'"'"'."'

run "$good" -o
check "-o without a file name exits 2 with a message" \
  '[ $status -eq 2 ]' 'empty "$out"' 'first_line "$err" "zena2wat: -o needs a file name"'

run --target=bogus "$good"
check "--target=bogus exits 2 with a message" \
  '[ $status -eq 2 ]' 'empty "$out"' \
  'first_line "$err" "zena2wat: unknown target '"'"'bogus'"'"' (expected wasi or js)"'

run "$good" "$good"
check "two input files exit 2" \
  '[ $status -eq 2 ]' 'empty "$out"' 'has "$err" "more than one input file"'

# --- I/O errors ---------------------------------------------------------------

run --dump-ast "$tmp/missing.zena"
check "a missing file exits 2 with the reason" \
  '[ $status -eq 2 ]' 'empty "$out"' \
  'first_line "$err" "zena2wat: cannot read '"'"'$tmp/missing.zena'"'"': No such file or directory"'

run --dump-ast "$tmp"
check "a directory exits 2 with the reason" \
  '[ $status -eq 2 ]' 'empty "$out"' \
  'first_line "$err" "zena2wat: cannot read '"'"'$tmp'"'"': Is a directory"'

unreadable=$tmp/unreadable.zena
cp "$good" "$unreadable"
chmod 000 "$unreadable"
if [ -r "$unreadable" ]; then
  echo "ok - unreadable file exits 2 # SKIP running as root"
  passed=$((passed + 1))
else
  run --dump-ast "$unreadable"
  check "an unreadable file exits 2 with the reason" \
    '[ $status -eq 2 ]' 'empty "$out"' 'has "$err" "Permission denied"'
fi

run --dump-ast -o "$tmp/no/such/dir/out.json" "$good"
check "an unwritable -o file exits 2 with the reason" \
  '[ $status -eq 2 ]' 'empty "$out"' \
  'first_line "$err" "zena2wat: cannot write '"'"'$tmp/no/such/dir/out.json'"'"': No such file or directory"'

# --- --dump-ast ---------------------------------------------------------------

run --dump-ast "$good"
cp "$out" "$tmp/from-file.json"
check "--dump-ast FILE prints the tree and exits 0" \
  '[ $status -eq 0 ]' 'empty "$err"' 'first_line "$out" "{"' \
  'has "$out" "\"type\": \"Module\""' 'has "$out" "\"type\": \"FunctionExpression\""' \
  'has "$out" "\"loc\": {\"line\": 2, \"column\": 9, \"endLine\": 2, \"endColumn\": 31}"' \
  '[ "$(tail -n 1 "$out")" = "}" ]'

run_in "$good" --dump-ast -
check "--dump-ast - reads stdin" \
  '[ $status -eq 0 ]' 'empty "$err"' 'cmp -s "$out" "$tmp/from-file.json"'

run_in "$good" --dump-ast
check "--dump-ast without FILE reads stdin" \
  '[ $status -eq 0 ]' 'empty "$err"' 'cmp -s "$out" "$tmp/from-file.json"'

run --dump-ast --target=js -- "$dash_name"
check "-- ends the options (file named -dash.zena), --target=js accepted" \
  '[ $status -eq 0 ]' 'empty "$err"' 'cmp -s "$out" "$tmp/from-file.json"'

rm -f "$tmp/out.json"
run --dump-ast -o "$tmp/out.json" "$good"
check "-o FILE writes the tree to FILE and nothing to stdout" \
  '[ $status -eq 0 ]' 'empty "$out"' 'empty "$err"' \
  'cmp -s "$tmp/out.json" "$tmp/from-file.json"'

printf 'old contents\n' >"$tmp/out.json"
run --dump-ast -o "$tmp/out.json" "$good"
check "-o FILE replaces an existing file" \
  '[ $status -eq 0 ]' 'cmp -s "$tmp/out.json" "$tmp/from-file.json"'

if [ -f "$srcdir/examples/hello.zena" ]; then
  run --dump-ast "$srcdir/examples/hello.zena"
  check "--dump-ast examples/hello.zena" \
    '[ $status -eq 0 ]' 'empty "$err"' 'has "$out" "\"exported\": true"'
fi

# --- --check ------------------------------------------------------------------

run --check "$good"
check "--check on a good file exits 0 with no output" \
  '[ $status -eq 0 ]' 'empty "$out"' 'empty "$err"'

rm -f "$tmp/check.out"
run --check -o "$tmp/check.out" "$good"
check "--check -o FILE writes no file" \
  '[ $status -eq 0 ]' 'empty "$out"' '[ ! -e "$tmp/check.out" ]'

run --check "$warn"
check "--check prints warnings and still exits 0" \
  '[ $status -eq 0 ]' 'empty "$out"' \
  'first_line "$err" "$warn:1:1: warning: '"'"'const'"'"' is not a keyword in Zena. Use '"'"'let'"'"' for an immutable binding"'

# --- the shape of async code ----------------------------------------------------

async=$tmp/async.zena
printf '%s\n' 'let f = async (n: i32): i32 => n + 1;' \
  'export let main = async (): i32 => {' '  let t = f(1);' \
  '  return (await f(2)) + (await t);' '};' >"$async"
run "$async"
check "await of an async call is a plain call" \
  '[ $status -eq 0 ]' 'has "$out" "(func \$f (param \$n i32) (result i32)"' \
  'has "$out" "(call \$f (i32.const 2))"'
check "an async call without await starts a task through its starter" \
  'has "$out" "(local.set \$t (call \$f.start (i32.const 1)))"' \
  'has "$out" "(func \$f.task (type \$TaskBody) (param \$task (ref \$Task))"' \
  'has "$out" "(call \$zena_await (local.get \$tmp"'
check "an async main runs under the scheduler, on stacks made by cont.new" \
  'has "$out" "(call \$zena_run_main (local.get \$task))"' \
  'has "$out" "(cont.new \$Stack"' 'has "$out" "(tag \$zena.park"'
run --target=js "$async"
check "--target=js runs tasks on JSPI: imports from the loader, no stack switching" \
  '[ $status -eq 0 ]' 'has "$out" "(import \"zena\" \"park\" (func \$zena_host_park"' \
  'has "$out" "(export \"zena_task_entry\" (func \$zena_task_entry))"' \
  '! grep -q "cont\.new\|(tag \$zena.park\|wasi_snapshot" "$out"'
if [ -f "$srcdir/examples/hello.zena" ]; then
  run "$srcdir/examples/hello.zena"
  check "a program without async code has no task runtime" \
    '[ $status -eq 0 ]' '! grep -q "cont\.new\|(tag \|\$Task\|\$zena_sleep" "$out"'
fi

# --- syntax errors --------------------------------------------------------------

run --dump-ast "$bad"
check "a syntax error exits 1 with file:line:col, the line and a caret" \
  '[ $status -eq 1 ]' 'empty "$out"' \
  '[ "$(cat "$err")" = "$bad:2:9: error: Unexpected token '"'"';'"'"'
  let x = ;
          ^" ]'

run --check "$bad"
check "--check reports the syntax error and exits 1" \
  '[ $status -eq 1 ]' 'empty "$out"' 'first_line "$err" "$bad:2:9: error: Unexpected token '"'"';'"'"'"'

run "$bad"
check "a syntax error in WAT mode exits 1 with nothing on stdout" \
  '[ $status -eq 1 ]' 'empty "$out"' 'first_line "$err" "$bad:2:9: error: Unexpected token '"'"';'"'"'"'

run_in "$bad" --dump-ast
check "errors on stdin are reported as <stdin>" \
  '[ $status -eq 1 ]' 'empty "$out"' 'first_line "$err" "<stdin>:2:9: error: Unexpected token '"'"';'"'"'"'

run --dump-ast "$bad_at_eof"
check "an unclosed brace is reported at the end of the input" \
  '[ $status -eq 1 ]' 'empty "$out"' \
  'first_line "$err" "$bad_at_eof:1:23: error: Expected '"'"'}'"'"' to close '"'"'{'"'"' at 1:11, found end of file"'

rm -f "$tmp/err.json"
run --dump-ast -o "$tmp/err.json" "$bad"
check "a syntax error with -o creates no output file" \
  '[ $status -eq 1 ]' 'empty "$out"' 'has "$err" "error:"' '[ ! -e "$tmp/err.json" ]'

printf 'keep me\n' >"$tmp/err.json"
run --dump-ast -o "$tmp/err.json" "$bad"
check "a syntax error with -o leaves an existing file untouched" \
  '[ $status -eq 1 ]' '[ "$(cat "$tmp/err.json")" = "keep me" ]'

run --check "$many"
check "more than 20 errors: 20 shown, then the total" \
  '[ $status -eq 1 ]' 'empty "$out"' '[ $(grep -c ": error: " "$err") -eq 20 ]' \
  '[ "$(tail -n 1 "$err")" = "$many: 25 errors in all" ]'

# --- WAT output ----------------------------------------------------------------

run "$good"
check "WAT output goes to stdout with exit 0" \
  '[ $status -eq 0 ]' 'empty "$err"' \
  'first_line "$out" ";; $good, compiled by zena2wat for WASI"' 'has "$out" "(module"'

run --target=js "$good"
check "--target=js changes the WAT header" \
  '[ $status -eq 0 ]' 'empty "$err"' \
  'first_line "$out" ";; $good, compiled by zena2wat for JavaScript hosts"'

rm -f "$tmp/out.wat"
run -o "$tmp/out.wat" "$good"
check "WAT output with -o goes to the file only" \
  '[ $status -eq 0 ]' 'empty "$out"' 'empty "$err"' \
  'first_line "$tmp/out.wat" ";; $good, compiled by zena2wat for WASI"'

run "$type_error"
check "a checker error exits 1 with nothing on stdout" \
  '[ $status -eq 1 ]' 'empty "$out"' 'grep -q "^$type_error:1:14: error: " "$err"'

run --check "$type_error"
check "--check runs the checker too" \
  '[ $status -eq 1 ]' 'empty "$out"' 'grep -q "^$type_error:1:14: error: " "$err"'

printf 'keep me\n' >"$tmp/out.wat"
run -o "$tmp/out.wat" "$type_error"
check "a checker error with -o leaves an existing file untouched" \
  '[ $status -eq 1 ]' 'empty "$out"' '[ "$(cat "$tmp/out.wat")" = "keep me" ]'

rm -f "$tmp/out.wat"
run -o "$tmp/out.wat" "$bad"
check "a syntax error in WAT mode with -o creates no file" \
  '[ $status -eq 1 ]' 'empty "$out"' '[ ! -e "$tmp/out.wat" ]'

# --- dead-code elimination (emit/reach.c) --------------------------------------

dce=$tmp/dce.zena
cat >"$dce" <<'ZENA'
class Unused { x: i32; new(x: i32) : x = x {} get(): i32 { return this.x; } }
class Base { twice(): i32 { return 2; } }
class Used extends Base { n: i32; new(n: i32) : n = n, super() {} }
let helper = (s: String): String => s + "!";
let used = (n: i32): i32 => n * 2;
export let main = (): i32 => used(new Used(3).twice());
ZENA
run --target=js "$dce"
check "only what main reaches is emitted" \
  '[ $status -eq 0 ]' 'has "$out" "(func \$used "' 'has "$out" "(func \$Base.twice "' \
  'has "$out" "(type \$Base "' '! has "$out" "Unused"' '! has "$out" "helper"' \
  '! has "$out" "String"'

run --target=js "$good"
check "module variables are set by zena_init" \
  '[ $status -eq 0 ]' 'has "$out" "(func \$zena_init"'

printf 'export let main = (): i32 => {\n  console.log(`${1 + 1}`);\n  return 0;\n};\n' >"$tmp/print.zena"
run "$tmp/print.zena"
check "only the runtime functions the program calls are emitted" \
  '[ $status -eq 0 ]' 'has "$out" "(func \$zena_print "' \
  'has "$out" "(func \$zena_i32_to_string "' 'has "$out" "(func \$zena_write_line "' \
  '! has "$out" "zena_string_eq"' '! has "$out" "zena_float_to_string"'

printf 'export let main = (): i32 => 42;\n' >"$tmp/main42.zena"
run --target=js "$tmp/main42.zena"
check "main without module variables is exported as it is" \
  '[ $status -eq 0 ]' 'has "$out" "(export \"main\" (func \$main))"' \
  '! has "$out" "zena_init"' '! has "$out" "global"'

# A source of 64 KB or more is mapped (src/diag.c); one that fills its last
# page exactly still ends where the file does.
{
  printf 'export let main = (): i32 => 42;\n//'
  head -c $((65536 - 33 - 2 - 1 - 11)) /dev/zero | tr '\0' x
  printf '\nlet x = 1 +'
} >"$tmp/page.zena"
run --check "$tmp/page.zena"
check "a mapped source that fills its last page ends at its last byte" \
  '[ $status -eq 1 ]' '[ $(wc -c <"$tmp/page.zena") -eq 65536 ]' 'empty "$out"' \
  'first_line "$err" "$tmp/page.zena:3:12: error: Unexpected end of file"'

# A program of over 512 KB is compiled with a second thread faulting memory
# in ahead (src/prefault.c); the output must not depend on it.
{
  echo 'let f0 = (x: i32): i32 => x;'
  for ((i = 1; i <= 12000; i++)); do
    echo "let f$i = (x: i32): i32 => f$((i - 1))(x + $i) * 3 - (x % 7); // $i"
    if ((i % 50 == 0)); then # names made while parsing, on either thread
      echo "let d$i = ({x, y}: {x: i32, y: i32}, {a, b}: {a: i32, b: i32}): i32 =>"
      echo "  f$i(x + y + a + b);"
    fi
  done
  echo 'export let main = (): i32 => f12000(1) + d12000({x: 1, y: 2}, {a: 3, b: 4});'
} >"$tmp/big.zena"
ZENA_PREFAULT=0 "$zena" --target=js "$tmp/big.zena" >"$tmp/big-alone.wat" 2>&1
run --target=js "$tmp/big.zena"
check "a big program compiles the same with the prefault thread as without" \
  '[ $status -eq 0 ]' '[ $(wc -c <"$tmp/big.zena") -gt 524288 ]' \
  'cmp -s "$out" "$tmp/big-alone.wat"' 'has "$out" "(func \$f12000"' \
  'has "$out" "(func \$d12000 (param \$\$\$destruct_0_"'

# A source of 256 KB or more is split at a line near its middle that starts
# a declaration, and the halves are parsed on two threads (grammar/parse.c);
# the tree, and so the output, must be the one the whole source gives.
ZENA_SPLIT=0 "$zena" --dump-ast "$tmp/big.zena" >"$tmp/big-whole.json" 2>&1
run --dump-ast "$tmp/big.zena"
check "a big program parsed in two halves gives the tree it gives whole" \
  '[ $status -eq 0 ]' 'cmp -s "$out" "$tmp/big-whole.json"' 'empty "$err"'
ZENA_SPLIT=0 ZENA_PREFAULT=0 "$zena" --target=js "$tmp/big.zena" >"$tmp/big-whole.wat" 2>&1
check "a big program compiles the same in two halves as whole" \
  'cmp -s "$tmp/big-alone.wat" "$tmp/big-whole.wat"'

# big_with LINE...: $tmp/big.zena with the given lines after the line its
# middle byte is on, as $tmp/mid.zena (where the split is looked for).
mid_line=$(awk -v half=$(($(wc -c <"$tmp/big.zena") / 2)) \
  '{ n += length($0) + 1; if (n >= half) { print NR; exit } }' "$tmp/big.zena")
big_with() {
  { head -n "$mid_line" "$tmp/big.zena"; printf '%s\n' "$@"
    tail -n +$((mid_line + 1)) "$tmp/big.zena"; } >"$tmp/mid.zena"
}
# same_as_whole NAME ARGS...: the compiler's stdout, stderr and status for
# $tmp/mid.zena are those of the source parsed whole.
same_as_whole() {
  local name=$1
  shift
  ZENA_SPLIT=0 "$zena" "$@" "$tmp/mid.zena" >"$tmp/whole.out" 2>"$tmp/whole.err"
  local whole=$?
  run "$@" "$tmp/mid.zena"
  check "$name" "[ \$status -eq $whole ]" 'cmp -s "$out" "$tmp/whole.out"' \
    'cmp -s "$err" "$tmp/whole.err"'
}

# Where the middle is inside a template literal, a block comment or a
# function body, a line that looks like a declaration is not one: the first
# half then does not end cleanly, and the source is parsed whole.
lookalikes=()
for ((i = 0; i < 200; i++)); do lookalikes+=("let not_a_declaration$i = $i;"); done
big_with 'let t = `' "${lookalikes[@]}" '`;'
same_as_whole "a line in a template literal at the middle is not a place to split" --dump-ast
check "... and its text stays text" '! has "$out" "\"name\": \"not_a_declaration7\""' \
  'has "$out" "\\nlet not_a_declaration7 = 7;\\n"'
big_with '/*' "${lookalikes[@]}" '*/'
same_as_whole "a line in a block comment at the middle is not a place to split" --dump-ast
big_with 'let f = (): i32 => {' "${lookalikes[@]}" 'return 0;' '};'
same_as_whole "a line in a function body at the middle is not a place to split" --target=js

# The statement before the split may end in a block with no ';' (the
# classifier inserts one, looking at what follows), or the half after it
# start with a generic arrow function.
big_with 'match (1) { case 1: 2 case _: 3 }'
same_as_whole "a match statement without ';' just before the split" --dump-ast
big_with 'if (true) { 1 } else { 2 }' 'let g = (): i32 => { return 1; }'
same_as_whole "an if expression and a block-bodied arrow just around the split" --target=js
big_with 'let u = <T>(x: T): T => x;'
same_as_whole "a generic arrow function just after the split" --dump-ast

# Errors in either half are reported as for the whole source, once.
big_with 'let late = ;'
same_as_whole "a syntax error in the second half is reported as for the whole source" --check
check "... at its line, once" '[ $status -eq 1 ]' \
  'first_line "$err" "$tmp/mid.zena:$((mid_line + 1)):12: error: Unexpected token '"'"';'"'"'"' \
  '[ $(grep -c "error:" "$err") -eq 1 ]'
{ head -n 100 "$tmp/big.zena"; echo 'let s = "unterminated;'; tail -n +101 "$tmp/big.zena"; } \
  >"$tmp/mid.zena"
same_as_whole "a lexical error in the first half is reported as for the whole source" --check
check "... at its line" '[ $status -eq 1 ]' 'has "$err" "$tmp/mid.zena:101:"'

deep="let deep = 1$(printf ' + 1%.0s' $(seq 1100));"
printf '%s\n' "$deep" >"$tmp/deep.zena"
run --check "$tmp/deep.zena"
check "a tree too deep for the recursive passes is an error" '[ $status -eq 1 ]' \
  'empty "$out"' \
  'first_line "$err" "$tmp/deep.zena:1:424: error: Nesting too deep (more than 1000 levels)"'
big_with "$deep"
same_as_whole "a tree too deep in the second half is reported as for the whole source" --check
check "... once" '[ $status -eq 1 ]' '[ $(grep -c "error:" "$err") -eq 1 ]' \
  'has "$err" "$tmp/mid.zena:$((mid_line + 1)):"'

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
