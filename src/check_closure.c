/*
 * check_closure.c - arrow functions inside functions: closures.
 *
 * A closure is checked in place, in a scope nested in the enclosing one, so
 * it sees the enclosing locals; every such local it uses becomes one of its
 * captures (see use_name in check.c).  The emitter lifts it to a Wasm
 * function of its own.
 */
#include "checker.h"

#include <string.h>

/* Argument adaptation: a function literal with fewer parameters than the
 * function type it is passed as gets the missing ones, unused, so it has
 * that type (no wrapper needed). */
static void adapt_params(Checker *c, Node *node, Type *expected) {
  NodeList *params = node->FunctionExpression.params;
  for (int i = params->len; i < expected->nparams; i++) {
    Node *p = node_new(c->arena, ND_Parameter, node->loc);
    p->Parameter.name = node_ident(c->arena, arena_printf(c->arena, "unused.%d", i),
                                   node->loc);
    list_push(c->arena, params, p);
  }
}

/* For a function literal given where a union of function types is wanted:
 * the first alternative it fits (at least as many parameters, the written
 * parameter types equal), or NULL. */
static Type *chosen_signature(Checker *c, NodeList *params, Type *wanted) {
  for (int m = 0; m < wanted->nmembers; m++) {
    Type *t = wanted->members[m];
    bool fits = t->kind == TY_FUNCTION && t->nparams >= params->len;
    for (int i = 0; fits && i < params->len; i++) {
      Node *ann = params->items[i]->Parameter.typeAnnotation;
      fits = !ann || resolve_type(c, ann) == t->params[i];
    }
    if (fits)
      return t;
  }
  return NULL;
}

Type *check_closure(Checker *c, Node *node, Type *expected) {
  FnParts fn = fn_parts(node);
  if (fn.tparams) {
    unsupported(c, node, "a generic function");
    return type_basic(TY_ERROR);
  }
  if (expected && expected->kind == TY_UNION)
    expected = chosen_signature(c, fn.params, expected);
  if (expected && expected->kind != TY_FUNCTION)
    expected = NULL;
  if (expected && expected->nparams > fn.params->len)
    adapt_params(c, node, expected);
  Function *outer = c->fn;
  Symbol *sym = arena_alloc(c->arena, sizeof(Symbol));
  sym->name = "closure";
  sym->kind = SYM_FUNCTION;
  sym->decl = node;
  sym->wasm_name = arena_printf(c->arena, "%s.closure%d",
                                outer ? outer->sym->wasm_name : "module",
                                ++c->closures);
  bool check_only = outer && outer->check_only;
  Function *f = check_only ? new_function(c, sym, node) : add_function(c, sym, node);
  f->check_only = check_only;
  f->parent = outer;
  f->is_closure = true;
  f->is_async = fn.is_async;
  node->sym = sym;

  Checker saved = *c;
  Scope scope;
  c->fn = f;
  c->loops = 0;
  push_scope(c, &scope);
  Type **types = declare_params(c, f, expected);
  int nparams = fn.params->len;
  Type *declared = resolve_type(c, fn.ret);
  c->result = declared;
  sym->type = function_signature(c, f, check_body(c, types, nparams, declared, fn.body));
  record_refs(c, f);
  c->scope = saved.scope;
  c->fn = saved.fn;
  c->result = saved.result;
  c->loops = saved.loops;
  return sym->type;
}
