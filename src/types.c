/*
 * types.c - the checker's types.
 *
 * Basic types are singletons and function types are interned, so two types
 * are equal exactly when their pointers are.  The emitter relies on this to
 * declare one Wasm type per signature.
 */
#include "zena.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static Type basics[] = {
    {.kind = TY_ERROR}, {.kind = TY_VOID}, {.kind = TY_NEVER},
    {.kind = TY_NULL},  {.kind = TY_BOOLEAN}, {.kind = TY_I32},
    {.kind = TY_U32},   {.kind = TY_I64}, {.kind = TY_F32},
    {.kind = TY_F64},   {.kind = TY_STRING}, {.kind = TY_ANY},
    {.kind = TY_SCOPE},
};

Type *type_basic(TypeKind kind) { return &basics[kind]; }

Type *type_class(Arena *arena, ClassInfo *cls) {
  if (!cls->type) {
    cls->type = arena_alloc(arena, sizeof(Type));
    cls->type->kind = TY_CLASS;
    cls->type->cls = cls;
  }
  return cls->type;
}

static void *grow_or_die(void *p, size_t size) {
  p = realloc(p, size);
  if (!p) {
    fputs("zena2wat: out of memory\n", stderr);
    exit(2);
  }
  return p;
}

/* Memory for what lives as long as the process (the interned types and
 * their parts), zero-filled: from an arena of its own, in big blocks, not
 * malloc'ed piece by piece (a big program makes tens of thousands). */
static void *forever(size_t size) {
  static Arena *types_arena;
  if (!types_arena)
    types_arena = arena_new();
  return arena_alloc(types_arena, size);
}

static bool has_member(Type *const *members, int n, const Type *t) {
  for (int i = 0; i < n; i++)
    if (members[i] == t)
      return true;
  return false;
}

/* Interned types (arrays, unions, signatures) live for the whole process,
 * in a hash table keyed by their structure: a big program has thousands.
 * A slot keeps its type's hash, so that a probe past other types need not
 * read them (cache misses, in a big table). */
typedef struct {
  size_t hash; /* structure_hash(type) */
  Type *type;  /* NULL for an empty slot */
} InternSlot;
static InternSlot *interned; /* open addressing */
static size_t ninterned;     /* entries in use */
static size_t interned_cap;  /* slots (a power of two) */

/* Union members hash in any order, as `A | B` is `B | A`. */
static size_t structure_hash(const Type *t) {
  size_t h = (size_t)t->kind * 0x9e3779b9u + (uintptr_t)t->elem + 3 * (uintptr_t)t->result;
  for (int i = 0; i < t->nparams; i++)
    h = h * 31 + (uintptr_t)t->params[i];
  for (int i = 0; i < t->nmembers; i++)
    h += (uintptr_t)t->members[i] * 0x9e3779b97f4a7c15u;
  return h ^ (h >> 17);
}

static bool same_structure(const Type *a, const Type *b) {
  if (a->kind != b->kind || a->elem != b->elem || a->result != b->result ||
      a->nparams != b->nparams || a->nmembers != b->nmembers)
    return false;
  if (a->nparams && memcmp(a->params, b->params, a->nparams * sizeof(Type *)) != 0)
    return false;
  for (int i = 0; i < a->nmembers; i++)
    if (!has_member(b->members, b->nmembers, a->members[i]))
      return false;
  return true;
}

/* The slot holding a type shaped like key (whose hash is given), or the
 * empty slot for it. */
static InternSlot *interned_slot(const Type *key, size_t hash) {
  size_t mask = interned_cap - 1;
  size_t i = hash & mask;
  while (interned[i].type &&
         !(interned[i].hash == hash && same_structure(interned[i].type, key)))
    i = (i + 1) & mask;
  return &interned[i];
}

/* The interned type shaped like key, or NULL. */
static Type *find_interned(const Type *key) {
  return interned_cap ? interned_slot(key, structure_hash(key))->type : NULL;
}

static void add_interned(Type *t) {
  if (2 * (ninterned + 1) > interned_cap) { /* grow and rehash */
    InternSlot *old = interned;
    size_t old_cap = interned_cap;
    interned_cap = old_cap ? 2 * old_cap : 64;
    interned = vec_new(interned_cap * sizeof(InternSlot));
    for (size_t i = 0; i < old_cap; i++)
      if (old[i].type)
        *interned_slot(old[i].type, old[i].hash) = old[i];
    vec_free(old, old_cap * sizeof(InternSlot));
  }
  size_t hash = structure_hash(t);
  *interned_slot(t, hash) = (InternSlot){hash, t};
  ninterned++;
}

/* The interned type of the given kind over elem (arrays, tasks, channels). */
static Type *type_over(TypeKind kind, Type *elem) {
  Type key = {.kind = kind, .elem = elem};
  Type *t = find_interned(&key);
  if (t)
    return t;
  t = forever(sizeof(Type));
  *t = key;
  add_interned(t);
  return t;
}

