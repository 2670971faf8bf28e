/*
 * check.c - name resolution and type checking.
 *
 * The checker walks the AST once per function, resolving every name to a
 * Symbol (node->sym) and giving every expression its type (node->type).
 * Module-level functions are declared before any body is checked, so they
 * may call each other in any order; a function without a return type gets
 * one from its body, checked on first use (recursion then needs the type
 * written out, as upstream Zena requires).
 *
 * Constructs the code generator does not handle yet are reported as
 * "not supported yet" errors rather than compiled wrongly.
 */
#include "checker.h"

#include <stdlib.h>
#include <string.h>

/* ---- scopes ---- */

void push_scope(Checker *c, Scope *s) {
  *s = (Scope){.up = c->scope, .fn = c->fn};
  c->scope = s;
}

/* Scopes with many names (a module's) get a hash table. */
enum { TABLE_FROM = 16 };

/* Is sym named name?  Most names differ in their first byte, which is
 * tested without a call (lookups walk every scope out to the module's). */
static inline bool named(const Symbol *sym, const char *name) {
  return sym->name[0] == name[0] && strcmp(sym->name, name) == 0;
}

/* A slot of a scope's table.  The name's hash is kept with the symbol, so
 * that a probe past other names reads neither their symbols nor their
 * names: in a big module's table those are cache misses. */
typedef struct ScopeSlot {
  unsigned hash; /* name_hash(sym->name) */
  Symbol *sym;   /* NULL: an empty slot */
} ScopeSlot;

static void table_put(ScopeSlot *table, int cap, Symbol *sym) {
  unsigned hash = name_hash(sym->name), i = hash & (unsigned)(cap - 1);
  while (table[i].sym && !(table[i].hash == hash && named(table[i].sym, sym->name)))
    i = (i + 1) & (unsigned)(cap - 1);
  table[i] = (ScopeSlot){hash, sym}; /* a later declaration of the same name shadows */
}

static void index_scope(Checker *c, Scope *s, Symbol *added) {
  if (s->count < TABLE_FROM)
    return;
  if (!s->table || 4 * s->count > 3 * s->tcap) {
    s->tcap = s->tcap ? 2 * s->tcap : 64;
    s->table = arena_alloc(c->arena, (size_t)s->tcap * sizeof(ScopeSlot));
    /* oldest first, so that newer declarations win */
    Symbol **all = arena_alloc(c->arena, (size_t)s->count * sizeof(Symbol *));
    int n = 0;
    for (Symbol *sym = s->syms; sym && n < s->count; sym = sym->next)
      all[n++] = sym;
    while (n-- > 0)
      table_put(s->table, s->tcap, all[n]);
    return;
  }
  table_put(s->table, s->tcap, added);
}

/* A name being looked up; its hash is computed at the first table on the
 * way, once for all the scopes a lookup goes through. */
typedef struct {
  const char *name;
  unsigned hash; /* with hashed: name_hash(name) */
  bool hashed;
} Wanted;

static Symbol *find_wanted(const Scope *s, Wanted *w) {
  if (s->table) { /* every symbol of a big scope is in it (see declare) */
    if (!w->hashed) {
      w->hash = name_hash(w->name);
      w->hashed = true;
    }
    unsigned mask = (unsigned)(s->tcap - 1);
    for (unsigned i = w->hash & mask; s->table[i].sym; i = (i + 1) & mask)
      if (s->table[i].hash == w->hash && named(s->table[i].sym, w->name))
        return s->table[i].sym;
    return NULL;
  }
  for (Symbol *sym = s->syms; sym; sym = sym->next)
    if (named(sym, w->name))
      return sym;
  return NULL;
}

/* The symbol `name` in scope s itself (not its enclosing scopes). */
Symbol *scope_find(const Scope *s, const char *name) {
  return find_wanted(s, &(Wanted){.name = name});
}

void pop_scope(Checker *c) { c->scope = c->scope->up; }

