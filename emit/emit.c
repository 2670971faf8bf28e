/*
 * emit.c - writes a checked program as a WAT module.
 *
 * Function bodies are generated first, into a buffer, because only then is
 * it known which runtime pieces, string literals and imports the module
 * needs; the module is then written in the order WAT requires: types,
 * imports, memory, globals, functions, runtime, data, exports.
 */
#include "emit.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- the indenting writer ---- */

/* Starts a line at the current depth (the caller writes the rest). */
void start_line(Emitter *e) { tb_repeat(e->out, ' ', 2 * e->depth); }

static void vline(Emitter *e, const char *fmt, va_list ap) {
  start_line(e);
  tb_vprintf(e->out, fmt, ap);
  tb_putc(e->out, '\n');
}

/* One complete line at the current depth. */
void line(Emitter *e, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vline(e, fmt, ap);
  va_end(ap);
}

/* A line that opens a form; the lines after it are indented until
 * close_line() writes the matching ')'. */
void open_line(Emitter *e, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vline(e, fmt, ap);
  va_end(ap);
  e->depth++;
}

void close_line(Emitter *e) {
  e->depth--;
  line(e, ")");
}

static const char *union_type(Emitter *e, const Type *t);

/* A Type and its Wasm type (see cached_type). */
struct TypeText {
  const Type *type; /* the key (NULL: an empty slot) */
  const char *text; /* wasm_type's answer for it */
};

/* The Wasm type of a class, function, array, union, record or tuple type:
 * text composed from names, which also registers the type declarations
 * it needs (fn_type_name, array_type_name...; doing so again adds nothing). */
static const char *composed_type(Emitter *e, const Type *t) {
  switch (t->kind) {
  case TY_CLASS:
    if (t->cls->is_interface) /* any object: see emit_interface.c */
      return "(ref eq)";
    if (t->cls->is_extension) /* its underlying type */
      return wasm_type(e, t->cls->on);
    return arena_printf(e->arena, "(ref $%s)", t->cls->name);
  case TY_FUNCTION: return arena_printf(e->arena, "(ref $%s)", fn_type_name(e, t));
  case TY_ARRAY: return arena_printf(e->arena, "(ref $%s)", array_type_name(e, t));
  case TY_UNION: return union_type(e, t);
  default: /* TY_RECORD, TY_TUPLE */
    return arena_printf(e->arena, "(ref $%s)", shape_type_name(e, t));
  }
}

/* The slot of t in the table of composed types (empty if t is not in it). */
static struct TypeText *type_text_slot(struct TypeText *slots, int cap, const Type *t) {
  unsigned mask = (unsigned)cap - 1;
  unsigned i = (unsigned)(((uintptr_t)t >> 4) * 2654435761u) & mask;
  while (slots[i].type && slots[i].type != t)
    i = (i + 1) & mask;
  return &slots[i];
}

/* composed_type, once per Type: the emitter asks for the same types over
 * and over (every local, parameter, field access and call). */
static const char *cached_type(Emitter *e, const Type *t) {
  if (e->cap_type_texts) {
    struct TypeText *slot = type_text_slot(e->type_texts, e->cap_type_texts, t);
    if (slot->type)
      return slot->text;
  }
  const char *text = composed_type(e, t); /* may add other types first */
  if (2 * (e->ntype_texts + 1) > e->cap_type_texts) {
    int cap = e->cap_type_texts ? 2 * e->cap_type_texts : 256;
    struct TypeText *slots = arena_alloc(e->arena, (size_t)cap * sizeof *slots);
    for (int i = 0; i < e->cap_type_texts; i++)
      if (e->type_texts[i].type)
        *type_text_slot(slots, cap, e->type_texts[i].type) = e->type_texts[i];
    e->type_texts = slots;
    e->cap_type_texts = cap;
  }
  *type_text_slot(e->type_texts, e->cap_type_texts, t) = (struct TypeText){t, text};
  e->ntype_texts++;
  return text;
}

