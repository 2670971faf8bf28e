/*
 * emit_async.c - async code, on the task runtime (runtime-wat/async.wat).
 *
 * There is no state-machine lowering.  An async function is an ordinary
 * Wasm function whose result is T (Function.code_type); `await f(x)` on it
 * is a plain `call`, and a task switch happens only inside the runtime
 * ($zena_await, $zena_sleep, the channel operations).  Around that:
 *
 *   - A task keeps its result in its `$bits` field (numbers, as an i64) or
 *     its `$ref` field (references); `await t` calls $zena_await and reads
 *     the field back.
 *   - An async function called without await starts a task at once:
 *     `$f.start` packs the arguments into a `$f.args` struct and hands
 *     $zena_start a new task whose body, `$f.task`, unpacks them, calls $f
 *     and stores the result.  The value of an async closure is such a
 *     starter, so calling it gives a Task like any async call.
 *   - spawn(g), s.spawn(g) and scope(g) make a task whose body `$Fn.N.task`
 *     calls the closure g; when g returns a Task, the body awaits it and
 *     takes its result (tasks flatten, as promises do in JavaScript).
 *   - An async main runs as a task under $zena_run_main.
 */
#include "emit.h"

#include <string.h>

/* A task body the module needs, with the starter that launches it. */
typedef struct Starter {
  const char *name;      /* $NAME.start, $NAME.task, $NAME.args */
  const char *target;    /* the function the task body calls */
  const char **params;   /* Wasm types of the target's parameters */
  int nparams;           /* number of params */
  const char *result;    /* Wasm type of its result, or NULL */
  const char *code_type; /* for an async closure's value: its `Fn.N.code` */
  bool has_start;        /* false for main, which only needs the body */
} Starter;

/* Everything the task runtime brings: see emit_runtime.c. */
void need_async(Emitter *e) {
  e->needs[RT_ASYNC] = e->needs[RT_PRINT] = e->needs[RT_NUMBER_TEXT] = true;
  e->needs[RT_STRING] = true;
}

/* ---- types ---- */

static const char *const kind_names[CH__COUNT] = {"i32", "i64", "f32", "f64", "ref"};

static ChannelKind channel_kind(Emitter *e, const Type *elem) {
  const char *vt = wasm_type(e, elem);
  for (int k = 0; k < CH_REF; k++)
    if (strcmp(vt, kind_names[k]) == 0)
      return (ChannelKind)k;
  return CH_REF;
}

/* `(ref $Task)`, `(ref $Scope)`, `(ref $Channel.i32)`. */
const char *async_wasm_type(Emitter *e, const Type *t) {
  need_async(e);
  if (t->kind == TY_TASK)
    return "(ref $Task)";
  if (t->kind == TY_SCOPE)
    return "(ref $Scope)";
  ChannelKind k = channel_kind(e, t->elem);
  e->channels[k] = true;
  return arena_printf(e->arena, "(ref $Channel.%s)", kind_names[k]);
}

/* `new Channel<T>()`, `new Channel<T>(capacity)`. */
void emit_new_channel(Emitter *e, Node *n) {
  NodeList *args = n->NewExpression.arguments;
  ChannelKind k = channel_kind(e, n->type->elem);
  e->channels[k] = true;
  need_async(e);
  tb_printf(e->out, "(call $zena_channel_new.%s ", kind_names[k]);
  if (args && args->len)
    emit_expr(e, args->items[0]);
  else
    put(e, "(i32.const 0)");
  put(e, ")");
}

/* ---- results kept in a task ---- */

/* How a number of each Wasm type goes into an i64 and back. */
static const struct {
  const char *type;                 /* Wasm value type */
  const char *to_bits, *to_end;     /* around the value: an i64 */
  const char *from_bits, *from_end; /* around the i64: the value */
} numbers[] = {
    {"i32", "(i64.extend_i32_u ", ")", "(i32.wrap_i64 ", ")"},
    {"i64", "", "", "", ""},
    {"f32", "(i64.extend_i32_u (i32.reinterpret_f32 ", "))",
     "(f32.reinterpret_i32 (i32.wrap_i64 ", "))"},
    {"f64", "(i64.reinterpret_f64 ", ")", "(f64.reinterpret_i64 ", ")"},
};