Symbol *lookup(Checker *c, const char *name) {
  Wanted w = {.name = name};
  for (Scope *s = c->scope; s; s = s->up) {
    Symbol *sym = find_wanted(s, &w);
    if (sym)
      return sym;
  }
  return NULL;
}

static void add_capture(Checker *c, Function *f, Symbol *sym) {
  for (int i = 0; i < f->ncaptures; i++)
    if (f->captures[i] == sym)
      return;
  f->captures = arena_grow(c->arena, f->captures, f->ncaptures, sizeof(Symbol *));
  f->captures[f->ncaptures++] = sym;
}

/* Looks a name up for use in an expression.  A local of an enclosing
 * function is captured by every closure between here and there; a captured
 * `var` is boxed, so all of them share one variable. */
Symbol *use_name(Checker *c, const char *name) {
  Symbol *sym = lookup(c, name);
  if (!sym || sym->kind != SYM_LOCAL || !sym->owner || sym->owner == c->fn)
    return sym;
  Symbol *var = sym->narrowed_from ? sym->narrowed_from : sym; /* the storage */
  for (Function *f = c->fn; f && f != var->owner; f = f->parent)
    add_capture(c, f, var);
  if (var->is_var)
    var->boxed = true;
  return sym;
}

/* A Wasm-safe unique name: `x`, then `x_1`, `x_2`, ... for shadowed ones. */
const char *unique_name(Checker *c, const char *name) {
  int n = names_add(&c->used, c->arena, name)->uses++;
  return n ? name_numbered(c->arena, name, n) : name;
}

Symbol *declare(Checker *c, const char *name, SymbolKind kind, Type *type,
                Node *decl) {
  if (scope_find(c->scope, name))
    diag_error(c->diag, decl->loc, "'%s' is already declared in this scope", name);
  Symbol *sym = arena_alloc(c->arena, sizeof(Symbol));
  sym->name = name;
  sym->kind = kind;
  sym->type = type;
  sym->decl = decl;
  sym->wasm_name = unique_name(c, name);
  sym->owner = kind == SYM_LOCAL ? c->fn : NULL;
  sym->next = c->scope->syms;
  c->scope->syms = sym;
  c->scope->count++;
  index_scope(c, c->scope, sym);
  if (kind == SYM_LOCAL && c->fn && decl->kind != ND_Parameter &&
      decl->kind != ND_CaseClassParam) {
    Function *f = c->fn;
    if (f->nlocals == f->cap) {
      int cap = f->cap ? f->cap * 2 : 8;
      Symbol **grown = arena_alloc(c->arena, cap * sizeof(Symbol *));
      if (f->nlocals)
        memcpy(grown, f->locals, f->nlocals * sizeof(Symbol *));
      f->locals = grown;
      f->cap = cap;
    }
    f->locals[f->nlocals++] = sym;
  }
  return sym;
}

/* ---- diagnostics shared by the checker's files ---- */

const char *tname(Checker *c, const Type *t) { return type_name(c->arena, t); }

void unsupported(Checker *c, const Node *n, const char *what) {
  diag_error(c->diag, n->loc, "%s is not supported yet", what);
}

/* Reports a mismatch unless `from` may be used as `to`; returns whether ok. */
bool expect_type(Checker *c, const Node *at, Type *from, Type *to) {
  if (to->kind == TY_ANY && !type_is_reference(from) && from->kind != TY_ERROR &&
      from->kind != TY_NEVER) {
    unsupported(c, at, arena_printf(c->arena, "storing %s in 'any' without 'as any'",
                                    tname(c, from)));
    return false;
  }
  if (type_boxed_value(to) && !type_boxed_value(from) && from->kind != TY_NULL &&
      from->kind != TY_ERROR && from->kind != TY_NEVER) {
    unsupported(c, at, arena_printf(c->arena, "storing a value in a '%s' variable "
                                    "(only optional chains make them)", tname(c, to)));
    return false;
  }
  if (type_assignable(from, to))
    return true;
  Type *lit = literal_of(c, at); /* 'a' given where 'a' | 'b' is expected */
  if (lit && type_assignable(lit, to))
    return true;
  diag_error(c->diag, at->loc, "Type mismatch: expected %s, got %s",
             tname(c, to),
             tname(c, lit && type_widened(c, to) != to ? lit : from)); /* '"c"' */
  return false;
}

