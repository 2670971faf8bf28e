/*
 * emit_chain.c - optional chains (`a?.b`, `f?(x)`, `a?[i]`) and `??`: each
 * link branches out of the chain's block where a value is null.
 */
#include "emit.h"

#include <string.h>

/* Is x a link of an optional chain (it, or what it reads through, has ?.)? */
bool is_chain(const Node *x) {
  switch (x->kind) {
  case ND_MemberExpression:
    return x->MemberExpression.optional || is_chain(x->MemberExpression.object);
  case ND_IndexExpression:
    return x->IndexExpression.optional || is_chain(x->IndexExpression.object);
  case ND_CallExpression:
    return x->CallExpression.optional || is_chain(x->CallExpression.callee);
  default:
    return false;
  }
}

static void emit_link(Emitter *e, Node *x, const char *stop);

/* The object a link reads: with `?.`, a null object stops the chain. */
static void emit_link_object(Emitter *e, Node *obj, bool optional, const char *stop) {
  if (optional)
    tb_printf(e->out, "(br_on_null $%s ", stop);
  if (is_chain(obj))
    emit_link(e, obj, stop);
  else
    emit_expr(e, obj);
  if (optional)
    put(e, ")");
}

/* The value of chain link x, branching to `stop` where a null ends it. */
/* A record field or tuple element x of obj (of shape type t) in a chain. */
static void emit_shape_link(Emitter *e, Node *x, Node *obj, const Type *t, bool optional,
                            const char *stop) {
  const char *close = open_shape_get(e, t, shape_slot(x));
  emit_link_object(e, obj, optional, stop);
  put(e, close);
}

static void emit_link(Emitter *e, Node *x, const char *stop) {
  bool non_null = needs_non_null(e, x->type);
  switch (x->kind) {
  case ND_MemberExpression: {
    Node *obj = x->MemberExpression.object;
    const Type *t = type_without_null(obj->type);
    if (t->kind == TY_RECORD) {
      emit_shape_link(e, x, obj, t, x->MemberExpression.optional, stop);
      return;
    }
    if (t->kind != TY_CLASS) { /* .length */
      put(e, "(array.len ");
      emit_link_object(e, obj, x->MemberExpression.optional, stop);
      put(e, ")");
      return;
    }
    const Field *fd = find_field(t->cls, x->MemberExpression.property->Identifier.name);
    non_null = needs_non_null(e, fd->type);
    if (non_null)
      put(e, "(ref.as_non_null ");
    tb_printf(e->out, "(struct.get $%s $%s ", t->cls->name, fd->name);
    emit_link_object(e, obj, x->MemberExpression.optional, stop);
    put(e, non_null ? "))" : ")");
    return;
  }
  case ND_IndexExpression: {
    Node *obj = x->IndexExpression.object;
    const Type *t = type_without_null(obj->type);
    if (t->kind == TY_TUPLE) {
      emit_shape_link(e, x, obj, t, x->IndexExpression.optional, stop);
      return;
    }
    if (x->sym) { /* the class's operator [] */
      tb_printf(e->out, "(call $%s ", call_target(e, x));
      emit_link_object(e, obj, x->IndexExpression.optional, stop);
      put(e, " ");
      emit_expr(e, x->IndexExpression.index);
      put(e, ")");
      return;
    }
    non_null = needs_non_null(e, t->elem);
    if (non_null)
      put(e, "(ref.as_non_null ");
    tb_printf(e->out, "(array.get $%s ", array_type_name(e, t));
    emit_link_object(e, obj, x->IndexExpression.optional, stop);
    put(e, " ");
    emit_expr(e, x->IndexExpression.index);
    put(e, non_null ? "))" : ")");
    return;
  }
  default: { /* a call: of a function value, or of a method */
    Node *callee = x->CallExpression.callee;
    bool method = callee->kind == ND_MemberExpression && callee->sym;
    if (method) {
      tb_printf(e->out, "(call $%s ", call_target(e, callee));
      emit_link_object(e, callee->MemberExpression.object,
                       callee->MemberExpression.optional, stop);
    } else {
      tb_printf(e->out, "(call $%s.invoke ",
              fn_type_name(e, type_without_null(callee->type)));
      emit_link_object(e, callee, x->CallExpression.optional, stop);
    }
    NodeList *args = x->CallExpression.arguments;
    for (int i = 0; i < args->len; i++) {
      put(e, " ");
      emit_expr(e, args->items[i]);
    }
    put(e, ")");
  }
  }
}

/* A whole chain: its value, or `fallback` (null when absent) where it
 * stops at a null. */
void emit_chain(Emitter *e, Node *x, Node *fallback, const Type *type) {
  const char *done = new_label(e, "chain");
  const char *stop = new_label(e, "stopped");
  const Type *boxed = fallback ? NULL : type_boxed_value(type);
  tb_printf(e->out, "(block $%s (result %s) (block $%s (br $%s ", done,
          wasm_type(e, type), stop, done);
  if (boxed)
    tb_printf(e->out, "(struct.new $%s ", box_type_name(e, boxed));
  emit_link(e, x, stop);
  put(e, boxed ? "))) " : ")) ");
  if (fallback)
    emit_expr(e, fallback);
  else
    put(e, "(ref.null none)");
  put(e, ")");
}

/* value, unless it is null: then fallback (`??` and `??=`). */
void emit_default(Emitter *e, Node *value, Node *fallback, const Type *type) {
  if (type_boxed_value(value->type) && !type_is_reference(type)) { /* unbox */
    const char *box = box_type_name(e, type_boxed_value(value->type));
    const char *t = new_temp(e, wasm_type(e, value->type));
    tb_printf(e->out, "(if (result %s) (ref.is_null (local.tee $%s ", wasm_type(e, type), t);
    emit_expr(e, value);
    put(e, ")) (then ");
    emit_expr(e, fallback);
    tb_printf(e->out, ") (else (struct.get $%s $value (local.get $%s))))", box, t);
    return;
  }
  const char *label = new_label(e, "nonnull");
  tb_printf(e->out, "(block $%s (result %s) (br_on_non_null $%s ", label,
          wasm_type(e, type), label);
  emit_expr(e, value);
  put(e, ") ");
  emit_expr(e, fallback);
  put(e, ")");
}
