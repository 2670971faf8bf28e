/*
 * ast.c - creating AST nodes and lists.  The node kinds and their fields
 * are declared once, in ast.def.
 */
#include "zena.h"

#include <string.h>

static const char *const kind_names[] = {
#define NODE(kind, ...) #kind,
#define LEAF(kind) #kind,
#include "ast.def"
#undef NODE
#undef LEAF
};

const char *node_kind_name(NodeKind kind) { return kind_names[kind]; }

FnParts fn_parts(const Node *fn) {
  if (fn->kind == ND_MethodDefinition)
    return (FnParts){fn->MethodDefinition.typeParameters, fn->MethodDefinition.params,
                     fn->MethodDefinition.returnType, fn->MethodDefinition.body,
                     fn->MethodDefinition.isAsync};
  return (FnParts){fn->FunctionExpression.typeParameters, fn->FunctionExpression.params,
                   fn->FunctionExpression.returnType, fn->FunctionExpression.body,
                   fn->FunctionExpression.isAsync};
}

Node *node_new(Arena *arena, NodeKind kind, Loc loc) {
  Node *n = arena_alloc(arena, sizeof(Node));
  n->kind = kind;
  n->loc = loc;
  return n;
}

Node *node_ident(Arena *arena, const char *name, Loc loc) {
  Node *n = node_new(arena, ND_Identifier, loc);
  n->Identifier.name = name;
  return n;
}

NodeList *list_new(Arena *arena) { return arena_alloc(arena, sizeof(NodeList)); }

/* Grows an arena array of `elem`-sized slots to hold one more item. */
static void *grow(Arena *arena, void *items, int len, int *cap, size_t elem) {
  if (len < *cap)
    return items;
  int ncap = *cap ? *cap * 2 : 4;
  void *fresh = arena_alloc(arena, (size_t)ncap * elem);
  if (len)
    memcpy(fresh, items, (size_t)len * elem);
  *cap = ncap;
  return fresh;
}

NodeList *list_push(Arena *arena, NodeList *list, Node *node) {
  if (!list)
    list = list_new(arena);
  list->items = grow(arena, list->items, list->len, &list->cap, sizeof(Node *));
  list->items[list->len++] = node;
  return list;
}

TextList *texts_push(Arena *arena, TextList *list, const char *text) {
  if (!list)
    list = arena_alloc(arena, sizeof(TextList));
  list->items = grow(arena, list->items, list->len, &list->cap, sizeof(char *));
  list->items[list->len++] = text;
  return list;
}
