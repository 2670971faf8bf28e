/*
 * reach.c - what the module must contain: the functions and classes
 * reachable from the exports (main and the module initialisation).
 *
 * A worklist over functions: a reachable function's tree is walked, and
 * every function it names (a call, a function value, a closure written in
 * it) becomes reachable, as does every class in the type of any of its
 * expressions.  Methods are not followed call by call: a call may dispatch
 * to any override, and vtables hold every slot, so a reachable class keeps
 * all its methods and its constructor.  A class is reachable when values
 * of it (or of a subclass) can exist, so a program that never mentions a
 * class carries none of its code.
 *
 * The result is the `reachable` flag of each Function and ClassInfo; the
 * emitter writes only what has it.
 */
#include "emit.h"

#include <stdlib.h>

typedef struct {
  Function **items; /* reachable functions whose trees are still to walk */
  int len;          /* entries in items */
  int cap;          /* allocated entries */
  Node *root;       /* the tree being walked (the function's own node) */
} Reach;

static void reach_function(Reach *r, Function *f) {
  if (!f || f->reachable)
    return;
  f->reachable = true;
  if (r->len == r->cap) {
    r->cap = r->cap ? 2 * r->cap : 64;
    r->items = xrealloc(r->items, r->cap * sizeof(Function *));
  }
  r->items[r->len++] = f;
}

static void reach_node(Reach *r, Node *n);
static void walk_type(Reach *r, const Type *t);

/* Every class a value of type t may be an instance of, or mention: most
 * types (numbers, strings) mention none, and are passed over without a
 * call, as this runs for every node of every reachable function. */
static inline void reach_type(Reach *r, const Type *t) {
  if (!t)
    return;
  switch (t->kind) {
  case TY_CLASS: case TY_ARRAY: case TY_TASK: case TY_CHANNEL: case TY_UNION:
  case TY_FUNCTION:
    walk_type(r, t);
    break;
  default:
    break;
  }
}

static void reach_class(Reach *r, ClassInfo *cls) {
  for (; cls && !cls->reachable; cls = cls->super) {
    cls->reachable = true;
    /* field defaults run in the constructor; their walk needs the tree
     * being walked to be none of theirs */
    Node *root = r->root;
    r->root = NULL;
    for (int i = 0; i < cls->nfields; i++) {
      reach_type(r, cls->fields[i].type);
      reach_node(r, cls->fields[i].init);
    }
    r->root = root;
  }
}

/* reach_type's work for the types that may mention classes. */
static void walk_type(Reach *r, const Type *t) {
  switch (t->kind) {
  case TY_CLASS:
    reach_class(r, t->cls);
    break;
  case TY_ARRAY: case TY_TASK: case TY_CHANNEL:
    reach_type(r, t->elem);
    break;
  case TY_UNION:
    for (int i = 0; i < t->nmembers; i++)
      reach_type(r, t->members[i]);
    break;
  case TY_FUNCTION:
    for (int i = 0; i < t->nparams; i++)
      reach_type(r, t->params[i]);
    reach_type(r, t->result);
    break;
  default:
    break;
  }
}

static void reach_list(Reach *r, NodeList *list) {
  for (int i = 0; list && i < list->len; i++)
    reach_node(r, list->items[i]);
}

/* The children of n, in field order: ast_children with the visit written
 * in (this walk reaches every node of the program; a call through a
 * function pointer per child was most of its cost). */
static void reach_children(Reach *r, Node *n) {
  switch (n->kind) {
#define CHILD(c, j) reach_node(r, f->c);
#define CHILD_N(c, j) reach_node(r, f->c);
#define LIST(c, j) reach_list(r, f->c);
#define LIST_O(c, j) reach_list(r, f->c);
#define TEXT(c, j)
#define TEXT_O(c, j)
#define TEXTS(c, j)
#define FLAG(c, j)
#define FLAG_O(c, j)
#define LITERAL(c, j) reach_node(r, f->c);
#define COOKED(c, raw, j)
#define SETTER(p, b, j) reach_node(r, f->p); reach_node(r, f->b);
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
}

static void reach_node(Reach *r, Node *n) {
  if (!n)
    return;
  reach_type(r, n->type);
  Symbol *sym = n->sym;
  if (sym && sym->kind == SYM_CLASS)
    reach_type(r, sym->type);
  if (sym && sym->kind == SYM_FUNCTION && sym->fn) {
    reach_function(r, sym->fn);
    if (sym->fn->node == n && n != r->root)
      return; /* a nested function: walked when its turn comes */
  }
  reach_children(r, n);
}

/* Walks a reachable function: its signature, locals and tree. */
static void walk_function(Reach *r, Function *f) {
  reach_type(r, f->sym->type);
  for (int i = 0; i < f->nlocals; i++)
    reach_type(r, f->locals[i]->type);
  r->root = f->node;
  reach_node(r, f->node);
}

void reach_program(const Program *p) {
  Reach r = {0};
  if (p->main)
    reach_function(&r, p->main->fn);
  for (int m = 0; m < p->modules->len; m++) {
    NodeList *body = p->modules->items[m]->Module.body;
    for (int i = 0; i < body->len; i++) {
      if (is_init_stmt(body->items[i]))
        reach_node(&r, body->items[i]); /* run by zena_init */
    }
  }
  for (int i = 0; i < p->nglobals; i++)
    reach_type(&r, p->globals[i]->type);
  if (p->async_use) /* the runtime throws Errors (a closed channel) */
    reach_class(&r, p->thrown);
  bool more = true;
  while (more) {
    while (r.len)
      walk_function(&r, r.items[--r.len]);
    /* a reachable class keeps its constructor and all its methods */
    more = false;
    for (int i = 0; i < p->nfunctions; i++) {
      Function *f = p->functions[i];
      if (!f->reachable && f->owner && f->owner->reachable) {
        reach_function(&r, f);
        more = true;
      }
    }
  }
  free(r.items);
}