const char *wasm_type(Emitter *e, const Type *t) {
  switch (t->kind) {
  case TY_BOOLEAN: case TY_I32: case TY_U32: return "i32";
  case TY_I64: return "i64";
  case TY_F32: return "f32";
  case TY_F64: return "f64";
  case TY_STRING:
    e->uses_string = true;
    return "(ref $String)";
  case TY_CLASS: case TY_FUNCTION: case TY_ARRAY: case TY_UNION: case TY_RECORD:
  case TY_TUPLE:
    return cached_type(e, t);
  case TY_ENUM: return wasm_type(e, t->en->backing);
  case TY_LITERAL: case TY_DISTINCT: return wasm_type(e, t->elem);
  case TY_NULL: return "(ref null none)";
  case TY_ANY: return "(ref null any)";
  case TY_TASK: case TY_SCOPE: case TY_CHANNEL: return async_wasm_type(e, t);
  default: return NULL;
  }
}

/* The nearest class both a and b derive from, or NULL. */
static const ClassInfo *common_class(const ClassInfo *a, const ClassInfo *b) {
  for (; a; a = a->super)
    for (const ClassInfo *x = b; x; x = x->super)
      if (x == a)
        return a;
  return NULL;
}

/* A union is one Wasm reference type: its only non-null alternative, the
 * closest common superclass of its classes, or else `eq`, which every
 * struct and array is; nullable when null is an alternative. */
static const char *union_type(Emitter *e, const Type *t) {
  const char *null = type_has_null(t) ? "null " : "";
  const Type *only = NULL;
  const ClassInfo *cls = NULL;
  bool all_classes = true;
  int n = 0;
  for (int i = 0; i < t->nmembers; i++) {
    const Type *m = type_erased(t->members[i]); /* 'a' | 'b' is a String */
    if (m->kind == TY_NULL || m == only)
      continue;
    n++;
    only = m;
    all_classes &= m->kind == TY_CLASS;
    if (m->kind == TY_CLASS)
      cls = n == 1 ? m->cls : cls ? common_class(cls, m->cls) : NULL;
  }
  if (n == 1 && only->kind == TY_ANY)
    return "(ref null any)";
  if (n == 1 && !type_is_reference(only) && !type_has_null(t)) /* 1 | 2 | 3 */
    return wasm_type(e, only);
  if (n == 1 && !type_is_reference(only)) /* a number from an optional chain */
    return arena_printf(e->arena, "(ref %s$%s)", null, box_type_name(e, only));
  if (n == 1)
    return arena_printf(e->arena, "(ref %s%s", null, wasm_type(e, only) + 5);
  if (all_classes && cls)
    return arena_printf(e->arena, "(ref %s$%s)", null, cls->name);
  return arena_printf(e->arena, "(ref %seq)", null);
}

static const char *const box_kinds[4] = {"i32", "i64", "f32", "f64"};

/* A number or boolean where `T | null` needs a reference: `$Boxed.i32`, a
 * struct holding it. */
const char *box_type_name(Emitter *e, const Type *value) {
  const char *vt = wasm_type(e, value);
  for (int i = 0; i < 4; i++)
    if (strcmp(vt, box_kinds[i]) == 0)
      e->boxes[i] = true;
  return arena_printf(e->arena, "Boxed.%s", vt);
}

/* "Array.i32", "Array.String", "Array.Array.Point", "Array.Point?" (nullable
 * elements), "Array.eq" (any object): one Wasm array type per
 * element type the program uses. */
/* Adds t to a list of types to declare, unless it is there already. */
void remember_type(Emitter *e, const Type ***list, int *n, const Type *t) {
  for (int i = 0; i < *n; i++)
    if ((*list)[i] == t)
      return;
  *list = arena_grow(e->arena, *list, *n, sizeof(Type *));
  (*list)[(*n)++] = t;
}

const char *array_type_name(Emitter *e, const Type *t) {
  const char *vt = wasm_type(e, t->elem);
  NameUse *elem = names_add(&e->array_elems, e->arena, vt); /* FixedArray<boolean> */
  if (elem->uses++ == 0)                                    /* is FixedArray<i32> */
    remember_type(e, &e->arrays, &e->narrays, t);
  if (strncmp(vt, "(ref ", 5) != 0)
    return arena_printf(e->arena, "Array.%s", vt);
  /* (ref $Point) -> Point, (ref null $Point) -> Point?, (ref eq) -> eq */
  const char *name = vt + 5;
  bool nullable = strncmp(name, "null ", 5) == 0;
  if (nullable)
    name += 5;
  if (*name == '$')
    name++;
  return arena_printf(e->arena, "Array.%.*s%s", (int)strlen(name) - 1, name,
                      nullable ? "?" : "");
}

