# tests/runner.sh - what the shell test runners that take --filter share;
# sourced by tests/acceptance/run.sh and tests/async-diff/run.sh.
#
#   take_filter "$@"     sets filter to SUBSTR from --filter=SUBSTR (default:
#                        empty, every test); anything else is a usage error
#   fail NAME WHERE WHY  prints `FAIL NAME [WHERE]: WHY` and counts it
# passed and failed count the cases; tmp is a scratch directory removed on exit.
take_filter() {
  filter=
  for a in "$@"; do
    case $a in
      --filter=*) filter=${a#--filter=} ;;
      *) echo "usage: run.sh [--filter=SUBSTR]" >&2; exit 99 ;;
    esac
  done
}

fail() {
  echo "FAIL $1 [$2]: $3"
  failed=$((failed + 1))
}

passed=0 failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
