/*
 * check_generic.c - generic classes, functions and methods, monomorphized.
 *
 * A generic declaration is a template: it is never checked or emitted as it
 * is.  Each use with new type arguments (`Box<i32>`, `identity<String>`)
 * makes an instance: a copy of the declaration (ast_clone) checked in a
 * scope where each type parameter names its argument.  Instances are cached
 * per template, so `Box<i32>` is one class however often it is written.
 *
 * Type arguments left out of a call or `new` are inferred: the signature is
 * resolved with placeholder types (TY_PARAM) for the parameters, and unify()
 * matches it against the argument types.  An instance over placeholders is
 * a "template instance": it is defined (so its signatures are known) but
 * never checked or emitted.
 */
#include "checker.h"

#include <string.h>

/* A template: a generic class, module-level function or method. */
struct Generic {
  const char *name;   /* its Zena name */
  Node *decl;         /* ClassDeclaration, FunctionExpression or MethodDefinition */
  NodeList *tparams;  /* its TypeParameter nodes */
  Type **params;      /* a TY_PARAM placeholder per type parameter */
  int module;         /* the module that declares it */
  Scope *base;        /* what its declaration sees: its module's or class's scope */
  ClassInfo *owner;   /* a generic method: its class */
  Instance *instances; /* made so far, most recent first */
  int ninstances;     /* how many */
  Generic **variants; /* a generic sealed class: its variants' templates */
  int nvariants;      /* how many */
};

/* One instantiation of a template. */
struct Instance {
  Type **args;    /* the type arguments (types are unique, so == compares) */
  Type *type;     /* a class instance: its type */
  Symbol *sym;    /* a function or method instance: its symbol */
  Instance *next; /* next instance of the same template */
};

static Generic *new_generic(Checker *c, const char *name, Node *decl,
                            NodeList *tparams, Scope *base) {
  Generic *g = arena_alloc(c->arena, sizeof(Generic));
  *g = (Generic){.name = name, .decl = decl, .tparams = tparams,
                 .module = c->module, .base = base};
  g->params = arena_alloc(c->arena, tparams->len * sizeof(Type *));
  for (int i = 0; i < tparams->len; i++) {
    Type *p = arena_alloc(c->arena, sizeof(Type));
    *p = (Type){.kind = TY_PARAM, .name = tparams->items[i]->TypeParameter.name};
    g->params[i] = p;
  }
  return g;
}

/* A generic sealed class's `case Some(value: T)` becomes a generic case
 * class `Some<T> extends Option<T>`: each instance of the sealed class
 * comes with its variants' instances of the same type arguments, so a
 * match over it knows them all.  A unit variant (`case None`, one object)
 * has no type arguments to take: it needs parentheses here. */
static void declare_generic_variants(Checker *c, Node *sealed, Generic *g) {
  NodeList *variants = sealed->ClassDeclaration.sealedVariants;
  NodeList *tparams = sealed->ClassDeclaration.typeParameters;
  for (int i = 0; variants && i < variants->len; i++) {
    Node *v = variants->items[i];
    if (!v->SealedVariant.params) {
      unsupported(c, v, "a unit variant of a generic sealed class (write `case "
                        "Name()`)");
      continue;
    }
    Node *decl = node_new(c->arena, ND_ClassDeclaration, v->loc);
    decl->ClassDeclaration.name = node_ident(c->arena, v->SealedVariant.name->Identifier.name,
                                             v->loc);
    decl->ClassDeclaration.typeParameters = tparams;
    decl->ClassDeclaration.caseParams = v->SealedVariant.params;
    Node *super = node_new(c->arena, ND_TypeAnnotation, v->loc);
    super->TypeAnnotation.name = g->name;
    super->TypeAnnotation.typeArguments = list_new(c->arena);
    for (int p = 0; p < tparams->len; p++) {
      Node *arg = node_new(c->arena, ND_TypeAnnotation, v->loc);
      arg->TypeAnnotation.name = tparams->items[p]->TypeParameter.name;
      list_push(c->arena, super->TypeAnnotation.typeArguments, arg);
    }
    decl->ClassDeclaration.superClass = super;
    decl->ClassDeclaration.body = list_new(c->arena);
    decl->ClassDeclaration.isFinal = true;
    declare_generic_type(c, decl->ClassDeclaration.name, decl,
                         decl->ClassDeclaration.typeParameters);
    g->variants = arena_grow(c->arena, g->variants, g->nvariants, sizeof(Generic *));
    g->variants[g->nvariants++] = decl->sym->generic;
  }
}

