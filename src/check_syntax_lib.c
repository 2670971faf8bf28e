/*
 * check_syntax_lib.c - syntax that builds standard library objects: map
 * literals (zena:map) and range expressions (zena:range).  The module
 * loader loads those modules for any module using the syntax.
 *
 * Each is rewritten in place into the code it stands for and checked as
 * that, so the emitter sees ordinary calls:
 *
 *   {k1 => v1, k2 => v2}   HashMap.of([k1, k2], [v1, v2])  (K, V inferred)
 *   a..b  a..  ..b  ..     new BoundedRange(a, b), new FromRange(a),
 *                          new ToRange(b), new FullRange()
 *
 * The classes are named through hidden aliases (`$$HashMap`), declared in a
 * scope of their own around the rewritten node, so the program's own
 * names cannot shadow them.
 */
#include "checker.h"

#include <string.h>

/* Checks e (already rewritten to use `$$name`) with `$$name` standing for
 * the export `name` of the standard library module `path`. */
static Type *check_with_stdlib_name(Checker *c, Node *e, const char *path,
                                    const char *name, Type *expected) {
  NodeList *modules = c->prog->modules;
  Symbol *sym = NULL;
  for (int i = 0; i < c->module && !sym; i++)
    if (strcmp(modules->items[i]->Module.path, path) == 0)
      sym = scope_find(c->module_scopes[i], name);
  if (!sym) { /* the loader loads it: only a broken stdlib gets here */
    diag_error(c->diag, e->loc, "Module '%s' has no export named '%s'", path, name);
    return type_basic(TY_ERROR);
  }
  Scope scope;
  push_scope(c, &scope);
  declare_same_as(c, arena_printf(c->arena, "$$%s", name), sym, sym->decl);
  Type *t = check_expr(c, e, expected);
  pop_scope(c);
  return t;
}

static Node *hidden_name(Checker *c, const char *name, Loc loc) {
  return node_ident(c->arena, arena_printf(c->arena, "$$%s", name), loc);
}

static Node *array_of(Checker *c, NodeList *elements, Loc loc) {
  Node *array = node_new(c->arena, ND_ArrayLiteral, loc);
  array->ArrayLiteral.elements = elements;
  return array;
}

Type *check_map_literal(Checker *c, Node *e, Type *expected) {
  NodeList *entries = e->MapLiteral.entries;
  NodeList *keys = list_new(c->arena), *values = list_new(c->arena);
  for (int i = 0; entries && i < entries->len; i++) {
    list_push(c->arena, keys, entries->items[i]->MapEntry.key);
    list_push(c->arena, values, entries->items[i]->MapEntry.value);
  }
  Loc loc = e->loc;
  Node *member = node_new(c->arena, ND_MemberExpression, loc);
  member->MemberExpression.object = hidden_name(c, "HashMap", loc);
  member->MemberExpression.property = node_ident(c->arena, "of", loc);
  Node *call = node_new(c->arena, ND_CallExpression, loc);
  call->CallExpression.callee = member;
  call->CallExpression.arguments =
      list_push(c->arena, NULL, array_of(c, keys, loc));
  list_push(c->arena, call->CallExpression.arguments, array_of(c, values, loc));
  *e = *call;
  return check_with_stdlib_name(c, e, "zena:map", "HashMap", expected);
}

Type *check_range(Checker *c, Node *e) {
  Node *start = e->RangeExpression.start, *end = e->RangeExpression.end;
  const char *cls = start && end ? "BoundedRange"
                  : start        ? "FromRange"
                  : end          ? "ToRange"
                                 : "FullRange";
  Node *made = node_new(c->arena, ND_NewExpression, e->loc);
  made->NewExpression.callee = hidden_name(c, cls, e->loc);
  made->NewExpression.arguments = list_new(c->arena);
  if (start)
    list_push(c->arena, made->NewExpression.arguments, start);
  if (end)
    list_push(c->arena, made->NewExpression.arguments, end);
  *e = *made;
  return check_with_stdlib_name(c, e, "zena:range", cls, NULL);
}