/* How a value is stored in a struct field or global: references are
 * nullable there, so that objects can be allocated before they are filled. */
const char *storage_type(Emitter *e, const Type *t) {
  const char *vt = wasm_type(e, t);
  if (!vt || strncmp(vt, "(ref ", 5) != 0 || strncmp(vt, "(ref null ", 10) == 0)
    return vt;
  return arena_printf(e->arena, "(ref null %s", vt + strlen("(ref "));
}

/* `(param $a i32) (param $b i32) (result i32)` for a function. */
void write_signature(Emitter *e, Symbol **params, const Type *fn) {
  for (int i = 0; i < fn->nparams; i++) {
    if (params)
      tb_printf(e->out, " (param $%s %s)", params[i]->wasm_name,
              wasm_type(e, fn->params[i]));
    else
      tb_printf(e->out, " (param %s)", wasm_type(e, fn->params[i]));
  }
  if (wasm_type(e, fn->result))
    tb_printf(e->out, " (result %s)", wasm_type(e, fn->result));
}

/* Does a value of type t, read from a field, global, cell or array slot
 * (where references are stored nullable), need ref.as_non_null? */
bool needs_non_null(Emitter *e, const Type *t) {
  const char *vt = wasm_type(e, t);
  return vt && strncmp(vt, "(ref ", 5) == 0 && strncmp(vt, "(ref null ", 10) != 0;
}

/* The default value of a field or global of type t (null for references). */
const char *zero_value(const Type *t) {
  switch (t->kind) {
  case TY_I64: return "(i64.const 0)";
  case TY_F32: return "(f32.const 0)";
  case TY_F64: return "(f64.const 0)";
  case TY_LITERAL: case TY_DISTINCT: return zero_value(t->elem);
  default: /* every reference type here is a struct, array, eq or any */
    return type_is_reference(t) ? "(ref.null none)" : "(i32.const 0)";
  }
}

/* ---- functions ---- */

/* The `;; file.zena:LINE` comment line that ties WAT to the source
 * (written in place: one per statement, so no formatted copy). */
static void write_where(Emitter *e, int file, int line) {
  start_line(e);
  tb_put(e->out, ";; ", 3);
  tb_puts(e->out, diag_file(e->prog->diag, file)->path);
  tb_putc(e->out, ':');
  tb_put_int(e->out, line);
  tb_putc(e->out, '\n');
}

/* The line n starts on.  Statements come in order, mostly a line or two
 * after the last one asked about: the search starts there. */
static int line_of(Emitter *e, const Node *n) {
  const Source *src = diag_file(e->prog->diag, n->loc.file);
  int near = n->loc.file == e->commented_file ? e->commented_line : 1;
  return source_line_near(src, n->loc.start, near);
}

void where_line(Emitter *e, const Node *n) { write_where(e, n->loc.file, line_of(e, n)); }

void where_line_once(Emitter *e, const Node *n) {
  int line = line_of(e, n);
  if (n->loc.file == e->commented_file && line == e->commented_line)
    return;
  e->commented_file = n->loc.file;
  e->commented_line = line;
  write_where(e, n->loc.file, line);
}

/* A function is written in two steps: begin_function() sends what follows
 * to a buffer, so that the body can ask for scratch locals (new_temp); then
 * end_function() writes the header, every local, and the buffered body. */
void begin_function(Emitter *e, const Function *f, const char *name,
                    const Type *type) {
  e->fn = f;
  e->fn_name = name;
  e->fn_type = type;
  e->ntemps = 0;
  e->commented_line = 0;
  e->saved_out = e->out;
  e->out = &e->body;
  e->body.len = 0;
  e->depth++;
  const Method *m = f ? f->method : NULL;
  if (m && m->root->is_virtual && m->root->owner != m->owner)
    line(e, "(local.set $this (ref.cast (ref $%s) (local.get $self)))",
         f->owner->name);
  if (f && f->is_closure && f->ncaptures)
    line(e, "(local.set $self (ref.cast (ref $%s.env) (local.get $env)))", name);
  emit_param_patterns(e, f);
}

