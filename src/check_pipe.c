/*
 * check_pipe.c - the pipeline operator: `left |> right`, where `$` in right
 * stands for left's value.
 *
 * The left side is evaluated once, into a hidden variable named `$` (a
 * local, or a global at module level); each `$` reads it, so closures in
 * the right side capture it like any other variable.
 */
#include "checker.h"

Type *check_pipeline(Checker *c, Node *e) {
  Node *left = e->PipelineExpression.left;
  Type *value = check_expr(c, left, NULL);
  if (value->kind == TY_VOID) {
    diag_error(c->diag, left->loc, "The left side of '|>' has no value");
    value = type_basic(TY_ERROR);
  }
  Scope scope;
  push_scope(c, &scope);
  Symbol *sym = declare(c, "$", c->fn ? SYM_LOCAL : SYM_GLOBAL, value, e);
  if (!c->fn)
    add_global(c, sym);
  e->sym = sym;
  Type *t = check_expr(c, e->PipelineExpression.right, NULL);
  pop_scope(c);
  return t;
}

Type *check_placeholder(Checker *c, Node *e) {
  Symbol *sym = use_name(c, "$");
  if (!sym) {
    diag_error(c->diag, e->loc, "'$' can only be used inside a pipeline expression");
    return type_basic(TY_ERROR);
  }
  e->sym = sym;
  return sym->type;
}
