/*
 * check_async.c - async functions, `await`, and the concurrency built-ins:
 * the types Task<T>, Channel<T> and Scope, and spawn, scope and sleep.
 *
 * An async function is an ordinary function that may suspend.  Seen from
 * outside it returns a Task<T>: its symbol's type is `(params) => Task<T>`,
 * so a call without `await` is a Task (started at once) and `await` turns
 * a Task<T> back into a T.  Its code keeps the signature `(params) => T`
 * (Function.code_type), and `await f(x)` on such a function is a plain call:
 * the emitter never builds a task for it.  The built-ins that may suspend
 * (sleep, scope, Channel.send/receive) are typed the same way.
 *
 * The names are the runtime's, not declarations of the prelude: a program
 * that defines its own Task or Channel class uses its own.
 */
#include "checker.h"

#include <string.h>

static Type *basic(TypeKind k) { return type_basic(k); }

/* Records that the program needs the task runtime, which throws Errors. */
static void note_async(Checker *c, const Node *at) {
  if (c->prog->async_use)
    return;
  c->prog->async_use = at;
  error_type(c);
}

/* `Task<T>`, `Channel<T>`, `Scope`, unless the program names its own. */
Type *resolve_async_type(Checker *c, Node *ann) {
  const char *name = ann->TypeAnnotation.name;
  NodeList *args = ann->TypeAnnotation.typeArguments;
  int nargs = args ? args->len : 0;
  if (name[0] != 'T' && name[0] != 'C' && name[0] != 'S')
    return NULL; /* the common case (i32, a class...), without a strcmp */
  bool task = strcmp(name, "Task") == 0, channel = strcmp(name, "Channel") == 0;
  if ((!task && !channel && strcmp(name, "Scope") != 0) || lookup(c, name))
    return NULL;
  if (nargs != (task || channel ? 1 : 0)) {
    diag_error(c->diag, ann->loc, "'%s' takes %s", name,
               task || channel ? "one type argument" : "no type arguments");
    return basic(TY_ERROR);
  }
  if (!nargs)
    return basic(TY_SCOPE);
  Type *elem = resolve_type(c, args->items[0]);
  if (channel && elem->kind == TY_VOID) {
    diag_error(c->diag, ann->loc, "A channel cannot carry void");
    return basic(TY_ERROR);
  }
  return task ? type_task(elem) : type_channel(elem);
}

/* The signature an async function shows the world, given the one its
 * body has (kept in f->code_type): the same parameters, a Task<T>. */
Type *async_signature(Checker *c, Function *f, Type *code) {
  note_async(c, f->node);
  f->code_type = code;
  Type *result = code->result->kind == TY_ERROR ? code->result : type_task(code->result);
  return type_function(code->params, code->nparams, result);
}

/* Can a value of type t cross to an async host function and back? */
static bool crosses_to_host(const Type *t) {
  return type_is_numeric(t) || t->kind == TY_BOOLEAN || t->kind == TY_STRING ||
         t->kind == TY_ERROR;
}

/* `@external("mod", "name") declare async function f(...): T;`: a host
 * function returning a promise (js target; see emit_host_calls).  Called,
 * it gives a Task like any async function; numbers, booleans and Strings
 * cross as JS values. */
void declare_async_import(Checker *c, Node *decl, Symbol *sym) {
  Type *code = sym->type;
  NodeList *params = decl->DeclareFunction.params;
  for (int i = 0; i <= code->nparams; i++) {
    const Type *t = i < code->nparams ? code->params[i] : code->result;
    const Node *at = i < code->nparams ? params->items[i]->Parameter.typeAnnotation
                                       : decl->DeclareFunction.returnType;
    if (!crosses_to_host(t) && !(i == code->nparams && t->kind == TY_VOID))
      diag_error(c->diag, at ? at->loc : decl->loc, "An async host function takes and "
                 "returns only numbers, booleans and String, not %s", type_name(c->arena, t));
  }
  Function *f = arena_alloc(c->arena, sizeof(Function));
  *f = (Function){.sym = sym, .node = decl, .module = c->module, .is_async = true};
  sym->fn = f;
  sym->type = async_signature(c, f, code);
}

