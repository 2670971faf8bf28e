/*
 * check_overload.c - method overloading: a class may have several methods
 * of one name with different parameter types (or counts).  A subclass
 * method overrides the inherited method with the same parameter types and
 * adds a new overload otherwise.  A call picks the overload its arguments
 * fit, at compile time.
 *
 * Each overload is a method of its own, with its own function, vtable slot
 * and dispatcher; its `label`, the name Wasm names are built from, tells
 * them apart: `print`, then `print.1`, `print.2`, ... in declaration order
 * (an override keeps the label of the method it overrides).
 */
#include "checker.h"

#include <string.h>

/* The part of a Wasm name that stands for member `name` (WAT names cannot
 * hold brackets: `operator []` is `index`). */
const char *member_label(const char *name) {
  return strcmp(name, "[]") == 0 ? "index" : strcmp(name, "[]=") == 0 ? "index_set" : name;
}

/* The declared parameter types of m, as a function type returning void
 * (from the annotations, so known before the method is checked); cached. */
static Type *declared_params(Checker *c, Method *m) {
  if (m->params)
    return m->params;
  const Type *known = m->fn->sym->type;
  const Node *node = m->fn->node;
  if (known || node->kind != ND_MethodDefinition) {
    m->params = known ? type_function(known->params, known->nparams, type_basic(TY_VOID))
                      : type_function(NULL, 0, type_basic(TY_VOID));
    return m->params;
  }
  NodeList *params = node->MethodDefinition.params;
  Type **types = arena_alloc(c->arena, (params->len + 1) * sizeof(Type *));
  for (int i = 0; i < params->len; i++) {
    Node *ann = params->items[i]->Parameter.typeAnnotation;
    types[i] = ann ? resolve_type(c, ann) : type_basic(TY_ERROR);
  }
  m->params = type_function(types, params->len, type_basic(TY_VOID));
  return m->params;
}

/* How many methods named `name` cls has that override no other (roots). */
static int count_roots(const ClassInfo *cls, const char *name) {
  int n = 0;
  for (const ClassInfo *up = cls; up; up = up->super)
    for (int i = 0; i < up->nmethods; i++)
      n += up->methods[i]->root == up->methods[i] && strcmp(up->methods[i]->name, name) == 0;
  return n;
}

bool is_overloaded(const ClassInfo *cls, const char *name) {
  return count_roots(cls, name) > 1;
}

static bool is_generic_method(const Method *m) {
  const Node *node = m->fn->node;
  return node->kind == ND_MethodDefinition && node->MethodDefinition.typeParameters;
}

/* The method of cls's superclasses that method, about to join cls,
 * overrides: the one with its name and parameter types (check_override
 * compares the rest of the signature).  Reports a duplicate; sets
 * method's label and Wasm name. */
const Method *overridden_method(Checker *c, ClassInfo *cls, Method *method) {
  const char *name = method->name;
  int roots = count_roots(cls, name);
  const Method *inherited = cls->super ? find_method(cls->super, name) : NULL;
  if (roots > 0 && is_generic_method(method)) {
    if (!inherited || roots > 1)
      unsupported(c, method->fn->node, "overloading a generic method");
  } else if (roots > 0) {
    Type *mine = declared_params(c, method);
    for (int i = 0; i < cls->nmethods; i++) {
      Method *other = cls->methods[i];
      if (strcmp(other->name, name) != 0)
        continue;
      if (is_generic_method(other))
        unsupported(c, method->fn->node, "overloading a generic method");
      else if (declared_params(c, other) == mine)
        diag_error(c->diag, method->fn->node->loc,
                   "Duplicate method '%s' in '%s': another one takes the same parameters",
                   name, cls->name);
    }
    inherited = NULL;
    for (const ClassInfo *up = cls->super; up && !inherited; up = up->super)
      for (int i = 0; i < up->nmethods && !inherited; i++)
        if (strcmp(up->methods[i]->name, name) == 0 && !is_generic_method(up->methods[i]) &&
            declared_params(c, up->methods[i]) == mine)
          inherited = up->methods[i];
  }
  if (inherited)
    method->label = inherited->root->label;
  else if (roots > 0)
    method->label = arena_printf(c->arena, "%s.%d", member_label(name), roots);
  else
    method->label = member_label(name);
  method->fn->sym->wasm_name = arena_printf(c->arena, "%s.%s", cls->name, method->label);
  return inherited;
}

/* The method of cls that implements (or is) m, where m is a method of a
 * superclass or interface: the one with m's name and parameter types when
 * the name is overloaded. */
const Method *find_method_like(const ClassInfo *cls, const Method *m) {
  if (!is_overloaded(cls, m->name) || !m->params)
    return find_method(cls, m->name);
  for (const ClassInfo *up = cls; up; up = up->super)
    for (int i = 0; i < up->nmethods; i++)
      if (strcmp(up->methods[i]->name, m->name) == 0 && up->methods[i]->params == m->params)
        return up->methods[i];
  return NULL;
}

/* ---- calls ---- */

/* How well an argument fits a parameter type. */
enum { FITS_NOT, FITS, FITS_EXACTLY };

/* A number literal fits any numeric type that can hold its kind of value
 * (check_number reports a value too large for an integer type). */
static int literal_fit(const Type *lit, const Type *want) {
  if (lit == want)
    return FITS_EXACTLY;
  if (!type_is_numeric(want))
    return FITS_NOT;
  return lit->kind == TY_F32 && type_is_integer(want) ? FITS_NOT : FITS;
}

