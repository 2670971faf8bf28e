/*
 * checker.h - what the checker's files share (the public interface is
 * check_program() in zena.h).
 */
#ifndef ZENA_CHECKER_H
#define ZENA_CHECKER_H

#include "names.h"
#include "zena.h"

/* A record field or tuple element (`r.inner`, `t[0]`) known to have a
 * narrower type in a scope: records and tuples are immutable. */
typedef struct NarrowPath NarrowPath;
struct NarrowPath {
  Node *path;       /* the MemberExpression or IndexExpression */
  Type *type;       /* its type there */
  NarrowPath *next; /* another one in the same scope */
};

/* One lexical scope: a block, a function's parameters, the module. */
typedef struct Scope Scope;
struct Scope {
  Symbol *syms;   /* most recent first */
  Scope *up;      /* enclosing scope */
  Function *fn;   /* function the scope belongs to (NULL: module level) */
  int count;      /* symbols declared with declare() */
  struct ScopeSlot *table; /* by name, once the scope is big (open addressing) */
  int tcap;       /* slots in table (a power of two) */
  NarrowPath *paths; /* narrowed record fields and tuple elements */
};

typedef struct {
  Arena *arena;       /* where symbols and names live */
  Diag *diag;         /* where errors go */
  Program *prog;      /* what is being built */
  Scope **module_scopes; /* each module's names (over the built-ins) */
  int module;         /* index of the module being checked */
  Scope *scope;       /* innermost scope */
  Function *fn;       /* function whose body is being checked, or NULL */
  Type *result;       /* its return type: declared, or inferred so far */
  int loops;          /* enclosing loops (for break/continue) */
  int closures;       /* closures so far, for their names */
  Node *chain_default; /* the left of the `??` being checked, if any */
  ClassInfo *defining; /* the class whose members are being defined, if any */
  int instantiating;  /* generic instances being made inside one another */
  NameTable used;     /* wasm names handed out (uses: how often asked for) */
  NameTable class_names; /* classes' names in the output, to keep them unique */
  Refs *refs;         /* scratch lists for record_refs */
} Checker;

/* check_refs.c: keeps what f's checked body refers to with f */
void record_refs(Checker *c, Function *f);

/* check.c */
void push_scope(Checker *c, Scope *s);
void pop_scope(Checker *c);
Symbol *lookup(Checker *c, const char *name);
Symbol *use_name(Checker *c, const char *name);
Symbol *declare(Checker *c, const char *name, SymbolKind kind, Type *type,
                Node *decl);
const char *tname(Checker *c, const Type *t);
void unsupported(Checker *c, const Node *n, const char *what);
bool expect_type(Checker *c, const Node *at, Type *from, Type *to);
Type *join_types(Checker *c, const Node *at, Type *a, Type *b);
Type *resolve_type(Checker *c, Node *annotation);
/* The class being defined, or whose method (or closure in one) is being
 * checked; NULL outside classes. */
ClassInfo *enclosing_class(const Checker *c);
void resolve_function(Checker *c, Symbol *sym, const Node *use);
void add_global(Checker *c, Symbol *sym); /* a module-level variable */
Function *new_function(Checker *c, Symbol *sym, Node *fn); /* not emitted */
Function *add_function(Checker *c, Symbol *sym, Node *fn);  /* emitted */
Type **declare_params(Checker *c, Function *f, Type *expected);
Type *check_body(Checker *c, Type **types, int nparams, Type *declared,
                 Node *body);
void enter_function(Checker *c, Function *f, Checker *saved, Scope *scope);
void leave_function(Checker *c, const Checker *saved);

/* check_class.c */
void declare_class(Checker *c, Node *decl);
void add_class(Checker *c, ClassInfo *cls);   /* to the program (not templates) */
void define_class(Checker *c, ClassInfo *cls); /* fields, methods, constructor */
void define_classes(Checker *c, int first);  /* classes [first, n) */
void order_classes(Checker *c); /* superclasses first, for the Wasm types */
Function *class_function(Checker *c, ClassInfo *cls, const char *name, Node *node);
void attach_method(Checker *c, ClassInfo *cls, Method *method);

/* check_overload.c */
const char *member_label(const char *name); /* `[]` is `index` in Wasm names */
bool is_overloaded(const ClassInfo *cls, const char *name);
const Method *overridden_method(Checker *c, ClassInfo *cls, Method *method);
const Method *check_overloaded_call(Checker *c, const ClassInfo *cls, const char *name,
                                    Node **args, Type **known, int nargs,
                                    const Node *at);
/* A call of a host function declared more than once (first: the first
 * declaration): picks the declaration the arguments fit best, as for
 * methods, and checks them against it; NULL (reported) if none fits. */
Symbol *check_import_overload(Checker *c, Symbol *first, NodeList *args, const Node *at);
void add_method(Checker *c, ClassInfo *cls, Node *m); /* a MethodDefinition */
Symbol *find_static(const ClassInfo *cls, const char *name); /* or NULL */

