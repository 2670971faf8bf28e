#!/usr/bin/env bash
# Syntax conformance (run.mjs --mode=syntax against syntax.pass); see run-suite.sh.
exec bash "$(dirname "${BASH_SOURCE[0]}")/run-suite.sh" syntax "$@"
