/*
 * emit.h - what the emitter's files share (the public interface is
 * emit_module() in zena.h).
 */
#ifndef EMIT_H
#define EMIT_H

#include "names.h"
#include "textbuf.h"
#include "zena.h"

/* Runtime pieces the program may need; each is included only when used. */
typedef enum {
  RT_STRING,      /* concatenation and equality (runtime-wat/string.wat) */
  RT_NUMBER_TEXT, /* numbers and booleans as text (number_text.wat) */
  RT_PRINT,       /* console output (print.wat, plus write_wasi.wat on wasi) */
  RT_HASH,        /* hash codes of strings and 64-bit values (hash.wat) */
  RT_ASYNC,       /* tasks, scheduler, timers, scopes (async.wat; see need_async) */
  RT__COUNT
} RuntimePart;

/* How a channel stores its elements: one instance of runtime-wat/channel.wat
 * per kind used, named $Channel.KIND (every reference type shares "ref",
 * stored as anyref and cast back on receive). */
typedef enum { CH_I32, CH_I64, CH_F32, CH_F64, CH_REF, CH__COUNT } ChannelKind;

typedef struct {
  TextBuf *out;           /* where WAT goes */
  const Program *prog;    /* what to emit */
  Target target;          /* wasi or js */
  Arena *arena;           /* scratch strings */
  int depth;              /* indentation level */
  const char *file;       /* source path, for `;; file:line` comments */
  int labels;             /* counter for unique block labels */
  const char *break_label;    /* label `break` jumps to */
  const char *continue_label; /* label `continue` jumps to */
  bool needs[RT__COUNT];  /* runtime parts the program uses */
  bool uses_string;       /* some value has type String */
  StrBuf data;            /* data segments for string literals */
  int nstrings;           /* string literals so far */
  const Function *fn;     /* the function being emitted (captures) */
  const Type **fn_types;  /* signatures used as closure types */
  int nfn_types;          /* entries in fn_types */
  const Type **cells;     /* value types of the cells boxed vars live in */
  int ncells;             /* entries in cells */
  const char **elems;     /* every function used by ref.func (repeats too) */
  int nelems;             /* entries in elems */
  const Type **arrays;    /* array types the program uses */
  int narrays;            /* entries in arrays */
  NameTable array_elems;  /* the Wasm element types of those */
  const Type **shapes;    /* record and tuple types the program uses */
  int nshapes;            /* entries in shapes */
  bool boxes[4];          /* $Boxed.i32, .i64, .f32, .f64 are used */
  bool channels[CH__COUNT]; /* $Channel.KIND instances the program uses */
  const Node *awaited_call; /* the call `await` makes plainly (emit_async.c) */
  struct Starter *starters; /* task bodies to write, with their starters */
  int nstarters;            /* entries in starters */
  const Type **task_closures; /* closure types run as task bodies */
  int ntask_closures;       /* entries in task_closures */
  const Type **scope_closures; /* closure types run as scope bodies */
  int nscope_closures;      /* entries in scope_closures */
  const Function **scope_arrows; /* async arrows written as scope bodies */
  int nscope_arrows;        /* entries in scope_arrows */
  /* the function being written (see begin_function) */
  const char *fn_name;    /* its $name */
  const Type *fn_type;    /* its signature, or NULL for no params/result */
  TextBuf *saved_out;     /* the module's text while the body is buffered */
  TextBuf body;           /* the body being written (reused) */
  int commented_file;     /* the last `;; file:line` written: its file */
  int commented_line;     /* and line (0: none yet in this function) */
  Node **finally_blocks;  /* finally blocks around the code being written */
  const char **finally_breaks; /* break_label where each was entered */
  int nfinally;           /* entries in finally_blocks */
  struct TypeText *type_texts; /* wasm_type's composed results, by Type */
  int ntype_texts;        /* entries in type_texts */
  int cap_type_texts;     /* its slots (a power of two, or 0) */
  const char **temps;     /* Wasm types of the scratch locals $tmpN */
  int ntemps;             /* number of scratch locals */
  int captemps;           /* allocated entries */
} Emitter;

