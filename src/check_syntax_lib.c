/*
 * check_syntax_lib.c - syntax that builds standard library objects: map
 * literals (zena:map) and range expressions (zena:range).  The module
 * loader loads those modules for any module using the syntax.
 *
 * Each is rewritten in place into the code it stands for and checked as
 * that, so the emitter sees ordinary calls:
 *
 *   {k1 => v1, k2 => v2}   mapOf([k1, k2], [v1, v2])  (K, V inferred, or
 *                          mapOf<K, V>(...) when a HashMap<K, V> is expected)
 *   a..b  a..  ..b  ..     new BoundedRange(a, b), new FromRange(a),
 *                          new ToRange(b), new FullRange()
 *
 * The stdlib names are used through hidden aliases (`$$mapOf`), declared in a
 * scope of their own around the rewritten node, so the program's own
 * names cannot shadow them.
 */
#include "checker.h"

#include <string.h>

/* The export `name` of the standard library module `path`, which the
 * loader has loaded before this module; NULL (reported) if it is missing. */
static Symbol *stdlib_export(Checker *c, const Node *at, const char *path,
                             const char *name) {
  NodeList *modules = c->prog->modules;
  for (int i = 0; i < c->module; i++)
    if (strcmp(modules->items[i]->Module.path, path) == 0) {
      Symbol *sym = scope_find(c->module_scopes[i], name);
      if (sym)
        return sym;
    }
  diag_error(c->diag, at->loc, "Module '%s' has no export named '%s'", path, name);
  return NULL;
}

/* Checks e (already rewritten to use `$$name`) with `$$name` standing for
 * sym. */
static Type *check_with_alias(Checker *c, Node *e, const char *name, Symbol *sym,
                              Type *expected) {
  if (!sym)
    return type_basic(TY_ERROR);
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

/* `<$$K, $$V>` for a map literal where a HashMap<K, V> is expected (so
 * `{'a' => 1}` can be a HashMap<String, i64>), with $$K and $$V declared
 * in the current scope; NULL otherwise. */
static NodeList *expected_map_types(Checker *c, Node *e, Type *expected) {
  Symbol *map = stdlib_export(c, e, "zena:map", "HashMap");
  Type *t = expected ? type_without_null(expected) : NULL;
  if (!map || !t || t->kind != TY_CLASS || !t->cls->generic ||
      t->cls->generic != map->generic)
    return NULL;
  NodeList *targs = NULL;
  const char *names[] = {"$$K", "$$V"};
  for (int i = 0; i < 2; i++) {
    declare(c, names[i], SYM_TYPE_PARAM, t->cls->targs[i], e);
    Node *ann = node_new(c->arena, ND_TypeAnnotation, e->loc);
    ann->TypeAnnotation.name = names[i];
    targs = list_push(c->arena, targs, ann);
  }
  return targs;
}

Type *check_map_literal(Checker *c, Node *e, Type *expected) {
  NodeList *entries = e->MapLiteral.entries;
  NodeList *keys = list_new(c->arena), *values = list_new(c->arena);
  for (int i = 0; entries && i < entries->len; i++) {
    list_push(c->arena, keys, entries->items[i]->MapEntry.key);
    list_push(c->arena, values, entries->items[i]->MapEntry.value);
  }
  Loc loc = e->loc;
  Scope scope;
  push_scope(c, &scope);
  Node *call = node_new(c->arena, ND_CallExpression, loc);
  call->CallExpression.callee = hidden_name(c, "mapOf", loc);
  call->CallExpression.typeArguments = expected_map_types(c, e, expected);
  call->CallExpression.arguments = list_push(c->arena, NULL, array_of(c, keys, loc));
  list_push(c->arena, call->CallExpression.arguments, array_of(c, values, loc));
  node_become(e, call);
  Type *t = check_with_alias(c, e, "mapOf", stdlib_export(c, e, "zena:map", "mapOf"),
                             expected);
  pop_scope(c);
  return t;
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
  node_become(e, made);
  return check_with_alias(c, e, cls, stdlib_export(c, e, "zena:range", cls), NULL);
}
