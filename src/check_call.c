/*
 * check_call.c - calls: of functions, methods (virtual, generic, extension),
 * static methods, function values and built-ins (console, intrinsics), and
 * the links of optional chains.
 */
#include "checker.h"

#include <string.h>

static Type *basic(TypeKind k) { return type_basic(k); }

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


/* Does cls itself declare member `name` (not inherit it)? */
static bool declares(const ClassInfo *cls, const char *name) {
  for (int i = 0; i < cls->nmethods; i++)
    if (strcmp(cls->methods[i]->name, name) == 0)
      return true;
  return find_field(cls, name) && !(cls->super && find_field(cls->super, name));
}

/* `#name` members are visible only inside the class that declares them
 * (not its subclasses, nor mixins applied over it). */
bool check_private(Checker *c, const Node *name, ClassInfo *cls) {
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

/* Reports a call with too few or too many arguments for fn, whose first
 * `required` parameters must be given. */
static void check_count(Checker *c, NodeList *args, const Node *at, Type *fn,
                        int required) {
  if (args->len >= required && args->len <= fn->nparams)
    return;
  if (required == fn->nparams)
    diag_error(c->diag, at->loc, "Expected %d argument%s, got %d",
               fn->nparams, fn->nparams == 1 ? "" : "s", args->len);
  else
    diag_error(c->diag, at->loc, "Expected %d-%d arguments, got %d",
               required, fn->nparams, args->len);
}

/* Reports a call with too few or too many arguments for fn; f, when
 * known, may give some parameters defaults. */
void check_arg_count(Checker *c, NodeList *args, const Node *at, Type *fn,
                     const Function *f) {
  check_count(c, args, at, fn, required_params(f, fn));
}

static void check_arg_types(Checker *c, NodeList *args, Type *fn) {
  for (int i = 0; i < args->len; i++) {
    Type *want = i < fn->nparams ? fn->params[i] : NULL;
    Type *t = check_expr(c, args->items[i], want);
    if (want)
      expect_type(c, args->items[i], t, want);
  }
}

/* Arguments of a call or `new` against the callee's parameter types. */
void check_args_of(Checker *c, NodeList *args, const Node *at, Type *fn,
                   const Function *f) {
  check_arg_count(c, args, at, fn, f);
  check_arg_types(c, args, fn);
}

/* A call of a host function, whose declaration may give defaults. */
static void check_host_args(Checker *c, NodeList *args, const Node *at,
                            const Symbol *import) {
  check_count(c, args, at, import->type,
              required_args(host_params(import), import->type->nparams));
  check_arg_types(c, args, import->type);
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
  if (t->kind == TY_CHANNEL || t->kind == TY_SCOPE || t->kind == TY_TASK)
    return check_async_method(c, call, t);
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
      if (t->kind == TY_UNION)
        diag_error(c->diag, name->loc, "Property access not supported on union type "
                   "%s: narrow it to one alternative first ('is' or 'match')",
                   tname(c, t));
      else
      unsupported(c, callee, arena_printf(c->arena, "calling methods on %s",
                                          tname(c, t)));
    return basic(TY_ERROR);
  }
  Symbol *target = m->fn->sym;
  if (t->kind == TY_CLASS && is_overloaded(t->cls, m->name)) {
    NodeList *args = call->CallExpression.arguments;
    m = check_overloaded_call(c, t->cls, m->name, args->items, NULL, args->len, call);
    if (!m)
      return basic(TY_ERROR);
    target = m->fn->sym;
  } else if (m->generic) {
    target = check_generic_call(c, m->generic, call->CallExpression.typeArguments,
                                call->CallExpression.arguments, call);
    if (!target)
      return basic(TY_ERROR);
  } else {
    resolve_function(c, target, call);
    check_args_of(c, call->CallExpression.arguments, call, target->type, m->fn);
  }
  if (object->kind == ND_SuperExpression && m->is_abstract)
    diag_error(c->diag, name->loc, "Cannot call abstract method '%s' through 'super'",
               m->name);
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

Type *check_call(Checker *c, Node *call, Type *expected) {
  Node *callee = call->CallExpression.callee;
  if (call->CallExpression.optional)
    return check_value_call(c, call);
  if (callee->kind == ND_MemberExpression &&
      callee->MemberExpression.object->kind == ND_Identifier) {
    Symbol *sym = lookup(c, callee->MemberExpression.object->Identifier.name);
    if (sym && sym->kind == SYM_BUILTIN && !is_location(sym)) { /* console.log */
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
    Type *async = check_async_builtin(c, call, generic->name);
    if (async)
      return async;
    if (strcmp(generic->name, "hash") == 0)
      return check_hash(c, call);
    if (strcmp(generic->name, "__array_new") == 0)
      return check_array_new(c, call, expected);
    diag_error(c->diag, callee->loc, "'%s' is not a function", generic->name);
    return basic(TY_ERROR);
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
  if (callee->sym->overload) { /* declare function overloading */
    callee->sym = check_import_overload(c, callee->sym, call->CallExpression.arguments,
                                        call);
    if (!callee->sym)
      return basic(TY_ERROR);
    callee->type = callee->sym->type;
    return callee->sym->type->result;
  }
  callee->type = fn;
  if (callee->sym->kind == SYM_IMPORT)
    check_host_args(c, call->CallExpression.arguments, call, callee->sym);
  else
    check_args_of(c, call->CallExpression.arguments, call, fn,
                  callee->sym->kind == SYM_FUNCTION ? callee->sym->fn : NULL);
  return fn->result;
}