static int arg_fit(const Node *arg, const Type *got, const Type *want) {
  if (!got) /* a function expression: checked against the parameter's type */
    return want->kind == TY_FUNCTION &&
                   want->nparams == fn_parts((Node *)arg).params->len ? FITS : FITS_NOT;
  if (got->kind == TY_ERROR)
    return FITS;
  if (is_number_literal(arg))
    return literal_fit(got, want);
  return got == want ? FITS_EXACTLY : type_assignable(got, want) ? FITS : FITS_NOT;
}

/* The overloads of `name` an object of class cls has: the most derived
 * method of each root, the most derived class first. */
static int overloads(const ClassInfo *cls, const char *name, Method **out, int max) {
  int n = 0;
  for (const ClassInfo *up = cls; up; up = up->super)
    for (int i = 0; i < up->nmethods; i++) {
      Method *m = up->methods[i];
      if (strcmp(m->name, name) != 0)
        continue;
      bool seen = false;
      for (int j = 0; j < n; j++)
        seen |= out[j]->root == m->root;
      if (!seen && n < max)
        out[n++] = m;
    }
  return n;
}

/* "(i32, String)": the types of the arguments, for a message. */
static const char *arg_list(Checker *c, Type **types, int nargs) {
  const char *s = "(";
  for (int i = 0; i < nargs; i++)
    s = arena_printf(c->arena, "%s%s%s", s, i ? ", " : "",
                     types[i] ? tname(c, types[i]) : "function");
  return arena_printf(c->arena, "%s)", s);
}

/* Argument types for picking an overload: known ones, else checked
 * without an expected type; NULL for a function expression, which is
 * typed once the overload gives it parameter types. */
static Type **argument_types(Checker *c, Node **args, Type **known, int nargs) {
  Type **got = arena_alloc(c->arena, (nargs + 1) * sizeof(Type *));
  for (int i = 0; i < nargs; i++)
    got[i] = known                                    ? known[i]
             : args[i]->kind == ND_FunctionExpression ? NULL
                                                      : check_expr(c, args[i], NULL);
  return got;
}

/* Which of n signatures (function types; NULL: not a candidate) the
 * arguments fit best: the one most of them fit exactly, the first declared
 * on a tie; -1 when none fits.  required[k]: arguments signature k needs. */
static int best_signature(Node **args, Type **got, int nargs, Type **sigs,
                          const int *required, int n) {
  int best = -1, best_exact = -1;
  for (int k = 0; k < n; k++) {
    if (!sigs[k] || nargs < required[k] || nargs > sigs[k]->nparams)
      continue;
    int exact = 0;
    bool fits = true;
    for (int i = 0; i < nargs && fits; i++) {
      int fit = arg_fit(args[i], got[i], sigs[k]->params[i]);
      fits = fit != FITS_NOT;
      exact += fit == FITS_EXACTLY;
    }
    if (fits && exact > best_exact) {
      best = k;
      best_exact = exact;
    }
  }
  return best;
}

/* The arguments against the picked signature fn: function expressions and
 * number literals are checked now, with its parameter types. */
static void check_picked(Checker *c, Node **args, Type **got, int nargs, Type *fn) {
  for (int i = 0; i < nargs; i++) {
    Type *want = fn->params[i];
    if (!got[i] || is_number_literal(args[i]))
      got[i] = check_expr(c, args[i], want);
    expect_type(c, args[i], got[i], want);
  }
}

enum { MAX_OVERLOADS = 64 };

/* A call of `name` on an object of class cls, where name is overloaded:
 * checks the arguments (unless their types are known already), picks the
 * overload they fit best and checks them against it.  NULL (reported) if
 * none fits. */
const Method *check_overloaded_call(Checker *c, const ClassInfo *cls, const char *name,
                                    Node **args, Type **known, int nargs, const Node *at) {
  Method *candidates[MAX_OVERLOADS];
  Type *sigs[MAX_OVERLOADS];
  int required[MAX_OVERLOADS];
  int n = overloads(cls, name, candidates, MAX_OVERLOADS);
  Type **got = argument_types(c, args, known, nargs);
  for (int k = 0; k < n; k++) {
    Method *m = candidates[k];
    sigs[k] = m->generic ? NULL : declared_params(c, m);
    required[k] = m->generic ? 0 : required_params(m->fn, sigs[k]);
  }
  int best = best_signature(args, got, nargs, sigs, required, n);
  if (best < 0) {
    diag_error(c->diag, at->loc, "No overload of '%s' on '%s' takes arguments %s", name,
               tname(c, cls->type), arg_list(c, got, nargs));
    return NULL;
  }
  resolve_function(c, candidates[best]->fn->sym, at);
  check_picked(c, args, got, nargs, candidates[best]->fn->sym->type);
  return candidates[best];
}

Symbol *check_import_overload(Checker *c, Symbol *first, NodeList *args, const Node *at) {
  Symbol *candidates[MAX_OVERLOADS];
  Type *sigs[MAX_OVERLOADS];
  int required[MAX_OVERLOADS];
  int n = 0;
  for (Symbol *o = first; o && n < MAX_OVERLOADS; o = o->overload, n++) {
    candidates[n] = o;
    sigs[n] = o->type;
    required[n] = required_args(host_params(o), o->type->nparams);
  }
  Type **got = argument_types(c, args->items, NULL, args->len);
  int best = best_signature(args->items, got, args->len, sigs, required, n);
  if (best < 0) {
    diag_error(c->diag, at->loc, "No overload of '%s' takes arguments %s", first->name,
               arg_list(c, got, args->len));
    return NULL;
  }
  check_picked(c, args->items, got, args->len, candidates[best]->type);
  return candidates[best];
}
