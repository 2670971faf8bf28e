/*
 * build.c - the node builders behind the grammar's actions.
 *
 * Keeping them here leaves parser.y readable as a grammar.  Each builder
 * produces the node shape of the upstream Zena AST (see src/ast.def).
 */
#include "zena.h"

#include "parser.h"

#include <string.h>

/* ---- names and literals ---- */

Node *ident_from(Parser *p, const Token *t) { return node_ident(p->arena, t->text, t->loc); }

/* `$` alone, used as an expression, is the pipeline placeholder; `$x`,
 * and `$` anywhere a name is declared, are ordinary names. */
Node *placeholder_or_name(Parser *p, Node *ident) {
  if (ident->kind == ND_Identifier && strcmp(ident->Identifier.name, "$") == 0)
    return NEW(PipePlaceholder, ident->loc);
  return ident;
}

Node *copy_ident(Parser *p, const Node *id) {
  return node_ident(p->arena, id->Identifier.name, id->loc);
}

/* `(a, , c)`: each skipped element binds `_`, as if written so. */
NodeList *skip_elements(Parser *p, NodeList *list, int n, Loc loc) {
  for (int i = 0; i < n; i++)
    list = PUSH(list, node_ident(p->arena, "_", loc));
  return list;
}

Node *number_literal(Parser *p, const Token *t) {
  Node *n = NEW(NumberLiteral, t->loc);
  n->NumberLiteral.raw = t->text;
  return n;
}

Node *string_literal(Parser *p, const Token *t) {
  Node *n = NEW(StringLiteral, t->loc);
  const char *cooked = token_cooked(t);
  n->StringLiteral.value = cooked ? cooked : "";
  return n;
}

Node *bool_literal(Parser *p, bool value, Loc loc) {
  Node *n = NEW(BooleanLiteral, loc);
  n->BooleanLiteral.value = value;
  return n;
}

Node *template_element(Parser *p, const Token *t, bool tail) {
  Node *n = NEW(TemplateElement, t->loc);
  const char *cooked = token_cooked(t);
  n->TemplateElement.cooked = cooked ? cooked : "";
  n->TemplateElement.raw = t->text ? t->text : "";
  n->TemplateElement.tail = tail;
  return n;
}

Node *template_start(Parser *p, const Token *first, bool tail, Loc loc) {
  Node *n = NEW(TemplateLiteral, loc);
  n->TemplateLiteral.quasis = PUSH(NULL, template_element(p, first, tail));
  n->TemplateLiteral.expressions = list_new(p->arena);
  return n;
}

/* spans holds expr, element, expr, element, ..., expr. */
void template_finish(Parser *p, Node *tpl, NodeList *spans, const Token *tail) {
  for (int i = 0; i < spans->len; i++) {
    NodeList **into = i % 2 ? &tpl->TemplateLiteral.quasis
                            : &tpl->TemplateLiteral.expressions;
    *into = PUSH(*into, spans->items[i]);
  }
  PUSH(tpl->TemplateLiteral.quasis, template_element(p, tail, true));
}

NodeList *list_prepend(Parser *p, Node *first, NodeList *rest) {
  NodeList *list = PUSH(NULL, first);
  for (int i = 0; i < rest->len; i++)
    PUSH(list, rest->items[i]);
  return list;
}

/* ---- operators ---- */

/* "+=" -> "+": the AST names compound assignments by their operator. */
const char *op_text(Parser *p, const Token *op) {
  size_t len = strlen(op->text);
  return arena_strndup(p->arena, op->text, len ? len - 1 : 0);
}

Node *binary(Parser *p, Node *left, const char *op, Node *right, Loc loc) {
  Node *n = NEW(BinaryExpression, loc);
  n->BinaryExpression.left = left;
  n->BinaryExpression.op = op;
  n->BinaryExpression.right = right;
  return n;
}

Node *unary(Parser *p, const char *op, Node *arg, Loc loc) {
  Node *n = NEW(UnaryExpression, loc);
  n->UnaryExpression.op = op;
  n->UnaryExpression.argument = arg;
  n->UnaryExpression.prefix = true;
  return n;
}

Node *assignment(Parser *p, Node *target, const char *op, Node *value, Loc loc) {
  switch (target->kind) {
  case ND_Identifier: case ND_MemberExpression: case ND_IndexExpression:
    break;
  default:
    diag_error(p->diag, target->loc, "Invalid assignment target");
  }
  Node *n = NEW(AssignmentExpression, loc);
  n->AssignmentExpression.left = target;
  n->AssignmentExpression.op = op;
  n->AssignmentExpression.value = value;
  return n;
}

