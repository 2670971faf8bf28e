/*
 * check_refs.c - what a function's tree refers to, for dead-code
 * elimination (emit/reach.c).
 *
 * Reach needs, for each reachable function, every class the types in its
 * tree mention and every function its tree names.  Walking all those trees
 * again after the checker meant reading the whole AST, its types and its
 * symbols back from memory; the checker instead collects the two lists
 * right after it checks a body (check_function, check_closure), while that
 * tree is still in the cache, and reach walks the short lists.
 *
 * The walk is reach's: every node's type, the type of a class a node
 * names, the function a node names; a nested function's tree is not
 * entered (it has lists of its own).  Only types that can mention a class
 * are kept, and a type just seen is not kept again.
 */
#include "checker.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Can a value of type t mention a class (see reach_type)? */
static bool may_mention_class(const Type *t) {
  switch (t->kind) {
  case TY_CLASS: case TY_ARRAY: case TY_TASK: case TY_CHANNEL: case TY_UNION:
  case TY_FUNCTION:
    return true;
  default:
    return false;
  }
}

static void keep_type(Refs *r, const Type *t) {
  if (!t || !may_mention_class(t))
    return;
  unsigned slot = (unsigned)((uintptr_t)t >> 4) & (REFS_SEEN - 1);
  if (r->seen[slot] == t) /* repeats cost reach nothing; most are dropped */
    return;
  r->seen[slot] = t;
  if (r->ntypes == r->captypes) {
    r->captypes = r->captypes ? 2 * r->captypes : 64;
    r->types = xrealloc(r->types, (size_t)r->captypes * sizeof *r->types);
  }
  r->types[r->ntypes++] = t;
}

static void keep_fn(Refs *r, Function *f) {
  if (r->nfns && r->fns[r->nfns - 1] == f)
    return;
  if (r->nfns == r->capfns) {
    r->capfns = r->capfns ? 2 * r->capfns : 64;
    r->fns = xrealloc(r->fns, (size_t)r->capfns * sizeof *r->fns);
  }
  r->fns[r->nfns++] = f;
}

static void collect_list(Refs *r, NodeList *list, const Node *root) {
  for (int i = 0; list && i < list->len; i++)
    refs_collect(r, list->items[i], root);
}

/* The children of n, in field order (ast_children.h with the visit
 * written in: this walk reaches every node of the program). */
static void collect_children(Refs *r, Node *n, const Node *root) {
#define VISIT(child) refs_collect(r, child, root)
#define VISIT_LIST(list) collect_list(r, list, root)
#include "ast_children.h"
#undef VISIT
#undef VISIT_LIST
}

void refs_collect(Refs *r, Node *n, const Node *root) {
  if (!n)
    return;
  keep_type(r, n->type);
  Symbol *sym = n->sym;
  if (sym && sym->kind == SYM_CLASS)
    keep_type(r, sym->type);
  if (sym && sym->kind == SYM_FUNCTION && sym->fn) {
    keep_fn(r, sym->fn);
    if (sym->fn->node == n && n != root)
      return; /* a nested function: it has lists of its own */
  }
  collect_children(r, n, root);
}

void refs_clear(Refs *r) {
  r->ntypes = 0;
  r->nfns = 0;
  memset(r->seen, 0, sizeof r->seen);
}

void refs_free(Refs *r) {
  free(r->types);
  free(r->fns);
}

/* Keeps the references of f's body (its tree below its own node, whose
 * type is only final once the caller has it) with f, in the arena. */
void record_refs(Checker *c, Function *f) {
  Refs *r = c->refs;
  refs_clear(r);
  collect_children(r, f->node, f->node);
  f->ref_types = arena_alloc(c->arena, (size_t)r->ntypes * sizeof *f->ref_types + 1);
  if (r->ntypes)
    memcpy(f->ref_types, r->types, (size_t)r->ntypes * sizeof *f->ref_types);
  f->nref_types = r->ntypes;
  f->ref_fns = arena_alloc(c->arena, (size_t)r->nfns * sizeof *f->ref_fns + 1);
  if (r->nfns)
    memcpy(f->ref_fns, r->fns, (size_t)r->nfns * sizeof *f->ref_fns);
  f->nref_fns = r->nfns;
  f->refs_known = true;
}