void declare_generic_type(Checker *c, Node *name, Node *decl, NodeList *tparams) {
  Symbol *sym = declare(c, name->Identifier.name, SYM_GENERIC_CLASS, NULL, decl);
  sym->generic = new_generic(c, sym->name, decl, tparams, c->scope);
  name->sym = sym;
  decl->sym = sym;
}

/* `class Name<T> ...`, and a sealed one's variants. */
void declare_generic_class(Checker *c, Node *decl) {
  declare_generic_type(c, decl->ClassDeclaration.name, decl,
                       decl->ClassDeclaration.typeParameters);
  if (decl->ClassDeclaration.isSealed)
    declare_generic_variants(c, decl, decl->sym->generic);
}

void make_generic_function(Checker *c, Symbol *sym, Node *fn) {
  sym->generic = new_generic(c, sym->name, fn, fn->FunctionExpression.typeParameters,
                             c->scope);
}

void make_generic_method(Checker *c, Method *m, Node *decl, ClassInfo *cls) {
  Generic *g = new_generic(c, m->name, decl, decl->MethodDefinition.typeParameters,
                           cls->scope ? cls->scope : c->module_scopes[c->module]);
  g->owner = cls;
  m->generic = g;
}

Generic *generic_for_mixin(Checker *c, const char *name, Node *decl) {
  return new_generic(c, name, decl, decl->MixinDeclaration.typeParameters, c->scope);
}

int generic_arity(const Generic *g) { return g->tparams->len; }

Type **generic_params(const Generic *g) { return g->params; }

/* ---- types over placeholders ---- */

bool type_has_params(const Type *t) {
  switch (t->kind) {
  case TY_PARAM: return true;
  case TY_ARRAY: case TY_TASK: case TY_CHANNEL: return type_has_params(t->elem);
  case TY_CLASS: return t->cls->is_template;
  case TY_UNION:
    for (int i = 0; i < t->nmembers; i++)
      if (type_has_params(t->members[i]))
        return true;
    return false;
  case TY_FUNCTION:
    for (int i = 0; i < t->nparams; i++)
      if (type_has_params(t->params[i]))
        return true;
    return type_has_params(t->result);
  default: return false;
  }
}

/* The index of placeholder p among g's parameters, or -1. */
static int param_index(const Generic *g, const Type *p) {
  for (int i = 0; i < g->tparams->len; i++)
    if (g->params[i] == p)
      return i;
  return -1;
}

/* Matches pattern (over g's placeholders) against actual, binding
 * placeholders in bound[]: the first binding wins, a later one that is
 * wider (an alternative of a union, a superclass) replaces it. */
static void unify(const Generic *g, Type *pattern, Type *actual, Type **bound) {
  if (!actual || actual->kind == TY_ERROR || actual->kind == TY_NEVER)
    return;
  switch (pattern->kind) {
  case TY_PARAM: {
    int i = param_index(g, pattern);
    if (i < 0 || actual->kind == TY_NULL)
      return;
    if (!bound[i] || (type_assignable(bound[i], actual) && !type_has_params(actual)))
      bound[i] = actual;
    return;
  }
  case TY_ARRAY: case TY_TASK: case TY_CHANNEL:
    if (actual->kind == pattern->kind)
      unify(g, pattern->elem, actual->elem, bound);
    return;
  case TY_FUNCTION:
    if (actual->kind != TY_FUNCTION)
      return;
    for (int i = 0; i < pattern->nparams && i < actual->nparams; i++)
      unify(g, pattern->params[i], actual->params[i], bound);
    unify(g, pattern->result, actual->result, bound);
    return;
  case TY_UNION: { /* `T | null` against `X | null` or `X` */
    Type *rest = type_without_null(pattern);
    if (rest->kind != TY_UNION)
      unify(g, rest, type_without_null(actual), bound);
    return;
  }
  case TY_CLASS: {
    ClassInfo *want = pattern->cls;
    if (!want->generic || actual->kind != TY_CLASS)
      return;
    for (ClassInfo *have = actual->cls; have; have = have->super)
      if (have->generic == want->generic) {
        for (int i = 0; i < want->generic->tparams->len; i++)
          unify(g, want->targs[i], have->targs[i], bound);
        return;
      }
    return;
  }
  default:
    return;
  }
}

