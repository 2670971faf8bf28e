/*
 * check_intrinsic.c - built-in functions the standard library is written
 * with (any module may call them).  Their names start with `__` and only
 * count where no declaration of that name is in scope.
 *
 *   __array_new(size: i32, init: T): FixedArray<T>   size copies of init
 */
#include "checker.h"

#include <string.h>

bool is_intrinsic_call(Checker *c, const Node *callee) {
  const char *name = callee->Identifier.name;
  return strcmp(name, "__array_new") == 0 && !lookup(c, name);
}

Type *check_intrinsic_call(Checker *c, Node *call) {
  Node *callee = call->CallExpression.callee;
  NodeList *args = call->CallExpression.arguments;
  if (args->len != 2) {
    diag_error(c->diag, call->loc, "Expected 2 arguments, got %d", args->len);
    return type_basic(TY_ERROR);
  }
  Type *size = check_expr(c, args->items[0], type_basic(TY_I32));
  expect_type(c, args->items[0], size, type_basic(TY_I32));
  Type *init = check_expr(c, args->items[1], NULL);
  if (init->kind == TY_ERROR)
    return init;
  if (init->kind == TY_VOID || init->kind == TY_NULL || init->kind == TY_NEVER) {
    diag_error(c->diag, args->items[1]->loc, "An array cannot hold %s",
               tname(c, init));
    return type_basic(TY_ERROR);
  }
  callee->sym = arena_alloc(c->arena, sizeof(Symbol));
  *callee->sym = (Symbol){.name = callee->Identifier.name, .kind = SYM_BUILTIN,
                          .decl = call, .wasm_name = callee->Identifier.name};
  return type_array(init);
}
