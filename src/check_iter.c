/*
 * check_iter.c - `for (let x in e)` over an iterator or an iterable (the
 * protocol of stdlib/iterator.zena).
 *
 * FixedArray<T> is iterated by index in the emitter.  Anything else is
 * rewritten, before it is checked, into the loop the protocol describes:
 *
 *   { let $$iter = e.iterator();          // or `= e` for an Iterator
 *     while (let (true, x) = $$iter.next()) body }
 *
 * so the ordinary checker and emitter handle it: method calls on classes
 * and interfaces, destructuring of x, break and continue.  Any class whose
 * next() (no parameters) gives a union of tuples `(true, T) | (false, _)`
 * is an iterator (implementing Iterator<T> is not required); so is one
 * with hasNext(): boolean and next(): T, looped over as
 *
 *     while ($$iter.hasNext()) { let x = $$iter.next(); body }
 *
 * Any class whose iterator() gives an iterator is iterable.
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

/* How a class iterates, if it does. */
typedef enum { NOT_ITERATOR, NEXT_TUPLE, HAS_NEXT } IteratorKind;

/* next() giving `(true, T) | (false, _)`; or hasNext(): boolean and next():
 * T, with a value. */
static IteratorKind iterator_kind(Checker *c, const Type *t, const Node *use) {
  if (t->kind != TY_CLASS)
    return NOT_ITERATOR;
  const Type *next = no_arg_result(c, t->cls, "next", use);
  if (next && next->kind == TY_UNION && next->nmembers == 2 &&
      next->members[0]->kind == TY_TUPLE && next->members[1]->kind == TY_TUPLE)
    return NEXT_TUPLE;
  const Type *has = no_arg_result(c, t->cls, "hasNext", use);
  return has && type_erased(has)->kind == TY_BOOLEAN && next && next->kind != TY_VOID
             ? HAS_NEXT : NOT_ITERATOR;
}

/* How the iterator that iterator() gives iterates. */
static IteratorKind iterable_kind(Checker *c, const Type *t, const Node *use) {
  const Type *it = t->kind == TY_CLASS ? no_arg_result(c, t->cls, "iterator", use) : NULL;
  return it ? iterator_kind(c, it, use) : NOT_ITERATOR;
}

/* `while (let (true, PATTERN) = $$iter.next()) body` */
static Node *next_tuple_loop(Checker *c, Node *stmt, const char *it) {
  Loc loc = stmt->loc;
  Node *yes = node_new(c->arena, ND_BooleanLiteral, loc);
  yes->BooleanLiteral.value = true;
  Node *pattern = node_new(c->arena, ND_TuplePattern, loc);
  pattern->TuplePattern.elements = list_push(c->arena, NULL, yes);
  list_push(c->arena, pattern->TuplePattern.elements, stmt->ForInStatement.pattern);
  Node *test = node_new(c->arena, ND_LetPatternCondition, loc);
  test->LetPatternCondition.pattern = pattern;
  test->LetPatternCondition.init = method_call(c, node_ident(c->arena, it, loc), "next", loc);
  Node *loop = node_new(c->arena, ND_WhileStatement, loc);
  loop->WhileStatement.test = test;
  loop->WhileStatement.body = stmt->ForInStatement.body;
  return loop;
}

/* `while ($$iter.hasNext()) { let PATTERN = $$iter.next(); body }` */
static Node *has_next_loop(Checker *c, Node *stmt, const char *it) {
  Loc loc = stmt->loc;
  Node *body = node_new(c->arena, ND_BlockStatement, loc);
  body->BlockStatement.body = list_push(
      c->arena, NULL,
      let_decl(c, stmt->ForInStatement.pattern,
               method_call(c, node_ident(c->arena, it, loc), "next", loc), loc));
  list_push(c->arena, body->BlockStatement.body, stmt->ForInStatement.body);
  Node *loop = node_new(c->arena, ND_WhileStatement, loc);
  loop->WhileStatement.test = method_call(c, node_ident(c->arena, it, loc), "hasNext", loc);
  loop->WhileStatement.body = body;
  return loop;
}

/* The rewritten loop over source (a fresh copy of the iterable, as the
 * original has been checked already); iterable says whether to call
 * iterator() first. */
static Node *iterator_loop(Checker *c, Node *stmt, Node *source, bool iterable,
                           IteratorKind kind) {
  Loc loc = stmt->loc;
  const char *it = "$$iter";
  Node *init = iterable ? method_call(c, source, "iterator", loc) : source;
  Node *loop = kind == NEXT_TUPLE ? next_tuple_loop(c, stmt, it) : has_next_loop(c, stmt, it);
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
  IteratorKind kind = iterator_kind(c, t, iterable);
  bool iterator = kind != NOT_ITERATOR;
  if (!iterator)
    kind = iterable_kind(c, t, iterable);
  if (kind != NOT_ITERATOR) {
    node_become(stmt, iterator_loop(c, stmt, source, !iterator, kind));
    return true;
  }
  if (t->kind != TY_ERROR)
    diag_error(c->diag, iterable->loc,
               "Type '%s' is not iterable: it needs iterator() giving an iterator, "
               "or next() giving (true, T) | (false, _)",
               tname(c, t));
  return false;
}
