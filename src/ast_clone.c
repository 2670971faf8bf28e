/*
 * ast_clone.c - deep copies of subtrees.
 *
 * Generic classes and functions are monomorphized: each instantiation checks
 * its own copy of the declaration, so the checker's annotations (->type,
 * ->sym) on one copy never disturb another.  The copy is generated from
 * ast.def, so it follows every field of every node kind.
 */
#include "zena.h"

#include <string.h>

static NodeList *clone_list(Arena *arena, const NodeList *list) {
  if (!list)
    return NULL;
  NodeList *copy = list_new(arena);
  for (int i = 0; i < list->len; i++)
    list_push(arena, copy, ast_clone(arena, list->items[i]));
  return copy;
}

Node *ast_clone(Arena *arena, const Node *node) {
  if (!node)
    return NULL;
  Node *copy = node_new(arena, node->kind, node->loc);
  memcpy(copy, node, node_size(node->kind)); /* texts and flags; the children
                                                are replaced below */
  copy->type = NULL;
  copy->sym = NULL;
  switch (node->kind) {
#define CHILD(c, j) to->c = ast_clone(arena, from->c);
#define CHILD_N(c, j) CHILD(c, j)
#define LITERAL(c, j) CHILD(c, j)
#define LIST(c, j) to->c = clone_list(arena, from->c);
#define LIST_O(c, j) LIST(c, j)
#define TEXT(c, j)
#define TEXT_O(c, j)
#define TEXTS(c, j)
#define FLAG(c, j)
#define FLAG_O(c, j)
#define COOKED(c, r, j)
#define SETTER(p, b, j) CHILD(p, j) CHILD(b, j)
#define NODE(kind, ...)                                                        \
  case ND_##kind: {                                                            \
    __typeof__(copy->kind) *to = &copy->kind;                                  \
    const __typeof__(node->kind) *from = &node->kind;                          \
    (void)to, (void)from;                                                      \
    __VA_ARGS__                                                                \
    break;                                                                     \
  }
#define LEAF(kind) case ND_##kind: break;
#include "ast.def"
#undef NODE
#undef LEAF
#include "ast_undef.h"
  case ND__COUNT:
    break;
  }
  return copy;
}
