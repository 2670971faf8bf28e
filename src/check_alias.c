/*
 * check_alias.c - type aliases, distinct types and literal types.
 *
 * `type A = T` names T; `distinct type D = T` makes a new type that is T at
 * run time but unrelated to it in the checker (only `as` converts).  Both
 * are resolved on first use, so they may be used before their declaration
 * and may mention classes declared later; each module resolves its own
 * aliases once its statements are checked, before other modules import them.
 *
 * Literal types ('a', 1, true) are only ever expected, never given: every
 * expression has a widened type (String, i32, boolean), and expect_type
 * asks literal_of() whether the expression is in fact a known literal (a
 * literal, or a `let` initialised with one: `let` keeps the literal type,
 * `var` widens it, as the reference says).
 */
#include "checker.h"

#include <string.h>

void declare_alias(Checker *c, Node *decl) {
  Node *name = decl->TypeAliasDeclaration.name;
  decl->sym = declare(c, name->Identifier.name, SYM_TYPE, NULL, decl);
}

/* Does type t refer to x (stopping at other recursive records)? */
static bool mentions(const Type *t, const Type *x) {
  if (t == x)
    return true;
  if (t->kind == TY_RECORD && t->text)
    return false;
  if (t->elem && mentions(t->elem, x))
    return true;
  if (t->result && mentions(t->result, x))
    return true;
  for (int i = 0; i < t->nparams; i++)
    if (mentions(t->params[i], x))
      return true;
  for (int i = 0; t->kind != TY_CLASS && i < t->nmembers; i++)
    if (mentions(t->members[i], x))
      return true;
  return false;
}

/* The module whose statements include decl. */
static int module_of(Checker *c, const Node *decl) {
  NodeList *modules = c->prog->modules;
  for (int m = 0; m < modules->len; m++) {
    NodeList *body = modules->items[m]->Module.body;
    for (int i = 0; i < body->len; i++)
      if (body->items[i] == decl)
        return m;
  }
  return c->module;
}

/* What the alias's right-hand side means, in its own module, its type
 * parameters (if any) naming args. */
static Type *resolve_alias_body(Checker *c, Node *decl, Type **args) {
  NodeList *tparams = decl->TypeAliasDeclaration.typeParameters;
  Scope *saved_scope = c->scope;
  int saved_module = c->module;
  c->module = module_of(c, decl);
  c->scope = c->module_scopes[c->module];
  Scope params;
  push_scope(c, &params);
  for (int i = 0; tparams && i < tparams->len; i++)
    declare(c, tparams->items[i]->TypeParameter.name, SYM_TYPE_PARAM, args[i],
            tparams->items[i]);
  Type *t = resolve_type(c, decl->TypeAliasDeclaration.typeAnnotation);
  c->scope = saved_scope;
  c->module = saved_module;
  return t;
}

/* `Pair<i32, String>`: a generic alias with its arguments (resolved where
 * they are written). */
static Type *generic_alias_type(Checker *c, Symbol *sym, const Node *use) {
  Node *decl = sym->decl;
  NodeList *tparams = decl->TypeAliasDeclaration.typeParameters;
  NodeList *list = use->kind == ND_TypeAnnotation ? use->TypeAnnotation.typeArguments
                                                  : NULL;
  int given = list ? list->len : 0;
  if (given != tparams->len) {
    diag_error(c->diag, use->loc, "'%s' expects %d type argument%s, got %d",
               sym->name, tparams->len, tparams->len == 1 ? "" : "s", given);
    return type_basic(TY_ERROR);
  }
  Type **args = arena_alloc(c->arena, (given + 1) * sizeof(Type *));
  StrBuf name; /* `Box<i32>`, the name of a distinct instance */
  strbuf_init(&name, c->arena);
  strbuf_put(&name, sym->name, strlen(sym->name));
  for (int i = 0; i < given; i++) {
    args[i] = resolve_type(c, list->items[i]);
    const char *arg = tname(c, args[i]);
    strbuf_put(&name, i ? ", " : "<", i ? 2 : 1);
    strbuf_put(&name, arg, strlen(arg));
  }
  strbuf_putc(&name, '>');
  decl->type = type_basic(TY_NEVER);
  Type *t = resolve_alias_body(c, decl, args);
  decl->type = NULL;
  return decl->TypeAliasDeclaration.isDistinct ? type_distinct(name.data, t) : t;
}

/* The type a type alias or distinct type stands for.  A reference back to
 * an alias while it is being resolved is a recursive type: a record alias
 * may be (it becomes a record type of its own), others may not. */