/* The type of a value that is either an a or a b: the wider of the two,
 * or their union (of references); a mismatch is reported at `at`. */
Type *join_types(Checker *c, const Node *at, Type *a, Type *b) {
  if (type_assignable(a, b))
    return b;
  if (type_assignable(b, a))
    return a;
  if (type_is_reference(a) && type_is_reference(b))
    return type_union((Type *[]){a, b}, 2);
  expect_type(c, at, b, a);
  return a;
}

/* ---- type annotations ---- */

ClassInfo *enclosing_class(const Checker *c) {
  if (c->defining)
    return c->defining;
  for (const Function *f = c->fn; f; f = f->parent)
    if (f->owner)
      return f->owner;
  return NULL;
}

/* `this` as a type: the class being declared (or whose code this is). */
static Type *resolve_this_type(Checker *c, Node *ann) {
  ClassInfo *here = enclosing_class(c);
  if (here)
    return here->type;
  diag_error(c->diag, ann->loc, "'this' type is only valid inside a class or interface");
  return type_basic(TY_ERROR);
}

/* `(a: A, b: B) => R` */
static Type *resolve_function_type(Checker *c, Node *ann) {
  NodeList *params = ann->FunctionTypeAnnotation.params;
  Type **types = arena_alloc(c->arena, (params->len + 1) * sizeof(Type *));
  for (int i = 0; i < params->len; i++)
    types[i] = resolve_type(c, params->items[i]);
  return type_function(types, params->len,
                       resolve_type(c, ann->FunctionTypeAnnotation.returnType));
}

/* `A | B | null`: references only, as Wasm cannot mix the two kinds; or
 * literals of one primitive type (`1 | 2 | 3`), which are that type. */
static Type *resolve_union_type(Checker *c, Node *ann) {
  NodeList *types = ann->UnionTypeAnnotation.types;
  Type **members = arena_alloc(c->arena, (types->len + 1) * sizeof(Type *));
  int refs = 0, primitives = 0;
  const Type *literal_base = NULL; /* of the primitive literals, if all agree */
  bool others = false;             /* a primitive that is not such a literal */
  int n = 0;
  for (int i = 0; i < types->len; i++) {
    Node *item = types->items[i];
    Type *m = item->kind == ND_TupleTypeAnnotation || item->kind == ND_InlineTupleTypeAnnotation
                  ? resolve_tuple_type(c, item) /* its holes are filled below */
                  : resolve_type(c, item);
    if (m->kind == TY_NEVER) /* absorbed: `T | never` is T */
      continue;
    members[n++] = m;
    if (m->kind == TY_ERROR || m->kind == TY_PARAM)
      continue;
    if (type_is_reference(m)) {
      refs++;
      continue;
    }
    primitives++;
    if (m->kind != TY_LITERAL || (literal_base && literal_base != m->elem))
      others = true;
    literal_base = m->elem;
  }
  fill_tuple_holes(c, members, n);
  for (int i = 0; i < n; i++)
    for (int k = 0; k < i; k++)
      if (members[i]->kind == TY_CLASS && members[k]->kind == TY_CLASS &&
          members[i]->cls->is_extension && members[k]->cls->is_extension &&
          members[i]->cls->on == members[k]->cls->on)
        diag_error(c->diag, ann->loc,
                   "A union of multiple extension types of one type (%s and %s, both "
                   "%s) cannot tell its alternatives apart", tname(c, members[k]),
                   tname(c, members[i]), tname(c, members[i]->cls->on));
  if (primitives && (refs || others)) {
    diag_error(c->diag, ann->loc,
               "Union types cannot mix primitive types with reference types "
               "(use Box<T> for a nullable number)");
    return type_basic(TY_ERROR);
  }
  if (!n)
    return type_basic(TY_NEVER);
  Type *t = type_union(members, n);
  Type *yes = type_literal(type_basic(TY_BOOLEAN), "true");
  Type *no = type_literal(type_basic(TY_BOOLEAN), "false");
  if (t == type_union((Type *[]){yes, no}, 2)) /* `true | false` */
    return type_basic(TY_BOOLEAN);
  return t;
}