Type **match_type_params(Checker *c, const Generic *g, Type *pattern, Type *actual) {
  Type **bound = arena_alloc(c->arena, (g->tparams->len + 1) * sizeof(Type *));
  unify(g, pattern, actual, bound);
  for (int i = 0; i < g->tparams->len; i++)
    if (!bound[i])
      return NULL;
  return bound;
}

/* ---- names of instances ---- */

/* `Pair<i32, String>` for messages; the Wasm name (no spaces or commas,
 * which WAT identifiers cannot hold) is `Pair<i32_String>`. */
static const char *instance_name(Checker *c, const char *name, Type **args, int n,
                                 bool for_wasm) {
  StrBuf sb;
  strbuf_init(&sb, c->arena);
  strbuf_put(&sb, name, strlen(name));
  strbuf_putc(&sb, '<');
  for (int i = 0; i < n; i++) {
    if (i)
      strbuf_put(&sb, for_wasm ? "_" : ", ", for_wasm ? 1 : 2);
    const char *a = args[i]->kind == TY_CLASS && for_wasm ? args[i]->cls->name
                                                          : tname(c, args[i]);
    for (const char *p = a; *p; p++) {
      bool safe = !for_wasm || (*p != ' ' && *p != ',' && *p != '(' && *p != ')' &&
                                *p != '"' && *p != ';' && *p != '[' && *p != ']' &&
                                *p != '{' && *p != '}');
      if (safe)
        strbuf_putc(&sb, *p);
      else if (*p != ' ')
        strbuf_putc(&sb, '_');
    }
  }
  strbuf_putc(&sb, '>');
  return sb.data;
}

const char *type_args_name(Checker *c, const char *name, Type **args, int n) {
  return instance_name(c, name, args, n, true);
}

/* ---- instances ---- */

/* `class A<T> { next: A<A<T>> }` or `f<T>` calling `f<FixedArray<T>>` would
 * make instances without end: past this many nested in one another, or this
 * many of one template, stop. */
enum { MAX_INSTANTIATION_DEPTH = 64, MAX_INSTANCES = 2000 };

static bool too_deep(Checker *c, const Generic *g, const Node *at) {
  if (c->instantiating < MAX_INSTANTIATION_DEPTH && g->ninstances < MAX_INSTANCES)
    return false;
  diag_error(c->diag, at->loc, "Instantiating '%s' makes more than %d generic instances"
             "%s: its type arguments grow without end", g->name,
             g->ninstances >= MAX_INSTANCES ? MAX_INSTANCES : MAX_INSTANTIATION_DEPTH,
             g->ninstances >= MAX_INSTANCES ? "" : " nested in one another");
  return true;
}

static Instance *find_instance(const Generic *g, Type **args) {
  int n = g->tparams->len;
  for (Instance *in = g->instances; in; in = in->next)
    if (memcmp(in->args, args, n * sizeof(Type *)) == 0)
      return in;
  return NULL;
}

static Instance *add_instance(Checker *c, Generic *g, Type **args) {
  Instance *in = arena_alloc(c->arena, sizeof(Instance));
  int n = g->tparams->len;
  in->args = arena_alloc(c->arena, n * sizeof(Type *));
  memcpy(in->args, args, n * sizeof(Type *));
  in->next = g->instances;
  g->instances = in;
  g->ninstances++;
  return in;
}

/* A scope below g's where each type parameter names its argument. */
static Scope *bind_params(Checker *c, const Generic *g, Type **args) {
  Scope *s = arena_alloc(c->arena, sizeof(Scope));
  Scope *saved = c->scope;
  c->scope = g->base;
  push_scope(c, s);
  for (int i = 0; i < g->tparams->len; i++) {
    Node *tp = g->tparams->items[i];
    declare(c, tp->TypeParameter.name, SYM_TYPE_PARAM, args[i], tp);
  }
  c->scope = saved;
  return s;
}