/* A WASI host has no promises: async host functions need --target=js. */
bool check_target(const Program *prog, Target target, Diag *diag) {
  bool ok = true;
  for (int i = 0; target == TARGET_WASI && i < prog->nimports; i++) {
    const Symbol *sym = prog->imports[i];
    if (sym->fn && sym->fn->is_async) {
      diag_error(diag, sym->decl->loc, "An async host function needs --target=js: "
                 "a WASI host has no promises to wait for");
      ok = false;
    }
  }
  return ok;
}

/* `async let f = (...) => ...`: the seed's form of an async function. */
void mark_async_declaration(Checker *c, Node *decl) {
  Node *init = decl->VariableDeclaration.init;
  if (init && init->kind == ND_FunctionExpression)
    init->FunctionExpression.isAsync = true;
  else
    diag_error(c->diag, decl->loc, "Only a function can be declared async");
}

/* The name diagnostics give the function being checked. */
static const char *function_label(const Checker *c) {
  const Function *f = c->fn;
  if (!f || f == c->prog->init)
    return "the module's top level";
  if (f->is_closure)
    return "this arrow function";
  return arena_printf(c->arena, "'%s'", f->sym->name);
}

/* `await e`: e is a Task<T> (an async call without await is one); the
 * value is T. */
Type *check_await(Checker *c, Node *e, Type *expected) {
  Node *arg = e->AwaitExpression.argument;
  (void)expected;
  note_async(c, e);
  Type *t = check_expr(c, arg, NULL);
  if (!c->fn || !c->fn->is_async) {
    diag_error(c->diag, e->loc,
               "'await' is only allowed in an async function, and %s is not async",
               function_label(c));
    return basic(TY_ERROR);
  }
  if (t->kind == TY_ERROR)
    return t;
  if (t->kind != TY_TASK) {
    diag_error(c->diag, arg->loc, "'await' needs a Task or an async call, got %s",
               tname(c, t));
    return basic(TY_ERROR);
  }
  return t->elem;
}

/* `() => f(x)`, a closure whose expression gives a Task, run as a task's
 * body is the same as `async () => await f(x)`, which the task can run
 * itself instead of awaiting a second task: so it becomes that. */
static void make_awaiting_closure(Checker *c, Node *closure) {
  if (closure->kind != ND_FunctionExpression || closure->FunctionExpression.isAsync)
    return;
  Node *body = closure->FunctionExpression.body;
  Function *f = closure->sym ? closure->sym->fn : NULL;
  if (!f || !body || body->kind == ND_BlockStatement || !body->type ||
      body->type->kind != TY_TASK)
    return;
  Node *await = node_new(c->arena, ND_AwaitExpression, body->loc);
  await->AwaitExpression.argument = body;
  await->type = body->type->elem;
  closure->FunctionExpression.body = await;
  closure->FunctionExpression.isAsync = true;
  f->is_async = true;
  f->code_type = type_function(f->sym->type->params, f->sym->type->nparams, await->type);
}

/* A task's body: a function without parameters (spawn) or taking the
 * scope (scope, s.spawn).  Returns the T of the Task<T> it gives: what the
 * function returns, or what the Task it returns gives (tasks flatten). */
static Type *check_task_body(Checker *c, Node *call, const char *what, bool takes_scope) {
  NodeList *args = call->CallExpression.arguments;
  if (args->len != 1) {
    diag_error(c->diag, call->loc, "Expected 1 argument, got %d", args->len);
    for (int i = 0; i < args->len; i++)
      check_expr(c, args->items[i], NULL);
    return basic(TY_ERROR);
  }
  Type *scope = basic(TY_SCOPE);
  Type *wanted = type_function(takes_scope ? &scope : NULL, takes_scope, basic(TY_VOID));
  Node *body = args->items[0];
  Type *f = check_expr(c, body, wanted);
  if (f->kind == TY_ERROR)
    return f;
  make_awaiting_closure(c, body);
  if (f->kind != TY_FUNCTION || f->nparams != (takes_scope ? 1 : 0) ||
      (takes_scope && f->params[0] != scope)) {
    diag_error(c->diag, body->loc, "%s expects a function %s, got %s", what,
               takes_scope ? "taking the scope, (s: Scope) => T" : "without parameters",
               tname(c, f));
    return basic(TY_ERROR);
  }
  return f->result->kind == TY_TASK ? f->result->elem : f->result;
}

