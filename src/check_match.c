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
  if (!record && value->kind == TY_UNION) { /* `(true, v)` picks `(true, T)` */
    Type *alternative = tuple_alternative(c, value, parts);
    if (!alternative) {
      diag_error(c->diag, pat->loc, "Type mismatch: this tuple pattern does not pick one "
                 "alternative of %s (give literal elements that tell them apart)",
                 tname(c, value));
      for (int i = 0; i < parts->len; i++) /* its names are still bound */
        check_pattern(c, parts->items[i], type_basic(TY_ERROR));
      return;
    }
    pat->type = value = alternative; /* the value is tested and cast to it */
  }
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
  Type *lit = literal_of(c, pat); /* `true` where the value is of type true */
  if (pat->kind == ND_NullLiteral ? !type_has_null(value)
                                  : !type_assignable(t, value) &&
                                        !(lit && type_assignable(lit, value)))
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
  Type *want = pattern_class(c, pat->ClassPattern.name, value);
  if (!want)
    return;
  ClassInfo *cls = want->cls;
  pat->type = want;
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

/* ---- exhaustiveness ---- */

/* What the unguarded cases so far match for certain. */
typedef struct {
  bool all;            /* some case matches any value */
  ClassInfo **classes; /* classes matched whatever their fields */
  int nclasses;        /* number of classes */
  const char **names;  /* enum members matched (`Color.Red`) */
  int nnames;          /* number of names */
  bool truth[2];       /* boolean literals matched: false, true */
  Type **literals;     /* string and number literals matched, as literal types */
  int nliterals;       /* number of literals */
  Type **tuples;       /* alternatives of a union of tuples matched whole */
  int ntuples;         /* number of tuples */
} Coverage;

/* Is every field pattern of a class pattern a plain binding? */
static bool binds_only(const Node *pat) {
  NodeList *props = pat->ClassPattern.properties;
  for (int i = 0; i < props->len; i++) {
    const Node *v = props->items[i]->BindingProperty.value;
    if (v && !(v->kind == ND_Identifier && !(v->sym && v->sym->kind == SYM_CLASS)))
      return false;
  }
  return true;
}

/* Does a record or tuple pattern match every value of its type (its
 * parts only bind names)? */
static bool irrefutable(const Node *pat) {
  switch (pat->kind) {
  case ND_Identifier:
    return !(pat->sym && pat->sym->kind == SYM_CLASS);
  case ND_AsPattern:
    return irrefutable(pat->AsPattern.pattern);
  case ND_RecordPattern:
  case ND_TuplePattern: {
    bool record = pat->kind == ND_RecordPattern;
    NodeList *parts = record ? pat->RecordPattern.properties : pat->TuplePattern.elements;
    for (int i = 0; i < parts->len; i++)
      if (!irrefutable(record ? parts->items[i]->BindingProperty.value
                              : parts->items[i]))
        return false;
    return true;
  }
  default:
    return false;
  }
}

/* Does a tuple pattern that picked an alternative of a union of tuples
 * match all of it: each element binds a name or is the literal the
 * alternative's element type is (the picking checked which)? */
static bool covers_alternative(const Node *pat) {
  NodeList *parts = pat->TuplePattern.elements;
  for (int i = 0; i < parts->len; i++) {
    const Node *part = parts->items[i];
    if (!irrefutable(part) &&
        !(is_literal_value(part) && pat->type->members[i]->kind == TY_LITERAL))
      return false;
  }
  return true;
}

/* A class a pattern matches (an extension matches its underlying class). */
static void cover_class(Checker *c, Coverage *cov, ClassInfo *cls) {
  if (cls->is_extension && cls->on->kind == TY_CLASS)
    cls = cls->on->cls;
  cov->classes = arena_grow(c->arena, cov->classes, cov->nclasses, sizeof(ClassInfo *));
  cov->classes[cov->nclasses++] = cls;
}

static void cover(Checker *c, Coverage *cov, const Node *pat, const Type *value) {
  switch (pat->kind) {
  case ND_TuplePattern:
    if (value->kind == TY_UNION) { /* it picked an alternative */
      if (covers_alternative(pat)) {
        cov->tuples = arena_grow(c->arena, cov->tuples, cov->ntuples, sizeof(Type *));
        cov->tuples[cov->ntuples++] = pat->type;
      }
      return;
    }
    cov->all |= irrefutable(pat);
    return;
  case ND_RecordPattern:
    cov->all |= irrefutable(pat);
    return;
  case ND_Identifier:
    if (pat->sym && pat->sym->kind == SYM_CLASS)
      cover_class(c, cov, pat->sym->type->cls);
    else
      cov->all = true;
    return;
  case ND_ClassPattern:
    if (pat->type && pat->type->kind == TY_CLASS && binds_only(pat))
      cover_class(c, cov, pat->type->cls);
    return;
  case ND_MemberExpression:
    if (pat->MemberExpression.object->sym &&
        pat->MemberExpression.object->sym->kind == SYM_ENUM) {
      cov->names = arena_grow(c->arena, cov->names, cov->nnames, sizeof(char *));
      cov->names[cov->nnames++] = pat->MemberExpression.property->Identifier.name;
    }
    return;
  case ND_BooleanLiteral:
    cov->truth[pat->BooleanLiteral.value] = true;
    return;
  case ND_StringLiteral:
  case ND_NumberLiteral:
    cov->literals = arena_grow(c->arena, cov->literals, cov->nliterals, sizeof(Type *));
    cov->literals[cov->nliterals++] = literal_of(c, pat);
    return;
  case ND_AsPattern:
    cover(c, cov, pat->AsPattern.pattern, value);
    return;
  case ND_LogicalPattern:
    if (strcmp(pat->LogicalPattern.op, "||") == 0) {
      cover(c, cov, pat->LogicalPattern.left, value);
      cover(c, cov, pat->LogicalPattern.right, value);
    }
    return;
  default:
    return;
  }
}