Scope *bind_type_params(Checker *c, const Generic *g, Type **args) {
  return bind_params(c, g, args);
}

/* Checks each argument against its parameter's `extends` constraint. */
static bool check_constraints(Checker *c, const Generic *g, Scope *scope,
                              Type **args, const Node *at) {
  Scope *saved = c->scope;
  c->scope = scope;
  bool ok = true;
  for (int i = 0; i < g->tparams->len; i++) {
    Node *constraint = g->tparams->items[i]->TypeParameter.constraint;
    if (!constraint || type_has_params(args[i]))
      continue;
    Type *bound = resolve_type(c, constraint);
    if (type_assignable(args[i], bound))
      continue;
    ok = false;
    diag_error(c->diag, at->loc,
               "Type '%s' does not satisfy constraint '%s' of type parameter '%s'",
               tname(c, args[i]), tname(c, bound),
               g->tparams->items[i]->TypeParameter.name);
  }
  c->scope = saved;
  return ok;
}

/* Runs `body` as if in g's module, with `scope` innermost. */
typedef struct {
  Scope *scope; /* saved c->scope */
  int module;   /* saved c->module */
} Context;

static Context enter_generic(Checker *c, const Generic *g, Scope *scope) {
  Context saved = {c->scope, c->module};
  c->scope = scope;
  c->module = g->module;
  return saved;
}

static void leave_generic(Checker *c, Context saved) {
  c->scope = saved.scope;
  c->module = saved.module;
}

Type *instantiate_class(Checker *c, Generic *g, Type **args, const Node *at) {
  Instance *in = find_instance(g, args);
  if (in)
    return in->type;
  if (too_deep(c, g, at) || !check_constraints(c, g, bind_params(c, g, args), args, at))
    return type_basic(TY_ERROR);
  in = add_instance(c, g, args);
  int n = g->tparams->len;
  Node *copy = ast_clone(c->arena, g->decl);
  ClassInfo *cls;
  Node *name;
  if (copy->kind == ND_InterfaceDeclaration) {
    cls = instance_interface(c, copy);
    name = copy->InterfaceDeclaration.name;
  } else {
    cls = arena_alloc(c->arena, sizeof(ClassInfo));
    cls->decl = copy;
    copy->ClassDeclaration.typeParameters = NULL;
    cls->is_abstract = copy->ClassDeclaration.isAbstract || copy->ClassDeclaration.isSealed;
    cls->is_extension = copy->ClassDeclaration.onType != NULL;
    name = copy->ClassDeclaration.name;
  }
  cls->name = instance_name(c, g->name, args, n, true);
  cls->display = instance_name(c, g->name, args, n, false);
  cls->generic = g;
  cls->targs = in->args;
  cls->is_template = false;
  for (int i = 0; i < n; i++)
    cls->is_template |= type_has_params(args[i]);
  cls->scope = bind_params(c, g, args);
  in->type = type_class(c->arena, cls);
  Symbol *sym = arena_alloc(c->arena, sizeof(Symbol));
  *sym = (Symbol){.name = cls->display, .kind = SYM_CLASS, .type = in->type,
                  .decl = cls->decl, .wasm_name = cls->name};
  cls->decl->sym = sym;
  name->sym = sym;
  Context saved = enter_generic(c, g, cls->scope);
  add_class(c, cls);
  c->instantiating++;
  define_class(c, cls);
  c->instantiating--;
  leave_generic(c, saved);
  for (int i = 0; i < g->nvariants; i++) /* a sealed class comes with its variants */
    instantiate_class(c, g->variants[i], args, at);
  return in->type;
}