Type *alias_type(Checker *c, Symbol *sym, const Node *use) {
  Node *decl = sym->decl;
  if (decl->type == type_basic(TY_NEVER)) { /* marks "being resolved" */
    unsupported(c, use, arena_printf(c->arena, "the recursive type alias '%s'",
                                     sym->name));
    return type_basic(TY_ERROR);
  }
  if (decl->TypeAliasDeclaration.typeParameters)
    return use == decl ? type_basic(TY_ERROR) : generic_alias_type(c, sym, use);
  if (use->kind == ND_TypeAnnotation && use->TypeAnnotation.typeArguments) {
    diag_error(c->diag, use->loc, "Type '%s' is not generic", sym->name);
    return type_basic(TY_ERROR);
  }
  if (sym->type)
    return sym->type;
  Node *ann = decl->TypeAliasDeclaration.typeAnnotation;
  /* `type List = {value: i32, next: List | null}`: the record may name
   * itself, so it exists (as a type of its own) before its fields */
  Type *named = ann->kind == ND_RecordTypeAnnotation &&
                        !decl->TypeAliasDeclaration.isDistinct
                    ? type_named_record(sym->name) : NULL;
  if (named)
    sym->type = named;
  else
    decl->type = type_basic(TY_NEVER);
  Type *t = resolve_alias_body(c, decl, NULL);
  decl->type = NULL;
  if (named && t->kind == TY_RECORD && mentions(t, named)) {
    type_fill_record(named, t);
    t = named;
  } else if (named) {
    sym->type = NULL; /* not recursive after all: the structural type */
  }
  if (decl->TypeAliasDeclaration.isDistinct)
    t = type_distinct(sym->name, t);
  return sym->type = t;
}

/* `'a'`, `1`, `true` in a type. */
Type *resolve_literal_type(Checker *c, Node *ann) {
  (void)c;
  Node *v = ann->LiteralTypeAnnotation.value;
  switch (v->kind) {
  case ND_StringLiteral:
    return type_literal(type_basic(TY_STRING), v->StringLiteral.value);
  case ND_BooleanLiteral:
    return type_literal(type_basic(TY_BOOLEAN), v->BooleanLiteral.value ? "true"
                                                                        : "false");
  default: {
    NumberValue n = number_value(v->NumberLiteral.raw);
    return type_literal(type_basic(n.is_float ? TY_F32 : TY_I32),
                        v->NumberLiteral.raw);
  }
  }
}

static bool has_literal(const Type *t) {
  if (t->kind == TY_UNION)
    for (int i = 0; i < t->nmembers; i++)
      if (t->members[i]->kind == TY_LITERAL)
        return true;
  return t->kind == TY_LITERAL;
}

bool is_literal_value(const Node *e) {
  return e->kind == ND_BooleanLiteral || e->kind == ND_NumberLiteral ||
         e->kind == ND_StringLiteral;
}

/* The literal type expression e is known to have, or NULL. */
Type *literal_of(Checker *c, const Node *e) {
  switch (e->kind) {
  case ND_StringLiteral:
  case ND_BooleanLiteral:
  case ND_NumberLiteral: {
    Node ann = {.kind = ND_LiteralTypeAnnotation};
    ann.LiteralTypeAnnotation.value = (Node *)e;
    Type *t = resolve_literal_type(c, &ann);
    /* a number literal takes its type from the context (1 as an i64) */
    return e->kind == ND_NumberLiteral && e->type && e->type != t->elem
               ? type_literal(e->type, t->text)
               : t;
  }
  case ND_Identifier: {
    const Symbol *sym = e->sym;
    if (!sym || (sym->kind != SYM_LOCAL && sym->kind != SYM_GLOBAL) || sym->is_var)
      return NULL;
    if (sym->narrowed_from)
      sym = sym->narrowed_from;
    if (sym->type && has_literal(sym->type)) /* declared with a literal type */
      return sym->type;
    const Node *d = sym->decl;
    if (d->kind != ND_VariableDeclaration || d->VariableDeclaration.typeAnnotation ||
        d->VariableDeclaration.pattern->kind != ND_Identifier ||
        strcmp(d->VariableDeclaration.kind, "let") != 0)
      return NULL;
    return literal_of(c, d->VariableDeclaration.init);
  }
  case ND_CallExpression: { /* a function declared to return a literal type */
    const Node *callee = e->CallExpression.callee;
    const Type *fn = callee->sym && callee->sym->type ? callee->sym->type : callee->type;
    return fn && fn->kind == TY_FUNCTION && has_literal(fn->result) ? fn->result : NULL;
  }
  default:
    return NULL;
  }
}

/* What an expression of declared type t has: literal types widen to their
 * base (a union of literals of one base becomes that base). */
Type *type_widened(Checker *c, Type *t) {
  if (t->kind == TY_LITERAL)
    return t->elem;
  if (t->kind != TY_UNION || !has_literal(t))
    return t;
  Type **parts = arena_alloc(c->arena, t->nmembers * sizeof(Type *));
  for (int i = 0; i < t->nmembers; i++)
    parts[i] = t->members[i]->kind == TY_LITERAL ? t->members[i]->elem : t->members[i];
  return type_union(parts, t->nmembers);
}
