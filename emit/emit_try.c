/*
 * emit_try.c - exceptions with Wasm exception handling (try_table, exnref).
 *
 * One tag, $zena.error, carries the thrown Error.  `try B catch (e) H` is
 *
 *   (block $try (result R)
 *     (local.set $caught
 *       (block $catch (result (ref $Error))
 *         (br $try (try_table (result R) (catch $zena.error $catch) B))))
 *     H)
 *
 * and a finally block F runs after the protected code P (the try, with its
 * catch) however P ends: normally, by an exception (caught as an exnref,
 * rethrown after F with throw_ref), or by return/break/continue, which run
 * the pending finally blocks inline before they jump.
 */
#include "emit.h"

#include <string.h>

void emit_throw(Emitter *e, Node *x) {
  put(e, "(throw $zena.error ");
  emit_expr(e, x->ThrowExpression.argument);
  put(e, ")");
}

/* Opens a block form in expression position: `(block $label (result R)`. */
static void open_block(Emitter *e, const char *label, const char *result) {
  tb_printf(e->out, "(block $%s", label);
  if (result)
    tb_printf(e->out, " (result %s)", result);
  tb_putc(e->out, '\n');
  e->depth++;
}

static void close_block(Emitter *e) {
  e->depth--;
  start_line(e);
  put(e, ")");
}

/* A try or catch body on its own lines: its value when result is set,
 * else its statements for effect. */
static void emit_arm(Emitter *e, Node *arm, const char *result) {
  if (!result) {
    if (arm->kind == ND_BlockStatement)
      emit_stmt(e, arm);
    else {
      start_line(e);
      emit_drop_expr(e, arm);
      tb_putc(e->out, '\n');
    }
    return;
  }
  start_line(e);
  emit_branch(e, arm, true);
  tb_putc(e->out, '\n');
  if (!wasm_type(e, arm->type)) /* never: the block has no value to give */
    line(e, "(unreachable)");
}

/* An expression reading local `name` of type t, for emit_var_init. */
static Node *local_read(Emitter *e, const char *name, Type *t) {
  Symbol *sym = arena_alloc(e->arena, sizeof(Symbol));
  *sym = (Symbol){.name = name, .kind = SYM_LOCAL, .type = t, .wasm_name = name};
  Node *get = arena_alloc(e->arena, sizeof(Node));
  get->kind = ND_Identifier;
  get->sym = sym;
  get->type = t;
  return get;
}

/* `try B catch (e) H` (see the top of the file). */
static void emit_catch(Emitter *e, Node *x, const char *result) {
  Node *handler = x->TryExpression.handler;
  Symbol *param = handler->CatchClause.param ? handler->CatchClause.param->sym : NULL;
  Type *error = e->prog->thrown->type;
  const char *done = arena_printf(e->arena, "try%d", ++e->labels);
  const char *caught = arena_printf(e->arena, "catch%d", e->labels);
  const char *tmp = new_temp(e, wasm_type(e, error));
  open_block(e, done, result);
  open_line(e, "(local.set $%s", tmp);
  open_line(e, "(block $%s (result %s)", caught, wasm_type(e, error));
  if (result)
    open_line(e, "(br $%s", done);
  open_line(e, "(try_table%s%s%s (catch $zena.error $%s)", result ? " (result " : "",
            result ? result : "", result ? ")" : "", caught);
  emit_arm(e, x->TryExpression.body, result);
  close_line(e);
  if (result)
    close_line(e);
  else
    line(e, "(br $%s)", done);
  close_line(e);
  close_line(e);
  if (param) {
    if (!param->owner) /* module initialisation: the local is ours to make */
      param->wasm_name = new_temp(e, local_type(e, param));
    start_line(e);
    emit_var_init(e, param, local_read(e, tmp, error));
    tb_putc(e->out, '\n');
  }
  emit_arm(e, handler->CatchClause.body, result);
  close_block(e);
}

/* The protected part of a try with finally: the try and its catch. */
static void emit_protected(Emitter *e, Node *x, const char *result) {
  if (!x->TryExpression.handler) {
    emit_arm(e, x->TryExpression.body, result);
    return;
  }
  start_line(e);
  emit_catch(e, x, result);
  tb_putc(e->out, '\n');
}

