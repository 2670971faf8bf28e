/*
 * check_pattern.c - destructuring (`let {x, y: (a, b)} = v`, destructured
 * parameters) and parameter defaults.
 *
 * A binding pattern is checked against the type of the value it takes
 * apart; every pattern node gets that type in ->type, so the emitter can
 * walk the same tree reading fields and elements.  Names bound at module
 * level are globals, declared in the first pass (declare_pattern_globals)
 * and typed here; elsewhere they are new locals.
 *
 * Defaults: a call that leaves out trailing parameters gets their default
 * values from the caller (the emitter calls a small function per default,
 * which sees `this` and the parameters before it); an optional parameter
 * without a default is null.
 */
#include "checker.h"

#include <string.h>

static bool is_wildcard(const Node *ident) {
  return strcmp(ident->Identifier.name, "_") == 0;
}

NodeList *pattern_props(const Node *pat) {
  return pat->kind == ND_RecordPattern ? pat->RecordPattern.properties
                                       : pat->ClassPattern.properties;
}

/* Calls visit on every name a binding pattern binds (`_` included). */
static void each_name(Node *pat, void (*visit)(Checker *, Node *, void *),
                      Checker *c, void *data) {
  switch (pat->kind) {
  case ND_Identifier:
    visit(c, pat, data);
    return;
  case ND_RecordPattern:
  case ND_ClassPattern: {
    NodeList *props = pattern_props(pat);
    for (int i = 0; i < props->len; i++)
      each_name(props->items[i]->BindingProperty.value, visit, c, data);
    return;
  }
  case ND_TuplePattern:
    for (int i = 0; i < pat->TuplePattern.elements->len; i++)
      each_name(pat->TuplePattern.elements->items[i], visit, c, data);
    return;
  case ND_AssignmentPattern:
    each_name(pat->AssignmentPattern.left, visit, c, data);
    return;
  default:
    return;
  }
}

typedef struct {
  bool is_var;     /* declared with var */
  Symbol ***list;  /* where the program's globals are listed */
  int *n;          /* how many there are */
} Globals;

static void declare_global(Checker *c, Node *ident, void *data) {
  Globals *g = data;
  if (is_wildcard(ident))
    return;
  ident->sym = declare(c, ident->Identifier.name, SYM_GLOBAL, NULL, ident);
  ident->sym->is_var = g->is_var;
  *g->list = arena_grow(c->arena, *g->list, *g->n, sizeof(Symbol *));
  (*g->list)[(*g->n)++] = ident->sym;
}

/* Declares every name a module-level pattern binds as a global. */
void declare_pattern_globals(Checker *c, Node *pat, bool is_var,
                             Symbol ***globals, int *nglobals) {
  Globals g = {is_var, globals, nglobals};
  each_name(pat, declare_global, c, &g);
}

static void check_binding_error(Checker *c, Node *pat, bool is_var);

static void bind_name(Checker *c, Node *ident, Type *t, bool is_var) {
  if (is_wildcard(ident))
    return;
  if (!ident->sym) { /* module-level names were declared in the first pass */
    ident->sym = declare(c, ident->Identifier.name, SYM_LOCAL, t, ident);
    ident->sym->is_var = is_var;
  }
  ident->sym->type = t;
}

/* The type of field `name` of a record or class value of type t (NULL
 * after an error); *optional tells whether a record may lack it. */
static Type *field_type(Checker *c, Node *at, Type *t, const char *name,
                        bool *optional) {
  *optional = false;
  if (t->kind == TY_RECORD) {
    int f = record_field(t, name);
    if (f >= 0) {
      *optional = t->optional[f];
      return t->members[f];
    }
  } else if (t->kind == TY_CLASS) {
    const Field *fd = find_field(t->cls, name);
    if (fd)
      return fd->type;
  } else {
    diag_error(c->diag, at->loc, "Cannot destructure %s as a record", tname(c, t));
    return NULL;
  }
  diag_error(c->diag, at->loc, "Type %s has no property '%s'", tname(c, t), name);
  return NULL;
}

static void check_props(Checker *c, NodeList *props, Type *t, bool is_var) {
  for (int i = 0; i < props->len; i++) {
    Node *prop = props->items[i];
    Node *value = prop->BindingProperty.value;
    bool optional;
    Type *ft = field_type(c, prop, t, prop->BindingProperty.name->Identifier.name,
                          &optional);
    if (optional && value->kind != ND_AssignmentPattern)
      diag_error(c->diag, prop->loc,
                 "Destructuring the optional property '%s' requires a default value",
                 prop->BindingProperty.name->Identifier.name);
    prop->type = ft ? ft : type_basic(TY_ERROR);
    check_binding(c, value, prop->type, is_var);
  }
}

