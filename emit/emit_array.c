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

/* x, or `(local.tee $temp x)` when there is a temp to keep it in. */
static void emit_kept(Emitter *e, Node *x, const char *temp) {
  if (temp)
    tb_printf(e->out, "(local.tee $%s ", temp);
  emit_expr(e, x);
  put(e, temp ? ") " : " ");
}

/* Opens `old op v` for a compound assignment whose old value has type t:
 * the caller writes old, v and the closing parenthesis. */
static void open_update(Emitter *e, const char *op, const Type *t) {
  if (t->kind == TY_STRING) {
    e->needs[RT_STRING] = true;
    put(e, "(call $zena_string_concat ");
  } else {
    tb_printf(e->out, "(%s.%s ", wasm_type(e, t), binary_instr(op, t));
  }
}

/* `obj[i] = v` through the class's operator []= (v kept for the value);
 * `obj[i] op= v` reads the old value through operator [] (on a), obj and i
 * kept in scratch locals. */
static void emit_index_store(Emitter *e, Node *a, bool as_value) {
  Node *target = a->AssignmentExpression.left;
  const char *op = a->AssignmentExpression.op;
  const Type *get = op ? a->sym->type : NULL;
  const char *tv = as_value ? new_temp(e, wasm_type(e, a->type)) : NULL;
  const char *to = op ? new_temp(e, wasm_type(e, target->IndexExpression.object->type)) : NULL;
  const char *ti = op ? new_temp(e, wasm_type(e, get->params[0])) : NULL;
  if (as_value)
    tb_printf(e->out, "(block (result %s) ", wasm_type(e, a->type));
  tb_printf(e->out, "(call $%s ", call_target(e, target));
  emit_kept(e, target->IndexExpression.object, to);
  emit_kept(e, target->IndexExpression.index, ti);
  if (tv)
    tb_printf(e->out, "(local.tee $%s ", tv);
  if (op) {
    open_update(e, op, get->result);
    tb_printf(e->out, "(call $%s (local.get $%s) (local.get $%s)) ", call_target(e, a),
              to, ti);
  }
  emit_expr(e, a->AssignmentExpression.value);
  put(e, op ? ")" : "");
  put(e, tv ? "))" : ")");
  if (tv)
    tb_printf(e->out, " (local.get $%s))", tv);
}

/* `arr[i] = v` / `arr[i] op= v`: the array and index go to scratch locals
 * when they are needed twice. */
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
  emit_kept(e, arr, ta);
  emit_kept(e, idx, ti);
  if (a->AssignmentExpression.op) {
    open_update(e, a->AssignmentExpression.op, a->type);
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
