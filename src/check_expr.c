/*
 * check_expr.c - typing expressions.
 *
 * check_expr(c, e, expected) types e, storing the result in e->type.
 * `expected` is the type the context wants, or NULL: it only steers number
 * literals (`let x: f64 = 1` makes 1 an f64, `x + 1` gives 1 the type of
 * x), it never converts anything.
 */
#include "checker.h"

#include <stdint.h>
#include <string.h>

static Type *basic(TypeKind k) { return type_basic(k); }

/* ---- built-ins and host imports ---- */

void declare_builtins(Checker *c) {
  static Node console_decl; /* built-ins have no source; any location will do */
  declare(c, "console", SYM_BUILTIN, basic(TY_VOID), &console_decl);
  declare(c, "__array_new", SYM_BUILTIN, basic(TY_VOID), &console_decl);
  declare(c, "hash", SYM_BUILTIN, basic(TY_VOID), &console_decl);
}

/* `@external("mod", "name") declare function f(a: T): R;` */
void declare_import(Checker *c, Node *decl) {
  NodeList *params = decl->DeclareFunction.params;
  if (decl->DeclareFunction.typeParameters || decl->DeclareFunction.isAsync) {
    unsupported(c, decl, "a generic or async host function");
    return;
  }
  Type **types = arena_alloc(c->arena, (params->len + 1) * sizeof(Type *));
  for (int i = 0; i < params->len; i++) {
    Node *p = params->items[i];
    types[i] = p->Parameter.typeAnnotation
                   ? resolve_type(c, p->Parameter.typeAnnotation)
                   : basic(TY_ERROR);
    if (!p->Parameter.typeAnnotation)
      diag_error(c->diag, p->loc, "Parameter '%s' has no type annotation",
                 p->Parameter.name->Identifier.name);
  }
  Type *result = decl->DeclareFunction.returnType
                     ? resolve_type(c, decl->DeclareFunction.returnType)
                     : basic(TY_VOID);
  Symbol *sym = declare(c, decl->DeclareFunction.name->Identifier.name,
                        SYM_IMPORT, type_function(types, params->len, result),
                        decl);
  decl->sym = sym;
  Program *p = c->prog;
  p->imports = arena_grow(c->arena, p->imports, p->nimports, sizeof(Symbol *));
  p->imports[p->nimports++] = sym;
}

/* ---- literals ---- */

/* Can the value be turned into text (templates, console)? */
static bool printable(Checker *c, const Node *at, const Type *t) {
  (void)c;
  (void)at;
  t = type_erased(t); /* a distinct type prints as its base */
  return type_is_numeric(t) || t->kind == TY_BOOLEAN || t->kind == TY_STRING ||
         t->kind == TY_ENUM || t->kind == TY_ERROR;
}

static bool is_number_literal(const Node *e) {
  return e->kind == ND_NumberLiteral ||
         (e->kind == ND_UnaryExpression && strcmp(e->UnaryExpression.op, "-") == 0 &&
          e->UnaryExpression.argument->kind == ND_NumberLiteral);
}

static Type *check_number(Checker *c, Node *e, Type *expected) {
  NumberValue v = number_value(e->NumberLiteral.raw);
  if (expected && type_is_numeric(expected)) {
    if (v.is_float && type_is_integer(expected))
      return basic(TY_F32); /* the mismatch is reported by the caller */
    if (!v.is_float && expected->kind != TY_I64 && expected->kind != TY_F64 &&
        expected->kind != TY_F32 && v.bits > UINT32_MAX)
      diag_error(c->diag, e->loc, "Number literal %s does not fit in %s",
                 e->NumberLiteral.raw, tname(c, expected));
    return expected;
  }
  if (v.is_float)
    return basic(TY_F32);
  if (v.overflow || v.bits > INT64_MAX + 1ULL) {
    diag_error(c->diag, e->loc, "Number literal %s is too large",
               e->NumberLiteral.raw);
    return basic(TY_ERROR);
  }
  return v.bits > INT32_MAX ? basic(TY_I64) : basic(TY_I32);
}