/* A scratch local of the given Wasm type for the function being written. */
const char *new_temp(Emitter *e, const char *type) {
  if (e->ntemps == e->captemps) {
    e->captemps = e->captemps ? 2 * e->captemps : 8;
    const char **grown = arena_alloc(e->arena, e->captemps * sizeof(char *));
    if (e->ntemps)
      memcpy(grown, e->temps, e->ntemps * sizeof(char *));
    e->temps = grown;
  }
  e->temps[e->ntemps] = type;
  return arena_printf(e->arena, "tmp%d", e->ntemps++);
}

void end_function(Emitter *e) {
  const Function *f = e->fn;
  const Type *type = e->fn_type;
  e->out = e->saved_out;
  e->depth--;
  if (f)
    where_line(e, f->node);
  start_line(e);
  tb_printf(e->out, "(func $%s", e->fn_name);
  if (f && f->is_closure) { /* the closure struct itself comes first */
    const char *value_type = fn_type_name(e, f->sym->type);
    if (!f->is_async) /* an async closure's value calls its starter instead */
      tb_printf(e->out, " (type $%s.code)", value_type);
    tb_printf(e->out, " (param $env (ref $%s))", value_type);
  }
  /* an override takes `this` as the class that introduced the method (so
   * all implementations share one signature) and casts it back */
  const Method *m = f ? f->method : NULL;
  bool cast_this = m && m->root->is_virtual && m->root->owner != m->owner;
  if (m && m->root->is_virtual)
    tb_printf(e->out, " (type $%s.%s.type)", m->root->owner->name, m->root->label);
  if (f && f->owner)
    tb_printf(e->out, " (param $%s %s)", cast_this ? "self" : "this",
            wasm_type(e, cast_this ? m->root->owner->type : f->owner->type));
  if (type)
    write_signature(e, f ? f->params : NULL, type);
  tb_putc(e->out, '\n');
  e->depth++;
  if (cast_this)
    line(e, "(local $this (ref $%s))", f->owner->name);
  if (f && f->is_closure && f->ncaptures)
    line(e, "(local $self (ref $%s.env))", e->fn_name);
  for (int i = 0; f && i < f->nlocals; i++)
    line(e, "(local $%s %s)", f->locals[i]->wasm_name, local_type(e, f->locals[i]));
  for (int i = 0; i < e->ntemps; i++)
    line(e, "(local $tmp%d %s)", i, e->temps[i]);
  tb_put(e->out, e->body.data, e->body.len);
  close_line(e);
  e->fn = NULL;
}

/* The compiler-written getter or setter of a field that implements an
 * abstract field. */
static void emit_accessor_body(Emitter *e, const Function *f) {
  const Field *fd = find_field(f->owner, f->accessor_field);
  if (f->is_setter) {
    line(e, "(struct.set $%s $%s (local.get $this) (local.get $value))",
         f->owner->name, fd->name);
    return;
  }
  bool non_null = needs_non_null(e, fd->type);
  line(e, "%s(struct.get $%s $%s (local.get $this))%s",
       non_null ? "(ref.as_non_null " : "", f->owner->name, fd->name,
       non_null ? ")" : "");
}

static void emit_function(Emitter *e, const Function *f) {
  const Type *type = fn_code_type(f);
  if (f->is_ctor) {
    emit_constructor(e, f);
    return;
  }
  if (f->method && f->method->is_abstract)
    return; /* only its overrides have code */
  begin_function(e, f, f->sym->wasm_name, type);
  if (f->accessor_field || f->is_hash_code) {
    if (f->is_hash_code)
      emit_hash_code(e, f);
    else
      emit_accessor_body(e, f);
    end_function(e);
    return;
  }
  Node *body = fn_parts(f->node).body;
  bool returns_value = wasm_type(e, type->result) != NULL;
  if (!body) {
    line(e, "(unreachable) ;; no body");
  } else if (body->kind != ND_BlockStatement) {
    start_line(e);
    if (returns_value)
      emit_expr(e, body);
    else
      emit_drop_expr(e, body);
    tb_putc(e->out, '\n');
  } else {
    NodeList *stmts = body->BlockStatement.body;
    for (int i = 0; i < stmts->len; i++)
      emit_stmt(e, stmts->items[i]);
    Node *last = stmts->len ? stmts->items[stmts->len - 1] : NULL;
    if (returns_value && (!last || last->kind != ND_ReturnStatement))
      line(e, "(unreachable) ;; every path has returned");
  }
  end_function(e);
}