Type *resolve_type(Checker *c, Node *ann) {
  if (!ann)
    return NULL;
  if (ann->kind == ND_FunctionTypeAnnotation)
    return resolve_function_type(c, ann);
  if (ann->kind == ND_UnionTypeAnnotation)
    return resolve_union_type(c, ann);
  if (ann->kind == ND_ThisTypeAnnotation)
    return resolve_this_type(c, ann);
  if (ann->kind == ND_RecordTypeAnnotation)
    return resolve_record_type(c, ann);
  if (ann->kind == ND_TupleTypeAnnotation || ann->kind == ND_InlineTupleTypeAnnotation) {
    Type *t = resolve_tuple_type(c, ann);
    fill_tuple_holes(c, &t, 1);
    return t;
  }
  if (ann->kind == ND_LiteralTypeAnnotation)
    return resolve_literal_type(c, ann);
  NodeList *args = ann->kind == ND_TypeAnnotation ? ann->TypeAnnotation.typeArguments
                                                  : NULL;
  if (args && args->len == 1 &&
      (strcmp(ann->TypeAnnotation.name, "FixedArray") == 0 ||
       strcmp(ann->TypeAnnotation.name, "array") == 0))
    return type_array(resolve_type(c, args->items[0]));
  /* looked up once: nothing below declares a name */
  Symbol *sym = ann->kind == ND_TypeAnnotation ? lookup(c, ann->TypeAnnotation.name) : NULL;
  if (sym && sym->kind == SYM_GENERIC_CLASS)
    return resolve_generic_type(c, sym, ann);
  if (sym && sym->kind == SYM_TYPE)
    return alias_type(c, sym, ann);
  Type *async = ann->kind == ND_TypeAnnotation ? resolve_async_type(c, ann) : NULL;
  if (async)
    return async;
  if (ann->kind != ND_TypeAnnotation || args) {
    unsupported(c, ann, "this kind of type");
    return type_basic(TY_ERROR);
  }
  static const struct { const char *name; TypeKind kind; } names[] = {
      {"i32", TY_I32},         {"u32", TY_U32},   {"i64", TY_I64},
      {"f32", TY_F32},         {"f64", TY_F64},   {"boolean", TY_BOOLEAN},
      {"void", TY_VOID},       {"never", TY_NEVER}, {"String", TY_STRING},
      {"string", TY_STRING},   {"null", TY_NULL},     {"any", TY_ANY},
  };
  const char *name = ann->TypeAnnotation.name;
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (names[i].name[0] == name[0] && strcmp(name, names[i].name) == 0)
      return type_basic(names[i].kind);
  if (sym && (sym->kind == SYM_CLASS || sym->kind == SYM_ENUM ||
              sym->kind == SYM_TYPE_PARAM))
    return sym->type;
  diag_error(c->diag, ann->loc, "Type '%s' not found", ann->TypeAnnotation.name);
  return type_basic(TY_ERROR);
}

/* ---- functions ---- */

/* Declares the parameters of fn in the current scope; returns their types.
 * Parameters without a type take it from `expected`, the function type the
 * context wants (a closure passed as an argument), when there is one. */