/* A function or method instance: a copy of the template checked now. */
static Symbol *instantiate_function(Checker *c, Generic *g, Type **args,
                                    const Node *at) {
  Instance *in = find_instance(g, args);
  if (in)
    return in->sym;
  if (too_deep(c, g, at))
    return NULL;
  Scope *scope = bind_params(c, g, args);
  if (!check_constraints(c, g, scope, args, at))
    return NULL;
  in = add_instance(c, g, args);
  int n = g->tparams->len;
  Node *copy = ast_clone(c->arena, g->decl);
  if (copy->kind == ND_MethodDefinition) /* an instance is not generic */
    copy->MethodDefinition.typeParameters = NULL;
  else
    copy->FunctionExpression.typeParameters = NULL;
  const char *name = instance_name(c, g->name, args, n, true);
  Context saved = enter_generic(c, g, scope);
  Function *f;
  if (g->owner) {
    f = class_function(c, g->owner, name, copy);
  } else {
    Symbol *sym = arena_alloc(c->arena, sizeof(Symbol));
    *sym = (Symbol){.name = g->name, .kind = SYM_FUNCTION, .decl = g->decl,
                    .wasm_name = name};
    f = add_function(c, sym, copy);
  }
  f->scope = scope;
  in->sym = f->sym;
  c->instantiating++;
  resolve_function(c, f->sym, at);
  c->instantiating--;
  leave_generic(c, saved);
  return in->sym;
}

/* ---- type arguments ---- */

/* Resolves explicit type arguments, filling in defaults; NULL after an
 * error (reported). */
static Type **explicit_args(Checker *c, const Generic *g, NodeList *list,
                            const Node *at) {
  int n = g->tparams->len, given = list ? list->len : 0;
  int required = 0;
  while (required < n && !g->tparams->items[required]->TypeParameter.defaultType)
    required++;
  if (given < required || given > n) {
    diag_error(c->diag, at->loc, "'%s' expects %d type argument%s, got %d", g->name,
               n, n == 1 ? "" : "s", given);
    return NULL;
  }
  Type **args = arena_alloc(c->arena, n * sizeof(Type *));
  bool ok = true;
  for (int i = 0; i < given; i++) {
    args[i] = resolve_type(c, list->items[i]);
    ok &= args[i]->kind != TY_ERROR;
  }
  if (given < n) { /* defaults may name earlier parameters */
    Scope *scope = bind_params(c, g, args);
    Context saved = enter_generic(c, g, scope);
    for (int i = given; i < n; i++)
      args[i] = resolve_type(c, g->tparams->items[i]->TypeParameter.defaultType);
    leave_generic(c, saved);
  }
  return ok ? args : NULL;
}

Type *resolve_generic_type(Checker *c, Symbol *sym, Node *ann) {
  Type **args = explicit_args(c, sym->generic, ann->TypeAnnotation.typeArguments, ann);
  return args ? instantiate_class(c, sym->generic, args, ann) : type_basic(TY_ERROR);
}

/* ---- calls ---- */

/* Does the argument need its parameter's type to be checked (a closure
 * with unannotated parameters)? */
static bool needs_context(const Node *arg) {
  if (arg->kind != ND_FunctionExpression)
    return false;
  NodeList *params = arg->FunctionExpression.params;
  for (int i = 0; i < params->len; i++)
    if (!params->items[i]->Parameter.typeAnnotation)
      return true;
  return false;
}

/* Replaces g's placeholders in t by their bindings (unbound ones stay). */
static Type *substitute(Checker *c, const Generic *g, Type *t, Type **bound) {
  switch (t->kind) {
  case TY_PARAM: {
    int i = param_index(g, t);
    return i >= 0 && bound[i] ? bound[i] : t;
  }
  case TY_ARRAY: return type_array(substitute(c, g, t->elem, bound));
  case TY_TASK: return type_task(substitute(c, g, t->elem, bound));
  case TY_CHANNEL: return type_channel(substitute(c, g, t->elem, bound));
  case TY_UNION: {
    Type **m = arena_alloc(c->arena, t->nmembers * sizeof(Type *));
    for (int i = 0; i < t->nmembers; i++)
      m[i] = substitute(c, g, t->members[i], bound);
    return type_union(m, t->nmembers);
  }
  case TY_FUNCTION: {
    Type **p = arena_alloc(c->arena, (t->nparams + 1) * sizeof(Type *));
    for (int i = 0; i < t->nparams; i++)
      p[i] = substitute(c, g, t->params[i], bound);
    return type_function(p, t->nparams, substitute(c, g, t->result, bound));
  }
  case TY_CLASS: {
    ClassInfo *cls = t->cls;
    if (!cls->is_template)
      return t;
    int n = cls->generic->tparams->len;
    Type **args = arena_alloc(c->arena, n * sizeof(Type *));
    for (int i = 0; i < n; i++)
      args[i] = substitute(c, g, cls->targs[i], bound);
    return instantiate_class(c, cls->generic, args, cls->decl);
  }
  default: return t;
  }
}