/* Does module-level statement s do anything in zena_init? */
bool is_init_stmt(const Node *s) {
  switch (s->kind) {
  case ND_VariableDeclaration: {
    const Node *pat = s->VariableDeclaration.pattern;
    return pat->kind != ND_Identifier || pat->sym->kind == SYM_GLOBAL;
  }
  case ND_ExpressionStatement: case ND_BlockStatement: case ND_IfStatement:
  case ND_WhileStatement: case ND_ForStatement: case ND_ForInStatement:
    return true;
  default:
    return false;
  }
}

/* Is there any initialisation to run before main? */
static bool has_init(const Program *p) {
  for (int m = 0; m < p->modules->len; m++) {
    NodeList *body = p->modules->items[m]->Module.body;
    for (int i = 0; i < body->len; i++)
      if (is_init_stmt(body->items[i]))
        return true;
  }
  return false;
}

/* One module-level statement's part of initialisation: a variable's
 * value, or a statement that runs (declarations have no part). */
static void emit_init_stmt(Emitter *e, Node *s) {
  switch (s->kind) {
  case ND_VariableDeclaration: {
    Node *pat = s->VariableDeclaration.pattern;
    if (pat->kind != ND_Identifier) {
      emit_destructuring(e, s);
      return;
    }
    if (pat->sym->kind != SYM_GLOBAL)
      return; /* a function */
    where_line(e, s);
    start_line(e);
    tb_printf(e->out, "(global.set $%s ", pat->sym->wasm_name);
    emit_expr(e, s->VariableDeclaration.init);
    tb_puts(e->out, ")\n");
    return;
  }
  case ND_ExpressionStatement: case ND_BlockStatement: case ND_IfStatement:
  case ND_WhileStatement: case ND_ForStatement: case ND_ForInStatement:
    emit_stmt(e, s);
    return;
  default:
    return;
  }
}

/* Module-level variables get their values here, and module-level
 * statements run, in order, before main. */
static void emit_init(Emitter *e) {
  const Program *p = e->prog;
  if (!has_init(p))
    return;
  line(e, ";; module-level initialisation, run once before main");
  begin_function(e, p->init, "zena_init", NULL);
  line(e, "(if (global.get $zena_initialised) (then (return)))");
  line(e, "(global.set $zena_initialised (i32.const 1))");
  for (int m = 0; m < p->modules->len; m++) {
    NodeList *body = p->modules->items[m]->Module.body;
    for (int i = 0; i < body->len; i++)
      emit_init_stmt(e, body->items[i]);
  }
  end_function(e);
}

/* The exported entry points: `main` for hosts that call it (js, and test
 * harnesses on wasi), `_start` for WASI, whose i32 result is the exit code.
 * The exported `main` runs the module initialisation first, if there is
 * any; otherwise it is the Zena main itself. */
