/*
 * names.h - a table of strings, each with a count: which names are taken
 * and how often (open addressing in the arena).
 */
#ifndef NAMES_H
#define NAMES_H

#include "zena.h"

typedef struct {
  const char *name; /* the name, or NULL for an empty slot */
  unsigned hash;    /* name_hash(name): a probe past another name need not
                       read it (in a big table, a cache miss) */
  int uses;         /* what the table's owner counts (how often it is taken) */
} NameUse;

typedef struct {
  NameUse *slots; /* the entries, by hash of the name */
  int n;          /* names in the table */
  int cap;        /* slots (0, or a power of two) */
} NameTable;

unsigned name_hash(const char *s); /* FNV-1a */
/* The entry for name (compared by content), or NULL when absent. */
NameUse *names_find(const NameTable *t, const char *name);
/* The entry for name, added with 0 uses when absent (name is kept, not
 * copied). */
NameUse *names_add(NameTable *t, Arena *arena, const char *name);
/* "name_N" in the arena (what arena_printf("%s_%d") gives, for the many
 * shadowed names that take a number, without formatting). */
const char *name_numbered(Arena *arena, const char *name, int n);

#endif