Type **declare_params(Checker *c, Function *f, Type *expected) {
  NodeList *params = fn_parts(f->node).params;
  Type **types = arena_alloc(c->arena, (params->len + 1) * sizeof(Type *));
  f->params = arena_alloc(c->arena, (params->len + 1) * sizeof(Symbol *));
  for (int i = 0; i < params->len; i++) {
    Node *p = params->items[i];
    Node *ann = p->Parameter.typeAnnotation;
    if (p->Parameter.isThisParam) {
      unsupported(c, p, "a `this` parameter");
      types[i] = type_basic(TY_ERROR);
    } else if (ann) {
      types[i] = resolve_type(c, ann);
    } else if (expected && i < expected->nparams) {
      types[i] = expected->params[i];
    } else if (!p->Parameter.initializer && p->Parameter.pattern) {
      diag_error(c->diag, p->loc, "A destructured parameter needs a type annotation");
      types[i] = type_basic(TY_ERROR);
    } else if (!p->Parameter.initializer) {
      diag_error(c->diag, p->loc, "Parameter '%s' has no type annotation",
                 p->Parameter.name->Identifier.name);
      types[i] = type_basic(TY_ERROR);
    }
    if (p->Parameter.optional)
      types[i] = check_param_default(c, p, types[i]);
    f->params[i] = declare(c, p->Parameter.name->Identifier.name, SYM_LOCAL,
                           types[i], p);
    p->sym = f->params[i];
    if (p->Parameter.pattern) /* `({x, y}: Point)`: x and y are locals */
      check_binding(c, p->Parameter.pattern, types[i], false);
  }
  return types;
}

/* Enters the body of f: a fresh scope below the module's, holding `this`
 * for methods.  leave_function() restores what was saved in `saved`. */
void enter_function(Checker *c, Function *f, Checker *saved, Scope *scope) {
  *saved = *c;
  c->scope = f->scope ? f->scope : c->module_scopes[f->module];
  c->fn = f;
  c->loops = 0;
  c->result = NULL;
  push_scope(c, scope);
  if (f->owner) {
    /* `this` is the Wasm function's first parameter, not one of its locals */
    if (!f->this_sym) {
      f->this_sym = arena_alloc(c->arena, sizeof(Symbol));
      Type *self = f->owner->is_extension ? f->owner->on : f->owner->type;
      *f->this_sym = (Symbol){.name = "this", .kind = SYM_LOCAL,
                              .type = self, .decl = f->node,
                              .wasm_name = "this", .owner = f};
    }
    f->this_sym->next = NULL;
    scope->syms = f->this_sym;
  }
}

void leave_function(Checker *c, const Checker *saved) {
  c->scope = saved->scope;
  c->fn = saved->fn;
  c->result = saved->result;
  c->loops = saved->loops;
}

/* Checks a function body and returns the function's type: the declared
 * result, or the one the body gives (its expression, or its returns). */
Type *check_body(Checker *c, Type **types, int nparams, Type *declared,
                 Node *body) {
  Type *result;
  if (!body) {
    result = declared ? declared : type_basic(TY_VOID);
  } else if (body->kind == ND_BlockStatement) {
    check_block(c, body);
    result = c->result ? c->result : type_basic(TY_VOID);
  } else {
    Type *t = check_expr(c, body, declared);
    if (declared && declared->kind != TY_VOID)
      expect_type(c, body, t, declared);
    result = declared ? declared : t;
  }
  return type_function(types, nparams, declared ? declared : result);
}

/* What callers see of a function whose code has the signature `code`. */
Type *function_signature(Checker *c, Function *f, Type *code) {
  return f->is_async ? async_signature(c, f, code) : code;
}

/* Checks the body of a function or method and fixes its type. */
static void check_function(Checker *c, Function *f) {
  FnParts fn = fn_parts(f->node);
  f->is_async = fn.is_async;
  Checker saved;
  Scope scope;
  enter_function(c, f, &saved, &scope);
  Type **types = declare_params(c, f, NULL);
  Type *declared = resolve_type(c, fn.ret);
  c->result = declared;
  int nparams = fn.params->len;
  if (declared) /* known now: the body may call the function recursively */
    f->sym->type = function_signature(c, f, type_function(types, nparams, declared));
  f->sym->type = function_signature(c, f, check_body(c, types, nparams, declared, fn.body));
  record_refs(c, f);
  leave_function(c, &saved);
}

