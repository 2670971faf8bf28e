/*
 * check_narrow.c - flow-sensitive narrowing of union types.
 *
 * A condition such as `x != null`, `x is Dog`, `!c`, `a && b` says more
 * about some variables where it holds (or fails).  narrow_scope() opens a
 * scope in which each such variable is shadowed by an alias of the narrower
 * type; the alias reads the original variable and the emitter casts the
 * value (a cast that cannot fail, since the check has just passed).
 */
#include "checker.h"

#include <string.h>

typedef struct {
  Symbol *sym; /* the variable (never an alias), or NULL for a path */
  Node *path;  /* or the record field / tuple element */
  Type *type;  /* its type where the condition has the given outcome */
} Narrowing;

enum { MAX_NARROWINGS = 16 };

/* The variable a condition talks about, if it is a plain name. */
static Symbol *variable(Node *e) {
  if (e->kind != ND_Identifier || !e->sym || e->sym->kind == SYM_FUNCTION ||
      e->sym->kind == SYM_IMPORT || e->sym->kind == SYM_CLASS ||
      e->sym->kind == SYM_BUILTIN)
    return NULL;
  return e->sym->narrowed_from ? e->sym->narrowed_from : e->sym;
}

/* A field or element of an immutable record or tuple held in a variable
 * (or in such a path): `r.inner`, `t[0]`, `r.outer.inner`. */
static bool is_path(Node *e) {
  Node *obj;
  TypeKind want;
  if (e->kind == ND_MemberExpression && !e->MemberExpression.optional) {
    obj = e->MemberExpression.object;
    want = TY_RECORD;
  } else if (e->kind == ND_IndexExpression && !e->IndexExpression.optional) {
    obj = e->IndexExpression.object;
    want = TY_TUPLE;
  } else {
    return false;
  }
  return obj->type && obj->type->kind == want && (variable(obj) || is_path(obj));
}

static bool same_path(Node *a, Node *b) {
  if (a->kind != b->kind)
    return false;
  switch (a->kind) {
  case ND_Identifier:
    return variable(a) && variable(a) == variable(b);
  case ND_MemberExpression:
    return strcmp(a->MemberExpression.property->Identifier.name,
                  b->MemberExpression.property->Identifier.name) == 0 &&
           same_path(a->MemberExpression.object, b->MemberExpression.object);
  case ND_IndexExpression:
    return tuple_slot(a->IndexExpression.index) == tuple_slot(b->IndexExpression.index) &&
           same_path(a->IndexExpression.object, b->IndexExpression.object);
  default:
    return false;
  }
}

/* The type path has where a condition narrowed it, or NULL. */
Type *narrowed_path(Checker *c, const Node *path) {
  for (Scope *s = c->scope; s; s = s->up)
    for (NarrowPath *p = s->paths; p; p = p->next)
      if (same_path(p->path, (Node *)path))
        return p->type;
  return NULL;
}

/* t without the alternatives that are (subtypes of) `removed`. */
static Type *type_minus(Type *t, Type *removed) {
  if (t->kind != TY_UNION)
    return t;
  Type *keep[64];
  int n = 0;
  for (int i = 0; i < t->nmembers && n < 64; i++)
    if (!type_assignable(t->members[i], removed))
      keep[n++] = t->members[i];
  return n ? type_union(keep, n) : t;
}

/* Records that x (a variable or a path) has type `type`. */
static int add(Narrowing *out, int n, Node *x, Type *type) {
  Symbol *sym = variable(x);
  Node *path = !sym && is_path(x) ? x : NULL;
  if (n < MAX_NARROWINGS && (sym || path) && type)
    out[n++] = (Narrowing){sym, path, type};
  return n;
}