Type *type_array(Type *elem) { return type_over(TY_ARRAY, elem); }
Type *type_task(Type *result) { return type_over(TY_TASK, result); }
Type *type_channel(Type *elem) { return type_over(TY_CHANNEL, elem); }

Type *type_union(Type **members, int n) {
  Type **flat = grow_or_die(NULL, (size_t)(n + 1) * sizeof(Type *));
  int nflat = 0, cap = n + 1;
  for (int i = 0; i < n; i++) {
    Type *m = members[i];
    int count = m->kind == TY_UNION ? m->nmembers : 1;
    for (int k = 0; k < count; k++) {
      Type *part = m->kind == TY_UNION ? m->members[k] : m;
      if (has_member(flat, nflat, part))
        continue;
      if (nflat == cap)
        flat = grow_or_die(flat, (size_t)(cap *= 2) * sizeof(Type *));
      flat[nflat++] = part;
    }
  }
  if (nflat == 1) {
    Type *only = flat[0];
    free(flat);
    return only;
  }
  Type key = {.kind = TY_UNION, .members = flat, .nmembers = nflat};
  Type *u = find_interned(&key);
  if (u) {
    free(flat);
    return u;
  }
  u = forever(sizeof(Type));
  *u = key;
  add_interned(u);
  return u;
}

Type *type_without_null(Type *t) {
  if (t->kind != TY_UNION)
    return t;
  Type **rest = grow_or_die(NULL, t->nmembers * sizeof(Type *));
  int n = 0;
  for (int i = 0; i < t->nmembers; i++)
    if (t->members[i]->kind != TY_NULL)
      rest[n++] = t->members[i];
  Type *result = type_union(rest, n);
  free(rest);
  return result;
}

/* ---- records, tuples, literal and distinct types ---- */

static Type **shapes; /* interned records and tuples */
static int nshapes;

static bool same_shape(const Type *t, TypeKind kind, const char **names,
                       Type **types, const bool *optional, int n) {
  if (t->kind != kind || t->nmembers != n || t->text)
    return false;
  for (int i = 0; i < n; i++)
    if (t->members[i] != types[i] ||
        (names && (strcmp(t->names[i], names[i]) != 0 ||
                   t->optional[i] != optional[i])))
      return false;
  return true;
}

static Type *intern_shape(TypeKind kind, const char **names, Type **types,
                          const bool *optional, int n) {
  for (int i = 0; i < nshapes; i++)
    if (same_shape(shapes[i], kind, names, types, optional, n))
      return shapes[i];
  Type *t = forever(sizeof(Type));
  *t = (Type){.kind = kind, .nmembers = n, .id = nshapes,
              .members = forever((size_t)(n + 1) * sizeof(Type *))};
  if (n)
    memcpy(t->members, types, (size_t)n * sizeof(Type *));
  if (names) {
    t->names = forever((size_t)(n + 1) * sizeof(char *));
    t->optional = forever((size_t)(n + 1) * sizeof(bool));
    for (int i = 0; i < n; i++) { /* names outlive the compilation's arena */
      char *copy = forever(strlen(names[i]) + 1);
      t->names[i] = strcpy(copy, names[i]);
      t->optional[i] = optional[i];
    }
  }
  shapes = grow_or_die(shapes, (size_t)(nshapes + 1) * sizeof(Type *));
  shapes[nshapes++] = t;
  return t;
}

Type *type_record(const char **names, Type **types, const bool *optional, int n) {
  const char **ns = grow_or_die(NULL, (size_t)(n + 1) * sizeof(char *));
  Type **ts = grow_or_die(NULL, (size_t)(n + 1) * sizeof(Type *));
  bool *os = grow_or_die(NULL, (size_t)(n + 1) * sizeof(bool));
  for (int i = 0; i < n; i++) { /* insertion sort: records are small */
    int k = i;
    for (; k > 0 && strcmp(ns[k - 1], names[i]) > 0; k--)
      ns[k] = ns[k - 1], ts[k] = ts[k - 1], os[k] = os[k - 1];
    ns[k] = names[i], ts[k] = types[i], os[k] = optional && optional[i];
  }
  Type *t = intern_shape(TY_RECORD, ns, ts, os, n);
  free(ns);
  free(ts);
  free(os);
  return t;
}

Type *type_named_record(const char *name) {
  Type *t = forever(sizeof(Type));
  char *copy = forever(strlen(name) + 1);
  *t = (Type){.kind = TY_RECORD, .id = nshapes, .text = strcpy(copy, name)};
  shapes = grow_or_die(shapes, (size_t)(nshapes + 1) * sizeof(Type *));
  shapes[nshapes++] = t; /* keeps ids unique; never matched (no names yet) */
  return t;
}