Node *range(Parser *p, Node *start, Node *end, Loc loc) {
  Node *n = NEW(RangeExpression, loc);
  n->RangeExpression.start = start;
  n->RangeExpression.end = end;
  return n;
}

Node *if_expr(Parser *p, Node *test, Node *then, Node *otherwise, Loc loc) {
  Node *n = NEW(IfExpression, loc);
  n->IfExpression.test = test;
  n->IfExpression.consequent = then;
  n->IfExpression.alternate = otherwise;
  return n;
}

/* ---- member access and calls ---- */

Node *member(Parser *p, Node *object, Node *property, bool optional, Loc loc) {
  Node *n = NEW(MemberExpression, loc);
  n->MemberExpression.object = object;
  n->MemberExpression.property = property;
  n->MemberExpression.optional = optional;
  return n;
}

/* `obj.:Sym` and `obj.:Iface.sym`: the property is the symbol's own name. */
Node *symbol_member(Parser *p, Node *object, Node *path, Loc loc) {
  Node *last = path->kind == ND_MemberExpression ? path->MemberExpression.property
                                                 : path;
  Node *n = member(p, object, copy_ident(p, last), false, loc);
  n->MemberExpression.isSymbolAccess = true;
  n->MemberExpression.symbolPath = path;
  return n;
}

Node *index_expr(Parser *p, Node *object, Node *index, bool optional, Loc loc) {
  Node *n = NEW(IndexExpression, loc);
  n->IndexExpression.object = object;
  n->IndexExpression.index = index;
  n->IndexExpression.optional = optional;
  return n;
}

Node *call(Parser *p, Node *callee, NodeList *targs, NodeList *args,
           bool optional, Loc loc) {
  Node *n = NEW(CallExpression, loc);
  n->CallExpression.callee = callee;
  n->CallExpression.typeArguments = targs;
  n->CallExpression.arguments = args;
  n->CallExpression.optional = optional;
  return n;
}

Node *match_case(Parser *p, Node *pattern, Node *guard, Node *body, Loc loc) {
  Node *n = NEW(MatchCase, loc);
  n->MatchCase.pattern = pattern;
  n->MatchCase.guard = guard;
  n->MatchCase.body = body;
  return n;
}

/* ---- functions and parameters ---- */

Node *arrow(Parser *p, NodeList *tparams, NodeList *params, Node *ret,
            Node *body, Loc loc) {
  Node *n = NEW(FunctionExpression, loc);
  n->FunctionExpression.typeParameters = tparams;
  n->FunctionExpression.params = params;
  n->FunctionExpression.returnType = ret;
  n->FunctionExpression.body = body;
  return n;
}

Node *parameter(Parser *p, Node *name, Node *pattern, Node *type, Node *init,
                Loc loc) {
  Node *n = NEW(Parameter, loc);
  n->Parameter.name = name;
  n->Parameter.pattern = pattern;
  n->Parameter.typeAnnotation = type;
  n->Parameter.initializer = init;
  n->Parameter.optional = init != NULL;
  return n;
}

/* Destructured parameters get the synthetic names upstream gives them. */
Node *destruct_name(Parser *p, Loc loc) {
  return node_ident(p->arena,
                    arena_printf(p->arena, "$$destruct_%d", p->destructured++),
                    loc);
}

/* `{x: i32, y as b: i32}` declares the pattern and, property by property,
 * its record type; the types were parked in each BindingProperty's ->type. */
Node *record_param(Parser *p, NodeList *props, Node *type, Node *init, Loc loc) {
  Node *pattern = NEW(RecordPattern, loc);
  pattern->RecordPattern.properties = props;
  NodeList *sigs = NULL;
  for (int i = 0; i < props->len; i++) {
    Node *prop = props->items[i];
    Node *prop_type = (Node *)prop->type;
    prop->type = NULL;
    if (!prop_type)
      continue;
    Node *sig = NEW(PropertySignature, prop->loc);
    sig->PropertySignature.name = copy_ident(p, prop->BindingProperty.name);
    sig->PropertySignature.typeAnnotation = prop_type;
    sigs = PUSH(sigs, sig);
  }
  if (sigs && !type) {
    type = NEW(RecordTypeAnnotation, loc);
    type->RecordTypeAnnotation.properties = sigs;
  }
  return parameter(p, destruct_name(p, loc), pattern, type, init, loc);
}

Node *var_decl(Parser *p, const Token *kind, Node *pattern, Node *type, Node *init,
               Loc loc) {
  const char *name = kind->text;
  if (kind->kind == TOK_CONST) {
    diag_warning(p->diag, kind->loc,
                 "'const' is not a keyword in Zena. Use 'let' for an "
                 "immutable binding");
    name = "let";
  }
  Node *n = NEW(VariableDeclaration, loc);
  n->VariableDeclaration.kind = name;
  n->VariableDeclaration.pattern = pattern;
  n->VariableDeclaration.typeAnnotation = type;
  n->VariableDeclaration.init = init;
  return n;
}