static int number_index(const char *vt) {
  for (int i = 0; i < 4; i++)
    if (strcmp(vt, numbers[i].type) == 0)
      return i;
  return -1;
}

/* Writes `(struct.set $Task $bits (local.get $task) (... ` for a value of
 * Wasm type vt; close_result_store() ends it after the value. */
static void open_result_store(Emitter *e, const char *vt, const char *task) {
  int n = number_index(vt);
  tb_printf(e->out, "(struct.set $Task $%s (local.get $%s) %s", n < 0 ? "ref" : "bits",
          task, n < 0 ? "" : numbers[n].to_bits);
}

static void close_result_store(Emitter *e, const char *vt) {
  int n = number_index(vt);
  tb_printf(e->out, "%s)", n < 0 ? "" : numbers[n].to_end);
}

/* The result of the finished task in local $task, as a value of type vt. */
static void emit_result_load(Emitter *e, const char *vt, const char *task) {
  int n = number_index(vt);
  if (n < 0)
    tb_printf(e->out, "(ref.cast %s (struct.get $Task $ref (local.get $%s)))", vt, task);
  else
    tb_printf(e->out, "%s(struct.get $Task $bits (local.get $%s))%s", numbers[n].from_bits,
            task, numbers[n].from_end);
}

/* Ends a function that ran the task in local $task: its result (of Wasm
 * type vt, none when NULL) is the function's. */
static void end_with_task_result(Emitter *e, const char *vt) {
  if (vt) {
    start_line(e);
    emit_result_load(e, vt, "task");
    put(e, "\n");
  }
  close_line(e);
}

/* ---- starters ---- */

static Starter *add_starter(Emitter *e, const char *name) {
  for (int i = 0; i < e->nstarters; i++)
    if (strcmp(e->starters[i].name, name) == 0)
      return NULL;
  e->starters = arena_grow(e->arena, e->starters, e->nstarters, sizeof(Starter));
  Starter *s = &e->starters[e->nstarters++];
  *s = (Starter){.name = name, .target = name, .has_start = true};
  return s;
}

/* The Wasm types of a signature's parameters, after `first` if not NULL. */
static const char **param_types(Emitter *e, const char *first, const Type *fn, int *n) {
  const char **types = arena_alloc(e->arena, (fn->nparams + 1) * sizeof(char *));
  *n = 0;
  if (first)
    types[(*n)++] = first;
  for (int i = 0; i < fn->nparams; i++)
    types[(*n)++] = wasm_type(e, fn->params[i]);
  return types;
}

/* The starter of a direct call of async f (going to `target`, with a
 * receiver when method is set): "TARGET.start". */
const char *async_start_target(Emitter *e, const Function *f, const char *target,
                               bool method) {
  need_async(e);
  Starter *s = add_starter(e, target);
  if (s) {
    const char *receiver = NULL;
    if (method) {
      const Method *m = f->method;
      const ClassInfo *owner = m && m->root->is_virtual ? m->root->owner : f->owner;
      receiver = wasm_type(e, owner->type);
    }
    s->params = param_types(e, receiver, f->code_type, &s->nparams);
    s->result = wasm_type(e, f->code_type->result);
  }
  return arena_printf(e->arena, "%s.start", target);
}

/* An async closure's value holds its starter (see end_function for the
 * code itself); returns the starter's name. */
const char *async_closure_code(Emitter *e, const Function *f) {
  const char *name = f->sym->wasm_name;
  Starter *s = add_starter(e, name);
  if (s) {
    const char *value = fn_type_name(e, f->sym->type);
    s->params = param_types(e, arena_printf(e->arena, "(ref $%s)", value),
                            f->code_type, &s->nparams);
    s->result = wasm_type(e, f->code_type->result);
    s->code_type = arena_printf(e->arena, "%s.code", value);
  }
  need_async(e);
  return arena_printf(e->arena, "%s.start", name);
}

/* A built-in async operation: `(call $target args...)` when awaited, else
 * `(call $NAME.start args...)`, a task doing it. */
