/*
 * ast_children.h - the switch over a node's children in field order
 * (ast.def), for the walks that visit every node: the depth check
 * (ast.c) and the checker's reference collection (check_refs.c), each
 * with its visit written in.  Included inside a function that defines
 * VISIT(child) and VISIT_LIST(list) and has the node in `n`; not guarded.
 */
switch (n->kind) {
#define CHILD(c, j) VISIT(f->c);
#define CHILD_N(c, j) VISIT(f->c);
#define LIST(c, j) VISIT_LIST(f->c);
#define LIST_O(c, j) VISIT_LIST(f->c);
#define TEXT(c, j)
#define TEXT_O(c, j)
#define TEXTS(c, j)
#define FLAG(c, j)
#define FLAG_O(c, j)
#define LITERAL(c, j) VISIT(f->c);
#define COOKED(c, r, j)
#define SETTER(p, b, j) VISIT(f->p); VISIT(f->b);
#define NODE(kind, ...)                                                        \
  case ND_##kind: {                                                            \
    const __typeof__(n->kind) *f = &n->kind;                                   \
    (void)f;                                                                   \
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
