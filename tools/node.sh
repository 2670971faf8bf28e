#!/usr/bin/env bash
# tools/node.sh SCRIPT [ARGS...] - run a script with the pinned Node (see tools/env.sh).
# Also the LOG_COMPILER for *.mjs tests in Makefile.am.
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/env.sh"
if [ -n "${ZENA_NODE:-}" ]; then
  exec "$ZENA_NODE" "$@"
fi
echo "tools/node.sh: pinned Node not found in node_modules: run npm ci" >&2
exit 99