static Type *check_template(Checker *c, Node *e) {
  NodeList *parts = e->TemplateLiteral.expressions;
  for (int i = 0; i < parts->len; i++) {
    Type *t = check_expr(c, parts->items[i], NULL);
    if (!printable(c, parts->items[i], t))
      diag_error(c->diag, parts->items[i]->loc,
                 "Type mismatch: %s cannot be interpolated into a string",
                 tname(c, t));
  }
  return basic(TY_STRING);
}

/* ---- names ---- */

static Type *check_ident(Checker *c, Node *e) {
  Symbol *sym = use_name(c, e->Identifier.name);
  if (!sym) {
    diag_error(c->diag, e->loc, "Variable '%s' not found", e->Identifier.name);
    return basic(TY_ERROR);
  }
  e->sym = sym;
  if (sym->generic || sym->kind == SYM_TYPE_PARAM) {
    diag_error(c->diag, e->loc, sym->generic
                   ? "Generic '%s' can only be called or instantiated"
                   : "'%s' is a type, not a value", sym->name);
    return basic(TY_ERROR);
  }
  if (sym->kind == SYM_FUNCTION)
    resolve_function(c, sym, e);
  if (sym->kind == SYM_BUILTIN) {
    diag_error(c->diag, e->loc, "'%s' can only be used to call its methods",
               sym->name);
    return basic(TY_ERROR);
  }
  if (!sym->type) { /* a global used before its declaration was checked */
    diag_error(c->diag, e->loc, "'%s' is used before its declaration", sym->name);
    return basic(TY_ERROR);
  }
  return sym->type;
}

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
  if (l->kind != TY_ERROR && r->kind != TY_ERROR)
    diag_error(c->diag, e->loc,
               equality ? "cannot apply operator '%s' to %s and %s"
                        : "operator '%s' cannot be applied to %s and %s",
               op, tname(c, l), tname(c, r));
  return basic(TY_ERROR);
}

