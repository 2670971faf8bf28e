/*
 * check_operator.c - operators and assignment: arithmetic, comparison and
 * logic on numbers and booleans, string concatenation, equality (a class's
 * `operator ==`, case classes field by field), operator methods, `??`,
 * unary operators, and `=`/`op=` to variables, fields and indexes.
 */
#include "checker.h"

#include <string.h>

static Type *basic(TypeKind k) { return type_basic(k); }

/* ---- operators ---- */

/* Types both operands, letting a bare number literal on one side take the
 * type of the other side. */
static void check_operands(Checker *c, Node *l, Node *r, Type *expected,
                           Type **tl, Type **tr) {
  Type *hint = expected && type_is_numeric(expected) ? expected : NULL;
  if (is_number_literal(l) && !is_number_literal(r)) {
    *tr = check_expr(c, r, hint);
    *tl = check_expr(c, l, *tr);
  } else if (is_number_literal(r)) {
    *tl = check_expr(c, l, hint);
    *tr = check_expr(c, r, *tl);
  } else {
    *tl = check_expr(c, l, hint);
    *tr = check_expr(c, r, hint);
  }
}

static Type *operator_error(Checker *c, Node *e, const char *op, Type *l, Type *r,
                            bool equality) {
  if (l->kind != TY_ERROR && r->kind != TY_ERROR && e->kind == ND_AssignmentExpression)
    diag_error(c->diag, e->loc, "Type mismatch: '%s=' cannot combine %s with %s", op,
               tname(c, l), tname(c, r));
  else if (l->kind != TY_ERROR && r->kind != TY_ERROR)
    diag_error(c->diag, e->loc,
               equality ? "cannot apply operator '%s' to %s and %s"
                        : "operator '%s' cannot be applied to %s and %s",
               op, tname(c, l), tname(c, r));
  return basic(TY_ERROR);
}

bool one_of(const char *op, const char *const *ops) {
  for (; *ops; ops++)
    if (strcmp(op, *ops) == 0)
      return true;
  return false;
}

/* The result type of `l op r`, or an error. */
static Type *binary_result(Checker *c, Node *e, const char *op, Type *l, Type *r) {
  static const char *const arith[] = {"+", "-", "*", "/", "%", NULL};
  static const char *const order[] = {"<", ">", "<=", ">=", NULL};
  static const char *const equal[] = {"==", "!=", "===", "!==", NULL};
  static const char *const logic[] = {"&&", "||", NULL};
  static const char *const bits[] = {"&", "|", "^", "<<", ">>", ">>>", NULL};
  if (l->kind == TY_ERROR || r->kind == TY_ERROR)
    return basic(TY_ERROR);
  if (l->kind == TY_DISTINCT || r->kind == TY_DISTINCT) {
    if (!expect_type(c, e->BinaryExpression.right, r, l))
      return basic(TY_ERROR);
    Type *t = binary_result(c, e, op, l->elem, r->elem); /* Meters + Meters */
    return t == l->elem ? l : t;
  }
  bool same = l == r;
  if (one_of(op, arith)) {
    if (same && (type_is_numeric(l) ||
                 (l->kind == TY_STRING && strcmp(op, "+") == 0)))
      return l;
  } else if (one_of(op, order)) {
    if (same && type_is_numeric(l))
      return basic(TY_BOOLEAN);
  } else if (one_of(op, equal)) {
    if (same && (type_is_numeric(l) || l->kind == TY_BOOLEAN ||
                 l->kind == TY_STRING || l->kind == TY_ENUM))
      return basic(TY_BOOLEAN);
    /* identity of objects, and comparisons with null */
    bool refs = type_is_reference(l) && type_is_reference(r) &&
                l->kind != TY_STRING && r->kind != TY_STRING;
    if (refs && (type_assignable(l, r) || type_assignable(r, l) ||
                 (l->kind == TY_NULL && type_has_null(r)) ||
                 (r->kind == TY_NULL && type_has_null(l))))
      return basic(TY_BOOLEAN);
    if ((l->kind == TY_STRING && r->kind == TY_NULL) ||
        (r->kind == TY_STRING && l->kind == TY_NULL))
      diag_error(c->diag, e->loc, "A String is never null; compare with a String | null");
    return operator_error(c, e, op, l, r, true);
  } else if (one_of(op, logic)) {
    if (same && l->kind == TY_BOOLEAN)
      return l;
  } else if (one_of(op, bits)) {
    if (same && (type_is_integer(l) ||
                 (l->kind == TY_BOOLEAN && !strchr("<>", op[0]))))
      return l;
  } else {
    unsupported(c, e, arena_printf(c->arena, "operator '%s'", op));
    return basic(TY_ERROR);
  }
  return operator_error(c, e, op, l, r, false);
}