/* Makes sure a function's signature is known (checking its body if the
 * return type must be inferred); reports recursion without a return type. */
void resolve_function(Checker *c, Symbol *sym, const Node *use) {
  Function *f = sym->fn;
  if (!f || sym->type)
    return;
  if (f->node->type == type_basic(TY_NEVER)) { /* marks "being checked" */
    diag_error(c->diag, f->node->loc,
               "Recursive function requires an explicit return type annotation");
    (void)use;
    sym->type = type_function(NULL, 0, type_basic(TY_ERROR));
    return;
  }
  f->node->type = type_basic(TY_NEVER);
  check_function(c, f);
  f->node->type = sym->type;
}

/* ---- module ---- */

Function *new_function(Checker *c, Symbol *sym, Node *fn) {
  Function *f = arena_alloc(c->arena, sizeof(Function));
  f->sym = sym;
  f->module = c->module;
  sym->fn = f;
  f->node = fn;
  note_params(f);
  return f;
}

Function *add_function(Checker *c, Symbol *sym, Node *fn) {
  Program *p = c->prog;
  Function *f = new_function(c, sym, fn);
  p->functions = arena_grow(c->arena, p->functions, p->nfunctions, sizeof(Function *));
  p->functions[p->nfunctions++] = f;
  return f;
}

static void add_symbol(Checker *c, Symbol ***list, int *n, Symbol *sym) {
  *list = arena_grow(c->arena, *list, *n, sizeof(Symbol *));
  (*list)[(*n)++] = sym;
}

void add_global(Checker *c, Symbol *sym) {
  add_symbol(c, &c->prog->globals, &c->prog->nglobals, sym);
}

/* Was this module-level symbol declared with `export`? */
static bool is_exported(const Symbol *sym) {
  const Node *d = sym->kind == SYM_CLASS ? sym->type->cls->decl : sym->decl;
  switch (d->kind) {
  case ND_VariableDeclaration: return d->VariableDeclaration.exported;
  case ND_ClassDeclaration: return d->ClassDeclaration.exported;
  case ND_InterfaceDeclaration: return d->InterfaceDeclaration.exported;
  case ND_MixinDeclaration: return d->MixinDeclaration.exported;
  case ND_EnumDeclaration: return d->EnumDeclaration.exported;
  case ND_DeclareFunction: return d->DeclareFunction.exported;
  case ND_TypeAliasDeclaration: return d->TypeAliasDeclaration.exported;
  default: return false;
  }
}

/* Declares `name` in the current scope as another name for sym. */
Symbol *declare_same_as(Checker *c, const char *name, Symbol *sym, Node *decl) {
  Symbol *alias = declare(c, name, sym->kind, sym->type, decl);
  Symbol *next = alias->next;
  *alias = *sym; /* the same function, class, enum or global */
  alias->name = name;
  alias->next = next;
  return alias;
}

/* `import {a, b as c} from './m.zena'` (or 'zena:m'): each name becomes a symbol of this
 * module standing for the exporting module's (already checked) one. */
static void declare_imports(Checker *c, Node *stmt) {
  Node *spec = stmt->ImportDeclaration.moduleSpecifier;
  const char *from = spec->StringLiteral.value;
  NodeList *names = stmt->ImportDeclaration.imports;
  if (strcmp(from, "zena:console") == 0 && names->len == 1 &&
      strcmp(names->items[0]->ImportSpecifier.imported->Identifier.name,
             "console") == 0)
    return; /* console is built in */
  if (from[0] != '.' && strncmp(from, "zena:", 5) != 0) {
    unsupported(c, stmt, arena_printf(c->arena, "importing from '%s'", from));
    return;
  }
  NodeList *modules = c->prog->modules;
  const char *here = modules->items[c->module]->Module.path;
  const char *path = resolve_import(c->arena, here, from);
  int target = -1;
  for (int i = 0; i < c->module; i++)
    if (strcmp(modules->items[i]->Module.path, path) == 0)
      target = i;
  if (target < 0) { /* reported while loading */
    diag_error(c->diag, spec->loc, "Module '%s' is not available here", from);
    return;
  }
  for (int i = 0; i < names->len; i++) {
    Node *item = names->items[i];
    const char *name = item->ImportSpecifier.imported->Identifier.name;
    Symbol *sym = scope_find(c->module_scopes[target], name);
    if (!sym || !is_exported(sym)) {
      diag_error(c->diag, item->loc, "Module '%s' has no export named '%s'", from,
                 name);
      continue;
    }
    item->sym = declare_same_as(c, item->ImportSpecifier.local->Identifier.name,
                               sym, item);
  }
}