/* Checks the arguments of a call to a template whose parameter types over
 * placeholders are `sig` (each argument exactly once: closures last, with
 * what the others bound), and infers the type arguments.  NULL when one
 * cannot be inferred (reported). */
static Type **infer_args(Checker *c, Generic *g, Type *sig, NodeList *args,
                         const Node *at) {
  int n = g->tparams->len;
  Type **bound = arena_alloc(c->arena, n * sizeof(Type *));
  for (int pass = 0; pass < 2; pass++)
    for (int i = 0; i < args->len; i++) {
      Node *arg = args->items[i];
      if (needs_context(arg) != (pass == 1))
        continue;
      Type *want = i < sig->nparams ? substitute(c, g, sig->params[i], bound) : NULL;
      Type *t = check_expr(c, arg, want && !type_has_params(want) ? want
                                   : want && want->kind == TY_FUNCTION ? want : NULL);
      if (want)
        unify(g, want, t, bound);
    }
  for (int i = 0; i < n; i++) {
    Node *def = g->tparams->items[i]->TypeParameter.defaultType;
    if (!bound[i] && def) {
      Context saved = enter_generic(c, g, bind_params(c, g, bound));
      bound[i] = resolve_type(c, def);
      leave_generic(c, saved);
    }
    if (!bound[i]) {
      diag_error(c->diag, at->loc,
                 "Cannot infer type argument '%s' of '%s': write it explicitly",
                 g->tparams->items[i]->TypeParameter.name, g->name);
      return NULL;
    }
  }
  return bound;
}

/* Arguments already checked by infer_args() against the instance's
 * parameter types. */
static void recheck_args(Checker *c, NodeList *args, const Node *at, Type *fn,
                         const Function *f) {
  check_arg_count(c, args, at, fn, f); /* f may give parameters defaults */
  for (int i = 0; i < args->len && i < fn->nparams; i++)
    expect_type(c, args->items[i], args->items[i]->type, fn->params[i]);
}

/* The parameter and result types function node fn declares, resolved in
 * the current scope (without checking its body). */
static Type *declared_signature(Checker *c, Node *fn) {
  FnParts parts = fn_parts(fn);
  Type **params = arena_alloc(c->arena, (parts.params->len + 1) * sizeof(Type *));
  for (int i = 0; i < parts.params->len; i++) {
    Node *ann = parts.params->items[i]->Parameter.typeAnnotation;
    params[i] = ann ? resolve_type(c, ann) : type_basic(TY_ERROR);
  }
  Type *result = parts.ret ? resolve_type(c, parts.ret) : type_basic(TY_ERROR);
  return type_function(params, parts.params->len, result);
}

/* The signature of a function or method template over its placeholders. */
static Type *template_signature(Checker *c, Generic *g) {
  Context saved = enter_generic(c, g, bind_params(c, g, g->params));
  Type *sig = declared_signature(c, g->decl);
  leave_generic(c, saved);
  return sig;
}

Symbol *check_generic_call(Checker *c, Generic *g, NodeList *targs, NodeList *args,
                           const Node *at) {
  Type **types;
  bool checked = false;
  if (targs) {
    types = explicit_args(c, g, targs, at);
  } else {
    types = infer_args(c, g, template_signature(c, g), args, at);
    checked = true;
  }
  if (!types) {
    for (int i = 0; !checked && i < args->len; i++)
      check_expr(c, args->items[i], NULL);
    return NULL;
  }
  Symbol *sym = instantiate_function(c, g, types, at);
  if (!sym)
    return NULL;
  if (checked)
    recheck_args(c, args, at, sym->type, sym->fn);
  else
    check_args_of(c, args, at, sym->type, sym->fn);
  return sym;
}

