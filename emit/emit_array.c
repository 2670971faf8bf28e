/*
 * emit_array.c - arrays: literals, reads and writes (`arr[i]`, with
 * `op=`), and indexing through a class's `operator []` / `operator []=`.
 */
#include "emit.h"

#include <string.h>

void emit_array_literal(Emitter *e, Node *a) {
  NodeList *items = a->ArrayLiteral.elements;
  tb_printf(e->out, "(array.new_fixed $%s %d", array_type_name(e, a->type), items->len);
  for (int i = 0; i < items->len; i++) {
    put(e, " ");
    emit_expr(e, items->items[i]);
  }
  put(e, ")");
}

/* `(array.get $Array.T ARR IDX)`; ARR and IDX are written by the caller's
 * callbacks so that they may come from scratch locals. */
void emit_array_get(Emitter *e, const Type *array, const char *arr,
                    const char *idx, Node *arr_expr, Node *idx_expr) {
  bool ref = needs_non_null(e, array->elem);
  if (ref)
    put(e, "(ref.as_non_null ");
  tb_printf(e->out, "(array.get $%s ", array_type_name(e, array));
  if (arr)
    tb_printf(e->out, "(local.get $%s)", arr);
  else
    emit_expr(e, arr_expr);
  put(e, " ");
  if (idx)
    tb_printf(e->out, "(local.get $%s)", idx);
  else
    emit_expr(e, idx_expr);
  put(e, ref ? "))" : ")");
}

void emit_index(Emitter *e, Node *x) {
  if (x->IndexExpression.object->type->kind == TY_TUPLE) {
    emit_shape_get(e, x);
    return;
  }
  if (x->sym) { /* the class's operator [] */
    tb_printf(e->out, "(call $%s ", call_target(e, x));
    emit_expr(e, x->IndexExpression.object);
    put(e, " ");
    emit_expr(e, x->IndexExpression.index);
    put(e, ")");
    return;
  }
  emit_array_get(e, x->IndexExpression.object->type, NULL, NULL,
                 x->IndexExpression.object, x->IndexExpression.index);
}

/* `arr[i] = v` / `arr[i] op= v`: the array and index go to scratch locals
 * when they are needed twice. */
/* `obj[i] = v` through the class's operator []= (v kept for the value). */
static void emit_index_store(Emitter *e, Node *a, bool as_value) {
  Node *target = a->AssignmentExpression.left;
  const char *tv = as_value ? new_temp(e, wasm_type(e, a->type)) : NULL;
  if (as_value)
    tb_printf(e->out, "(block (result %s) ", wasm_type(e, a->type));
  tb_printf(e->out, "(call $%s ", call_target(e, target));
  emit_expr(e, target->IndexExpression.object);
  put(e, " ");
  emit_expr(e, target->IndexExpression.index);
  put(e, " ");
  if (tv)
    tb_printf(e->out, "(local.tee $%s ", tv);
  emit_expr(e, a->AssignmentExpression.value);
  put(e, tv ? "))" : ")");
  if (tv)
    tb_printf(e->out, " (local.get $%s))", tv);
}

void emit_index_assignment(Emitter *e, Node *a, bool as_value) {
  Node *target = a->AssignmentExpression.left;
  if (target->sym) {
    emit_index_store(e, a, as_value);
    return;
  }
  Node *arr = target->IndexExpression.object, *idx = target->IndexExpression.index;
  const Type *array = arr->type;
  bool twice = as_value || a->AssignmentExpression.op;
  const char *ta = twice ? new_temp(e, wasm_type(e, array)) : NULL;
  const char *ti = twice ? new_temp(e, "i32") : NULL;
  if (as_value)
    tb_printf(e->out, "(block (result %s) ", wasm_type(e, a->type));
  tb_printf(e->out, "(array.set $%s ", array_type_name(e, array));
  if (ta)
    tb_printf(e->out, "(local.tee $%s ", ta);
  emit_expr(e, arr);
  put(e, ta ? ") " : " ");
  if (ti)
    tb_printf(e->out, "(local.tee $%s ", ti);
  emit_expr(e, idx);
  put(e, ti ? ") " : " ");
  if (a->AssignmentExpression.op) {
    const char *op = a->AssignmentExpression.op;
    if (a->type->kind == TY_STRING) {
      e->needs[RT_STRING] = true;
      put(e, "(call $zena_string_concat ");
    } else {
      tb_printf(e->out, "(%s.%s ", wasm_type(e, a->type), binary_instr(op, a->type));
    }
    emit_array_get(e, array, ta, ti, NULL, NULL);
    put(e, " ");
    emit_expr(e, a->AssignmentExpression.value);
    put(e, ")");
  } else {
    emit_expr(e, a->AssignmentExpression.value);
  }
  put(e, ")");
  if (as_value) {
    put(e, " ");
    emit_array_get(e, array, ta, ti, NULL, NULL);
    put(e, ")");
  }
}