/* The exports of a prelude module (zena:error) become built-ins, seen by
 * every later module unless it declares the name itself. */
static void declare_prelude(Checker *c, Scope *builtins) {
  Scope *saved = c->scope;
  c->scope = builtins;
  for (Symbol *sym = c->module_scopes[c->module]->syms; sym; sym = sym->next)
    if (is_exported(sym))
      declare_same_as(c, sym->name, sym, sym->decl);
  c->scope = saved;
}

/* First pass: every module-level name exists before any body is checked. */
static void declare_top(Checker *c, Node *stmt) {
  switch (stmt->kind) {
  case ND_VariableDeclaration: {
    Node *pat = stmt->VariableDeclaration.pattern;
    Node *init = stmt->VariableDeclaration.init;
    if (stmt->VariableDeclaration.isAsync)
      mark_async_declaration(c, stmt);
    if (pat->kind != ND_Identifier) {
      declare_pattern_globals(c, pat, strcmp(stmt->VariableDeclaration.kind, "var") == 0,
                              &c->prog->globals, &c->prog->nglobals);
      return;
    }
    const char *name = pat->Identifier.name;
    bool is_fn = init->kind == ND_FunctionExpression &&
                 strcmp(stmt->VariableDeclaration.kind, "let") == 0 &&
                 !stmt->VariableDeclaration.typeAnnotation;
    Symbol *sym = declare(c, name, is_fn ? SYM_FUNCTION : SYM_GLOBAL, NULL, stmt);
    pat->sym = sym;
    if (is_fn && init->FunctionExpression.typeParameters) {
      make_generic_function(c, sym, init);
    } else if (is_fn) {
      add_function(c, sym, init);
      if (stmt->VariableDeclaration.exported && strcmp(name, "main") == 0 &&
          c->module == c->prog->modules->len - 1) /* the entry module's */
        c->prog->main = sym;
    } else {
      sym->is_var = strcmp(stmt->VariableDeclaration.kind, "var") == 0;
      add_symbol(c, &c->prog->globals, &c->prog->nglobals, sym);
    }
    return;
  }
  case ND_ImportDeclaration:
    declare_imports(c, stmt);
    return;
  case ND_DeclareFunction:
    declare_import(c, stmt);
    return;
  case ND_ClassDeclaration:
    declare_class(c, stmt);
    return;
  case ND_InterfaceDeclaration:
    declare_interface(c, stmt);
    return;
  case ND_MixinDeclaration:
    declare_mixin(c, stmt);
    return;
  case ND_EnumDeclaration:
    declare_enum(c, stmt);
    return;
  case ND_TypeAliasDeclaration:
    declare_alias(c, stmt);
    return;
  default:
    return;
  }
}

/* The function that runs module-level statements: locals declared in
 * their blocks and loops are its locals. */
static Function *init_function(Checker *c) {
  Program *p = c->prog;
  if (!p->init) {
    Symbol *sym = arena_alloc(c->arena, sizeof(Symbol));
    *sym = (Symbol){.name = "zena_init", .kind = SYM_FUNCTION,
                    .wasm_name = "zena_init", .decl = p->module};
    p->init = arena_alloc(c->arena, sizeof(Function));
    *p->init = (Function){.sym = sym, .node = p->module, .module = c->module};
    sym->fn = p->init;
  }
  p->init->module = c->module;
  return p->init;
}