/* emit.c */
void start_line(Emitter *e);
void where_line(Emitter *e, const Node *n); /* ";; file.zena:LINE" */
/* The same before a statement, unless the last statement's said it. */
void where_line_once(Emitter *e, const Node *n);
void write_signature(Emitter *e, Symbol **params, const Type *fn);
void line(Emitter *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void open_line(Emitter *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void close_line(Emitter *e);
const char *wasm_type(Emitter *e, const Type *t); /* "i32", "(ref $String)", NULL: void */
const char *storage_type(Emitter *e, const Type *t); /* fields, globals: nullable refs */
bool needs_non_null(Emitter *e, const Type *t); /* stored nullable, used non-null */
const char *zero_value(const Type *t); /* `(i32.const 0)`, `(ref.null none)` */
const char *array_type_name(Emitter *e, const Type *array); /* "Array.i32" */
void remember_type(Emitter *e, const Type ***list, int *n, const Type *t);
const char *box_type_name(Emitter *e, const Type *value); /* "Boxed.i32" */
/* The signature of f's code: an async function's returns T, not Task<T>. */
static inline const Type *fn_code_type(const Function *f) {
  return f->code_type ? f->code_type : f->sym->type;
}
void begin_function(Emitter *e, const Function *f, const char *name,
                    const Type *type);
void end_function(Emitter *e);
const char *new_temp(Emitter *e, const char *wasm_type); /* "tmp3" */

bool is_init_stmt(const Node *s); /* emit.c: runs in zena_init */

/* reach.c: sets `reachable` on what the exports use */
void reach_program(const Program *p);

/* emit_class.c */
void emit_class_types(Emitter *e);
void emit_vtables(Emitter *e);
void emit_dispatchers(Emitter *e);
void emit_equals(Emitter *e);
void emit_hash_code(Emitter *e, const Function *f); /* a case class's hashCode() */
/* The hash code of a value of type t whose WAT is `value`: i32 WAT. */
void emit_hash(Emitter *e, const Type *t, const char *value);
void emit_constructor(Emitter *e, const Function *ctor);

/* emit_code.c */
void put(Emitter *e, const char *s); /* raw text */
/* before, name, after: what tb_printf("(local.get $%s)") writes, in three
 * appends (variables are read and written often enough to matter) */
void put_named(Emitter *e, const char *before, const char *name, const char *after);
const char *new_label(Emitter *e, const char *what); /* "break3" */
const char *method_target(Emitter *e, const Method *m); /* $name a call goes to */
const char *call_target(Emitter *e, const Node *callee); /* of a direct call */
const char *binary_instr(const char *op, const Type *t); /* "i32.add", or NULL */
void emit_location(Emitter *e, Loc at); /* "file.zena:LINE:COL" as a String */

/* emit_chain.c */
bool is_chain(const Node *x); /* a link of an optional chain */
/* A whole chain: its value, or `fallback` (null when absent) where a link
 * is null. */
void emit_chain(Emitter *e, Node *x, Node *fallback, const Type *type);
/* value, unless it is null: then fallback (`??` and `??=`). */
void emit_default(Emitter *e, Node *value, Node *fallback, const Type *type);

/* emit_array.c */
void emit_array_literal(Emitter *e, Node *a);
/* `(array.get $Array.T ARR IDX)`: ARR and IDX from locals when named, else
 * from the expressions. */
void emit_array_get(Emitter *e, const Type *array, const char *arr, const char *idx,
                    Node *arr_expr, Node *idx_expr);
void emit_index(Emitter *e, Node *x);
void emit_index_assignment(Emitter *e, Node *a, bool as_value);
void emit_stmt(Emitter *e, Node *stmt);
void emit_expr(Emitter *e, Node *expr);
void emit_drop_expr(Emitter *e, Node *expr); /* evaluate for effect only */
void emit_new_value(Emitter *e, Node *assign); /* the value `x op= v` stores */
void emit_branch(Emitter *e, Node *branch, bool value); /* block or expression */

/* emit_try.c */
void emit_throw(Emitter *e, Node *x);
void emit_try(Emitter *e, Node *x, bool value);
void emit_jump_out(Emitter *e, const char *label); /* break/continue */
void emit_return_out(Emitter *e, Node *arg); /* return inside try/finally */
void emit_exception_support(Emitter *e); /* the tag and the host's helpers */

/* emit_interface.c */
void emit_interface_dispatchers(Emitter *e);

/* emit_match.c */
void emit_match(Emitter *e, Node *match, bool value);
void emit_let_test(Emitter *e, Node *cond, const char *fail);

/* emit_record.c */
const char *shape_type_name(Emitter *e, const Type *t); /* "Record.3", "Tuple.1" */
void emit_shape_types(Emitter *e);
const char *open_shape_get(Emitter *e, const Type *t, int field);
void emit_shape_get(Emitter *e, Node *member_or_index);
int shape_slot(const Node *member_or_index);
void emit_record_literal(Emitter *e, Node *x);
void emit_tuple_literal(Emitter *e, Node *x);

/* emit_pattern.c */
void emit_destructuring(Emitter *e, Node *decl);
void emit_binding(Emitter *e, Node *pattern, const char *src); /* from local src */
void emit_param_patterns(Emitter *e, const Function *f);
void emit_default_helpers(Emitter *e);
/* call: the call or `new` (its location is __LOCATION__'s as a default) */
void emit_call_args(Emitter *e, const Function *f, Node *receiver, NodeList *args,
                    const Node *call);
void emit_host_args(Emitter *e, const Symbol *import, const Node *call);

/* emit_async.c */
const char *async_wasm_type(Emitter *e, const Type *t); /* Task, Scope, Channel */
const char *async_start_target(Emitter *e, const Function *f, const char *target,
                               bool method); /* "work.start" */
const char *async_closure_code(Emitter *e, const Function *f); /* its starter */
bool emit_async_call(Emitter *e, Node *call, bool awaited); /* spawn, ch.send... */
void emit_await(Emitter *e, Node *x);
void emit_new_channel(Emitter *e, Node *n); /* new Channel<T>(capacity) */
void emit_async_main(Emitter *e, const Symbol *main, bool init);
void emit_async_types(Emitter *e);
void need_async(Emitter *e); /* the program uses the task runtime */

/* emit_host.c */
void emit_async_imports(Emitter *e); /* what the target's task runtime imports */
void emit_host_calls(Emitter *e);    /* wrappers of async host functions (js) */
void emit_async_helpers(Emitter *e);
bool is_direct_call(const Node *callee); /* emit_code.c: not a function value */

/* emit_closure.c */
const char *fn_type_name(Emitter *e, const Type *fn); /* "Fn.3" */
void emit_closure_types(Emitter *e);
void emit_closure_helpers(Emitter *e);
void emit_var_get(Emitter *e, const Symbol *sym);
void emit_var_set(Emitter *e, const Symbol *sym, Node *assign, bool as_value);
void emit_var_init(Emitter *e, const Symbol *sym, Node *value);
const char *open_var_init(Emitter *e, const Symbol *sym);
void emit_closure_value(Emitter *e, Node *fn);
void emit_function_value(Emitter *e, const Symbol *fn);
void emit_value_call(Emitter *e, Node *call);
const char *local_type(Emitter *e, const Symbol *local);
void remember_elem(Emitter *e, const char *fn); /* needs `(elem declare func ...)` */

/* emit_runtime.c */
void emit_runtime(Emitter *e, const TextBuf *code); /* what code calls */
void emit_runtime_types(Emitter *e); /* before the program's types */

/* runtime.c, generated from runtime-wat/ by the build: each file's text */
extern const char runtime_string_wat[];
extern const char runtime_hash_wat[];
extern const char runtime_number_text_wat[];
extern const char runtime_print_wat[];
extern const char runtime_write_wasi_wat[];
extern const char runtime_async_wat[];
extern const char runtime_async_wasi_wat[];
extern const char runtime_async_js_wat[];
extern const char runtime_channel_wat[];

#endif