/* `a && b`, `a || b`: b is checked knowing how a turned out. */
Type *check_logical(Checker *c, Node *e) {
  Node *l = e->BinaryExpression.left, *r = e->BinaryExpression.right;
  const char *op = e->BinaryExpression.op;
  Type *tl = check_expr(c, l, NULL);
  Scope scope;
  narrow_scope(c, l, op[0] == '&', &scope);
  Type *tr = check_expr(c, r, NULL);
  pop_scope(c);
  return binary_result(c, e, op, tl, tr);
}

/* `a ?? b`: a without null, or b. */
static Type *check_nullish(Checker *c, Node *e, Type *expected) {
  Node *left = e->BinaryExpression.left;
  Node *outer = c->chain_default;
  c->chain_default = left; /* `a?.n ?? 0` may end in a number */
  Type *l = check_expr(c, left, expected);
  c->chain_default = outer;
  Type *r = check_expr(c, e->BinaryExpression.right, expected ? expected : l);
  if (l->kind == TY_ERROR || r->kind == TY_ERROR)
    return basic(TY_ERROR);
  if (!type_is_reference(l)) { /* an optional chain ending in a number */
    expect_type(c, e->BinaryExpression.right, r, l);
    return l;
  }
  if (!type_has_null(l)) { /* e.g. narrowed by an earlier check: nothing to do */
    expect_type(c, e->BinaryExpression.right, r, l);
    return l;
  }
  Type *both[2] = {type_without_null(l), r};
  return type_union(both, 2);
}

/* The case class's fields that are case classes are compared with their own
 * structural equality too. */
static void need_equals(ClassInfo *cls) {
  if (cls->needs_equals)
    return;
  cls->needs_equals = true;
  for (int i = 0; i < cls->nfields; i++) {
    const Type *t = cls->fields[i].type;
    if (t->kind == TY_CLASS && t->cls->decl->ClassDeclaration.caseParams)
      need_equals(t->cls);
  }
}

/* `a == b` on objects of one class: its `operator ==` if it has one (the
 * method goes on the node), structural equality for a case class, else
 * identity. */
static void class_equality(Checker *c, Node *e, ClassInfo *cls) {
  const Method *op = find_method(cls, "==");
  if (op) {
    resolve_function(c, op->fn->sym, e);
    Type *t = op->fn->sym->type;
    if (t->nparams != 1 || !type_assignable(cls->type, t->params[0]) ||
        t->result->kind != TY_BOOLEAN)
      diag_error(c->diag, e->loc, "operator == of '%s' must take one %s and "
                 "return boolean", cls->name, cls->name);
    e->sym = op->fn->sym;
  } else if (cls->decl->ClassDeclaration.caseParams) {
    need_equals(cls);
  }
}

Type *check_binary(Checker *c, Node *e, Type *expected) {
  Type *l, *r;
  const char *op = e->BinaryExpression.op;
  if (strcmp(op, "&&") == 0 || strcmp(op, "||") == 0)
    return check_logical(c, e);
  if (strcmp(op, "??") == 0)
    return check_nullish(c, e, expected);
  bool numeric_context = !strchr("<>=!&|", op[0]) || strlen(op) == 1;
  check_operands(c, e->BinaryExpression.left, e->BinaryExpression.right,
                 numeric_context ? expected : NULL, &l, &r);
  const Method *custom = l->kind == TY_CLASS && strcmp(op, "==") != 0 &&
                         strcmp(op, "!=") != 0 ? find_method(l->cls, op) : NULL;
  if (custom && is_overloaded(l->cls, op)) {
    custom = check_overloaded_call(c, l->cls, op, &e->BinaryExpression.right, &r, 1, e);
    if (!custom)
      return basic(TY_ERROR);
  }
  if (custom) { /* the class's `operator +` and so on */
    resolve_function(c, custom->fn->sym, e);
    Type *fn = custom->fn->sym->type;
    if (fn->nparams == 1)
      expect_type(c, e->BinaryExpression.right, r, fn->params[0]);
    else
      diag_error(c->diag, e->loc, "operator %s of '%s' must take one parameter", op,
                 tname(c, l));
    e->sym = custom->fn->sym;
    return fn->result;
  }
  Type *t = binary_result(c, e, op, l, r);
  if ((strcmp(op, "==") == 0 || strcmp(op, "!=") == 0) && l == r &&
      l->kind == TY_CLASS)
    class_equality(c, e, l->cls);
  return t;
}

