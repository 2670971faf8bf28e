/*
 * check_iter.c - `for (let x in e)` over an iterator or an iterable (the
 * protocol of stdlib/iterator.zena).
 *
 * FixedArray<T> is iterated by index in the emitter.  Anything else is
 * rewritten, before it is checked, into the loop the protocol describes:
 *
 *   { let $$iter = e.iterator();          // or `= e` for an Iterator
 *     while ($$iter.hasNext()) { let x = $$iter.next(); body } }
 *
 * so the ordinary checker and emitter handle it: method calls on classes
 * and interfaces, destructuring of x, break and continue.  Any class with
 * hasNext(): boolean and next(): T (no parameters) is an iterator
 * (implementing Iterator<T> is not required); any class whose iterator()
 * gives one is iterable.
 */
#include "checker.h"

static Node *method_call(Checker *c, Node *object, const char *name, Loc loc) {
  Node *member = node_new(c->arena, ND_MemberExpression, loc);
  member->MemberExpression.object = object;
  member->MemberExpression.property = node_ident(c->arena, name, loc);
  Node *call = node_new(c->arena, ND_CallExpression, loc);
  call->CallExpression.callee = member;
  call->CallExpression.arguments = list_new(c->arena);
  return call;
}

static Node *let_decl(Checker *c, Node *pattern, Node *init, Loc loc) {
  Node *decl = node_new(c->arena, ND_VariableDeclaration, loc);
  decl->VariableDeclaration.kind = "let";
  decl->VariableDeclaration.pattern = pattern;
  decl->VariableDeclaration.init = init;
  return decl;
}

/* The result type of cls's method `name` when it takes no arguments (so
 * the loop can call it), else NULL. */
static const Type *no_arg_result(Checker *c, const ClassInfo *cls, const char *name,
                                 const Node *use) {
  const Method *m = find_method(cls, name);
  if (!m || !m->fn)
    return NULL;
  resolve_function(c, m->fn->sym, use); /* an inferred result type */
  const Type *t = m->fn->sym->type;
  return t && t->kind == TY_FUNCTION && t->nparams == 0 ? t->result : NULL;
}

/* hasNext(): boolean and next(): T, with a value. */
static bool is_iterator(Checker *c, const Type *t, const Node *use) {
  if (t->kind != TY_CLASS)
    return false;
  const Type *has = no_arg_result(c, t->cls, "hasNext", use);
  const Type *next = no_arg_result(c, t->cls, "next", use);
  return has && type_erased(has)->kind == TY_BOOLEAN && next && next->kind != TY_VOID;
}

/* iterator() giving an iterator. */
static bool is_iterable(Checker *c, const Type *t, const Node *use) {
  const Type *it = t->kind == TY_CLASS ? no_arg_result(c, t->cls, "iterator", use) : NULL;
  return it && is_iterator(c, it, use);
}

/* The rewritten loop over source (a fresh copy of the iterable, as the
 * original has been checked already); iterable says whether to call
 * iterator() first. */
static Node *iterator_loop(Checker *c, Node *stmt, Node *source, bool iterable) {
  Loc loc = stmt->loc;
  const char *it = "$$iter";
  Node *init = iterable ? method_call(c, source, "iterator", loc) : source;
  Node *body = node_new(c->arena, ND_BlockStatement, loc);
  body->BlockStatement.body = list_push(
      c->arena, NULL,
      let_decl(c, stmt->ForInStatement.pattern,
               method_call(c, node_ident(c->arena, it, loc), "next", loc), loc));
  list_push(c->arena, body->BlockStatement.body, stmt->ForInStatement.body);
  Node *loop = node_new(c->arena, ND_WhileStatement, loc);
  loop->WhileStatement.test = method_call(c, node_ident(c->arena, it, loc), "hasNext", loc);
  loop->WhileStatement.body = body;
  Node *block = node_new(c->arena, ND_BlockStatement, loc);
  block->BlockStatement.body =
      list_push(c->arena, NULL, let_decl(c, node_ident(c->arena, it, loc), init, loc));
  list_push(c->arena, block->BlockStatement.body, loop);
  return block;
}

/* Rewrites stmt in place into a loop over an iterator when its iterable
 * (of type t, already checked; source is an unchecked copy of it) is one
 * or has one.  False, with an error, when it is neither. */
bool rewrite_for_in(Checker *c, Node *stmt, Node *source, Type *t) {
  Node *iterable = stmt->ForInStatement.iterable;
  bool iterator = is_iterator(c, t, iterable);
  if (iterator || is_iterable(c, t, iterable)) {
    node_become(stmt, iterator_loop(c, stmt, source, !iterator));
    return true;
  }
  if (t->kind != TY_ERROR)
    diag_error(c->diag, iterable->loc,
               "Type '%s' is not iterable: it needs iterator() giving an iterator, "
               "or hasNext(): boolean and next()",
               tname(c, t));
  return false;
}