static void emit_operation(Emitter *e, bool awaited, const char *name, const char *target,
                           const char **params, int nparams, const char *result,
                           Node **args, int nargs) {
  if (!awaited) {
    Starter *s = add_starter(e, name);
    if (s) {
      s->target = target;
      s->params = params;
      s->nparams = nparams;
      s->result = result;
    }
  }
  tb_printf(e->out, "(call $%s", awaited ? target : arena_printf(e->arena, "%s.start", name));
  for (int i = 0; i < nargs; i++) {
    put(e, " ");
    emit_expr(e, args[i]);
  }
  put(e, ")");
}

/* `(struct.get $NAME.args $aI (local.get $args))` for each parameter. */
static void emit_unpacked_args(Emitter *e, const Starter *s) {
  for (int i = 0; i < s->nparams; i++)
    tb_printf(e->out, " (struct.get $%s.args $a%d (local.get $args))", s->name, i);
}

/* `$NAME.start` and `$NAME.task` (see the top of the file). */
static void emit_starter(Emitter *e, const Starter *s) {
  const char *task = arena_printf(e->arena, "%s.task", s->name);
  remember_elem(e, task);
  if (s->has_start) {
    line(e, ";; starts a task running $%s (an async call without await)", s->target);
    start_line(e);
    tb_printf(e->out, "(func $%s.start", s->name);
    if (s->code_type)
      tb_printf(e->out, " (type $%s)", s->code_type);
    for (int i = 0; i < s->nparams; i++)
      tb_printf(e->out, " (param $a%d %s)", i, s->params[i]);
    tb_puts(e->out, " (result (ref $Task))\n");
    e->depth++;
    start_line(e);
    tb_printf(e->out, "(call $zena_start (call $zena_task_new (ref.func $%s) ", task);
    if (s->nparams) {
      tb_printf(e->out, "(struct.new $%s.args", s->name);
      for (int i = 0; i < s->nparams; i++)
        tb_printf(e->out, " (local.get $a%d)", i);
      put(e, ")))\n");
    } else {
      put(e, "(ref.null none)))\n");
    }
    close_line(e);
  }
  line(e, ";; the body of a task running $%s", s->target);
  open_line(e, "(func $%s (type $TaskBody) (param $task (ref $Task))", task);
  if (s->nparams) {
    line(e, "(local $args (ref $%s.args))", s->name);
    line(e, "(local.set $args (ref.cast (ref $%s.args) (struct.get $Task $env "
            "(local.get $task))))", s->name);
  }
  start_line(e);
  if (s->result)
    open_result_store(e, s->result, "task");
  tb_printf(e->out, "(call $%s", s->target);
  emit_unpacked_args(e, s);
  put(e, ")");
  if (s->result)
    close_result_store(e, s->result);
  put(e, "\n");
  close_line(e);
}

/* ---- closures run as tasks ---- */

/* Records that closures of type fn run as task bodies: `$Fn.N.task`. */
static const char *closure_task(Emitter *e, const Type *fn) {
  remember_type(e, &e->task_closures, &e->ntask_closures, fn);
  const char *name = arena_printf(e->arena, "%s.task", fn_type_name(e, fn));
  remember_elem(e, name);
  return name;
}

/* `$Fn.N.task`: calls the closure in the task's $env (with the task's
 * scope, for a scope body) and keeps its result; a Task it returns is
 * awaited, and its result taken. */
static void emit_closure_task(Emitter *e, const Type *fn) {
  const char *value = fn_type_name(e, fn);
  bool flatten = fn->result->kind == TY_TASK;
  const Type *t = flatten ? fn->result->elem : fn->result;
  const char *vt = wasm_type(e, t);
  line(e, ";; the body of a task that calls a closure of type %s",
       type_name(e->arena, fn));
  open_line(e, "(func $%s.task (type $TaskBody) (param $task (ref $Task))", value);
  if (flatten)
    line(e, "(local $inner (ref $Task))");
  start_line(e);
  if (flatten)
    put(e, "(local.set $inner ");
  else if (vt)
    open_result_store(e, vt, "task");
  tb_printf(e->out, "(call $%s.invoke (ref.cast (ref $%s) (struct.get $Task $env "
          "(local.get $task)))%s)", value, value,
          fn->nparams ? " (call $zena_task_scope (local.get $task))" : "");
  if (flatten)
    put(e, ")");
  else if (vt)
    close_result_store(e, vt);
  put(e, "\n");
  if (flatten) {
    line(e, "(call $zena_await (local.get $inner))");
    line(e, "(struct.set $Task $bits (local.get $task) (struct.get $Task $bits "
            "(local.get $inner)))");
    line(e, "(struct.set $Task $ref (local.get $task) (struct.get $Task $ref "
            "(local.get $inner)))");
  }
  close_line(e);
}