/* Remembers a finally block for the jumps out of the code it protects. */
static void push_finally(Emitter *e, Node *finalizer) {
  e->finally_blocks = arena_grow(e->arena, e->finally_blocks, e->nfinally,
                                 sizeof(Node *));
  e->finally_breaks = arena_grow(e->arena, e->finally_breaks, e->nfinally,
                                 sizeof(char *));
  e->finally_blocks[e->nfinally] = finalizer;
  e->finally_breaks[e->nfinally++] = e->break_label;
}

/* try P finally F (see the top of the file). */
static void emit_finally(Emitter *e, Node *x, const char *result) {
  const char *label = arena_printf(e->arena, "finally%d", ++e->labels);
  const char *exn = new_temp(e, "exnref");
  const char *value = result ? new_temp(e, result) : NULL;
  open_block(e, label, result);
  open_line(e, "(local.set $%s", exn);
  open_line(e, "(block $%s.exn (result exnref)", label);
  if (result)
    open_line(e, "(local.set $%s", value);
  open_line(e, "(try_table%s%s%s (catch_all_ref $%s.exn)", result ? " (result " : "",
            result ? result : "", result ? ")" : "", label);
  push_finally(e, x->TryExpression.finalizer);
  emit_protected(e, x, result);
  e->nfinally--;
  close_line(e);
  if (result)
    close_line(e);
  line(e, "(ref.null exn)");
  close_line(e);
  close_line(e);
  emit_stmt(e, x->TryExpression.finalizer);
  line(e, "(if (i32.eqz (ref.is_null (local.get $%s))) "
          "(then (throw_ref (local.get $%s))))", exn, exn);
  if (result)
    line(e, "(local.get $%s)", value);
  close_block(e);
}

void emit_try(Emitter *e, Node *x, bool value) {
  const char *result = value ? wasm_type(e, x->type) : NULL;
  if (x->TryExpression.finalizer)
    emit_finally(e, x, result);
  else
    emit_catch(e, x, result);
}

/* Runs, inline, the finally blocks a jump leaves: all of them for a
 * return, those entered inside the innermost loop for break/continue. */
static void run_finally_blocks(Emitter *e, bool all) {
  int n = e->nfinally;
  int i = n;
  while (i > 0 && (all || e->finally_breaks[i - 1] == e->break_label)) {
    e->nfinally = --i; /* a jump inside a finally block leaves only the outer ones */
    emit_stmt(e, e->finally_blocks[i]);
  }
  e->nfinally = n;
}

void emit_jump_out(Emitter *e, const char *label) {
  run_finally_blocks(e, false);
  line(e, "(br $%s)", label);
}

/* `return v` inside try ... finally: v first, then the finally blocks. */
void emit_return_out(Emitter *e, Node *arg) {
  const char *type = arg ? wasm_type(e, arg->type) : NULL;
  const char *tmp = type ? new_temp(e, type) : NULL;
  if (arg) {
    start_line(e);
    if (tmp) {
      tb_printf(e->out, "(local.set $%s ", tmp);
      emit_expr(e, arg);
      put(e, ")\n");
    } else {
      emit_drop_expr(e, arg);
      tb_putc(e->out, '\n');
    }
  }
  run_finally_blocks(e, true);
  if (tmp)
    line(e, "(return (local.get $%s))", tmp);
  else
    line(e, "(return)");
}

/* The tag, and what a host needs to report an uncaught Error: its
 * message, read a byte at a time (runtime-wat/loader.mjs). */
void emit_exception_support(Emitter *e) {
  const ClassInfo *error = e->prog->thrown;
  if (!error)
    return;
  line(e, "(tag $zena.error (export \"zena_error\") (param (ref $%s)))", error->name);
  line(e, "(func (export \"zena_error_length\") (param $e (ref $%s)) (result i32)",
       error->name);
  line(e, "  (array.len (struct.get $%s $message (local.get $e))))", error->name);
  line(e, "(func (export \"zena_error_byte\") (param $e (ref $%s)) (param $i i32) "
          "(result i32)", error->name);
  line(e, "  (array.get_u $String (struct.get $%s $message (local.get $e)) "
          "(local.get $i)))", error->name);
  if (e->needs[RT_ASYNC]) { /* how the task runtime fails (a closed channel) */
    line(e, ";; throws a new Error(message): runtime failures a program can catch");
    line(e, "(func $zena_throw_error (param $message (ref $String))");
    line(e, "  (throw $zena.error (call $%s.new (local.get $message))))", error->name);
  }
}