/* Narrowings that hold where cond evaluates to `truth`. */
static int collect(Checker *c, Node *cond, bool truth, Narrowing *out, int n) {
  switch (cond->kind) {
  case ND_UnaryExpression:
    if (strcmp(cond->UnaryExpression.op, "!") == 0)
      return collect(c, cond->UnaryExpression.argument, !truth, out, n);
    return n;
  case ND_BinaryExpression: {
    const char *op = cond->BinaryExpression.op;
    Node *l = cond->BinaryExpression.left, *r = cond->BinaryExpression.right;
    if ((strcmp(op, "&&") == 0 && truth) || (strcmp(op, "||") == 0 && !truth)) {
      n = collect(c, l, truth, out, n);
      return collect(c, r, truth, out, n);
    }
    bool eq = strcmp(op, "==") == 0 || strcmp(op, "===") == 0;
    bool ne = strcmp(op, "!=") == 0 || strcmp(op, "!==") == 0;
    if (!eq && !ne)
      return n;
    Node *other = r->kind == ND_NullLiteral ? l : l->kind == ND_NullLiteral ? r : NULL;
    if (!other || !type_has_null(other->type))
      return n;
    /* x != null where true, x == null where false: x is not null */
    if (eq != truth)
      return add(out, n, other, type_without_null(other->type));
    return n;
  }
  case ND_IsExpression: {
    Node *x = cond->IsExpression.expression;
    Type *t = cond->IsExpression.typeAnnotation->type;
    if (!t)
      return n;
    return add(out, n, x, truth ? t : type_minus(x->type, t));
  }
  default:
    return n;
  }
}

/* Opens `scope` holding an alias for every variable cond narrows where it
 * evaluates to `truth`; the caller pops it. */
static void add_alias(Checker *c, Scope *scope, Narrowing n) {
  if (n.path) { /* a record field or tuple element */
    NarrowPath *p = arena_alloc(c->arena, sizeof(NarrowPath));
    *p = (NarrowPath){n.path, n.type, scope->paths};
    scope->paths = p;
    return;
  }
  Symbol *alias = arena_alloc(c->arena, sizeof(Symbol));
  *alias = *n.sym;
  alias->type = n.type;
  alias->narrowed_from = n.sym;
  alias->next = scope->syms;
  scope->syms = alias;
}

void narrow_scope(Checker *c, Node *cond, bool truth, Scope *scope) {
  push_scope(c, scope);
  Narrowing found[MAX_NARROWINGS];
  int n = collect(c, cond, truth, found, 0);
  for (int i = 0; i < n; i++)
    add_alias(c, scope, found[i]);
}

void narrow_after(Checker *c, Node *stmt) {
  Node *a = stmt->kind == ND_ExpressionStatement ? stmt->ExpressionStatement.expression
                                                 : NULL;
  if (!a || a->kind != ND_AssignmentExpression || !a->AssignmentExpression.op ||
      strcmp(a->AssignmentExpression.op, "??") != 0)
    return;
  Node *target = a->AssignmentExpression.left, *value = a->AssignmentExpression.value;
  Symbol *sym = variable(target);
  if (!sym || !target->type || !value->type || !type_has_null(target->type) ||
      type_has_null(value->type))
    return;
  Scope *rest = arena_alloc(c->arena, sizeof(Scope));
  push_scope(c, rest);
  add_alias(c, rest, (Narrowing){.sym = sym, .type = type_without_null(target->type)});
}

/* Does control never get past this statement (return, throw, break...)? */
bool always_exits(const Node *s) {
  switch (s->kind) {
  case ND_ReturnStatement: case ND_BreakStatement: case ND_ContinueStatement:
    return true;
  case ND_ExpressionStatement:
    return s->ExpressionStatement.expression->kind == ND_ThrowExpression;
  case ND_BlockStatement: {
    NodeList *body = s->BlockStatement.body;
    return body->len && always_exits(body->items[body->len - 1]);
  }
  case ND_IfStatement:
    return s->IfStatement.alternate && always_exits(s->IfStatement.consequent) &&
           always_exits(s->IfStatement.alternate);
  default:
    return false;
  }
}