/* `$RUNNER`: runs a scope whose body is a closure of type fn, in a task
 * whose body is `$TASK`; its value is the body's. */
static void emit_scope_runner(Emitter *e, const Type *fn, const char *runner,
                              const char *task) {
  const char *value = fn_type_name(e, fn);
  const Type *t = fn->result->kind == TY_TASK ? fn->result->elem : fn->result;
  const char *vt = wasm_type(e, t);
  line(e, ";; scope(body) for a body of type %s: the body's value, once every task "
       "it spawned has finished", type_name(e->arena, fn));
  start_line(e);
  tb_printf(e->out, "(func $%s (param $body (ref $%s))", runner, value);
  if (vt)
    tb_printf(e->out, " (result %s)", vt);
  put(e, "\n");
  e->depth++;
  line(e, "(local $task (ref $Task))");
  line(e, "(local.set $task (call $zena_task_new (ref.func $%s) (local.get $body)))",
       task);
  line(e, "(call $zena_scope_run (local.get $task))");
  end_with_task_result(e, vt);
}

/* An async arrow written as a scope body runs its code in the scope body's
 * task (on the stack of whoever runs the scope), not in a task of its own:
 * `$ARROW.scope` and its body `$ARROW.scope.task`, which calls the arrow's
 * code with the scope. */
static void emit_scope_arrow(Emitter *e, const Function *f) {
  const char *name = arena_printf(e->arena, "%s.scope", f->sym->wasm_name);
  emit_scope_runner(e, f->sym->type, name, arena_printf(e->arena, "%s.task", name));
  const char *vt = wasm_type(e, f->code_type->result);
  line(e, ";; the body of scope(...) written as this async arrow");
  open_line(e, "(func $%s.task (type $TaskBody) (param $task (ref $Task))", name);
  start_line(e);
  if (vt)
    open_result_store(e, vt, "task");
  tb_printf(e->out, "(call $%s (ref.cast (ref $%s) (struct.get $Task $env (local.get $task))) "
            "(call $zena_task_scope (local.get $task)))", f->sym->wasm_name,
            fn_type_name(e, f->sym->type));
  if (vt)
    close_result_store(e, vt);
  put(e, "\n");
  close_line(e);
}

/* ---- calls ---- */

/* The closure argument of spawn, s.spawn or scope, as a task. */
static void emit_closure_as_task(Emitter *e, Node *closure) {
  const Function *f = closure->kind == ND_FunctionExpression ? closure->sym->fn : NULL;
  if (f && f->is_async && f->code_type->nparams == 0) {
    /* an async arrow: the task runs its code, not a second task */
    const char *name = f->sym->wasm_name;
    tb_printf(e->out, "(call $zena_task_new (ref.func $%s.task) (struct.new $%s.args ", name,
            name);
    emit_expr(e, closure); /* its starter has this task body */
    put(e, "))");
    return;
  }
  tb_printf(e->out, "(call $zena_task_new (ref.func $%s) ", closure_task(e, closure->type));
  emit_expr(e, closure);
  put(e, ")");
}

/* scope(f): `(call $Fn.N.scope f)` (`$ARROW.scope` for an async arrow),
 * or a task doing it. */
