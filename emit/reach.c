/*
 * reach.c - what the module must contain: the functions and classes
 * reachable from the exports (main and the module initialisation).
 *
 * A worklist over functions: what a reachable function's tree refers to
 * (collected by the checker, src/check_refs.c) is followed, and
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
  int nclasses;     /* classes made reachable so far */
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

static void reach_tree(Reach *r, Node *n, const Node *root);
static void walk_type(Reach *r, const Type *t);

/* Every class a value of type t may be an instance of, or mention: most
 * types (numbers, strings) mention none, and are passed over without a
 * call. */
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
    r->nclasses++;
    /* field defaults run in the constructor; no function's tree holds them */
    for (int i = 0; i < cls->nfields; i++) {
      reach_type(r, cls->fields[i].type);
      reach_tree(r, cls->fields[i].init, NULL);
    }
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

/* What a list of references reaches. */
static void reach_refs(Reach *r, const Type *const *types, int ntypes,
                       Function *const *fns, int nfns) {
  for (int i = 0; i < ntypes; i++)
    reach_type(r, types[i]);
  for (int i = 0; i < nfns; i++)
    reach_function(r, fns[i]);
}

/* What the tree n refers to, not entering functions other than root: a
 * tree no function keeps references for (module initialisation, field
 * defaults), collected now. */
static void reach_tree(Reach *r, Node *n, const Node *root) {
  if (!n)
    return;
  Refs refs = {.types = NULL};
  refs_collect(&refs, n, root);
  reach_refs(r, refs.types, refs.ntypes, refs.fns, refs.nfns);
  refs_free(&refs);
}

/* Walks a reachable function: its signature, locals, own node and the
 * references of its body (kept by the checker when it checked it). */
static void walk_function(Reach *r, Function *f) {
  reach_type(r, f->sym->type);
  for (int i = 0; i < f->nlocals; i++)
    reach_type(r, f->locals[i]->type);
  if (!f->refs_known) { /* a body the checker did not check: walk it */
    reach_tree(r, f->node, f->node);
    return;
  }
  Node *n = f->node; /* its type is final only now */
  reach_type(r, n->type);
  if (n->sym && n->sym->kind == SYM_CLASS)
    reach_type(r, n->sym->type);
  if (n->sym && n->sym->kind == SYM_FUNCTION)
    reach_function(r, n->sym->fn);
  reach_refs(r, f->ref_types, f->nref_types, f->ref_fns, f->nref_fns);
}

void reach_program(const Program *p) {
  Reach r = {0};
  if (p->main)
    reach_function(&r, p->main->fn);
  for (int m = 0; m < p->modules->len; m++) {
    NodeList *body = p->modules->items[m]->Module.body;
    for (int i = 0; i < body->len; i++) {
      if (is_init_stmt(body->items[i]))
        reach_tree(&r, body->items[i], NULL); /* run by zena_init */
    }
  }
  for (int i = 0; i < p->nglobals; i++)
    reach_type(&r, p->globals[i]->type);
  if (p->async_use) /* the runtime throws Errors (a closed channel) */
    reach_class(&r, p->thrown);
  bool more = true;
  int scanned = -1; /* reachable classes when the functions were last scanned */
  while (more) {
    while (r.len)
      walk_function(&r, r.items[--r.len]);
    /* a reachable class keeps its constructor and all its methods: a scan
     * of every function, again only if a class became reachable since */
    more = false;
    if (r.nclasses == scanned)
      break;
    scanned = r.nclasses;
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
