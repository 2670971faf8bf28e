/*
 * ast.c - creating AST nodes and lists.  The node kinds and their fields
 * are declared once, in ast.def.
 */
#include "zena.h"

#include <stdlib.h>
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

/* A node takes the bytes its kind's fields need, not the largest kind's
 * (a class declaration's: 128 in all): most nodes are names, literals and
 * small expressions, and a big program has hundreds of thousands.  The
 * kinds the checker rewrites in place into another (node_become: a map
 * literal into a call, a for-in loop into a block, ...) have room for at
 * least EXPR_FIELDS bytes of fields, which all kinds but a few
 * declarations fit in. */
enum { EXPR_FIELDS = 32 };

static const unsigned char field_bytes[] = {
#define NODE(kind, ...) sizeof(((Node *)0)->kind),
#define LEAF(kind) 0,
#include "ast.def"
#undef NODE
#undef LEAF
};

static bool rewritten_in_place(NodeKind kind) {
  return kind == ND_MapLiteral || kind == ND_RangeExpression ||
         kind == ND_ForInStatement || kind == ND_TaggedTemplateExpression;
}

size_t node_size(NodeKind kind) {
  size_t fields = field_bytes[kind];
  if (rewritten_in_place(kind) && fields < EXPR_FIELDS)
    fields = EXPR_FIELDS;
  return offsetof(Node, Identifier) + fields; /* every kind's fields start there */
}

void node_become(Node *n, const Node *from) {
  if (node_size(from->kind) > node_size(n->kind)) {
    fprintf(stderr, "zena2wat: internal error: a %s node cannot become a %s\n",
            node_kind_name(n->kind), node_kind_name(from->kind));
    abort();
  }
  memcpy(n, from, node_size(from->kind));
}

Node *node_new(Arena *arena, NodeKind kind, Loc loc) {
  Node *n = arena_alloc(arena, node_size(kind));
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

/* Nodes still to visit, all at one depth (the root is at depth 1): a
 * single node, or the rest of a list.  A list waits on the stack as one
 * entry, not as all its items (a big module's top level is thousands). */
typedef struct {
  const void *what; /* the Node, or the NodeList */
  int next;         /* a list's next item to visit; -1 for a node */
  int depth;
} Pending;

typedef struct {
  Pending *items;
  size_t len, cap;
} PendingStack;

static __attribute__((noinline)) void pending_grow(PendingStack *st) {
  st->cap = st->cap ? st->cap * 2 : 64;
  st->items = xrealloc(st->items, st->cap * sizeof(Pending));
}

static inline void pending_push(PendingStack *st, const void *what, int next, int depth) {
  if (st->len == st->cap)
    pending_grow(st);
  st->items[st->len++] = (Pending){what, next, depth};
}

/* Puts the children of n on the stack at the given depth. */
static void push_children(PendingStack *st, const Node *n, int depth) {
#define VISIT(child) if (child) pending_push(st, child, -1, depth)
#define VISIT_LIST(l) if (l && l->len) pending_push(st, l, 0, depth)
#include "ast_children.h"
#undef VISIT
#undef VISIT_LIST
}

/* The next node to visit (NULL for a list's empty slot), taken off the
 * stack, which is not empty. */
static inline const Node *pending_pop(PendingStack *st, int *depth) {
  Pending *top = &st->items[st->len - 1];
  *depth = top->depth;
  if (top->next < 0) {
    st->len--;
    return top->what;
  }
  const NodeList *list = top->what;
  const Node *n = list->items[top->next++];
  if (top->next == list->len)
    st->len--;
  return n;
}

bool ast_check_depth(const Node *root, Diag *diag, bool kinds[ND__COUNT]) {
  PendingStack st = {0};
  pending_push(&st, root, -1, 1);
  while (st.len) {
    int depth;
    const Node *n = pending_pop(&st, &depth);
    if (!n)
      continue;
    if (kinds)
      kinds[n->kind] = true;
    if (depth > AST_MAX_DEPTH) {
      free(st.items);
      diag_error(diag, n->loc, "Nesting too deep (more than %d levels)",
                 AST_MAX_DEPTH);
      return false;
    }
    push_children(&st, n, depth + 1);
  }
  free(st.items);
  return true;
}
