/*
 * check_match.c - match expressions and their patterns.
 *
 * Each case is checked in its own scope: the pattern binds names (typed
 * from the value it matches), then the guard and the body see them.
 */
#include "checker.h"

#include <string.h>

static void check_pattern(Checker *c, Node *pat, Type *value);

/* `{x, y: p}` on a record, `(a, _)` on a tuple: each field or element
 * matches its nested pattern. */
static void check_shape_pattern(Checker *c, Node *pat, Type *value) {
  bool record = pat->kind == ND_RecordPattern;
  NodeList *parts = record ? pat->RecordPattern.properties : pat->TuplePattern.elements;
  if (value->kind != (record ? TY_RECORD : TY_TUPLE)) {
    if (value->kind != TY_ERROR)
      diag_error(c->diag, pat->loc, "Type mismatch: a %s pattern cannot match %s",
                 record ? "record" : "tuple", tname(c, value));
    return;
  }
  if (!record && parts->len != value->nmembers) {
    diag_error(c->diag, pat->loc, "Tuple pattern has %d elements, but %s has %d",
               parts->len, tname(c, value), value->nmembers);
    return;
  }
  for (int i = 0; i < parts->len; i++) {
    Node *part = parts->items[i];
    if (!record) {
      check_pattern(c, part, value->members[i]);
      continue;
    }
    const char *name = part->BindingProperty.name->Identifier.name;
    int f = record_field(value, name);
    if (f < 0 || value->optional[f]) {
      diag_error(c->diag, part->loc, f < 0 ? "Type %s has no property '%s'"
                 : "Type %s: the optional property '%s' cannot be matched",
                 tname(c, value), name);
      continue;
    }
    part->type = value->members[f];
    check_pattern(c, part->BindingProperty.value, part->type);
  }
}

/* A literal pattern compares with the value, so it must have its type. */
static void check_literal_pattern(Checker *c, Node *pat, Type *value) {
  Type *t = check_expr(c, pat, value);
  if (pat->kind == ND_NullLiteral ? !type_has_null(value)
                                  : !type_assignable(t, value))
    diag_error(c->diag, pat->loc, "Type mismatch: this pattern is %s, the value is %s",
               tname(c, t), tname(c, value));
}

/* `name` binds the value; `_` matches anything. */
static void bind(Checker *c, Node *name, Type *value) {
  if (strcmp(name->Identifier.name, "_") == 0)
    return;
  if (!c->fn) {
    unsupported(c, name, "a binding pattern at module level");
    return;
  }
  name->sym = declare(c, name->Identifier.name, SYM_LOCAL, value, name);
}

/* `Point {x, y: 0}`: the value is a Point (or the match fails), and its
 * fields match the nested patterns. */
static void check_class_pattern(Checker *c, Node *pat, Type *value) {
  Node *name = pat->ClassPattern.name;
  Symbol *sym = name->kind == ND_Identifier ? lookup(c, name->Identifier.name) : NULL;
  if (!sym || sym->kind != SYM_CLASS) {
    diag_error(c->diag, name->loc, "'%s' is not a class",
               name->kind == ND_Identifier ? name->Identifier.name : "pattern");
    return;
  }
  ClassInfo *cls = sym->type->cls;
  pat->type = sym->type;
  if (!type_is_reference(value) || value->kind == TY_STRING)
    diag_error(c->diag, pat->loc, "Type mismatch: %s cannot be a %s",
               tname(c, value), cls->name);
  NodeList *props = pat->ClassPattern.properties;
  for (int i = 0; i < props->len; i++) {
    Node *prop = props->items[i];
    const char *field = prop->BindingProperty.name->Identifier.name;
    const Field *fd = find_field(cls, field);
    if (!fd) {
      diag_error(c->diag, prop->loc, "Property '%s' does not exist on type '%s'",
                 field, cls->name);
      continue;
    }
    prop->type = fd->type;
    check_pattern(c, prop->BindingProperty.value, fd->type);
  }
}

static void check_pattern(Checker *c, Node *pat, Type *value) {
  pat->type = value;
  switch (pat->kind) {
  case ND_NumberLiteral: case ND_StringLiteral: case ND_BooleanLiteral:
  case ND_NullLiteral: case ND_UnaryExpression: case ND_MemberExpression:
    check_literal_pattern(c, pat, value);
    break;
  case ND_Identifier: { /* a class name tests the class: `case Red:` */
    Symbol *cls = lookup(c, pat->Identifier.name);
    if (cls && cls->kind == SYM_CLASS) {
      pat->sym = cls;
      pat->type = cls->type;
    } else {
      bind(c, pat, value);
    }
    break;
  }
  case ND_ClassPattern:
    check_class_pattern(c, pat, value);
    break;
  case ND_RecordPattern:
  case ND_TuplePattern:
    check_shape_pattern(c, pat, value);
    break;
  case ND_AsPattern:
    check_pattern(c, pat->AsPattern.pattern, value);
    /* `Circle {} as c`: c is a Circle */
    bind(c, pat->AsPattern.name, pat->AsPattern.pattern->type);
    break;
  case ND_LogicalPattern: {
    Symbol *before = c->scope->syms;
    check_pattern(c, pat->LogicalPattern.left, value);
    check_pattern(c, pat->LogicalPattern.right, value);
    if (strcmp(pat->LogicalPattern.op, "||") == 0 && c->scope->syms != before)
      unsupported(c, pat, "binding names inside a '|' pattern");
    break;
  }
  default:
    unsupported(c, pat, arena_printf(c->arena, "a %s", node_kind_name(pat->kind)));
  }
}

/* `if (let PATTERN = value)`: the names bind in the current scope (the
 * one the statement's body is checked in). */
void bind_let_condition(Checker *c, Node *cond) {
  check_pattern(c, cond->LetPatternCondition.pattern,
                cond->LetPatternCondition.init->type);
}

Type *check_match(Checker *c, Node *e, Type *expected) {
  Type *value = check_expr(c, e->MatchExpression.discriminant, NULL);
  NodeList *cases = e->MatchExpression.cases;
  Type *result = expected;
  for (int i = 0; i < cases->len; i++) {
    Node *mc = cases->items[i];
    Scope scope;
    push_scope(c, &scope);
    check_pattern(c, mc->MatchCase.pattern, value);
    if (mc->MatchCase.guard)
      check_condition(c, mc->MatchCase.guard);
    Node *body = mc->MatchCase.body;
    Type *t = check_branch(c, body, result);
    pop_scope(c);
    if (t->kind == TY_NEVER)
      continue;
    if (!result)
      result = t;
    else if (result->kind != TY_VOID)
      expect_type(c, body, t, result);
  }
  return result ? result : type_basic(TY_NEVER);
}