/* check_fields.c */
void add_abstract_field(Checker *c, ClassInfo *cls, Node *field);
void add_accessor(Checker *c, ClassInfo *cls, Node *accessor);
void implement_abstract_fields(Checker *c, ClassInfo *cls);
const Method *find_accessor(Checker *c, const ClassInfo *cls, const char *field,
                            bool setter);
void check_classes(Checker *c, int first);


/* check_expr.c */
Type *check_expr(Checker *c, Node *e, Type *expected);
bool printable(Checker *c, const Node *at, const Type *t); /* console, templates */
bool is_number_literal(const Node *e);
Type *check_ident(Checker *c, Node *e);

/* check_operator.c */
bool one_of(const char *op, const char *const *ops); /* NULL-terminated ops */
Type *check_binary(Checker *c, Node *e, Type *expected);
Type *check_unary(Checker *c, Node *e, Type *expected);
Type *check_assignment(Checker *c, Node *e);

/* check_call.c */
Type *check_call(Checker *c, Node *call, Type *expected);
/* `#name` is visible only in the class declaring it (reported if not). */
bool check_private(Checker *c, const Node *name, ClassInfo *cls);
void check_args_of(Checker *c, NodeList *args, const Node *at, Type *fn,
                   const Function *f);
void check_arg_count(Checker *c, NodeList *args, const Node *at, Type *fn,
                     const Function *f);
Type *chain_object(Type *t); /* what `?.` reads from: t without null */
Type *chain_result(Checker *c, Node *e, Type *t); /* an optional chain's value */

/* check_index.c */
Type *check_index(Checker *c, Node *e);
Type *check_index_of(Checker *c, Node *e, Type *object); /* object checked */
Type *check_index_store(Checker *c, Node *assign, ClassInfo *cls); /* []= */
Type *check_index_update(Checker *c, Node *assign, ClassInfo *cls); /* [] op= */
Type *check_array_new(Checker *c, Node *call, Type *expected);
Type *check_hash(Checker *c, Node *call);
void declare_builtins(Checker *c);
void declare_import(Checker *c, Node *decl);

Type *check_closure(Checker *c, Node *fn, Type *expected);
Type *check_branch(Checker *c, Node *branch, Type *expected); /* block or expr */
Type *join_branches(Checker *c, Node *at, Type *then, Type *other, Type *expected);

/* check_tagged.c: rewrites the node into a call */
Type *check_tagged_template(Checker *c, Node *e, Type *expected);

/* check_async.c */
Type *resolve_async_type(Checker *c, Node *ann); /* Task<T>, Channel<T>, Scope; or NULL */
Type *async_signature(Checker *c, Function *f, Type *code); /* (params) => Task<T> */
Type *function_signature(Checker *c, Function *f, Type *code); /* check.c: async or not */
void mark_async_declaration(Checker *c, Node *decl); /* `async let f = ...` */
Type *check_await(Checker *c, Node *e, Type *expected);
Type *check_async_builtin(Checker *c, Node *call, const char *name); /* or NULL */
void declare_async_builtins(Checker *c, Node *decl);
Type *check_new_channel(Checker *c, Node *e); /* NULL: not the built-in */
Type *check_async_method(Checker *c, Node *call, Type *object);
void declare_async_import(Checker *c, Node *decl, Symbol *sym); /* js host promises */

/* check_try.c */
Type *error_type(Checker *c); /* zena:error's Error; the program throws */
Type *check_throw(Checker *c, Node *e);
Type *check_try(Checker *c, Node *e, Type *expected);

/* check_generic.c */
typedef struct Instance Instance;
void declare_generic_type(Checker *c, Node *name, Node *decl, NodeList *tparams);
void declare_generic_class(Checker *c, Node *decl);
void make_generic_function(Checker *c, Symbol *sym, Node *fn);
void make_generic_method(Checker *c, Method *m, Node *decl, ClassInfo *cls);
bool type_has_params(const Type *t); /* mentions a TY_PARAM placeholder */
/* `Name<Args>` for a generic class symbol. */
Type *resolve_generic_type(Checker *c, Symbol *sym, Node *ann);
Type *instantiate_class(Checker *c, Generic *g, Type **args, const Node *at);
Generic *generic_for_mixin(Checker *c, const char *name, Node *decl);
Type **generic_params(const Generic *g); /* its placeholders */
/* Type arguments making pattern (over g's placeholders) match actual, or
 * NULL when some parameter stays unbound. */
Type **match_type_params(Checker *c, const Generic *g, Type *pattern, Type *actual);
int generic_arity(const Generic *g);
Type *pattern_class(Checker *c, Node *name, Type *value);
Type *tested_type(Checker *c, Node *ann, Type *value);
/* A scope binding g's type parameters to args. */
Scope *bind_type_params(Checker *c, const Generic *g, Type **args);
/* `Name<A, B>` with Wasm-safe spelling: `Name<A_B>`. */
const char *type_args_name(Checker *c, const char *name, Type **args, int n);
/* A call of a generic function or method: checks the arguments, infers or
 * resolves the type arguments; returns the instance (NULL after errors). */