/* `{x = 1}`: a binding with a default value. */
Node *with_default(Parser *p, Node *target, Node *value) {
  if (!value)
    return target;
  Node *n = NEW(AssignmentPattern, target->loc);
  n->loc.end = value->loc.end;
  n->AssignmentPattern.left = target;
  n->AssignmentPattern.right = value;
  return n;
}

Node *binding_prop(Parser *p, Node *name, Node *value, Loc loc) {
  Node *n = NEW(BindingProperty, loc);
  n->BindingProperty.name = name;
  n->BindingProperty.value = value;
  return n;
}

/* ---- types ---- */

Node *named_type(Parser *p, const char *name, Loc loc) {
  Node *n = NEW(TypeAnnotation, loc);
  n->TypeAnnotation.name = name;
  return n;
}

static const char *name_part(const Node *n) { return n->Identifier.name; }

/* A (possibly dotted) name as text: `A.B.C`.  Written into one buffer by
 * two loops over the left-nested MemberExpressions: recursing and printing
 * every prefix took quadratic time and memory on long names. */
const char *qualified_text(Parser *p, const Node *name) {
  size_t len = 0;
  const Node *n;
  for (n = name; n->kind == ND_MemberExpression; n = n->MemberExpression.object)
    len += strlen(name_part(n->MemberExpression.property)) + 1;
  len += strlen(name_part(n));
  char *text = arena_alloc(p->arena, len + 1); /* zero-filled: terminated */
  char *end = text + len;
  for (n = name; n->kind == ND_MemberExpression; n = n->MemberExpression.object) {
    const char *part = name_part(n->MemberExpression.property);
    end -= strlen(part);
    memcpy(end, part, strlen(part));
    *--end = '.';
  }
  memcpy(text, name_part(n), strlen(name_part(n)));
  return text;
}

Node *literal_type(Parser *p, Node *literal) {
  Node *n = NEW(LiteralTypeAnnotation, literal->loc);
  n->LiteralTypeAnnotation.value = literal;
  return n;
}

/* `(T)` is just T; `(T,)` and `(A, B)` are tuples. */
Node *tuple_type(Parser *p, NodeKind kind, NodeList *types, int trailing_comma,
                 Loc loc) {
  if (kind == ND_TupleTypeAnnotation && types->len == 1 && !trailing_comma)
    return types->items[0];
  Node *n = node_new(p->arena, kind, loc);
  if (kind == ND_TupleTypeAnnotation)
    n->TupleTypeAnnotation.elementTypes = types;
  else
    n->InlineTupleTypeAnnotation.elementTypes = types;
  return n;
}

/* The parameters arrive as Parameter nodes; the AST keeps names and types
 * in two parallel lists. */
Node *function_type(Parser *p, NodeList *params, Node *ret, Loc loc) {
  Node *n = NEW(FunctionTypeAnnotation, loc);
  n->FunctionTypeAnnotation.params = list_new(p->arena);
  n->FunctionTypeAnnotation.paramNames = arena_alloc(p->arena, sizeof(TextList));
  for (int i = 0; i < params->len; i++) {
    Node *param = params->items[i];
    texts_push(p->arena, n->FunctionTypeAnnotation.paramNames,
               param->Parameter.name->Identifier.name);
    PUSH(n->FunctionTypeAnnotation.params, param->Parameter.typeAnnotation);
  }
  n->FunctionTypeAnnotation.returnType = ret;
  return n;
}

Node *union_add(Parser *p, Node *left, Node *right) {
  if (left->kind != ND_UnionTypeAnnotation) {
    Node *u = NEW(UnionTypeAnnotation, left->loc);
    u->UnionTypeAnnotation.types = PUSH(NULL, left);
    left = u;
  }
  PUSH(left->UnionTypeAnnotation.types, right);
  left->loc.end = right->loc.end;
  return left;
}

Node *type_param(Parser *p, const Token *name, Node *constraint, Node *dflt, Loc loc) {
  Node *n = NEW(TypeParameter, loc);
  n->TypeParameter.name = name->text;
  n->TypeParameter.constraint = constraint;
  n->TypeParameter.defaultType = dflt;
  return n;
}

Node *logical_pattern(Parser *p, const char *op, Node *l, Node *r, Loc loc) {
  Node *n = NEW(LogicalPattern, loc);
  n->LogicalPattern.op = op;
  n->LogicalPattern.left = l;
  n->LogicalPattern.right = r;
  return n;
}