static void emit_scope_call(Emitter *e, Node *call, bool awaited) {
  Node *body = call->CallExpression.arguments->items[0];
  const Type *fn = body->type;
  const Function *arrow = body->kind == ND_FunctionExpression ? body->sym->fn : NULL;
  const char *runner;
  if (arrow && arrow->is_async) {
    runner = arena_printf(e->arena, "%s.scope", arrow->sym->wasm_name);
    remember_elem(e, arena_printf(e->arena, "%s.task", runner));
    int i = 0;
    while (i < e->nscope_arrows && e->scope_arrows[i] != arrow)
      i++;
    if (i == e->nscope_arrows) {
      e->scope_arrows = arena_grow(e->arena, e->scope_arrows, i, sizeof(Function *));
      e->scope_arrows[e->nscope_arrows++] = arrow;
    }
  } else {
    closure_task(e, fn);
    remember_type(e, &e->scope_closures, &e->nscope_closures, fn);
    runner = arena_printf(e->arena, "%s.scope", fn_type_name(e, fn));
  }
  const char **param = arena_alloc(e->arena, sizeof(char *));
  param[0] = arena_printf(e->arena, "(ref $%s)", fn_type_name(e, fn));
  const Type *t = fn->result->kind == TY_TASK ? fn->result->elem : fn->result;
  emit_operation(e, awaited, runner, runner, param, 1, wasm_type(e, t), &body, 1);
}

/* ch.send(v), ch.receive(), ch.close(), ch.isClosed(). */
static void emit_channel_call(Emitter *e, Node *call, bool awaited) {
  Node *callee = call->CallExpression.callee;
  Node *ch = callee->MemberExpression.object;
  const char *m = callee->MemberExpression.property->Identifier.name;
  const char *type = wasm_type(e, ch->type);
  ChannelKind k = channel_kind(e, ch->type->elem);
  const char *kind = kind_names[k];
  const char *elem = k == CH_REF ? "anyref" : kind;
  if (strcmp(m, "close") == 0 || strcmp(m, "isClosed") == 0) {
    tb_printf(e->out, "(call $zena_channel_%s.%s ", m[0] == 'c' ? "close" : "is_closed",
            kind);
    emit_expr(e, ch);
    put(e, ")");
    return;
  }
  bool send = strcmp(m, "send") == 0;
  const char **params = arena_alloc(e->arena, 2 * sizeof(char *));
  params[0] = type;
  params[1] = elem;
  Node *args[2] = {ch, send ? call->CallExpression.arguments->items[0] : NULL};
  bool cast = !send && awaited && k == CH_REF;
  if (cast)
    tb_printf(e->out, "(ref.cast %s ", wasm_type(e, ch->type->elem));
  emit_operation(e, awaited, arena_printf(e->arena, "Channel.%s.%s", kind, m),
                 arena_printf(e->arena, "zena_channel_%s.%s", m, kind), params,
                 send ? 2 : 1, send ? NULL : elem, args, send ? 2 : 1);
  if (cast)
    put(e, ")");
}

/* Calls of spawn, scope, sleep and of channel and scope methods; false
 * for any other call. */
bool emit_async_call(Emitter *e, Node *call, bool awaited) {
  Node *callee = call->CallExpression.callee;
  NodeList *args = call->CallExpression.arguments;
  if (callee->kind == ND_MemberExpression) {
    Node *object = callee->MemberExpression.object;
    if (!object->type || (object->type->kind != TY_CHANNEL && object->type->kind != TY_SCOPE))
      return false;
    need_async(e);
    if (object->type->kind == TY_CHANNEL) {
      emit_channel_call(e, call, awaited);
      return true;
    }
    put(e, "(call $zena_scope_spawn "); /* s.spawn(f) */
    emit_expr(e, object);
    put(e, " ");
    emit_closure_as_task(e, args->items[0]);
    put(e, ")");
    return true;
  }
  if (callee->kind != ND_Identifier || callee->sym->kind != SYM_BUILTIN)
    return false;
  const char *name = callee->sym->name;
  need_async(e);
  if (strcmp(name, "spawn") == 0) {
    put(e, "(call $zena_spawn ");
    emit_closure_as_task(e, args->items[0]);
    put(e, ")");
  } else if (strcmp(name, "scope") == 0) {
    emit_scope_call(e, call, awaited);
  } else if (strcmp(name, "sleep") == 0) {
    static const char *const ms[] = {"i32"};
    emit_operation(e, awaited, "sleep", "zena_sleep", (const char **)ms, 1, NULL,
                   args->items, 1);
  } else {
    return false;
  }
  return true;
}

