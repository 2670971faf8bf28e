#!/usr/bin/env bash
# Execution conformance (run.mjs --mode=run against execution.pass); see run-suite.sh.
exec bash "$(dirname "${BASH_SOURCE[0]}")/run-suite.sh" run "$@"
