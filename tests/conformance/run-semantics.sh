#!/usr/bin/env bash
# Semantics conformance (run.mjs --mode=check against semantics.pass); see run-suite.sh.
exec bash "$(dirname "${BASH_SOURCE[0]}")/run-suite.sh" check "$@"
