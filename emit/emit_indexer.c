/*
 * emit_indexer.c - `obj[i]` and `obj[i] = v` on objects of a class: calls
 * of its `operator []` and `operator []=` (the checker put them on the
 * nodes).
 */
#include "emit.h"

static void call_indexer(Emitter *e, const Symbol *op, Node *index_expr) {
  fprintf(e->out, "(call $%s ", method_target(e, op->fn->method));
  emit_expr(e, index_expr->IndexExpression.object);
  fputc(' ', e->out);
  emit_expr(e, index_expr->IndexExpression.index);
}

void emit_indexer_get(Emitter *e, Node *x) {
  call_indexer(e, x->sym, x);
  fputc(')', e->out);
}

/* as_value: the assigned value is also the expression's value. */
void emit_indexer_set(Emitter *e, Node *assign, bool as_value) {
  Node *value = assign->AssignmentExpression.value;
  const char *type = as_value ? wasm_type(e, assign->type) : NULL;
  const char *tmp = type ? new_temp(e, type) : NULL;
  if (tmp)
    fprintf(e->out, "(block (result %s) ", type);
  call_indexer(e, assign->sym, assign->AssignmentExpression.left);
  fputc(' ', e->out);
  if (tmp)
    fprintf(e->out, "(local.tee $%s ", tmp);
  emit_expr(e, value);
  fputs(tmp ? ")) " : ")", e->out);
  if (tmp)
    fprintf(e->out, "(local.get $%s))", tmp);
}