void type_fill_record(Type *named, const Type *shape) {
  named->members = shape->members;
  named->names = shape->names;
  named->optional = shape->optional;
  named->nmembers = shape->nmembers;
}

Type *type_tuple(Type **elems, int n) {
  return intern_shape(TY_TUPLE, NULL, elems, NULL, n);
}

int record_field(const Type *record, const char *name) {
  for (int i = 0; i < record->nmembers; i++)
    if (strcmp(record->names[i], name) == 0)
      return i;
  return -1;
}

/* Literal and distinct types, interned by kind, base and text. */
static Type **named;
static int nnamed;

static Type *intern_named(TypeKind kind, Type *base, const char *text) {
  for (int i = 0; i < nnamed; i++)
    if (named[i]->kind == kind && named[i]->elem == base &&
        strcmp(named[i]->text, text) == 0)
      return named[i];
  Type *t = forever(sizeof(Type));
  char *copy = forever(strlen(text) + 1);
  *t = (Type){.kind = kind, .elem = base, .text = strcpy(copy, text)};
  named = grow_or_die(named, (size_t)(nnamed + 1) * sizeof(Type *));
  named[nnamed++] = t;
  return t;
}

Type *type_literal(Type *base, const char *text) {
  return intern_named(TY_LITERAL, base, text);
}

Type *type_distinct(const char *name, Type *base) {
  return intern_named(TY_DISTINCT, base, name);
}

const Type *type_erased(const Type *t) {
  while (t->kind == TY_LITERAL || t->kind == TY_DISTINCT)
    t = t->elem;
  return t;
}

bool type_is_reference(const Type *t) {
  t = type_erased(t);
  switch (t->kind) {
  case TY_STRING: case TY_CLASS: case TY_FUNCTION: case TY_ARRAY:
  case TY_UNION: case TY_NULL: case TY_RECORD: case TY_TUPLE: case TY_ANY:
  case TY_SCOPE: case TY_TASK: case TY_CHANNEL:
    return true;
  default:
    return false;
  }
}

bool type_has_null(const Type *t) {
  return t->kind == TY_NULL ||
         (t->kind == TY_UNION && has_member(t->members, t->nmembers, type_basic(TY_NULL)));
}

Type *type_boxed_value(const Type *t) {
  if (t->kind != TY_UNION || t->nmembers != 2 || !type_has_null(t))
    return NULL;
  Type *value = t->members[0]->kind == TY_NULL ? t->members[1] : t->members[0];
  return type_is_reference(value) || value->kind == TY_ERROR ? NULL : value;
}

static int nsignatures; /* signatures interned so far (their ids) */

Type *type_function(Type **params, int nparams, Type *result) {
  Type key = {.kind = TY_FUNCTION, .params = params, .nparams = nparams,
              .result = result};
  Type *t = find_interned(&key);
  if (t)
    return t;
  t = forever(sizeof(Type));
  Type **copy = nparams ? forever(nparams * sizeof(Type *)) : NULL;
  if (nparams)
    memcpy(copy, params, nparams * sizeof(Type *));
  *t = (Type){.kind = TY_FUNCTION, .params = copy, .nparams = nparams,
              .result = result, .id = nsignatures++};
  add_interned(t);
  return t;
}

/* "{x: i32, y?: String}", "(i32, String)" */
static const char *shape_name(Arena *arena, const Type *t) {
  bool record = t->kind == TY_RECORD;
  StrBuf sb;
  strbuf_init(&sb, arena);
  strbuf_putc(&sb, record ? '{' : '(');
  for (int i = 0; i < t->nmembers; i++) {
    const char *m = type_name(arena, t->members[i]);
    if (i)
      strbuf_put(&sb, ", ", 2);
    if (record) {
      strbuf_put(&sb, t->names[i], strlen(t->names[i]));
      strbuf_put(&sb, t->optional[i] ? "?: " : ": ", t->optional[i] ? 3 : 2);
    }
    strbuf_put(&sb, m, strlen(m));
  }
  strbuf_putc(&sb, record ? '}' : ')');
  return sb.data;
}