static bool one_of(const char *op, const char *const *ops) {
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
static Type *check_logical(Checker *c, Node *e) {
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

static Type *check_binary(Checker *c, Node *e, Type *expected) {
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

static Type *check_unary(Checker *c, Node *e, Type *expected) {
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

static Type *check_assignment(Checker *c, Node *e) {
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
    if (obj->kind == TY_CLASS)
      return check_index_store(c, e, obj->cls);
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
  else if (object && object->type->kind != TY_CLASS && object->type->kind != TY_ERROR)
    diag_error(c->diag, target->loc, "Cannot assign to the length of %s",
               tname(c, object->type));
  else if (object)
    check_field_assignable(c, target);
  else if (sym && (sym->kind == SYM_LOCAL || sym->kind == SYM_GLOBAL) && !sym->is_var)
    diag_error(c->diag, target->loc,
               "Cannot assign to '%s' because it is declared with 'let'",
               sym->name);
  else if (sym && sym->kind != SYM_LOCAL && sym->kind != SYM_GLOBAL)
    diag_error(c->diag, target->loc, "Cannot assign to '%s'", sym->name);
  const char *op = e->AssignmentExpression.op;
  Type *v = check_expr(c, value, t);
  if (op && strcmp(op, "??") == 0) { /* x ??= v: only when x is null */
    if (!type_has_null(t) && t->kind != TY_ERROR)
      diag_error(c->diag, target->loc, "'?\?=' needs a value that may be null, not %s",
                 tname(c, t));
  } else if (op) {
    v = binary_result(c, e, op, t, v);
  }
  expect_type(c, value, v, t);
  return t;
}

/* ---- calls ---- */

/* The type of an optional chain link (`a?.b`, `f?()`, `a?[i]`) whose value,
 * when the chain does not stop at a null, has type t: `t | null`.  A number
 * or boolean is then boxed, unless the chain is the left of `??`, which
 * supplies the value when the chain stops. */
Type *chain_result(Checker *c, Node *e, Type *t) {
  if (t->kind == TY_ERROR || t->kind == TY_VOID || c->chain_default == e)
    return t;
  return type_union((Type *[]){t, basic(TY_NULL)}, 2);
}

/* The object of `a?.b`: null is ruled out from here on. */
Type *chain_object(Type *t) { return type_without_null(t); }


/* The class whose code is being checked (closures in methods included). */
static ClassInfo *enclosing_class(const Checker *c) {
  for (const Function *f = c->fn; f; f = f->parent)
    if (f->owner)
      return f->owner;
  return NULL;
}

/* Does cls itself declare member `name` (not inherit it)? */
static bool declares(const ClassInfo *cls, const char *name) {
  for (int i = 0; i < cls->nmethods; i++)
    if (strcmp(cls->methods[i]->name, name) == 0)
      return true;
  return find_field(cls, name) && !(cls->super && find_field(cls->super, name));
}

/* `#name` members are visible only inside the class that declares them
 * (not its subclasses, nor mixins applied over it). */
static bool check_private(Checker *c, const Node *name, ClassInfo *cls) {
  const char *member = name->Identifier.name;
  ClassInfo *here = enclosing_class(c);
  if (member[0] != '#' || (here && declares(here, member) &&
                           type_assignable(cls->type, here->type)))
    return true;
  if (here)
    diag_error(c->diag, name->loc, "Property '%s' does not exist on type '%s'.",
               member, tname(c, cls->type));
  else
    diag_error(c->diag, name->loc,
               "Private member '%s' can only be accessed within a class that declares it",
               member);
  return false;
}

/* Reports a call with too few or too many arguments for fn; f, when
 * known, may give some parameters defaults. */
void check_arg_count(Checker *c, NodeList *args, const Node *at, Type *fn,
                     const Function *f) {
  int required = required_params(f, fn);
  if (args->len >= required && args->len <= fn->nparams)
    return;
  if (required == fn->nparams)
    diag_error(c->diag, at->loc, "Expected %d argument%s, got %d",
               fn->nparams, fn->nparams == 1 ? "" : "s", args->len);
  else
    diag_error(c->diag, at->loc, "Expected %d-%d arguments, got %d",
               required, fn->nparams, args->len);
}

/* Arguments of a call or `new` against the callee's parameter types. */
void check_args_of(Checker *c, NodeList *args, const Node *at, Type *fn,
                   const Function *f) {
  check_arg_count(c, args, at, fn, f);
  for (int i = 0; i < args->len; i++) {
    Type *want = i < fn->nparams ? fn->params[i] : NULL;
    Type *t = check_expr(c, args->items[i], want);
    if (want)
      expect_type(c, args->items[i], t, want);
  }
}

/* console.log(x) and friends. */
static Type *check_console(Checker *c, Node *call, Node *method) {
  const char *name = method->Identifier.name;
  static const char *const methods[] = {"log", "error", "warn", "info", "debug", NULL};
  if (!one_of(name, methods)) {
    diag_error(c->diag, method->loc, "Property '%s' does not exist on console", name);
    return basic(TY_ERROR);
  }
  NodeList *args = call->CallExpression.arguments;
  for (int i = 0; i < args->len; i++) {
    Type *t = check_expr(c, args->items[i], NULL);
    if (!printable(c, args->items[i], t))
      diag_error(c->diag, args->items[i]->loc,
                 "Type mismatch: console.%s cannot print %s", name, tname(c, t));
  }
  c->prog->uses_console = true;
  return basic(TY_VOID);
}

/* Calling any expression of function type: `makeAdder(1)(2)`, a field. */
static Type *check_value_call(Checker *c, Node *call) {
  Node *callee = call->CallExpression.callee;
  Type *fn = check_expr(c, callee, NULL);
  bool optional = call->CallExpression.optional;
  if (optional)
    fn = chain_object(fn);
  if (fn->kind != TY_FUNCTION) {
    if (fn->kind != TY_ERROR)
      diag_error(c->diag, callee->loc, "This expression is not callable (it is %s)",
                 tname(c, fn));
    NodeList *args = call->CallExpression.arguments;
    for (int i = 0; i < args->len; i++)
      check_expr(c, args->items[i], NULL);
    return basic(TY_ERROR);
  }
  check_args_of(c, call->CallExpression.arguments, call, fn, NULL);
  return optional ? chain_result(c, call, fn->result) : fn->result;
}

/* `obj.method(args)`: the method's symbol goes on the callee. */
static Type *check_method_call(Checker *c, Node *call) {
  Node *callee = call->CallExpression.callee;
  Node *object = callee->MemberExpression.object;
  Node *name = callee->MemberExpression.property;
  Type *t = check_expr(c, object, NULL);
  bool optional = callee->MemberExpression.optional;
  if (t->kind == TY_ERROR)
    return t;
  if (optional)
    t = chain_object(t);
  if (type_has_null(t)) {
    diag_error(c->diag, object->loc,
               "Cannot call '%s': the value may be null (its type is %s)",
               name->kind == ND_Identifier ? name->Identifier.name : "method",
               tname(c, t));
    return basic(TY_ERROR);
  }
  if (t->kind == TY_CLASS && name->kind == ND_Identifier && !check_private(c, name, t->cls))
    return basic(TY_ERROR);
  const Method *m = t->kind == TY_CLASS && name->kind == ND_Identifier &&
                            !callee->MemberExpression.isSymbolAccess
                        ? find_method(t->cls, name->Identifier.name) : NULL;
  const Field *fd = !m && t->kind == TY_CLASS && name->kind == ND_Identifier
                        ? find_field(t->cls, name->Identifier.name) : NULL;
  if (t->kind == TY_RECORD && !optional && name->kind == ND_Identifier &&
      !callee->MemberExpression.isSymbolAccess) { /* a field holding a function */
    Type *ft = check_record_member(c, callee, t);
    callee->type = ft;
    if (ft->kind != TY_FUNCTION) {
      if (ft->kind != TY_ERROR)
        diag_error(c->diag, callee->loc, "Field '%s' is not callable (it is %s)",
                   name->Identifier.name, tname(c, ft));
      return basic(TY_ERROR);
    }
    check_args_of(c, call->CallExpression.arguments, call, ft, NULL);
    return ft->result;
  }
  if (!m && !fd && name->kind == ND_Identifier)
    m = find_extension_method(c, t, name->Identifier.name);
  if (fd) { /* a field holding a function */
    callee->type = fd->type;
    if (fd->type->kind != TY_FUNCTION) {
      diag_error(c->diag, callee->loc, "Field '%s' is not callable (it is %s)",
                 fd->name, tname(c, fd->type));
      return basic(TY_ERROR);
    }
    if (optional) {
      unsupported(c, callee, "calling a function field through '?.'");
      return basic(TY_ERROR);
    }
    check_args_of(c, call->CallExpression.arguments, call, fd->type, NULL);
    return fd->type->result;
  }
  if (!m) {
    if (t->kind == TY_CLASS && name->kind == ND_Identifier)
      diag_error(c->diag, name->loc, "Method '%s' does not exist on type '%s'",
                 name->Identifier.name, tname(c, t));
    else if (t->kind == TY_TUPLE || t->kind == TY_RECORD)
      diag_error(c->diag, callee->loc, "Property access not supported on type %s",
                 tname(c, t));
    else
      unsupported(c, callee, arena_printf(c->arena, "calling methods on %s",
                                          tname(c, t)));
    return basic(TY_ERROR);
  }
  Symbol *target = m->fn->sym;
  if (m->generic) {
    target = check_generic_call(c, m->generic, call->CallExpression.typeArguments,
                                call->CallExpression.arguments, call);
    if (!target)
      return basic(TY_ERROR);
  } else {
    resolve_function(c, target, call);
    check_args_of(c, call->CallExpression.arguments, call, target->type, m->fn);
  }
  callee->sym = target;
  Type *result = target->type->result;
  return optional ? chain_result(c, call, result) : result;
}

/* `Class.name(args)`: a static method. */
static Type *check_static_call(Checker *c, Node *call, Symbol *cls) {
  Node *callee = call->CallExpression.callee;
  Node *name = callee->MemberExpression.property;
  NodeList *args = call->CallExpression.arguments;
  callee->MemberExpression.object->sym = cls;
  Symbol *sym;
  if (cls->kind == SYM_GENERIC_CLASS) {
    sym = check_generic_static_call(c, cls->generic, name->Identifier.name, args, call);
    if (!sym)
      return basic(TY_ERROR);
  } else {
    sym = find_static(cls->type->cls, name->Identifier.name);
    if (!sym) {
      diag_error(c->diag, name->loc, "'%s' has no static method '%s'", cls->name,
                 name->Identifier.name);
      return basic(TY_ERROR);
    }
    resolve_function(c, sym, call);
    check_args_of(c, args, call, sym->type, sym->fn);
  }
  callee->sym = sym;
  return sym->type->result;
}

static Type *check_call(Checker *c, Node *call, Type *expected) {
  Node *callee = call->CallExpression.callee;
  if (call->CallExpression.optional)
    return check_value_call(c, call);
  if (callee->kind == ND_MemberExpression &&
      callee->MemberExpression.object->kind == ND_Identifier) {
    Symbol *sym = lookup(c, callee->MemberExpression.object->Identifier.name);
    if (sym && sym->kind == SYM_BUILTIN) {
      callee->MemberExpression.object->sym = sym;
      return check_console(c, call, callee->MemberExpression.property);
    }
    if (sym && (sym->kind == SYM_CLASS || sym->kind == SYM_GENERIC_CLASS))
      return check_static_call(c, call, sym);
  }
  if (callee->kind == ND_MemberExpression)
    return check_method_call(c, call);
  if (callee->kind != ND_Identifier)
    return check_value_call(c, call);
  Symbol *generic = lookup(c, callee->Identifier.name);
  if (generic && generic->kind == SYM_BUILTIN) {
    callee->sym = generic;
    return strcmp(generic->name, "hash") == 0 ? check_hash(c, call)
                                              : check_array_new(c, call, expected);
  }
  if (generic && generic->generic && generic->kind == SYM_FUNCTION) {
    Symbol *sym = check_generic_call(c, generic->generic,
                                     call->CallExpression.typeArguments,
                                     call->CallExpression.arguments, call);
    if (!sym)
      return basic(TY_ERROR);
    callee->sym = sym;
    callee->type = sym->type;
    return sym->type->result;
  }
  if (call->CallExpression.typeArguments) {
    diag_error(c->diag, call->loc, "'%s' is not generic: it takes no type arguments",
               callee->Identifier.name);
    return basic(TY_ERROR);
  }
  Type *fn = check_ident(c, callee);
  if (fn->kind == TY_ERROR) {
    NodeList *args = call->CallExpression.arguments;
    for (int i = 0; i < args->len; i++)
      check_expr(c, args->items[i], NULL);
    return fn;
  }
  if (fn->kind != TY_FUNCTION) {
    diag_error(c->diag, callee->loc, "'%s' is not a function (it is %s)",
               callee->Identifier.name, tname(c, fn));
    return basic(TY_ERROR);
  }
  callee->type = fn;
  check_args_of(c, call->CallExpression.arguments, call, fn,
                  callee->sym->kind == SYM_FUNCTION ? callee->sym->fn : NULL);
  return fn->result;
}

/* ---- objects ---- */

static Type *check_this(Checker *c, Node *e) {
  Symbol *sym = use_name(c, "this");
  if (!sym) {
    diag_error(c->diag, e->loc, "'this' can only be used inside a class");
    return basic(TY_ERROR);
  }
  e->sym = sym;
  return sym->type;
}

static Type *check_new(Checker *c, Node *e) {
  Node *callee = e->NewExpression.callee;
  Symbol *sym = callee->kind == ND_Identifier ? lookup(c, callee->Identifier.name)
                                              : NULL;
  if (sym && sym->kind == SYM_GENERIC_CLASS) {
    Type *t = check_generic_new(c, sym->generic, e->NewExpression.typeArguments,
                                e->NewExpression.arguments, e);
    callee->sym = t->kind == TY_CLASS ? t->cls->decl->sym : NULL;
    if (t->kind == TY_CLASS && t->cls->is_abstract)
      diag_error(c->diag, e->loc, "Cannot instantiate abstract class '%s'",
                 tname(c, t));
    return t;
  }
  if (e->NewExpression.typeArguments) {
    diag_error(c->diag, e->loc, "'%s' is not generic: it takes no type arguments",
               callee->kind == ND_Identifier ? callee->Identifier.name : "this");
    return basic(TY_ERROR);
  }
  if (!sym || sym->kind != SYM_CLASS) {
    diag_error(c->diag, callee->loc, "'%s' is not a class",
               callee->kind == ND_Identifier ? callee->Identifier.name : "this");
    return basic(TY_ERROR);
  }
  callee->sym = sym;
  ClassInfo *cls = sym->type->cls;
  if (cls->is_abstract)
    diag_error(c->diag, e->loc, "Cannot instantiate %s class '%s'",
               cls->decl->ClassDeclaration.isSealed ? "sealed" : "abstract",
               cls->name);
  if (!cls->ctor)
    return basic(TY_ERROR);
  check_args_of(c, e->NewExpression.arguments, e, cls->ctor->sym->type, cls->ctor);
  return sym->type;
}

/* `obj.field`, `s.length`. */
static Type *check_member(Checker *c, Node *e) {
  Node *name = e->MemberExpression.property;
  if (e->MemberExpression.isSymbolAccess || name->kind != ND_Identifier) {
    unsupported(c, e, "this kind of member access");
    return basic(TY_ERROR);
  }
  Node *object = e->MemberExpression.object;
  const char *field = name->Identifier.name;
  Symbol *en = object->kind == ND_Identifier ? lookup(c, object->Identifier.name)
                                             : NULL;
  if (en && en->kind == SYM_ENUM) { /* Color.Red */
    object->sym = en;
    object->type = en->type;
    if (enum_member(en->type->en, field) < 0) {
      diag_error(c->diag, name->loc, "Enum '%s' has no member '%s'", en->name, field);
      return basic(TY_ERROR);
    }
    return en->type;
  }
  Type *t = check_expr(c, object, NULL);
  bool optional = e->MemberExpression.optional;
  if (t->kind == TY_ERROR)
    return t;
  if (optional)
    t = chain_object(t);
  if (type_has_null(t)) {
    diag_error(c->diag, e->MemberExpression.object->loc,
               "Cannot read '%s': the value may be null (its type is %s); "
               "check it against null first", field, tname(c, t));
    return basic(TY_ERROR);
  }
  if ((t->kind == TY_STRING || t->kind == TY_ARRAY) && strcmp(field, "length") == 0)
    return optional ? chain_result(c, e, basic(TY_I32)) : basic(TY_I32);
  if (t->kind == TY_CLASS && !check_private(c, name, t->cls))
    return basic(TY_ERROR);
  if (t->kind == TY_RECORD) {
    Type *ft = check_record_member(c, e, t);
    return optional ? chain_result(c, e, ft) : ft;
  }
  if (t->kind == TY_TUPLE) {
    diag_error(c->diag, e->loc, "Property access not supported on type %s",
               tname(c, t));
    return basic(TY_ERROR);
  }
  if (t->kind == TY_CLASS) {
    const Field *fd = find_field(t->cls, field);
    if (fd)
      return optional ? chain_result(c, e, fd->type) : fd->type;
    const Method *get = find_accessor(c, t->cls, field, false);
    if (get && !optional) { /* an abstract field: its getter */
      e->sym = get->fn->sym;
      resolve_function(c, get->fn->sym, e);
      return get->fn->sym->type->result;
    }
    if (find_method(t->cls, field)) {
      unsupported(c, e, "a method used as a value");
      return basic(TY_ERROR);
    }
  }
  const Method *ext = find_extension_method(c, t, arena_printf(c->arena, "%s.get", field));
  if (ext && !optional) { /* an extension's getter */
    e->sym = ext->fn->sym;
    resolve_function(c, ext->fn->sym, e);
    return ext->fn->sym->type->result;
  }
  diag_error(c->diag, name->loc, "Property '%s' does not exist on type '%s'",
             field, tname(c, t));
  return basic(TY_ERROR);
}

/* ---- type tests and conversions ---- */

/* `x is T`: a test on a union (or class) value. */
static Type *check_is(Checker *c, Node *e) {
  Type *t = check_expr(c, e->IsExpression.expression, NULL);
  Node *ann = e->IsExpression.typeAnnotation;
  Type *target = resolve_type(c, ann);
  ann->type = target;
  if (t->kind != TY_ERROR && target->kind != TY_ERROR &&
      (!type_is_reference(t) || !type_is_reference(target)))
    diag_error(c->diag, e->loc, "'is' needs reference types, not %s and %s",
               tname(c, t), tname(c, target));
  return basic(TY_BOOLEAN);
}

/* `x as T`: between numeric types a conversion, between references a
 * checked cast. */
static Type *check_as(Checker *c, Node *e) {
  Type *t = check_expr(c, e->AsExpression.expression, NULL);
  Node *ann = e->AsExpression.typeAnnotation;
  Type *target = resolve_type(c, ann);
  ann->type = target;
  if (t->kind == TY_ERROR || target->kind == TY_ERROR)
    return target;
  bool numeric = type_is_numeric(type_erased(t)) && type_is_numeric(type_erased(target));
  bool boxing = (target->kind == TY_ANY && t->kind != TY_VOID) ||
                (t->kind == TY_ANY && target->kind != TY_VOID);
  bool refs = type_is_reference(t) && type_is_reference(target);
  bool enums = (t->kind == TY_ENUM && t->en->backing == target) ||
               (target->kind == TY_ENUM && target->en->backing == t);
  bool distinct = type_erased(t) == type_erased(target); /* zero cost */
  if (!numeric && !refs && !enums && !boxing && !distinct)
    diag_error(c->diag, e->loc, "Cannot convert %s to %s", tname(c, t),
               tname(c, target));
  return target;
}

/* ---- arrays ---- */

/* `[a, b, c]`: a FixedArray whose element type comes from the context or
 * from the first element. */
static Type *check_array_literal(Checker *c, Node *e, Type *expected) {
  NodeList *items = e->ArrayLiteral.elements;
  Type *elem = expected && expected->kind == TY_ARRAY ? expected->elem : NULL;
  for (int i = 0; i < items->len; i++) {
    Node *item = items->items[i];
    if (item->kind == ND_SpreadElement) {
      unsupported(c, item, "spreading into an array literal");
      continue;
    }
    Type *t = check_expr(c, item, elem);
    if (!elem)
      elem = t;
    else
      expect_type(c, item, t, elem);
  }
  if (!elem) {
    diag_error(c->diag, e->loc,
               "Cannot infer the element type of an empty array: add a type "
               "annotation such as FixedArray<i32>");
    return basic(TY_ERROR);
  }
  if (elem->kind == TY_VOID || elem->kind == TY_NULL) {
    diag_error(c->diag, e->loc, "An array cannot hold %s", tname(c, elem));
    return basic(TY_ERROR);
  }
  return type_array(elem);
}

/* `arr[i]`. */

/* ---- block-valued expressions ---- */

/* A block used as a value: its statements, then the value of the last one
 * when that is an expression statement. */
static Type *check_value_block(Checker *c, Node *block, Type *expected) {
  Scope scope;
  push_scope(c, &scope);
  NodeList *body = block->BlockStatement.body;
  Type *t = basic(TY_VOID);
  for (int i = 0; i < body->len; i++) {
    Node *s = body->items[i];
    if (i == body->len - 1 && s->kind == ND_ExpressionStatement)
      t = check_expr(c, s->ExpressionStatement.expression, expected);
    else
      check_stmt(c, s);
  }
  pop_scope(c);
  block->type = t;
  return t;
}

Type *check_branch(Checker *c, Node *branch, Type *expected) {
  return branch->kind == ND_BlockStatement ? check_value_block(c, branch, expected)
                                           : check_expr(c, branch, expected);
}

static Type *check_if_expr(Checker *c, Node *e, Type *expected) {
  Node *test = e->IfExpression.test;
  Scope then_scope, else_scope;
  check_condition(c, test);
  narrow_scope(c, test, true, &then_scope);
  Type *then = check_branch(c, e->IfExpression.consequent, expected);
  pop_scope(c);
  if (!e->IfExpression.alternate)
    return basic(TY_VOID);
  narrow_scope(c, test, false, &else_scope);
  Type *other = check_branch(c, e->IfExpression.alternate,
                             expected ? expected : then);
  pop_scope(c);
  return join_branches(c, e->IfExpression.alternate, then, other, expected);
}

/* The type of a two-way expression (if/else, try/catch) whose branches
 * have types `then` and `other` (`other` written at `at`), in a context
 * that expects `expected` (or NULL). */
Type *join_branches(Checker *c, Node *at, Type *then, Type *other, Type *expected) {
  if (then->kind == TY_NEVER)
    return other;
  if (other->kind == TY_NEVER)
    return then;
  if (then->kind == TY_VOID || other->kind == TY_VOID)
    return basic(TY_VOID);
  if (expected && type_assignable(then, expected) && type_assignable(other, expected))
    return expected;
  return join_types(c, at, then, other);
}

/* ---- dispatch ---- */

static Type *check_expr_kind(Checker *c, Node *e, Type *expected) {
  switch (e->kind) {
  case ND_NumberLiteral: return check_number(c, e, expected);
  case ND_StringLiteral: return basic(TY_STRING);
  case ND_NullLiteral: return basic(TY_NULL);
  case ND_IsExpression: return check_is(c, e);
  case ND_AsExpression: return check_as(c, e);
  case ND_BooleanLiteral: return basic(TY_BOOLEAN);
  case ND_TemplateLiteral: return check_template(c, e);
  case ND_Identifier: {
    Type *t = check_ident(c, e);
    if (e->sym && e->sym->kind == SYM_FUNCTION)
      e->sym->fn->as_value = true; /* not called here: needs a closure */
    return t;
  }
  case ND_FunctionExpression: return check_closure(c, e, expected);
  case ND_BinaryExpression: return check_binary(c, e, expected);
  case ND_UnaryExpression: return check_unary(c, e, expected);
  case ND_AssignmentExpression: return check_assignment(c, e);
  case ND_CallExpression: return check_call(c, e, expected);
  case ND_IfExpression: return check_if_expr(c, e, expected);
  case ND_PipelineExpression: return check_pipeline(c, e);
  case ND_PipePlaceholder: return check_placeholder(c, e);
  case ND_MatchExpression: return check_match(c, e, expected);
  case ND_BlockStatement: return check_value_block(c, e, expected);
  case ND_ThisExpression: return check_this(c, e);
  case ND_NewExpression: return check_new(c, e);
  case ND_MemberExpression: return check_member(c, e);
  case ND_ArrayLiteral: return check_array_literal(c, e, expected);
  case ND_IndexExpression: return check_index(c, e);
  case ND_RecordLiteral: return check_record_literal(c, e, expected);
  case ND_TupleLiteral: return check_tuple_literal(c, e, expected);
  case ND_MapLiteral: return check_map_literal(c, e, expected);
  case ND_RangeExpression: return check_range(c, e);
  case ND_ThrowExpression: return check_throw(c, e);
  case ND_TryExpression: return check_try(c, e, expected);
  case ND_TaggedTemplateExpression: return check_tagged_template(c, e, expected);
  default:
    unsupported(c, e, node_kind_name(e->kind));
    return basic(TY_ERROR);
  }
}

Type *check_expr(Checker *c, Node *e, Type *expected) {
  e->type = type_widened(c, check_expr_kind(c, e, expected));
  return e->type;
}
