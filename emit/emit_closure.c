/*
 * emit_closure.c - function values, closures and the variables they share.
 *
 * A function value of signature N is a `$Fn.N` struct whose field `$call`
 * holds a `$Fn.N.code` function taking the struct itself first.  A closure
 * with captures is a subtype of `$Fn.N` (`$outer.closureK.env`) that also
 * holds them: `let` bindings by value, `var` bindings as a `$Cell.T` that
 * the enclosing function shares, so assignments are seen on both sides.
 * Calls go through `$Fn.N.invoke`, and a module-level function used as a
 * value gets an adapter, `$f.value`.
 */
#include "emit.h"

#include <string.h>

/* ---- names of the types involved ---- */

static int remember(Emitter *e, const Type ***list, int *n, const Type *t) {
  for (int i = 0; i < *n; i++)
    if ((*list)[i] == t)
      return i;
  *list = arena_grow(e->arena, *list, *n, sizeof(Type *));
  (*list)[*n] = t;
  return (*n)++;
}

const char *fn_type_name(Emitter *e, const Type *fn) {
  remember(e, &e->fn_types, &e->nfn_types, fn);
  return arena_printf(e->arena, "Fn.%d", fn->id);
}

/* "Cell.i32", "Cell.String", "Cell.Point", "Cell.Fn.3" */
static const char *cell_name(Emitter *e, const Type *t) {
  remember(e, &e->cells, &e->ncells, t);
  const char *vt = wasm_type(e, t);
  if (strncmp(vt, "(ref $", 6) == 0)
    return arena_printf(e->arena, "Cell.%.*s", (int)strlen(vt) - 7, vt + 6);
  return arena_printf(e->arena, "Cell.%s", vt);
}

static const char *env_name(Emitter *e, const Function *f) {
  return arena_printf(e->arena, "%s.env", f->sym->wasm_name);
}

const char *local_type(Emitter *e, const Symbol *local) {
  if (local->boxed)
    return arena_printf(e->arena, "(ref $%s)", cell_name(e, local->type));
  return wasm_type(e, local->type);
}

void remember_elem(Emitter *e, const char *fn) {
  e->elems = arena_grow(e->arena, e->elems, e->nelems, sizeof(char *));
  e->elems[e->nelems++] = fn;
}

/* ---- variables ---- */

/* Where a variable's storage is, seen from the function being emitted: a
 * local, a global, or a field of this closure's environment.  For a boxed
 * variable this yields the cell, not the value. */
static void emit_storage(Emitter *e, const Symbol *sym) {
  if (sym->narrowed_from)
    sym = sym->narrowed_from;
  if (sym->kind == SYM_GLOBAL || !sym->owner || sym->owner == e->fn)
    put_named(e, sym->kind == SYM_GLOBAL ? "(global.get $" : "(local.get $", sym->wasm_name, ")");
  else
    tb_printf(e->out, "(struct.get $%s $%s (local.get $self))", env_name(e, e->fn),
            sym->wasm_name);
}

void emit_var_get(Emitter *e, const Symbol *sym) {
  if (sym->narrowed_from && type_boxed_value(sym->narrowed_from->type) &&
      !type_is_reference(sym->type)) { /* known not null: unbox the number */
    tb_printf(e->out, "(struct.get $%s $value ", box_type_name(e, sym->type));
    emit_var_get(e, sym->narrowed_from);
    tb_putc(e->out, ')');
    return;
  }
  if (sym->narrowed_from) { /* read the variable, then cast what it holds */
    const char *narrow = wasm_type(e, sym->type);
    const char *wide = wasm_type(e, sym->narrowed_from->type);
    bool drop_null = strncmp(wide, "(ref null ", 10) == 0 &&
                     strcmp(narrow + 5, wide + 10) == 0;
    if (strcmp(narrow, wide) == 0) {
      emit_var_get(e, sym->narrowed_from);
      return;
    }
    if (drop_null)
      tb_puts(e->out, "(ref.as_non_null ");
    else
      tb_printf(e->out, "(ref.cast %s ", narrow);
    emit_var_get(e, sym->narrowed_from);
    tb_putc(e->out, ')');
    return;
  }
  bool nullable_global = sym->kind == SYM_GLOBAL && needs_non_null(e, sym->type);
  if (sym->boxed)
    tb_printf(e->out, "(struct.get $%s $value ", cell_name(e, sym->type));
  else if (nullable_global)
    tb_puts(e->out, "(ref.as_non_null ");
  emit_storage(e, sym);
  if (sym->boxed || nullable_global)
    tb_putc(e->out, ')');
}

