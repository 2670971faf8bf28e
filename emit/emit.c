/*
 * emit.c - WAT output.  The emitter arrives with the type checker; until
 * then asking for WAT is answered honestly instead of with half a module.
 */
#include "zena.h"

bool emit_module(FILE *out, const Node *module, Target target, Diag *diag) {
  (void)out;
  (void)module;
  (void)target;
  (void)diag;
  fputs("zena2wat: WAT output is not implemented yet "
        "(use --dump-ast or --check)\n", stderr);
  return false;
}
