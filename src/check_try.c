/*
 * check_try.c - exceptions: `throw` and try/catch/finally.
 *
 * `throw e` is an expression of type never; e must be an Error (the class
 * of the prelude module zena:error, even where a module declares its own
 * Error).  A try expression has the type of its body and its handler, as an
 * if/else has; the finally block runs for effect only.
 */
#include "checker.h"

#include <string.h>

/* zena:error's Error class; also tells the emitter the program throws or
 * catches, so it needs the exception tag. */
Type *error_type(Checker *c) {
  if (c->prog->thrown)
    return c->prog->thrown->type;
  NodeList *modules = c->prog->modules;
  for (int i = 0; i < modules->len; i++) {
    if (strcmp(modules->items[i]->Module.path, "zena:error") != 0)
      continue;
    for (Symbol *sym = c->module_scopes[i]->syms; sym; sym = sym->next)
      if (sym->kind == SYM_CLASS && strcmp(sym->name, "Error") == 0) {
        c->prog->thrown = sym->type->cls;
        return sym->type;
      }
  }
  return type_basic(TY_ERROR); /* the prelude is always loaded */
}

Type *check_throw(Checker *c, Node *e) {
  Node *arg = e->ThrowExpression.argument;
  Type *error = error_type(c);
  Type *t = check_expr(c, arg, error);
  if (t->kind != TY_ERROR)
    expect_type(c, arg, t, error);
  return type_basic(TY_NEVER);
}

/* `catch (e) {...}`: e is the Error caught. */
static Type *check_handler(Checker *c, Node *handler, Type *expected) {
  Scope scope;
  push_scope(c, &scope);
  Node *param = handler->CatchClause.param;
  if (param)
    param->sym = declare(c, param->Identifier.name, SYM_LOCAL, error_type(c),
                         param);
  Type *t = check_branch(c, handler->CatchClause.body, expected);
  pop_scope(c);
  return t;
}

Type *check_try(Checker *c, Node *e, Type *expected) {
  Node *handler = e->TryExpression.handler;
  Node *finalizer = e->TryExpression.finalizer;
  if (!handler && !finalizer)
    diag_error(c->diag, e->loc, "A 'try' needs a 'catch' or a 'finally' clause");
  error_type(c);
  Type *body = check_branch(c, e->TryExpression.body, expected);
  Type *t = body;
  if (handler) {
    Type *other = check_handler(c, handler, expected ? expected : body);
    t = join_branches(c, handler, body, other, expected);
  }
  if (finalizer)
    check_block(c, finalizer);
  return t;
}