/* Stores the new value of assignment `assign` in sym; as_value leaves it
 * on the stack too. */
void emit_var_set(Emitter *e, const Symbol *sym, Node *assign, bool as_value) {
  if (sym->narrowed_from && !as_value) {
    emit_var_set(e, sym->narrowed_from, assign, false);
    return;
  }
  if (as_value)
    tb_printf(e->out, "(block (result %s) ", wasm_type(e, sym->type));
  if (sym->boxed) {
    tb_printf(e->out, "(struct.set $%s $value ", cell_name(e, sym->type));
    emit_storage(e, sym);
    tb_putc(e->out, ' ');
  } else {
    put_named(e, sym->kind == SYM_GLOBAL ? "(global.set $" : "(local.set $", sym->wasm_name, " ");
  }
  emit_new_value(e, assign);
  tb_putc(e->out, ')');
  if (as_value) {
    tb_putc(e->out, ' ');
    emit_var_get(e, sym);
    tb_putc(e->out, ')');
  }
}

/* Starts storing the first value of a variable (`let x = v`; a boxed one
 * gets its cell here); the caller writes the value, then the text this
 * returns. */
const char *open_var_init(Emitter *e, const Symbol *sym) {
  put_named(e, sym->kind == SYM_GLOBAL ? "(global.set $" : "(local.set $", sym->wasm_name, " ");
  if (!sym->boxed)
    return ")";
  tb_printf(e->out, "(struct.new $%s ", cell_name(e, sym->type));
  return "))";
}

void emit_var_init(Emitter *e, const Symbol *sym, Node *value) {
  const char *close = open_var_init(e, sym);
  emit_expr(e, value);
  tb_puts(e->out, close);
}

/* ---- values ---- */

/* `(x) => ...` inside a function: the closure, with its captures. */
void emit_closure_value(Emitter *e, Node *node) {
  const Function *f = node->sym->fn;
  const char *code = f->is_async ? async_closure_code(e, f) : f->sym->wasm_name;
  remember_elem(e, code);
  const char *type = f->ncaptures ? env_name(e, f) : fn_type_name(e, f->sym->type);
  fn_type_name(e, f->sym->type);
  tb_printf(e->out, "(struct.new $%s (ref.func $%s)", type, code);
  for (int i = 0; i < f->ncaptures; i++) {
    tb_putc(e->out, ' ');
    if (f->captures[i]->boxed)
      emit_storage(e, f->captures[i]); /* share the cell */
    else
      emit_var_get(e, f->captures[i]);
  }
  tb_putc(e->out, ')');
}

/* A module-level function used as a value goes through its adapter. */
void emit_function_value(Emitter *e, const Symbol *fn) {
  const char *adapter = arena_printf(e->arena, "%s.value", fn->wasm_name);
  if (fn->fn && fn->fn->is_async) /* the adapter starts a task */
    async_start_target(e, fn->fn, fn->wasm_name, false);
  remember_elem(e, adapter);
  tb_printf(e->out, "(struct.new $%s (ref.func $%s))", fn_type_name(e, fn->type),
          adapter);
}

/* Calling a function value: `(call $Fn.N.invoke f args...)`. */
void emit_value_call(Emitter *e, Node *call) {
  Node *callee = call->CallExpression.callee;
  tb_printf(e->out, "(call $%s.invoke ", fn_type_name(e, callee->type));
  emit_expr(e, callee);
  NodeList *args = call->CallExpression.arguments;
  for (int i = 0; i < args->len; i++) {
    tb_putc(e->out, ' ');
    emit_expr(e, args->items[i]);
  }
  tb_putc(e->out, ')');
}