/* A module-level statement other than a declaration (`console.log(x);`,
 * `if`, loops, blocks) runs in module initialisation, in order with the
 * module-level variables' initialisers. */
static void check_init_stmt(Checker *c, Node *stmt) {
  c->fn = init_function(c);
  if (stmt->kind == ND_VariableDeclaration)
    check_destructuring(c, stmt);
  else
    check_stmt(c, stmt);
  c->fn = NULL;
}

/* Second pass: check module-level statements in order. */
static void check_top(Checker *c, Node *stmt) {
  switch (stmt->kind) {
  case ND_VariableDeclaration: {
    Symbol *sym = stmt->VariableDeclaration.pattern->sym;
    if (stmt->VariableDeclaration.pattern->kind != ND_Identifier) {
      check_init_stmt(c, stmt);
      return;
    }
    if (!sym)
      return;
    if (sym->kind == SYM_FUNCTION) {
      resolve_function(c, sym, stmt); /* generic ones: where called */
      return;
    }
    Type *declared = resolve_type(c, stmt->VariableDeclaration.typeAnnotation);
    c->fn = init_function(c); /* for locals of block expressions */
    Type *t = check_expr(c, stmt->VariableDeclaration.init, declared);
    c->fn = NULL;
    if (declared)
      expect_type(c, stmt->VariableDeclaration.init, t, declared);
    sym->type = declared ? declared : t;
    return;
  }
  case ND_TypeAliasDeclaration: /* resolved now, before other modules import it */
    alias_type(c, stmt->sym, stmt);
    return;
  case ND_ImportDeclaration:
  case ND_DeclareFunction:
  case ND_EnumDeclaration:
  case ND_MixinDeclaration:
    check_mixin(c, stmt);
    return;
  case ND_InterfaceDeclaration:
  case ND_ClassDeclaration: /* checked after the module's statements */
    return;
  case ND_ExpressionStatement:
  case ND_BlockStatement:
  case ND_IfStatement:
  case ND_WhileStatement:
  case ND_ForStatement:
  case ND_ForInStatement:
  case ND_BreakStatement:
  case ND_ContinueStatement:
  case ND_ReturnStatement:
    check_init_stmt(c, stmt);
    return;
  default:
    unsupported(c, stmt, arena_printf(c->arena, "%s at module level",
                                      node_kind_name(stmt->kind)));
  }
}

/* One module, after the modules it imports: its names, its classes'
 * layouts, its statements, then its classes' code. */
static void check_one_module(Checker *c, Node *module) {
  int first_class = c->prog->nclasses;
  c->scope = c->module_scopes[c->module];
  NodeList *body = module->Module.body;
  for (int i = 0; i < body->len; i++)
    declare_top(c, body->items[i]);
  define_classes(c, first_class);
  for (int i = 0; i < body->len; i++)
    check_top(c, body->items[i]);
  check_classes(c, first_class);
}

bool check_program(NodeList *modules, Program *prog, Arena *arena, Diag *diag) {
  Refs refs = {.types = NULL};
  Checker c = {.arena = arena, .diag = diag, .prog = prog, .refs = &refs};
  memset(prog, 0, sizeof *prog);
  prog->modules = modules;
  prog->module = modules->items[modules->len - 1];
  prog->diag = diag;
  Scope builtins;
  push_scope(&c, &builtins);
  declare_builtins(&c);
  c.module_scopes = arena_alloc(arena, modules->len * sizeof(Scope *));
  for (int i = 0; i < modules->len; i++) {
    c.scope = &builtins;
    c.module_scopes[i] = arena_alloc(arena, sizeof(Scope));
    push_scope(&c, c.module_scopes[i]);
  }
  for (c.module = 0; c.module < modules->len; c.module++) {
    Node *m = modules->items[c.module];
    check_one_module(&c, m);
    if (is_prelude_module(m->Module.path))
      declare_prelude(&c, &builtins);
  }
  order_classes(&c);
  refs_free(&refs);
  return diag->errors == 0;
}
