/*
 * names.c - the string table of names.h: linear probing, grown (and
 * rehashed) when three quarters full.
 */
#include "names.h"

#include <string.h>

unsigned name_hash(const char *s) {
  unsigned h = 2166136261u;
  for (; *s; s++)
    h = (h ^ (unsigned char)*s) * 16777619u;
  return h;
}

/* The slot holding name (whose hash is given), or the empty slot where it
 * belongs. */
static NameUse *slot_of(NameUse *slots, int cap, const char *name, unsigned hash) {
  unsigned mask = (unsigned)cap - 1;
  unsigned k = hash & mask;
  while (slots[k].name && (slots[k].hash != hash || strcmp(slots[k].name, name) != 0))
    k = (k + 1) & mask;
  return &slots[k];
}

NameUse *names_find(const NameTable *t, const char *name) {
  if (!t->cap)
    return NULL;
  NameUse *u = slot_of(t->slots, t->cap, name, name_hash(name));
  return u->name ? u : NULL;
}

NameUse *names_add(NameTable *t, Arena *arena, const char *name) {
  if (4 * (t->n + 1) > 3 * t->cap) {
    int cap = t->cap ? 2 * t->cap : 256;
    NameUse *slots = arena_alloc(arena, (size_t)cap * sizeof(NameUse));
    for (int i = 0; i < t->cap; i++)
      if (t->slots[i].name)
        *slot_of(slots, cap, t->slots[i].name, t->slots[i].hash) = t->slots[i];
    t->slots = slots;
    t->cap = cap;
  }
  unsigned hash = name_hash(name);
  NameUse *u = slot_of(t->slots, t->cap, name, hash);
  if (!u->name) {
    u->name = name;
    u->hash = hash;
    t->n++;
  }
  return u;
}

const char *name_numbered(Arena *arena, const char *name, int n) {
  char digits[12];
  int ndigits = 0;
  unsigned m = n < 0 ? -(unsigned)n : (unsigned)n;
  do
    digits[sizeof digits - ++ndigits] = (char)('0' + m % 10);
  while (m /= 10);
  if (n < 0)
    digits[sizeof digits - ++ndigits] = '-';
  size_t len = strlen(name);
  char *text = arena_alloc(arena, len + 1 + (size_t)ndigits + 1); /* zero-filled */
  memcpy(text, name, len);
  text[len] = '_';
  memcpy(text + len + 1, digits + sizeof digits - ndigits, (size_t)ndigits);
  return text;
}
