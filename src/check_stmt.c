/*
 * check_stmt.c - checking statements inside function bodies.
 */
#include "checker.h"

#include <string.h>

/* After `if (x == null) return;` the rest of the block knows x is not
 * null: each such statement opens a narrowing scope that lasts to the end. */
void check_block(Checker *c, Node *block) {
  Scope scope;
  push_scope(c, &scope);
  Scope *outer = c->scope;
  NodeList *body = block->BlockStatement.body;
  for (int i = 0; i < body->len; i++) {
    Node *s = body->items[i];
    check_stmt(c, s);
    narrow_after(c, s);
    if (s->kind == ND_IfStatement && !s->IfStatement.alternate &&
        always_exits(s->IfStatement.consequent)) {
      Scope *rest = arena_alloc(c->arena, sizeof(Scope));
      narrow_scope(c, s->IfStatement.test, false, rest);
    }
  }
  c->scope = outer;
  pop_scope(c);
}

/* An if/while condition: a boolean expression, or `let PATTERN = value`
 * (whose names the caller binds in the body's scope: bind_let_condition). */
Type *check_condition(Checker *c, Node *cond) {
  if (cond->kind == ND_LetPatternCondition) {
    check_expr(c, cond->LetPatternCondition.init, NULL);
    return cond->type = type_basic(TY_BOOLEAN);
  }
  Type *t = check_expr(c, cond, type_basic(TY_BOOLEAN));
  if (t->kind != TY_BOOLEAN && t->kind != TY_ERROR)
    diag_error(c->diag, cond->loc, "Condition must be boolean, got %s",
               tname(c, t));
  return t;
}

static void check_local(Checker *c, Node *decl) {
  Node *pat = decl->VariableDeclaration.pattern;
  if (pat->kind != ND_Identifier) {
    check_destructuring(c, decl);
    return;
  }
  Type *declared = resolve_type(c, decl->VariableDeclaration.typeAnnotation);
  Type *t = check_expr(c, decl->VariableDeclaration.init, declared);
  if (declared)
    expect_type(c, decl->VariableDeclaration.init, t, declared);
  else if (t->kind == TY_VOID || t->kind == TY_NULL)
    diag_error(c->diag, decl->VariableDeclaration.init->loc,
               "Cannot infer a type for '%s' from %s",
               pat->kind == ND_Identifier ? pat->Identifier.name : "pattern",
               tname(c, t));
  /* declared after the initializer: `let x = x + 1` sees the outer x */
  pat->sym = declare(c, pat->Identifier.name, SYM_LOCAL, declared ? declared : t,
                     decl);
  pat->sym->is_var = strcmp(decl->VariableDeclaration.kind, "var") == 0;
}

static void check_return(Checker *c, Node *stmt) {
  Node *arg = stmt->ReturnStatement.argument;
  if (!c->fn || c->fn == c->prog->init) {
    diag_error(c->diag, stmt->loc, "'return' outside of a function");
    return;
  }
  Type *t = arg ? check_expr(c, arg, c->result) : type_basic(TY_VOID);
  if (!c->result)
    c->result = t; /* the first return fixes an inferred result type */
  else if (arg)
    expect_type(c, arg, t, c->result);
  else if (c->result->kind != TY_VOID)
    diag_error(c->diag, stmt->loc, "Type mismatch: expected %s, got void",
               tname(c, c->result));
}

static void check_loop_body(Checker *c, Node *body) {
  c->loops++;
  check_stmt(c, body);
  c->loops--;
}

/* `for (let x in e) body`: over a FixedArray here, over anything else as
 * the iterator loop it is rewritten into (check_iter.c). */
static void check_for_in(Checker *c, Node *stmt) {
  Node *pat = stmt->ForInStatement.pattern;
  Node *source = ast_clone(c->arena, stmt->ForInStatement.iterable);
  Type *t = check_expr(c, stmt->ForInStatement.iterable, NULL);
  if (t->kind != TY_ARRAY && rewrite_for_in(c, stmt, source, t)) {
    check_stmt(c, stmt);
    return;
  }
  Scope scope;
  push_scope(c, &scope);
  Type *elem = t->kind == TY_ARRAY ? t->elem : type_basic(TY_ERROR);
  if (pat->kind == ND_Identifier) {
    pat->sym = declare(c, pat->Identifier.name, SYM_LOCAL, elem, stmt);
  } else { /* `for (let (k, v) in pairs)`: each element in a hidden local */
    stmt->sym = declare(c, "$$element", SYM_LOCAL, elem, stmt);
    check_binding(c, pat, elem, false);
  }
  check_loop_body(c, stmt->ForInStatement.body);
  pop_scope(c);
}

void check_stmt(Checker *c, Node *stmt) {
  switch (stmt->kind) {
  case ND_VariableDeclaration:
    if (stmt->VariableDeclaration.isAsync)
      mark_async_declaration(c, stmt);
    check_local(c, stmt);
    break;
  case ND_ExpressionStatement:
    check_expr(c, stmt->ExpressionStatement.expression, NULL);
    break;
  case ND_BlockStatement:
    check_block(c, stmt);
    break;
  case ND_ReturnStatement:
    check_return(c, stmt);
    break;
  case ND_IfStatement: {
    Node *test = stmt->IfStatement.test;
    Scope then, otherwise;
    check_condition(c, test);
    narrow_scope(c, test, true, &then);
    if (test->kind == ND_LetPatternCondition)
      bind_let_condition(c, test);
    check_stmt(c, stmt->IfStatement.consequent);
    pop_scope(c);
    if (stmt->IfStatement.alternate) {
      narrow_scope(c, test, false, &otherwise);
      check_stmt(c, stmt->IfStatement.alternate);
      pop_scope(c);
    }
    break;
  }
  case ND_WhileStatement: {
    Scope body;
    check_condition(c, stmt->WhileStatement.test);
    narrow_scope(c, stmt->WhileStatement.test, true, &body);
    if (stmt->WhileStatement.test->kind == ND_LetPatternCondition)
      bind_let_condition(c, stmt->WhileStatement.test);
    check_loop_body(c, stmt->WhileStatement.body);
    pop_scope(c);
    break;
  }
  case ND_ForStatement: {
    Scope scope;
    push_scope(c, &scope);
    Node *init = stmt->ForStatement.init;
    if (init && init->kind == ND_VariableDeclaration)
      check_stmt(c, init);
    else if (init)
      check_expr(c, init, NULL);
    if (stmt->ForStatement.test)
      check_condition(c, stmt->ForStatement.test);
    if (stmt->ForStatement.update)
      check_expr(c, stmt->ForStatement.update, NULL);
    check_loop_body(c, stmt->ForStatement.body);
    pop_scope(c);
    break;
  }
  case ND_ForInStatement:
    check_for_in(c, stmt);
    break;
  case ND_BreakStatement:
  case ND_ContinueStatement:
    if (!c->loops)
      diag_error(c->diag, stmt->loc, "'%s' outside of loop",
                 stmt->kind == ND_BreakStatement ? "break" : "continue");
    break;
  default:
    unsupported(c, stmt, node_kind_name(stmt->kind));
  }
}