/* Checks a built-in's arguments against the given parameter types. */
static void check_builtin_args(Checker *c, Node *call, Type **params, int n) {
  check_args_of(c, call->CallExpression.arguments, call,
                type_function(params, n, basic(TY_VOID)), NULL);
}

/* `spawn(f)`, `scope(f)`, `sleep(ms)`; NULL for other built-ins. */
Type *check_async_builtin(Checker *c, Node *call, const char *name) {
  if (strcmp(name, "spawn") == 0 || strcmp(name, "scope") == 0 || strcmp(name, "sleep") == 0)
    note_async(c, call);
  if (strcmp(name, "spawn") == 0 || strcmp(name, "scope") == 0) {
    bool is_scope = name[1] == 'c';
    Type *t = check_task_body(c, call, name, is_scope);
    return t->kind == TY_ERROR ? t : type_task(t);
  }
  if (strcmp(name, "sleep") == 0) {
    Type *ms = basic(TY_I32);
    check_builtin_args(c, call, &ms, 1);
    return type_task(basic(TY_VOID));
  }
  return NULL;
}

void declare_async_builtins(Checker *c, Node *decl) {
  static const char *const names[] = {"spawn", "scope", "sleep"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    declare(c, names[i], SYM_BUILTIN, basic(TY_VOID), decl);
}

/* `new Channel<T>()` (rendezvous) or `new Channel<T>(capacity)`; NULL
 * when the program has a Channel of its own. */
Type *check_new_channel(Checker *c, Node *e) {
  Node *callee = e->NewExpression.callee;
  if (callee->kind != ND_Identifier || strcmp(callee->Identifier.name, "Channel") != 0 ||
      lookup(c, "Channel"))
    return NULL;
  NodeList *targs = e->NewExpression.typeArguments;
  NodeList *args = e->NewExpression.arguments;
  if (!targs || targs->len != 1) {
    diag_error(c->diag, e->loc, "'Channel' takes one type argument: new Channel<T>()");
    return basic(TY_ERROR);
  }
  note_async(c, e);
  Type *elem = resolve_type(c, targs->items[0]);
  if (args && args->len > 1)
    diag_error(c->diag, e->loc, "Expected 0-1 arguments, got %d", args->len);
  else if (args && args->len == 1)
    expect_type(c, args->items[0], check_expr(c, args->items[0], basic(TY_I32)),
                basic(TY_I32));
  if (elem->kind == TY_VOID) {
    diag_error(c->diag, e->loc, "A channel cannot carry void");
    return basic(TY_ERROR);
  }
  return type_channel(elem);
}

/* Methods of channels (send, receive, close, isClosed) and scopes
 * (spawn); object is the receiver's type. */
Type *check_async_method(Checker *c, Node *call, Type *object) {
  Node *name = call->CallExpression.callee->MemberExpression.property;
  const char *m = name->kind == ND_Identifier ? name->Identifier.name : "";
  if (object->kind == TY_SCOPE && strcmp(m, "spawn") == 0) {
    Type *t = check_task_body(c, call, "spawn", false);
    return t->kind == TY_ERROR ? t : type_task(t);
  }
  if (object->kind == TY_CHANNEL) {
    Type *elem = object->elem;
    if (strcmp(m, "send") == 0) {
      check_builtin_args(c, call, &elem, 1);
      return type_task(basic(TY_VOID));
    }
    bool is_receive = strcmp(m, "receive") == 0;
    if (is_receive || strcmp(m, "close") == 0 || strcmp(m, "isClosed") == 0) {
      check_builtin_args(c, call, NULL, 0);
      return is_receive ? type_task(elem) : basic(m[0] == 'c' ? TY_VOID : TY_BOOLEAN);
    }
  }
  diag_error(c->diag, name->loc, "Property '%s' does not exist on type '%s'.", m,
             tname(c, object));
  return basic(TY_ERROR);
}
