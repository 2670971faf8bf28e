/*
 * check_tagged.c - tagged template literals.
 *
 * tag`a${x}b${y}c` calls tag with the literal parts as a TemplateStringsArray
 * (zena:template-strings-array, part of the prelude: the cooked parts and,
 * as `raw`, the parts as written) and the values as a FixedArray:
 *
 *   tag(new TemplateStringsArray(["a", "b", "c"], ["a", "b", "c"]), [x, y])
 *
 * where the TemplateStringsArray is made once per template (a global keeps
 * it), as the reference asks: it may serve as a cache key.
 *
 * The node is rewritten into that call and checked as one, so the tag may
 * be any function or function value, and the values array takes its element
 * type from the tag's parameter as an array literal argument does.
 */
#include "checker.h"

/* The template's parts as an array literal of strings, cooked or raw. */
static Node *parts_array(Checker *c, Node *quasi, bool raw) {
  NodeList *quasis = quasi->TemplateLiteral.quasis;
  Node *array = node_new(c->arena, ND_ArrayLiteral, quasi->loc);
  array->ArrayLiteral.elements = list_new(c->arena);
  for (int i = 0; i < quasis->len; i++) {
    Node *q = quasis->items[i];
    Node *s = node_new(c->arena, ND_StringLiteral, q->loc);
    const char *cooked = q->TemplateElement.cooked;
    s->StringLiteral.value = raw || !cooked ? q->TemplateElement.raw : cooked;
    list_push(c->arena, array->ArrayLiteral.elements, s);
  }
  return array;
}

/* The strings are made once per template and kept in a global (so the
 * same template gives the same object each time it runs). */
static void keep_strings(Checker *c, Node *strings) {
  Program *p = c->prog;
  Symbol *g = arena_alloc(c->arena, sizeof(Symbol));
  /* no Zena name has a '.': the Wasm name is the program's alone */
  *g = (Symbol){.name = "template.strings", .kind = SYM_GLOBAL, .type = strings->type,
                .is_var = true, .decl = strings,
                .wasm_name = arena_printf(c->arena, "template.strings.%d", p->nglobals)};
  p->globals = arena_grow(c->arena, p->globals, p->nglobals, sizeof(Symbol *));
  p->globals[p->nglobals++] = g;
  strings->sym = g;
}

Type *check_tagged_template(Checker *c, Node *e, Type *expected) {
  if (e->TaggedTemplateExpression.typeArguments) {
    unsupported(c, e, "type arguments");
    return type_basic(TY_ERROR);
  }
  Node *quasi = e->TaggedTemplateExpression.quasi;
  Node *strings = node_new(c->arena, ND_NewExpression, quasi->loc);
  strings->NewExpression.callee = node_new(c->arena, ND_Identifier, quasi->loc);
  strings->NewExpression.callee->Identifier.name = "TemplateStringsArray";
  strings->NewExpression.arguments = list_new(c->arena);
  list_push(c->arena, strings->NewExpression.arguments, parts_array(c, quasi, false));
  list_push(c->arena, strings->NewExpression.arguments, parts_array(c, quasi, true));
  Node *values = node_new(c->arena, ND_ArrayLiteral, quasi->loc);
  values->ArrayLiteral.elements = quasi->TemplateLiteral.expressions;
  Node *tag = e->TaggedTemplateExpression.tag;
  e->kind = ND_CallExpression;
  e->CallExpression.callee = tag;
  e->CallExpression.typeArguments = NULL;
  e->CallExpression.arguments = list_new(c->arena);
  e->CallExpression.optional = false;
  list_push(c->arena, e->CallExpression.arguments, strings);
  list_push(c->arena, e->CallExpression.arguments, values);
  Type *t = check_expr(c, e, expected);
  if (strings->type->kind == TY_CLASS)
    keep_strings(c, strings);
  return t;
}
