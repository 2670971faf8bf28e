/*
 * types.c - the checker's types.
 *
 * Basic types are singletons and function types are interned, so two types
 * are equal exactly when their pointers are.  The emitter relies on this to
 * declare one Wasm type per signature.
 */
#include "zena.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static Type basics[] = {
    {.kind = TY_ERROR}, {.kind = TY_VOID}, {.kind = TY_NEVER},
    {.kind = TY_NULL},  {.kind = TY_BOOLEAN}, {.kind = TY_I32},
    {.kind = TY_U32},   {.kind = TY_I64}, {.kind = TY_F32},
    {.kind = TY_F64},   {.kind = TY_STRING}, {.kind = TY_ANY},
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

/* Interned array types, like signatures below, live for the whole process. */
static Type **arrays;
static int narrays;

static void *grow_or_die(void *p, size_t size) {
  p = realloc(p, size);
  if (!p) {
    fputs("zena2wat: out of memory\n", stderr);
    exit(2);
  }
  return p;
}

Type *type_array(Type *elem) {
  for (int i = 0; i < narrays; i++)
    if (arrays[i]->elem == elem)
      return arrays[i];
  Type *t = grow_or_die(NULL, sizeof(Type));
  *t = (Type){.kind = TY_ARRAY, .elem = elem};
  arrays = grow_or_die(arrays, (narrays + 1) * sizeof(Type *));
  arrays[narrays++] = t;
  return t;
}

static Type **unions;
static int nunions;

static bool has_member(Type *const *members, int n, const Type *t) {
  for (int i = 0; i < n; i++)
    if (members[i] == t)
      return true;
  return false;
}

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
  for (int i = 0; i < nunions; i++) {
    Type *u = unions[i];
    bool same = u->nmembers == nflat;
    for (int k = 0; same && k < nflat; k++)
      same = has_member(u->members, u->nmembers, flat[k]);
    if (same) {
      free(flat);
      return u;
    }
  }
  Type *u = grow_or_die(NULL, sizeof(Type));
  *u = (Type){.kind = TY_UNION, .members = flat, .nmembers = nflat};
  unions = grow_or_die(unions, (nunions + 1) * sizeof(Type *));
  unions[nunions++] = u;
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

bool type_is_reference(const Type *t) {
  switch (t->kind) {
  case TY_STRING: case TY_CLASS: case TY_FUNCTION: case TY_ARRAY:
  case TY_UNION: case TY_NULL: case TY_ANY:
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

/* Interned signatures live for the whole process (they are few). */
static Type **signatures;
static int nsignatures;

Type *type_function(Type **params, int nparams, Type *result) {
  for (int i = 0; i < nsignatures; i++) {
    Type *t = signatures[i];
    if (t->nparams == nparams && t->result == result &&
        (nparams == 0 || memcmp(t->params, params, nparams * sizeof(Type *)) == 0))
      return t;
  }
  Type *t = grow_or_die(NULL, sizeof(Type));
  Type **copy = nparams ? grow_or_die(NULL, nparams * sizeof(Type *)) : NULL;
  Type **grown = grow_or_die(signatures, (nsignatures + 1) * sizeof(Type *));
  if (nparams)
    memcpy(copy, params, nparams * sizeof(Type *));
  *t = (Type){.kind = TY_FUNCTION, .params = copy, .nparams = nparams,
              .result = result, .id = nsignatures};
  signatures = grown;
  signatures[nsignatures++] = t;
  return t;
}

const char *type_name(Arena *arena, const Type *t) {
  static const char *const names[] = {
      [TY_ERROR] = "<error>", [TY_VOID] = "void",   [TY_NEVER] = "never",
      [TY_NULL] = "null",     [TY_BOOLEAN] = "boolean", [TY_I32] = "i32",
      [TY_U32] = "u32",       [TY_I64] = "i64",     [TY_F32] = "f32",
      [TY_F64] = "f64",       [TY_STRING] = "String", [TY_ANY] = "any",
  };
  if (t->kind == TY_CLASS)
    return t->cls->display ? t->cls->display : t->cls->name;
  if (t->kind == TY_PARAM)
    return t->name;
  if (t->kind == TY_ENUM)
    return t->en->name;
  if (t->kind == TY_ARRAY)
    return arena_printf(arena, "FixedArray<%s>", type_name(arena, t->elem));
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
  if (from->kind == TY_CLASS && to->kind == TY_CLASS)
    return class_implements(from->cls, to->cls);
  return false;
}

NumberValue number_value(const char *raw) {
  NumberValue v = {0};
  int base = 10;
  const char *digits = raw;
  if (raw[0] == '0' && (raw[1] == 'x' || raw[1] == 'X'))
    base = 16, digits = raw + 2;
  else if (raw[0] == '0' && (raw[1] == 'b' || raw[1] == 'B'))
    base = 2, digits = raw + 2;
  else
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