Symbol *check_generic_static_call(Checker *c, Generic *g, const char *name,
                                  NodeList *args, const Node *at) {
  Type *template = instantiate_class(c, g, g->params, at);
  Symbol *in_template = template->kind == TY_CLASS ? find_static(template->cls, name)
                                                   : NULL;
  if (!in_template) {
    diag_error(c->diag, at->loc, "'%s' has no static method '%s'", g->name, name);
    return NULL;
  }
  Scope *saved = c->scope;
  c->scope = in_template->fn->scope; /* the template instance's */
  Type *sig = declared_signature(c, in_template->fn->node);
  c->scope = saved;
  Type **types = infer_args(c, g, sig, args, at);
  Type *t = types ? instantiate_class(c, g, types, at) : NULL;
  if (!t || t->kind != TY_CLASS)
    return NULL;
  Symbol *sym = find_static(t->cls, name);
  resolve_function(c, sym, at);
  recheck_args(c, args, at, sym->type, sym->fn);
  return sym;
}

Type *check_generic_new(Checker *c, Generic *g, NodeList *targs, NodeList *args,
                        const Node *at) {
  if (targs) {
    Type **types = explicit_args(c, g, targs, at);
    if (!types)
      return type_basic(TY_ERROR);
    Type *t = instantiate_class(c, g, types, at);
    if (t->kind == TY_CLASS && t->cls->ctor)
      check_args_of(c, args, at, t->cls->ctor->sym->type, t->cls->ctor);
    return t;
  }
  Type *template = instantiate_class(c, g, g->params, at);
  if (template->kind != TY_CLASS || !template->cls->ctor)
    return type_basic(TY_ERROR);
  Type **types = infer_args(c, g, template->cls->ctor->sym->type, args, at);
  if (!types)
    return type_basic(TY_ERROR);
  Type *t = instantiate_class(c, g, types, at);
  if (t->kind == TY_CLASS && t->cls->ctor)
    recheck_args(c, args, at, t->cls->ctor->sym->type, t->cls->ctor);
  return t;
}

/* The class a class pattern (`Point {x}`, `Some {value}`) names, given the
 * value it takes apart: a generic class written without type arguments
 * stands for its instance among the value's alternatives (`Some<i32>` in
 * `Some<i32> | None`).  NULL (reported) when the name is no such class. */
Type *pattern_class(Checker *c, Node *name, Type *value) {
  Symbol *sym = name->kind == ND_Identifier ? lookup(c, name->Identifier.name) : NULL;
  if (sym && sym->kind == SYM_CLASS)
    return sym->type;
  bool is_union = value->kind == TY_UNION;
  int n = is_union ? value->nmembers : 1;
  for (int i = 0; sym && sym->kind == SYM_GENERIC_CLASS && i < n; i++) {
    Type *t = is_union ? value->members[i] : value;
    if (t->kind == TY_CLASS && t->cls->generic == sym->generic)
      return t;
    Generic *sealed = t->kind == TY_CLASS ? t->cls->generic : NULL;
    for (int v = 0; sealed && v < sealed->nvariants; v++) /* `Some` of an Option<T> */
      if (sealed->variants[v] == sym->generic)
        return instantiate_class(c, sym->generic, t->cls->targs, name);
  }
  if (sym && sym->kind == SYM_GENERIC_CLASS)
    diag_error(c->diag, name->loc,
               "Cannot infer the type arguments of '%s': %s has no '%s' instance",
               sym->name, tname(c, value), sym->name);
  else
    diag_error(c->diag, name->loc, "'%s' is not a class",
               name->kind == ND_Identifier ? name->Identifier.name : "pattern");
  return NULL;
}

/* The type `x is T` tests for, where x has type value: T as written, or for
 * a generic class without type arguments (`o is Some`) its instance among
 * value's alternatives. */
Type *tested_type(Checker *c, Node *ann, Type *value) {
  Symbol *sym = ann->kind == ND_TypeAnnotation && !ann->TypeAnnotation.typeArguments
                    ? lookup(c, ann->TypeAnnotation.name) : NULL;
  if (!sym || sym->kind != SYM_GENERIC_CLASS)
    return resolve_type(c, ann);
  Type *t = pattern_class(c, node_ident(c->arena, ann->TypeAnnotation.name, ann->loc),
                          value);
  return t ? t : type_basic(TY_ERROR);
}
