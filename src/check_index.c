/*
 * check_index.c - indexing: `arr[i]` on arrays, and `obj[i]` / `obj[i] = v`
 * on classes that define `operator []` / `operator []=`; and the intrinsics
 * the standard library's collections are built on.
 */
#include "checker.h"

#include <string.h>

/* A call of a class's `operator []` or `operator []=` (name): checks the
 * arguments (the index, and for a store the value) and puts the method on
 * the node; returns the method's type, or NULL when there is none. */
static Type *operator_method(Checker *c, Node *e, ClassInfo *cls, const char *name,
                             Node **args, int nargs) {
  const Method *m = find_method(cls, name);
  if (!m) {
    diag_error(c->diag, e->loc, "Type '%s' has no operator %s", tname(c, cls->type),
               name);
    return NULL;
  }
  if (is_overloaded(cls, name)) {
    m = check_overloaded_call(c, cls, name, args, NULL, nargs, e);
    if (!m)
      return NULL;
    e->sym = m->fn->sym;
    return m->fn->sym->type;
  }
  resolve_function(c, m->fn->sym, e);
  Type *fn = m->fn->sym->type;
  if (fn->nparams != nargs) {
    diag_error(c->diag, e->loc, "operator %s of '%s' must take %d parameter%s", name,
               tname(c, cls->type), nargs, nargs == 1 ? "" : "s");
    return NULL;
  }
  for (int i = 0; i < nargs; i++)
    expect_type(c, args[i], check_expr(c, args[i], fn->params[i]), fn->params[i]);
  e->sym = m->fn->sym;
  return fn;
}

static bool read_only_indexer(Checker *c, const Node *target, ClassInfo *cls) {
  if (find_method(cls, "[]=") || !find_method(cls, "[]"))
    return false;
  diag_error(c->diag, target->loc, "Cannot assign through the read-only indexer of '%s'",
             tname(c, cls->type));
  return true;
}

/* `obj[i] = v` through the class's `operator []=`. */
Type *check_index_store(Checker *c, Node *e, ClassInfo *cls) {
  Node *target = e->AssignmentExpression.left;
  Node *args[2] = {target->IndexExpression.index, e->AssignmentExpression.value};
  if (read_only_indexer(c, target, cls)) {
    for (int i = 0; i < 2; i++)
      check_expr(c, args[i], NULL);
    return type_basic(TY_ERROR);
  }
  Type *fn = operator_method(c, target, cls, "[]=", args, 2);
  return target->type = fn ? fn->params[1] : type_basic(TY_ERROR);
}

/* `obj[i] op= v`: the old value comes from the class's `operator []` (its
 * method goes on e), the new one goes to `operator []=` (on the target,
 * whose type becomes the value's).  Returns the old value's type, or NULL
 * (reported). */
Type *check_index_update(Checker *c, Node *e, ClassInfo *cls) {
  Node *target = e->AssignmentExpression.left;
  Node *index = target->IndexExpression.index;
  if (strcmp(e->AssignmentExpression.op, "??") == 0 || is_overloaded(cls, "[]=")) {
    unsupported(c, e, "this compound assignment through operator []=");
    return NULL;
  }
  if (read_only_indexer(c, target, cls))
    return NULL;
  Type *get = operator_method(c, e, cls, "[]", &index, 1);
  const Method *set = find_method(cls, "[]=");
  if (!get || !set) {
    if (get) /* neither operator: operator_method reported it */
      diag_error(c->diag, target->loc, "Type '%s' has no operator []=", tname(c, cls->type));
    return NULL;
  }
  resolve_function(c, set->fn->sym, e);
  Type *fn = set->fn->sym->type;
  if (fn->nparams != 2) {
    diag_error(c->diag, e->loc, "operator []= of '%s' must take 2 parameters",
               tname(c, cls->type));
    return NULL;
  }
  expect_type(c, index, index->type, fn->params[0]);
  target->sym = set->fn->sym;
  target->type = fn->params[1];
  return get->result;
}

/* `obj[i]` once obj's type t is known. */
Type *check_index_of(Checker *c, Node *e, Type *t) {
  bool optional = e->IndexExpression.optional;
  Type *object = optional ? chain_object(t) : t;
  if (object->kind == TY_CLASS) {
    Type *fn = operator_method(c, e, object->cls, "[]", &e->IndexExpression.index, 1);
    if (!fn)
      return type_basic(TY_ERROR);
    return optional ? chain_result(c, e, fn->result) : fn->result;
  }
  Type *i = check_expr(c, e->IndexExpression.index, type_basic(TY_I32));
  if (t->kind == TY_ERROR)
    return t;
  if (optional)
    t = chain_object(t);
  if (t->kind == TY_TUPLE) { /* a known index: check_record.c */
    Type *et = check_tuple_index(c, e, t);
    return optional ? chain_result(c, e, et) : et;
  }
  if (t->kind != TY_ARRAY) {
    unsupported(c, e, arena_printf(c->arena, "indexing %s", tname(c, t)));
    return type_basic(TY_ERROR);
  }
  expect_type(c, e->IndexExpression.index, i, type_basic(TY_I32));
  return optional ? chain_result(c, e, t->elem) : t->elem;
}

Type *check_index(Checker *c, Node *e) {
  return check_index_of(c, e, check_expr(c, e->IndexExpression.object, NULL));
}

/* `__array_new(length, value)`: a FixedArray of length copies of value
 * (the intrinsic the standard library builds arrays with). */
Type *check_array_new(Checker *c, Node *call, Type *expected) {
  NodeList *args = call->CallExpression.arguments;
  if (args->len != 2) {
    diag_error(c->diag, call->loc, "__array_new expects 2 arguments, got %d", args->len);
    return type_basic(TY_ERROR);
  }
  Type *want = expected && expected->kind == TY_ARRAY ? expected->elem : NULL;
  Type *n = check_expr(c, args->items[0], type_basic(TY_I32));
  expect_type(c, args->items[0], n, type_basic(TY_I32));
  Type *elem = check_expr(c, args->items[1], want);
  if (want)
    expect_type(c, args->items[1], elem, want);
  if (elem->kind == TY_ERROR || elem->kind == TY_VOID)
    return type_basic(TY_ERROR);
  return type_array(want ? want : elem);
}

/* `hash(value)`: an i32 hash code (numbers themselves, strings FNV-1a,
 * objects their hashCode(), else 0). */
Type *check_hash(Checker *c, Node *call) {
  NodeList *args = call->CallExpression.arguments;
  if (args->len != 1) {
    diag_error(c->diag, call->loc, "hash expects 1 argument, got %d", args->len);
    return type_basic(TY_ERROR);
  }
  Type *t = check_expr(c, args->items[0], NULL);
  if (t->kind == TY_VOID)
    diag_error(c->diag, args->items[0]->loc, "hash needs a value, not void");
  if (t->kind == TY_CLASS) {
    const Method *m = find_method(t->cls, "hashCode");
    if (m)
      resolve_function(c, m->fn->sym, call);
  }
  return type_basic(TY_I32);
}