static void emit_entry(Emitter *e) {
  const Symbol *main = e->prog->main;
  if (!main) { /* the entry only initialises the module (zena:test suites run) */
    line(e, "(func $zena_main (export \"main\")%s)",
         has_init(e->prog) ? " (call $zena_init)" : "");
    if (e->target == TARGET_WASI)
      line(e, "(func $_start (export \"_start\") (call $zena_main))");
    return;
  }
  const Type *t = fn_code_type(main->fn);
  const char *result = wasm_type(e, t->result);
  const char *entry = main->wasm_name;
  if (main->fn->is_async) { /* it runs as a task, under the scheduler */
    entry = "zena_main";
    emit_async_main(e, main, has_init(e->prog));
  } else if (has_init(e->prog)) {
    entry = "zena_main";
    start_line(e);
    tb_puts(e->out, "(func $zena_main (export \"main\")");
    if (result)
      tb_printf(e->out, " (result %s)", result);
    tb_putc(e->out, '\n');
    e->depth++;
    line(e, "(call $zena_init)");
    line(e, "(call $%s)", main->wasm_name);
    close_line(e);
  } else {
    line(e, "(export \"main\" (func $%s))", entry);
  }
  /* what a host cannot tell from the Wasm signature of main */
  if (t->result->kind == TY_BOOLEAN)
    line(e, "(global (export \"zena_result_boolean\") i32 (i32.const 1))");
  if (t->result->kind == TY_STRING) {
    line(e, "(func (export \"zena_string_length\") (param $s (ref $String)) "
            "(result i32) (array.len (local.get $s)))");
    line(e, "(func (export \"zena_string_byte\") (param $s (ref $String)) "
            "(param $i i32) (result i32) (array.get_u $String (local.get $s) "
            "(local.get $i)))");
  }
  if (e->target != TARGET_WASI)
    return;
  open_line(e, "(func $_start (export \"_start\")");
  if (t->result->kind == TY_I32 || t->result->kind == TY_BOOLEAN)
    line(e, "(call $proc_exit (call $%s))", entry);
  else if (result)
    line(e, "(drop (call $%s))", entry);
  else
    line(e, "(call $%s)", entry);
  close_line(e);
}

/* ---- the module ---- */

/* Classes, vtables, function values, closures and cells may refer to each
 * other in any order, so they form one recursive type group.  It is
 * written in place and taken back when it stays empty (a separate buffer
 * copied in afterwards cost more than the group itself on big programs). */
static void emit_types(Emitter *e) {
  size_t before = e->out->len;
  open_line(e, "(rec");
  size_t empty = e->out->len;
  emit_class_types(e);
  emit_closure_types(e);
  for (int i = 0; i < e->narrays; i++) /* the list may grow while we go */
    line(e, "(type $%s (array (mut %s)))", array_type_name(e, e->arrays[i]),
         storage_type(e, e->arrays[i]->elem));
  emit_shape_types(e);
  emit_async_types(e);
  for (int i = 0; i < 4; i++)
    if (e->boxes[i])
      line(e, "(type $Boxed.%s (struct (field $value %s)))", box_kinds[i], box_kinds[i]);
  if (e->out->len == empty) {
    e->out->len = before;
    e->depth--;
  } else {
    close_line(e);
  }
}

static void emit_imports(Emitter *e) {
  const Program *p = e->prog;
  bool wasi_async = e->target == TARGET_WASI && e->needs[RT_ASYNC];
  if (e->target == TARGET_WASI && (e->prog->main || wasi_async))
    line(e, "(import \"wasi_snapshot_preview1\" \"proc_exit\" "
            "(func $proc_exit (param i32)))");
  if (e->needs[RT_ASYNC])
    emit_async_imports(e);
  if (e->needs[RT_PRINT] || wasi_async) {
    if (e->target == TARGET_WASI)
      line(e, "(import \"wasi_snapshot_preview1\" \"fd_write\" "
              "(func $fd_write (param i32 i32 i32 i32) (result i32)))");
    else
      line(e, "(import \"zena\" \"write\" "
              "(func $zena_write_line (param i32 i32 i32)))");
  }
  for (int i = 0; i < p->nimports; i++) {
    Symbol *sym = p->imports[i];
    Node *d = sym->decl;
    const char *mod = d->DeclareFunction.externalModule;
    const char *name = d->DeclareFunction.externalName;
    const Function *host = sym->fn; /* async: see emit_host_calls */
    start_line(e);
    tb_printf(e->out, "(import \"%s\" \"%s\" (func $%s%s", mod ? mod : "env",
              name ? name : sym->name, sym->wasm_name, host ? ".host (param (ref $Task))" : "");
    write_signature(e, NULL, host ? host->code_type : sym->type);
    tb_puts(e->out, "))\n");
  }
}