/* Is call one `await` makes as a plain call: of an async function or
 * method by name, or of a built-in operation? */
static bool is_plain_await(const Node *call) {
  if (call->kind != ND_CallExpression)
    return false;
  const Node *callee = call->CallExpression.callee;
  if (callee->kind == ND_Identifier && callee->sym && callee->sym->kind == SYM_BUILTIN)
    return strcmp(callee->sym->name, "sleep") == 0 ||
           strcmp(callee->sym->name, "scope") == 0;
  if (callee->kind == ND_MemberExpression) {
    const Type *t = callee->MemberExpression.object->type;
    if (t && t->kind == TY_CHANNEL)
      return true;
  }
  return is_direct_call(callee) && callee->sym->fn && callee->sym->fn->is_async;
}

/* `await x`: a plain call (see is_plain_await), or a wait for the task x. */
void emit_await(Emitter *e, Node *x) {
  Node *arg = x->AwaitExpression.argument;
  need_async(e);
  if (is_plain_await(arg)) {
    const Node *saved = e->awaited_call;
    e->awaited_call = arg;
    emit_expr(e, arg);
    e->awaited_call = saved;
    return;
  }
  const char *vt = wasm_type(e, x->type);
  if (!vt) {
    put(e, "(call $zena_await ");
    emit_expr(e, arg);
    put(e, ")");
    return;
  }
  const char *task = new_temp(e, "(ref $Task)");
  tb_printf(e->out, "(block (result %s) (local.set $%s ", vt, task);
  emit_expr(e, arg);
  tb_printf(e->out, ") (call $zena_await (local.get $%s)) ", task);
  emit_result_load(e, vt, task);
  put(e, ")");
}

/* ---- the module's parts ---- */

/* The exported main of an async main: runs it as the first task, under
 * the scheduler, and gives its result. */
void emit_async_main(Emitter *e, const Symbol *main, bool init) {
  need_async(e);
  const char *vt = wasm_type(e, main->fn->code_type->result);
  Starter *s = add_starter(e, main->wasm_name);
  if (s) {
    s->result = vt;
    s->has_start = false;
  }
  start_line(e);
  put(e, "(func $zena_main (export \"main\")");
  if (vt)
    tb_printf(e->out, " (result %s)", vt);
  put(e, "\n");
  e->depth++;
  line(e, "(local $task (ref $Task))");
  if (init)
    line(e, "(call $zena_init)");
  line(e, "(local.set $task (call $zena_task_new (ref.func $%s.task) (ref.null none)))",
       main->wasm_name);
  line(e, "(call $zena_run_main (local.get $task))");
  end_with_task_result(e, vt);
}

/* The argument structs of the starters, in the module's type group. */
void emit_async_types(Emitter *e) {
  for (int i = 0; i < e->nstarters; i++) {
    const Starter *s = &e->starters[i];
    if (!s->nparams)
      continue;
    start_line(e);
    tb_printf(e->out, "(type $%s.args (struct", s->name);
    for (int p = 0; p < s->nparams; p++)
      tb_printf(e->out, " (field $a%d %s)", p, s->params[p]);
    put(e, "))\n");
  }
}

/* Starters, task bodies of closures and scope runners, once the code that
 * asks for them is written; the async host functions' wrappers. */
void emit_async_helpers(Emitter *e) {
  int starters = 0, closures = 0, scopes = 0, arrows = 0;
  emit_host_calls(e);
  while (starters < e->nstarters || closures < e->ntask_closures ||
         scopes < e->nscope_closures || arrows < e->nscope_arrows) { /* each may add */
    if (arrows < e->nscope_arrows) {
      emit_scope_arrow(e, e->scope_arrows[arrows++]);
    } else if (scopes < e->nscope_closures) {
      const Type *fn = e->scope_closures[scopes++];
      const char *value = fn_type_name(e, fn);
      emit_scope_runner(e, fn, arena_printf(e->arena, "%s.scope", value),
                        arena_printf(e->arena, "%s.task", value));
    } else if (closures < e->ntask_closures) {
      emit_closure_task(e, e->task_closures[closures++]);
    } else {
      emit_starter(e, &e->starters[starters++]);
    }
  }
}
