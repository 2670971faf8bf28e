/*
 * emit_intrinsic.c - calls of the built-in functions of check_intrinsic.c.
 */
#include "emit.h"

/* __array_new(size, init) */
void emit_intrinsic_call(Emitter *e, Node *call) {
  NodeList *args = call->CallExpression.arguments;
  fprintf(e->out, "(array.new $%s ", array_type_name(e, call->type));
  emit_expr(e, args->items[1]);
  fputc(' ', e->out);
  emit_expr(e, args->items[0]);
  fputc(')', e->out);
}