static int compare_names(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* `(elem declare func $a $b ...)`: each function ref.func names, once. */
static void emit_elems(Emitter *e) {
  if (!e->nelems)
    return;
  qsort(e->elems, e->nelems, sizeof(char *), compare_names);
  start_line(e);
  tb_puts(e->out, "(elem declare func");
  for (int i = 0; i < e->nelems; i++)
    if (i == 0 || strcmp(e->elems[i], e->elems[i - 1]) != 0)
      tb_printf(e->out, " $%s", e->elems[i]);
  tb_puts(e->out, ")\n");
}

/* Writes out what tb holds and empties it. */
static void flush_text(TextBuf *tb, FILE *out) {
  fwrite(tb->data, 1, tb->len, out);
  tb->len = 0;
}

void emit_module(FILE *out, const Program *prog, Target target, Arena *arena) {
  TextBuf bodies = {NULL, 0, 0}, module = {NULL, 0, 0};
  Emitter e = {.prog = prog, .target = target, .arena = arena,
               .file = diag_file(prog->diag, 0)->path};
  strbuf_init(&e.data, arena);

  /* Bodies first, into their own buffer: they tell what the module needs.
   * It gets room for them at once (the code is some 8 bytes per byte of
   * source): address space never written costs nothing, while a buffer
   * that grows is copied, into fresh memory, each time.  10 bytes per byte
   * of all the sources still fit in the token vector kept from parsing the
   * biggest (12 bytes per byte of it: see vec_take, lex_source), whose pages
   * are in already. */
  size_t source = 0;
  for (int i = 0; i < prog->diag->nfiles; i++)
    source += diag_file(prog->diag, i)->len;
  tb_reserve(&bodies, 10 * source);
  /* The types and the rest go in a buffer of their own, written after the
   * bodies (under a byte per byte of source): made now, so that the
   * prefault thread has the bodies' time to fault it in. */
  tb_reserve(&module, 2 * source);
  prefault(module.data, source, false);
  strbuf_reserve(&e.data, source); /* the strings: about their size in the source */
  e.out = &bodies;
  e.depth = 1;
  reach_program(prog);
  for (int i = 0; i < prog->nfunctions; i++)
    if (prog->functions[i]->reachable)
      emit_function(&e, prog->functions[i]);
  emit_dispatchers(&e);
  emit_interface_dispatchers(&e);
  emit_equals(&e);
  emit_default_helpers(&e);
  emit_init(&e);
  emit_entry(&e);
  emit_async_helpers(&e);
  emit_exception_support(&e);
  tb_free(&e.body);

  e.out = &module;
  e.depth = 0;
  tb_printf(&module, ";; %s, compiled by zena2wat for %s\n", e.file,
            target == TARGET_WASI ? "WASI" : "JavaScript hosts");
  open_line(&e, "(module");
  for (int i = 0; i < prog->nclasses; i++) /* fields may mention String */
    for (int f = 0; prog->classes[i]->reachable && f < prog->classes[i]->nfields; f++)
      storage_type(&e, prog->classes[i]->fields[f].type);
  for (int i = 0; i < prog->nglobals; i++)
    storage_type(&e, prog->globals[i]->type);
  bool strings = e.uses_string || e.nstrings;
  for (int i = 0; i < RT__COUNT; i++)
    strings |= e.needs[i]; /* every runtime piece works on strings */
  if (strings)
    line(&e, "(type $String (array (mut i8)))");
  emit_runtime_types(&e);
  emit_types(&e);
  emit_imports(&e);
  /* WASI hosts insist on an exported memory even when nothing is printed */
  if (e.needs[RT_PRINT] || target == TARGET_WASI)
    line(&e, "(memory (export \"memory\") 1)");
  if (has_init(prog))
    line(&e, "(global $zena_initialised (mut i32) (i32.const 0))");
  emit_vtables(&e);
  for (int i = 0; i < prog->nglobals; i++) {
    Symbol *g = prog->globals[i];
    line(&e, "(global $%s (mut %s) %s)", g->wasm_name, storage_type(&e, g->type),
         zero_value(g->type));
  }
  /* the bodies go out from their own buffer, not copied behind the header */
  flush_text(&module, out);
  fwrite(bodies.data, 1, bodies.len, out);
  emit_closure_helpers(&e);
  emit_runtime(&e, &bodies);
  tb_free(&bodies);
  emit_elems(&e);
  flush_text(&module, out);
  fwrite(e.data.data, 1, e.data.len, out); /* the strings, from their buffer too */
  fputs(")\n", out);
  tb_free(&module);
}