/* ---- declarations ---- */

/* `(param T1) (param T2) (result R)` without names. */
static void anonymous_signature(Emitter *e, const Type *fn) {
  write_signature(e, NULL, fn);
}

/* In the module's rec group: function-value types, closure environments,
 * cells. */
void emit_closure_types(Emitter *e) {
  const Program *p = e->prog;
  for (int i = 0; i < p->nfunctions; i++) { /* environments may add more */
    const Function *f = p->functions[i];
    if (f->is_closure)
      fn_type_name(e, f->sym->type);
  }
  for (int i = 0; i < e->nfn_types; i++) {
    const Type *t = e->fn_types[i];
    line(e, "(type $Fn.%d (sub (struct (field $call (ref $Fn.%d.code)))))", t->id, t->id);
    start_line(e);
    tb_printf(e->out, "(type $Fn.%d.code (func (param (ref $Fn.%d))", t->id, t->id);
    anonymous_signature(e, t);
    tb_puts(e->out, "))\n");
  }
  for (int i = 0; i < p->nfunctions; i++) {
    const Function *f = p->functions[i];
    if (!f->is_closure || !f->ncaptures)
      continue;
    start_line(e);
    int id = f->sym->type->id;
    tb_printf(e->out, "(type $%s (sub final $Fn.%d (struct (field $call (ref $Fn.%d.code))",
            env_name(e, f), id, id);
    for (int c = 0; c < f->ncaptures; c++)
      tb_printf(e->out, " (field $%s %s)", f->captures[c]->wasm_name,
              local_type(e, f->captures[c]));
    tb_puts(e->out, ")))\n");
  }
  for (int i = 0; i < e->ncells; i++)
    line(e, "(type $%s (struct (field $value (mut %s))))", cell_name(e, e->cells[i]),
         storage_type(e, e->cells[i]));
}

/* ` (param $a0 T0) ... (result R)`, and after the body's first line, the
 * ` (local.get $a0) ...` that passes the parameters on. */
static void numbered_params(Emitter *e, const Type *t) {
  for (int a = 0; a < t->nparams; a++)
    tb_printf(e->out, " (param $a%d %s)", a, wasm_type(e, t->params[a]));
  if (wasm_type(e, t->result))
    tb_printf(e->out, " (result %s)", wasm_type(e, t->result));
  tb_putc(e->out, '\n');
}

static void pass_params(Emitter *e, const Type *t) {
  for (int a = 0; a < t->nparams; a++)
    tb_printf(e->out, " (local.get $a%d)", a);
}

/* `$Fn.N.invoke` for each signature called as a value, and `$f.value`
 * adapters for module-level functions used as values. */
void emit_closure_helpers(Emitter *e) {
  for (int i = 0; i < e->nfn_types; i++) {
    const Type *t = e->fn_types[i];
    line(e, ";; calls a function value of type %s", type_name(e->arena, t));
    start_line(e);
    tb_printf(e->out, "(func $Fn.%d.invoke (param $f (ref $Fn.%d))", t->id, t->id);
    numbered_params(e, t);
    e->depth++;
    start_line(e);
    tb_printf(e->out, "(call_ref $Fn.%d.code (local.get $f)", t->id);
    pass_params(e, t);
    tb_printf(e->out, " (struct.get $Fn.%d $call (local.get $f)))\n", t->id);
    close_line(e);
  }
  const Program *p = e->prog;
  for (int i = 0; i < p->nfunctions; i++) {
    const Function *f = p->functions[i];
    if (!f->as_value || f->is_closure || !f->reachable)
      continue;
    const Type *t = f->sym->type;
    start_line(e);
    tb_printf(e->out, "(func $%s.value (type $Fn.%d.code) (param $env (ref $Fn.%d))",
            f->sym->wasm_name, t->id, t->id);
    numbered_params(e, t);
    e->depth++;
    start_line(e);
    tb_printf(e->out, "(call $%s%s", f->sym->wasm_name, f->is_async ? ".start" : "");
    pass_params(e, t);
    tb_puts(e->out, ")\n");
    close_line(e);
  }
}