Type *check_unary(Checker *c, Node *e, Type *expected) {
  const char *op = e->UnaryExpression.op;
  Node *arg = e->UnaryExpression.argument;
  if (strcmp(op, "-") == 0 && arg->kind == ND_NumberLiteral) {
    Type *t = check_expr(c, arg, expected);
    return type_is_numeric(t) ? t : basic(TY_ERROR);
  }
  Type *t = check_expr(c, arg, strcmp(op, "!") == 0 ? NULL : expected);
  if (t->kind == TY_ERROR)
    return t;
  if ((op[0] == '-' && type_is_numeric(t) && t->kind != TY_U32) ||
      (op[0] == '!' && t->kind == TY_BOOLEAN) ||
      (op[0] == '~' && type_is_integer(t)))
    return t;
  diag_error(c->diag, e->loc, "operator '%s' cannot be applied to %s", op,
             tname(c, t));
  return basic(TY_ERROR);
}

/* May this field be assigned here?  Immutable fields only in constructors
 * of their class (or a subclass). */
static void check_field_assignable(Checker *c, Node *target) {
  Node *object = target->MemberExpression.object;
  if (object->type->kind != TY_CLASS)
    return;
  const char *name = target->MemberExpression.property->Identifier.name;
  const Field *fd = find_field(object->type->cls, name);
  if (!fd && target->sym) { /* an abstract field: assignable through its setter */
    const Method *set = find_accessor(c, object->type->cls, name, true);
    if (set)
      target->sym = set->fn->sym;
    else
      diag_error(c->diag, target->loc,
                 "Cannot assign to '%s': it has a getter but no setter", name);
    return;
  }
  if (!fd || fd->is_var)
    return;
  bool in_ctor = c->fn && c->fn->is_ctor && object->kind == ND_ThisExpression;
  if (!in_ctor)
    diag_error(c->diag, target->loc,
               "Cannot assign to '%s' because it is immutable (declare it with 'var')",
               fd->name);
}

/* The value assignment e stores, of type `stored`: v, or for `x op= v` the
 * old value (of type old) op v.  Returns the stored type. */
static Type *check_new_value(Checker *c, Node *e, Type *old, Type *stored) {
  Node *value = e->AssignmentExpression.value;
  const char *op = e->AssignmentExpression.op;
  Type *v = check_expr(c, value, old);
  if (op && strcmp(op, "??") == 0) { /* x ??= v: only when x is null */
    if (!type_has_null(old) && old->kind != TY_ERROR)
      diag_error(c->diag, e->AssignmentExpression.left->loc,
                 "'?\?=' needs a value that may be null, not %s", tname(c, old));
  } else if (op) {
    v = binary_result(c, e, op, old, v);
  }
  expect_type(c, value, v, stored);
  return stored;
}

Type *check_assignment(Checker *c, Node *e) {
  Node *target = e->AssignmentExpression.left;
  Node *value = e->AssignmentExpression.value;
  if (target->kind != ND_Identifier && target->kind != ND_MemberExpression &&
      target->kind != ND_IndexExpression) {
    unsupported(c, target, "assigning to this kind of target");
    check_expr(c, value, NULL);
    return basic(TY_ERROR);
  }
  Type *t;
  if (target->kind == ND_IndexExpression) {
    Type *obj = check_expr(c, target->IndexExpression.object, NULL);
    if (obj->kind == TY_CLASS && !e->AssignmentExpression.op)
      return check_index_store(c, e, obj->cls);
    if (obj->kind == TY_CLASS) {
      Type *old = check_index_update(c, e, obj->cls);
      if (!old) {
        check_expr(c, value, NULL);
        return basic(TY_ERROR);
      }
      return check_new_value(c, e, old, target->type);
    }
    t = target->type = check_index_of(c, target, obj);
  } else {
    t = check_expr(c, target, NULL);
  }
  Symbol *sym = target->sym;
  if (sym && sym->narrowed_from) /* a narrowed variable takes any value of */
    t = target->type = sym->narrowed_from->type; /* its declared type */
  Node *object = target->kind == ND_MemberExpression
                     ? target->MemberExpression.object : NULL;
  if (object && object->kind != ND_Identifier && object->kind != ND_ThisExpression)
    unsupported(c, object, "assigning to a field of a computed object");
  else if (object && (!object->type || object->type->kind != TY_CLASS)) {
    if (object->type && t->kind != TY_ERROR) /* what else has a member: .length */
      diag_error(c->diag, target->loc, "Cannot assign to the length of %s",
                 tname(c, object->type));
  } else if (object)
    check_field_assignable(c, target);
  else if (sym && (sym->kind == SYM_LOCAL || sym->kind == SYM_GLOBAL) && !sym->is_var)
    diag_error(c->diag, target->loc,
               "Cannot assign to '%s' because it is declared with 'let'",
               sym->name);
  else if (sym && sym->kind != SYM_LOCAL && sym->kind != SYM_GLOBAL)
    diag_error(c->diag, target->loc, "Cannot assign to '%s'", sym->name);
  return check_new_value(c, e, t, t);
}
