/*
 * check_indexer.c - `obj[i]` and `obj[i] = v` on objects of a class, through
 * its `operator []` and `operator []=` methods.  A class with only
 * `operator []` has a read-only indexer.  The method goes on the node
 * (->sym: the IndexExpression's getter, the AssignmentExpression's setter).
 */
#include "checker.h"

#include <string.h>

/* The method name of operator [] and []=: a Wasm name, and one no method
 * written with a name can have. */
const char *indexer_method_name(const char *name) {
  return strcmp(name, "[]") == 0 ? "operator.index"
       : strcmp(name, "[]=") == 0 ? "operator.index=" : name;
}

/* The signature of cls's operator `name`, or NULL if it has none. */
static Type *indexer(Checker *c, ClassInfo *cls, const char *name, Node *at,
                     Symbol **sym) {
  const Method *m = find_method(cls, indexer_method_name(name));
  if (!m)
    return NULL;
  resolve_function(c, m->fn->sym, at);
  *sym = m->fn->sym;
  return m->fn->sym->type;
}

Type *check_class_index(Checker *c, Node *e, Type *t) {
  Type *fn = indexer(c, t->cls, "[]", e, &e->sym);
  if (!fn) {
    diag_error(c->diag, e->loc, "Type '%s' has no indexer (operator [])",
               tname(c, t));
    return type_basic(TY_ERROR);
  }
  Node *index = e->IndexExpression.index;
  if (fn->nparams != 1) {
    diag_error(c->diag, e->loc, "operator [] of '%s' must take one index",
               t->cls->name);
    return type_basic(TY_ERROR);
  }
  expect_type(c, index, check_expr(c, index, fn->params[0]), fn->params[0]);
  return fn->result;
}

void check_indexer_assignment(Checker *c, Node *assign) {
  Node *target = assign->AssignmentExpression.left;
  Type *t = target->IndexExpression.object->type;
  Type *fn = indexer(c, t->cls, "[]=", assign, &assign->sym);
  if (!fn) {
    diag_error(c->diag, target->loc,
               "Cannot assign through the read-only indexer of '%s'", tname(c, t));
    return;
  }
  if (fn->nparams != 2 || assign->AssignmentExpression.op)
    unsupported(c, assign, "this use of operator []=");
}
