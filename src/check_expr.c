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
  /* where it is written; as a parameter's default, where the call is */
  declare(c, "__LOCATION__", SYM_BUILTIN, basic(TY_STRING), &console_decl);
  declare_async_builtins(c, &console_decl);
}

bool is_location(const Symbol *sym) {
  return sym && sym->kind == SYM_BUILTIN && strcmp(sym->name, "__LOCATION__") == 0;
}

/* Another `declare function` of first's name (overloading): a symbol of its
 * own, reached through first's overload chain, not through the scope. */
static Symbol *add_overload(Checker *c, Symbol *first, Type *fn, Node *decl) {
  Type *params = type_function(fn->params, fn->nparams, basic(TY_VOID)); /* interned */
  Symbol **last = &first->overload;
  for (Symbol *o = first; o; o = o->overload) {
    if (type_function(o->type->params, o->type->nparams, basic(TY_VOID)) == params)
      diag_error(c->diag, decl->loc, "Duplicate declaration of '%s': another one "
                 "takes the same parameters", first->name);
    last = &o->overload;
  }
  Symbol *sym = arena_alloc(c->arena, sizeof(Symbol));
  *sym = (Symbol){.name = first->name, .kind = SYM_IMPORT, .type = fn, .decl = decl,
                  .wasm_name = unique_name(c, first->name)};
  *last = sym;
  return sym;
}

/* `@external("mod", "name") declare function f(a: T): R;` */
void declare_import(Checker *c, Node *decl) {
  NodeList *params = decl->DeclareFunction.params;
  if (decl->DeclareFunction.typeParameters) {
    unsupported(c, decl, "a generic host function");
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
    else if (p->Parameter.optional) /* a default, or `x?: T` (T | null) */
      types[i] = check_param_default(c, p, types[i]);
  }
  Type *result = decl->DeclareFunction.returnType
                     ? resolve_type(c, decl->DeclareFunction.returnType)
                     : basic(TY_VOID);
  const char *name = decl->DeclareFunction.name->Identifier.name;
  Type *fn = type_function(types, params->len, result);
  Symbol *first = scope_find(c->scope, name);
  Symbol *sym = first && first->kind == SYM_IMPORT ? add_overload(c, first, fn, decl)
                                                   : declare(c, name, SYM_IMPORT, fn, decl);
  decl->sym = sym;
  if (decl->DeclareFunction.isAsync && sym != first && (first || sym->overload))
    unsupported(c, decl, "an overloaded async host function");
  else if (decl->DeclareFunction.isAsync)
    declare_async_import(c, decl, sym);
  Program *p = c->prog;
  p->imports = arena_grow(c->arena, p->imports, p->nimports, sizeof(Symbol *));
  p->imports[p->nimports++] = sym;
}

/* ---- literals ---- */

/* Can the value be turned into text (templates, console)? */
bool printable(Checker *c, const Node *at, const Type *t) {
  (void)c;
  (void)at;
  t = type_erased(t); /* a distinct type prints as its base */
  return type_is_numeric(t) || t->kind == TY_BOOLEAN || t->kind == TY_STRING ||
         t->kind == TY_ENUM || t->kind == TY_ERROR;
}

bool is_number_literal(const Node *e) {
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

Type *check_ident(Checker *c, Node *e) {
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
  bool singleton = sym->kind == SYM_CLASS && sym->type->cls->is_singleton;
  if ((sym->kind == SYM_CLASS && !singleton) || sym->kind == SYM_ENUM ||
      sym->kind == SYM_MIXIN) {
    diag_error(c->diag, e->loc, "'%s' is a type, not a value%s", sym->name,
               sym->kind == SYM_CLASS ? " (make one with 'new')" : "");
    return basic(TY_ERROR);
  }
  if (is_location(sym))
    return sym->type;
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

/* `super` in `super.m(...)` or `super.field`: `this`, seen as its
 * superclass; a call through it goes to the superclass's method, not
 * through the vtable (emit_code.c call_target). */
static Type *check_super(Checker *c, Node *e) {
  Symbol *sym = use_name(c, "this");
  const ClassInfo *cls = enclosing_class(c);
  if (!sym || !cls || !cls->super) {
    diag_error(c->diag, e->loc, "'super' can only be used inside a class that extends "
               "another");
    return basic(TY_ERROR);
  }
  e->sym = sym;
  return cls->super->type;
}

/* Reports `new` of a class that has no instances of its own: abstract or
 * sealed ones (their subclasses do), extensions (their values are the type
 * they extend).  False for an extension: the expression has no type. */
static bool check_instantiable(Checker *c, const Node *e, const ClassInfo *cls) {
  if (cls->is_extension) {
    diag_error(c->diag, e->loc, "Cannot instantiate extension class '%s': its values "
               "are those of the type it extends", tname(c, cls->type));
    return false;
  }
  if (cls->is_abstract)
    diag_error(c->diag, e->loc, "Cannot instantiate %s class '%s'",
               cls->decl->ClassDeclaration.isSealed ? "sealed" : "abstract",
               tname(c, cls->type));
  return true;
}

static Type *check_new(Checker *c, Node *e) {
  Type *channel = check_new_channel(c, e);
  if (channel)
    return channel;
  Node *callee = e->NewExpression.callee;
  Symbol *sym = callee->kind == ND_Identifier ? lookup(c, callee->Identifier.name)
                                              : NULL;
  if (sym && sym->kind == SYM_GENERIC_CLASS) {
    Type *t = check_generic_new(c, sym->generic, e->NewExpression.typeArguments,
                                e->NewExpression.arguments, e);
    callee->sym = t->kind == TY_CLASS ? t->cls->decl->sym : NULL;
    return t->kind != TY_CLASS || check_instantiable(c, e, t->cls) ? t : basic(TY_ERROR);
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
  if (!check_instantiable(c, e, cls) || !cls->ctor)
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
  Type *target = tested_type(c, ann, t);
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
    if (e->sym && e->sym->kind == SYM_FUNCTION && e->sym->fn) /* not a generic */
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
  case ND_SuperExpression: return check_super(c, e);
  case ND_NewExpression: return check_new(c, e);
  case ND_AwaitExpression: return check_await(c, e, expected);
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
