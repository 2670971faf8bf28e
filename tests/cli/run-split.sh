#!/usr/bin/env bash
# tests/cli/run-split.sh - a big module is parsed in two halves on two
# threads (grammar/parse.c); this checks that the halves always give what
# the whole source gives.
#
# Each end-to-end test program (tests/e2e/*.zena, its `main` renamed) is put
# in the middle of a generated program of some 300 KB, where the split is
# looked for, so that the split falls before, inside or after it; and each
# of its lines alone is put there too (most of them are not a whole
# statement: errors).  --dump-ast output, diagnostics and exit status must
# be those of ZENA_SPLIT=0.  Prints "N passed, N failed"; exits 1 if any
# differ.  Run by `make check`.
set -u

. "$(dirname "${BASH_SOURCE[0]}")/../compiler.sh"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/zena-split.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT

# Over SPLIT_SOURCE (256 KB) but mostly comments, so that its tree is small.
pad=$(printf '%0240d' 0)
for ((i = 0; i < 1200; i++)); do
  echo "let v$i = $i; // $pad"
done >"$tmp/big.zena"
mid_line=$(awk -v half=$(($(wc -c <"$tmp/big.zena") / 2)) \
  '{ n += length($0) + 1; if (n >= half) { print NR; exit } }' "$tmp/big.zena")
head -n "$mid_line" "$tmp/big.zena" >"$tmp/head.zena"
tail -n +$((mid_line + 1)) "$tmp/big.zena" >"$tmp/tail.zena"

passed=0
failed=0

# same NAME: $tmp/in.zena gives the same tree, messages and status in two
# halves as whole.
same() {
  ZENA_SPLIT=0 "$zena" --dump-ast "$tmp/in.zena" >"$tmp/whole.json" 2>"$tmp/whole.err"
  local whole=$?
  "$zena" --dump-ast "$tmp/in.zena" >"$tmp/split.json" 2>"$tmp/split.err"
  local split=$?
  if [ $whole -eq $split ] && cmp -s "$tmp/whole.json" "$tmp/split.json" &&
    cmp -s "$tmp/whole.err" "$tmp/split.err"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL - $1: status $whole whole, $split in halves"
    diff "$tmp/whole.err" "$tmp/split.err" | head -5
  fi
}

n=0
for f in "$srcdir"/tests/e2e/*.zena; do
  n=$((n + 1))
  sed "s/^export let main\b/let main_$n/" "$f" | cat "$tmp/head.zena" - "$tmp/tail.zena" \
    >"$tmp/in.zena"
  same "${f##*/} in the middle"
done

# Single lines of every 20th program: statements, pieces of them, comments.
for f in "$srcdir"/tests/e2e/*.zena; do
  n=$((n + 1))
  ((n % 20 == 0)) || continue
  while IFS= read -r line; do
    { cat "$tmp/head.zena"; printf '%s\n' "$line"; cat "$tmp/tail.zena"; } >"$tmp/in.zena"
    same "line '$line' of ${f##*/} in the middle"
  done <"$f"
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