Symbol *check_generic_call(Checker *c, Generic *g, NodeList *targs, NodeList *args,
                           const Node *at);
/* `new G<...>(args)` or `new G(args)`: the instance's type. */
Type *check_generic_new(Checker *c, Generic *g, NodeList *targs, NodeList *args,
                        const Node *at);
/* `G.name(args)`, a static method of a generic class: its instance for the
 * type arguments the arguments give (NULL after errors). */
Symbol *check_generic_static_call(Checker *c, Generic *g, const char *name,
                                  NodeList *args, const Node *at);

/* check_extension.c */
void define_extension(Checker *c, ClassInfo *cls);
/* The method `name` (a getter is `field.get`) that an extension class in
 * scope gives values of type t, or NULL. */
const Method *find_extension_method(Checker *c, Type *t, const char *name);

/* check_interface.c */
void declare_interface(Checker *c, Node *decl);
ClassInfo *instance_interface(Checker *c, Node *copy);
void define_interface(Checker *c, ClassInfo *cls);
void add_interfaces(Checker *c, ClassInfo *cls, NodeList *list);
void check_interfaces_of(Checker *c, ClassInfo *cls); /* its `implements` */

/* check_mixin.c */
void declare_mixin(Checker *c, Node *decl);
void check_mixin(Checker *c, Node *decl); /* on its own, for its errors */
/* The class `base with list...` makes (base itself for an empty list). */
ClassInfo *apply_mixins(Checker *c, NodeList *list, ClassInfo *base);

/* check_pipe.c */
Type *check_pipeline(Checker *c, Node *e);
Type *check_placeholder(Checker *c, Node *e); /* `$` */

/* check_match.c */
Type *check_match(Checker *c, Node *e, Type *expected);
void bind_let_condition(Checker *c, Node *cond);

/* check_enum.c */
void declare_enum(Checker *c, Node *decl);

/* check_narrow.c */
void narrow_scope(Checker *c, Node *cond, bool truth, Scope *scope);
Type *narrowed_path(Checker *c, const Node *path); /* or NULL */
/* After `x ??= v;` (v not null): x is not null for the rest of the block
 * (opens a scope that the block's end closes). */
void narrow_after(Checker *c, Node *stmt);
bool always_exits(const Node *stmt);

/* check_alias.c */
void declare_alias(Checker *c, Node *decl);
Type *alias_type(Checker *c, Symbol *sym, const Node *use);
Type *resolve_literal_type(Checker *c, Node *ann);
Type *literal_of(Checker *c, const Node *e);
bool is_literal_value(const Node *e); /* a boolean, number or string literal */
Type *type_widened(Checker *c, Type *t);

/* check_record.c */
Type *resolve_record_type(Checker *c, Node *ann);
Type *resolve_tuple_type(Checker *c, Node *ann);
void fill_tuple_holes(Checker *c, Type **members, int n);
Type *tuple_alternative(Checker *c, const Type *union_type, NodeList *elems);
Type *check_record_literal(Checker *c, Node *e, Type *expected);
Type *check_tuple_literal(Checker *c, Node *e, Type *expected);
Type *check_record_member(Checker *c, Node *e, Type *record);
Type *check_tuple_index(Checker *c, Node *e, Type *tuple);

/* check_pattern.c */
void declare_pattern_globals(Checker *c, Node *pat, bool is_var,
                             Symbol ***globals, int *nglobals);
void check_binding(Checker *c, Node *pat, Type *t, bool is_var);
void check_destructuring(Checker *c, Node *decl);
Type *check_param_default(Checker *c, Node *param, Type *declared);
Type *optional_type(Checker *c, const Node *at, const char *what,
                    const char *name, Type *t);
int required_params(const Function *f, const Type *fn); /* of a call of f */
void note_params(Function *f); /* fills in f's has_param_list ... has_patterns */
int required_args(const NodeList *params, int nparams);

/* check.c: the symbol named `name` in scope s itself (not its parents) */
Symbol *scope_find(const Scope *s, const char *name);
/* name, or name_N when name was used before: a Wasm name no other has. */
const char *unique_name(Checker *c, const char *name);
/* check.c: `name` in the current scope as another name for sym */
Symbol *declare_same_as(Checker *c, const char *name, Symbol *sym, Node *decl);

/* check_syntax_lib.c */
Type *check_map_literal(Checker *c, Node *e, Type *expected);
Type *check_range(Checker *c, Node *e);

/* check_iter.c */
bool rewrite_for_in(Checker *c, Node *stmt, Node *source, Type *t);

/* check_stmt.c */
void check_block(Checker *c, Node *block);
void check_stmt(Checker *c, Node *stmt);
Type *check_condition(Checker *c, Node *cond);

#endif