/* Is every value of class cls matched: cls or a superclass is, or cls is
 * abstract (sealed) and each class directly extending it is matched? */
static bool class_covered(Checker *c, const Coverage *cov, const ClassInfo *cls) {
  for (int i = 0; i < cov->nclasses; i++)
    if (class_implements(cls, cov->classes[i]))
      return true;
  if (!cls->is_abstract)
    return false;
  bool any = false;
  for (int i = 0; i < c->prog->nclasses; i++) {
    ClassInfo *sub = c->prog->classes[i];
    if (sub->super != cls)
      continue;
    any = true;
    if (!class_covered(c, cov, sub))
      return false;
  }
  return any;
}

/* The extension class a class pattern names, or NULL. */
static ClassInfo *pattern_extension(const Node *pat) {
  const Type *t = pat->kind == ND_ClassPattern ? pat->type
                  : pat->kind == ND_Identifier && pat->sym && pat->sym->kind == SYM_CLASS
                      ? pat->sym->type : NULL;
  return t && t->kind == TY_CLASS && t->cls->is_extension ? t->cls : NULL;
}

/* Does the coverage take every value of type t? */
static bool exhaustive(Checker *c, const Coverage *cov, const Type *t) {
  if (cov->all || t->kind == TY_ERROR || t->kind == TY_NEVER)
    return true;
  switch (t->kind) {
  case TY_BOOLEAN:
    return cov->truth[0] && cov->truth[1];
  case TY_CLASS:
    return class_covered(c, cov, t->cls);
  case TY_UNION:
    for (int i = 0; i < t->nmembers; i++)
      if (t->members[i]->kind != TY_NULL && !exhaustive(c, cov, t->members[i]))
        return false;
    return !type_has_null(t); /* null needs a case of its own */
  case TY_LITERAL: /* `"ok" | "err"`: each literal needs its case */
    if (t->elem->kind == TY_BOOLEAN)
      return cov->truth[strcmp(t->text, "true") == 0];
    for (int i = 0; i < cov->nliterals; i++)
      if (cov->literals[i] == t)
        return true;
    return false;
  case TY_TUPLE:
    for (int i = 0; i < cov->ntuples; i++)
      if (cov->tuples[i] == t)
        return true;
    return false;
  case TY_ENUM:
    for (int m = 0; m < t->en->nmembers; m++) {
      bool found = false;
      for (int i = 0; i < cov->nnames && !found; i++)
        found = strcmp(cov->names[i], t->en->members[m]) == 0;
      if (!found)
        return false;
    }
    return true;
  default:
    return false;
  }
}

Type *check_match(Checker *c, Node *e, Type *expected) {
  Type *value = check_expr(c, e->MatchExpression.discriminant, NULL);
  NodeList *cases = e->MatchExpression.cases;
  Type *result = expected;
  Coverage cov = {0};
  ClassInfo *extension = NULL; /* the first case naming an extension class */
  for (int i = 0; i < cases->len; i++) {
    Node *mc = cases->items[i];
    Scope scope;
    push_scope(c, &scope);
    if (cov.all)
      diag_error(c->diag, mc->loc, "Unreachable case: an earlier case matches every value");
    check_pattern(c, mc->MatchCase.pattern, value);
    ClassInfo *ext = pattern_extension(mc->MatchCase.pattern);
    if (ext && extension && ext != extension && ext->on == extension->on)
      diag_error(c->diag, mc->MatchCase.pattern->loc,
                 "Ambiguous match case: '%s' and '%s' both extend %s, so a value "
                 "cannot be told to be one and not the other", tname(c, extension->type),
                 tname(c, ext->type), tname(c, ext->on));
    else if (ext && !extension)
      extension = ext;
    if (mc->MatchCase.guard)
      check_condition(c, mc->MatchCase.guard);
    else
      cover(c, &cov, mc->MatchCase.pattern, value);
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
  Type *declared = literal_of(c, e->MatchExpression.discriminant); /* a literal type */
  if (!exhaustive(c, &cov, declared ? declared : value))
    diag_error(c->diag, e->loc, "Non-exhaustive match: no case matches some values of %s",
               tname(c, declared ? declared : value));
  return result ? result : type_basic(TY_NEVER);
}