const char *type_name(Arena *arena, const Type *t) {
  static const char *const names[] = {
      [TY_ERROR] = "<error>", [TY_VOID] = "void",   [TY_NEVER] = "never",
      [TY_NULL] = "null",     [TY_BOOLEAN] = "boolean", [TY_I32] = "i32",
      [TY_U32] = "u32",       [TY_I64] = "i64",     [TY_F32] = "f32",
      [TY_F64] = "f64",       [TY_STRING] = "String", [TY_ANY] = "any",
      [TY_SCOPE] = "Scope",
  };
  if (t->kind == TY_CLASS)
    return t->cls->display ? t->cls->display : t->cls->name;
  if (t->kind == TY_PARAM)
    return t->name;
  if (t->kind == TY_ENUM)
    return t->en->name;
  if (t->kind == TY_DISTINCT || (t->kind == TY_RECORD && t->text))
    return t->text;
  if (t->kind == TY_LITERAL)
    return t->elem->kind == TY_STRING ? arena_printf(arena, "\"%s\"", t->text)
                                      : t->text;
  if (t->kind == TY_RECORD || t->kind == TY_TUPLE)
    return shape_name(arena, t);
  if (t->kind == TY_ARRAY)
    return arena_printf(arena, "FixedArray<%s>", type_name(arena, t->elem));
  if (t->kind == TY_TASK || t->kind == TY_CHANNEL)
    return arena_printf(arena, "%s<%s>", t->kind == TY_TASK ? "Task" : "Channel",
                        type_name(arena, t->elem));
  if (t->kind == TY_UNION) {
    StrBuf sb;
    strbuf_init(&sb, arena);
    for (int i = 0; i < t->nmembers; i++) {
      const char *m = type_name(arena, t->members[i]);
      if (i)
        strbuf_put(&sb, " | ", 3);
      strbuf_put(&sb, m, strlen(m));
    }
    return sb.data;
  }
  if (t->kind != TY_FUNCTION)
    return names[t->kind];
  StrBuf sb;
  strbuf_init(&sb, arena);
  strbuf_putc(&sb, '(');
  for (int i = 0; i < t->nparams; i++) {
    const char *p = type_name(arena, t->params[i]);
    if (i)
      strbuf_put(&sb, ", ", 2);
    strbuf_put(&sb, p, strlen(p));
  }
  strbuf_put(&sb, ") => ", 5);
  const char *r = type_name(arena, t->result);
  strbuf_put(&sb, r, strlen(r));
  return sb.data;
}

bool type_is_integer(const Type *t) {
  return t->kind == TY_I32 || t->kind == TY_U32 || t->kind == TY_I64;
}

bool type_is_numeric(const Type *t) {
  return type_is_integer(t) || t->kind == TY_F32 || t->kind == TY_F64;
}

/* Is cls iface, or does it (or a superclass, or an interface they extend)
 * implement it? */
bool class_implements(const ClassInfo *cls, const ClassInfo *iface) {
  for (; cls; cls = cls->super) {
    if (cls == iface)
      return true;
    for (int i = 0; i < cls->nifaces; i++)
      if (class_implements(cls->ifaces[i], iface))
        return true;
  }
  return false;
}

bool type_assignable(const Type *from, const Type *to) {
  if (from == to || from->kind == TY_ERROR || to->kind == TY_ERROR ||
      from->kind == TY_NEVER || (to->kind == TY_ANY && from->kind != TY_VOID))
    return true;
  if (from->kind == TY_UNION) { /* every alternative must fit */
    for (int i = 0; i < from->nmembers; i++)
      if (!type_assignable(from->members[i], to))
        return false;
    return true;
  }
  if (to->kind == TY_UNION) { /* some alternative must take it */
    for (int i = 0; i < to->nmembers; i++)
      if (type_assignable(from, to->members[i]))
        return true;
    return false;
  }
  if (from->kind == TY_LITERAL) /* 'a' is a String */
    return type_assignable(from->elem, to);
  if (from->kind == TY_CLASS && to->kind == TY_CLASS)
    return class_implements(from->cls, to->cls);
  return false;
}

/* Is raw a plain decimal of at most 18 digits (which cannot overflow)?
 * Then *bits is its value, read without strtoull. */
static bool is_short_decimal(const char *raw, unsigned long long *bits) {
  unsigned long long n = 0;
  int len = 0;
  for (; raw[len] >= '0' && raw[len] <= '9'; len++) {
    if (len == 18)
      return false;
    n = n * 10 + (unsigned)(raw[len] - '0');
  }
  if (len == 0 || raw[len])
    return false;
  *bits = n;
  return true;
}

NumberValue number_value(const char *raw) {
  NumberValue v = {0};
  int base = 10;
  const char *digits = raw;
  if (raw[0] == '0' && (raw[1] == 'x' || raw[1] == 'X'))
    base = 16, digits = raw + 2;
  else if (raw[0] == '0' && (raw[1] == 'b' || raw[1] == 'B'))
    base = 2, digits = raw + 2;
  else if (is_short_decimal(raw, &v.bits)) { /* most literals: 0, 1, 42 */
    v.value = (double)v.bits;
    return v;
  } else
    v.is_float = strpbrk(raw, ".eE") != NULL;
  if (v.is_float) {
    v.value = strtod(raw, NULL);
    return v;
  }
  errno = 0;
  v.bits = strtoull(digits, NULL, base);
  v.overflow = errno == ERANGE;
  v.value = (double)v.bits;
  return v;
}