/* Binds the names of pattern `pat` taking apart a value of type t. */
void check_binding(Checker *c, Node *pat, Type *t, bool is_var) {
  pat->type = t;
  switch (pat->kind) {
  case ND_Identifier:
    bind_name(c, pat, t, is_var);
    return;
  case ND_AssignmentPattern: {
    Node *dflt = pat->AssignmentPattern.right;
    Type *dt = check_expr(c, dflt, t);
    expect_type(c, dflt, dt, t);
    check_binding(c, pat->AssignmentPattern.left, t, is_var);
    return;
  }
  case ND_RecordPattern:
  case ND_ClassPattern:
    if (t->kind == TY_ERROR)
      break;
    if (pat->kind == ND_ClassPattern) {
      Type *want = pattern_class(c, pat->ClassPattern.name, t);
      if (!want)
        break;
      if (!type_assignable(t, want)) {
        diag_error(c->diag, pat->loc,
                   "Refutable pattern in a declaration: %s is not always %s "
                   "(use match or if-let)", tname(c, t), tname(c, want));
        break;
      }
      check_props(c, pattern_props(pat), t, is_var);
      return;
    }
    check_props(c, pattern_props(pat), t, is_var);
    return;
  case ND_TuplePattern: {
    NodeList *elems = pat->TuplePattern.elements;
    if (t->kind != TY_TUPLE) {
      if (t->kind != TY_ERROR)
        diag_error(c->diag, pat->loc, "Cannot destructure %s as a tuple", tname(c, t));
      break;
    }
    if (elems->len > t->nmembers) {
      diag_error(c->diag, pat->loc, "Tuple pattern has %d elements, but %s has %d",
                 elems->len, tname(c, t), t->nmembers);
      break;
    }
    for (int i = 0; i < elems->len; i++)
      check_binding(c, elems->items[i], t->members[i], is_var);
    return;
  }
  default:
    return; /* the grammar has no other binding patterns */
  }
  check_binding_error(c, pat, is_var);
}

static void bind_error(Checker *c, Node *ident, void *is_var) {
  ident->type = type_basic(TY_ERROR);
  bind_name(c, ident, ident->type, *(bool *)is_var);
}

/* After an error: the names are still bound, so that uses are not errors. */
static void check_binding_error(Checker *c, Node *pat, bool is_var) {
  each_name(pat, bind_error, c, &is_var);
}

/* `let PATTERN = init;` (locals, or module-level globals) */
void check_destructuring(Checker *c, Node *decl) {
  Node *init = decl->VariableDeclaration.init;
  Type *declared = resolve_type(c, decl->VariableDeclaration.typeAnnotation);
  Type *t = check_expr(c, init, declared);
  if (declared && !expect_type(c, init, t, declared))
    t = declared;
  check_binding(c, decl->VariableDeclaration.pattern, declared ? declared : t,
                strcmp(decl->VariableDeclaration.kind, "var") == 0);
}

/* ---- parameters ---- */

/* `x?: T` (a parameter or field left out): T | null, so T must be a
 * reference type. */
Type *optional_type(Checker *c, const Node *at, const char *what,
                    const char *name, Type *t) {
  if (!type_is_reference(t) && t->kind != TY_ERROR) {
    bool param = strcmp(what, "parameter") == 0; /* which may have a default */
    diag_error(c->diag, at->loc, "Optional %s '%s' of type %s %s (a primitive cannot be null)",
               what, name, tname(c, t),
               param ? "needs a default value" : "is not allowed");
    return type_basic(TY_ERROR);
  }
  return type_union((Type *[]){t, type_basic(TY_NULL)}, 2);
}

/* The type of a parameter with `?` or a default value: a default is
 * checked where the parameters before it (and `this`) are visible. */
Type *check_param_default(Checker *c, Node *p, Type *declared) {
  Node *init = param_default(p);
  const char *name = (p->kind == ND_CaseClassParam ? p->CaseClassParam.name
                                                    : p->Parameter.name)->Identifier.name;
  if (!init) /* `x?: T` is T | null */
    return declared ? optional_type(c, p, "parameter", name, declared)
                    : type_basic(TY_ERROR); /* reported by the caller */
  Type *t = check_expr(c, init, declared);
  if (declared) {
    expect_type(c, init, t, declared);
    return declared;
  }
  if (t->kind == TY_VOID || t->kind == TY_NULL) {
    diag_error(c->diag, init->loc, "Cannot infer a type for '%s' from %s", name,
               tname(c, t));
    return type_basic(TY_ERROR);
  }
  return t;
}

NodeList *function_params(const Function *f) {
  if (!f || !f->node)
    return NULL;
  if (f->node->kind == ND_ClassDeclaration) /* a case class's constructor */
    return f->is_ctor ? f->node->ClassDeclaration.caseParams : NULL;
  if (f->node->kind != ND_FunctionExpression && f->node->kind != ND_MethodDefinition)
    return NULL;
  return fn_parts(f->node).params;
}

Node *param_default(const Node *p) {
  return p->kind == ND_CaseClassParam ? p->CaseClassParam.initializer
                                      : p->Parameter.initializer;
}

bool param_is_optional(const Node *p) {
  return p->kind == ND_CaseClassParam
             ? p->CaseClassParam.optional || p->CaseClassParam.initializer
             : p->Parameter.optional;
}

/* How many arguments a call needs: the parameters up to the first one
 * with `?` or a default (all nparams when the list is not known). */
int required_args(const NodeList *params, int nparams) {
  if (!params)
    return nparams;
  for (int i = 0; i < params->len; i++)
    if (param_is_optional(params->items[i]))
      return i;
  return params->len;
}

int required_params(const Function *f, const Type *fn) {
  return f && f->has_param_list ? f->nrequired : fn->nparams;
}

void note_params(Function *f) {
  NodeList *params = function_params(f);
  f->has_param_list = params != NULL;
  f->nrequired = required_args(params, 0);
  f->has_defaults = f->has_patterns = false;
  for (int i = 0; params && i < params->len; i++) {
    Node *p = params->items[i];
    f->has_defaults |= param_default(p) != NULL;
    f->has_patterns |= p->kind == ND_Parameter && p->Parameter.pattern;
  }
}

NodeList *host_params(const Symbol *import) {
  return import->decl->DeclareFunction.params;
}
