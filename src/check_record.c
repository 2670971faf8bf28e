/*
 * check_record.c - records ({x: 1, y: 'a'}) and tuples ((1, 'a')).
 *
 * Both are immutable and structural: their types are interned shapes
 * (types.c), so two records with the same fields have the same type.  A
 * record literal written where a record type is expected is built in that
 * type's shape (leaving out its optional fields is fine); otherwise its type
 * is the shape of what it says.  There is no width subtyping: a record with
 * more fields is not a record with fewer (they are different Wasm structs).
 */
#include "checker.h"

#include <string.h>

/* `{x: i32, y?: String}` */
Type *resolve_record_type(Checker *c, Node *ann) {
  NodeList *props = ann->RecordTypeAnnotation.properties;
  int n = props->len;
  const char **names = arena_alloc(c->arena, (n + 1) * sizeof(char *));
  Type **types = arena_alloc(c->arena, (n + 1) * sizeof(Type *));
  bool *optional = arena_alloc(c->arena, n + 1);
  for (int i = 0; i < n; i++) {
    Node *p = props->items[i];
    names[i] = p->PropertySignature.name->Identifier.name;
    types[i] = resolve_type(c, p->PropertySignature.typeAnnotation);
    optional[i] = p->PropertySignature.optional;
    for (int k = 0; k < i; k++)
      if (strcmp(names[k], names[i]) == 0) {
        diag_error(c->diag, p->loc, "Duplicate property '%s'", names[i]);
        return type_basic(TY_ERROR);
      }
  }
  return type_record(names, types, optional, n);
}

/* `(i32, String)`; `inline (i32, i32)` (a multi-value result upstream) is
 * an ordinary tuple here.  An element `_` is a hole, never until
 * fill_tuple_holes gives it a type. */
Type *resolve_tuple_type(Checker *c, Node *ann) {
  NodeList *elems = ann->kind == ND_TupleTypeAnnotation
                        ? ann->TupleTypeAnnotation.elementTypes
                        : ann->InlineTupleTypeAnnotation.elementTypes;
  Type **types = arena_alloc(c->arena, (elems->len + 1) * sizeof(Type *));
  for (int i = 0; i < elems->len; i++) {
    Node *e = elems->items[i];
    bool hole = e->kind == ND_TypeAnnotation && strcmp(e->TypeAnnotation.name, "_") == 0 &&
                !e->TypeAnnotation.typeArguments;
    types[i] = hole ? type_basic(TY_NEVER) : resolve_type(c, e);
  }
  return type_tuple(types, elems->len);
}

/* The holes of the tuples among a union's n members take their type from
 * another tuple of the same length, at the same place: `(true, i32) |
 * (false, _)` is `(true, i32) | (false, i32)`, the hole holding a zero (a
 * null for a reference).  A hole with nothing to take a type from holds an
 * i32 zero. */
void fill_tuple_holes(Checker *c, Type **members, int n) {
  for (int k = 0; k < n; k++) {
    Type *t = members[k];
    if (t->kind != TY_TUPLE)
      continue;
    Type **filled = NULL;
    for (int i = 0; i < t->nmembers; i++) {
      if (t->members[i]->kind != TY_NEVER)
        continue;
      Type *fill = type_basic(TY_I32);
      for (int o = 0; o < n; o++) {
        const Type *other = members[o];
        if (other->kind == TY_TUPLE && other->nmembers == t->nmembers &&
            other->members[i]->kind != TY_NEVER) {
          fill = other->members[i]->kind == TY_LITERAL ? other->members[i]->elem
                                                        : other->members[i];
          break;
        }
      }
      if (type_is_reference(fill) && !type_has_null(fill))
        fill = type_union((Type *[]){fill, type_basic(TY_NULL)}, 2);
      if (!filled) {
        filled = arena_alloc(c->arena, (t->nmembers + 1) * sizeof(Type *));
        for (int j = 0; j < t->nmembers; j++)
          filled[j] = t->members[j];
      }
      filled[i] = fill;
    }
    if (filled)
      members[k] = type_tuple(filled, t->nmembers);
  }
}

/* Does a tuple of type `tuple` fit elements (of a tuple literal or
 * pattern) as far as their literals tell: each literal where the tuple
 * has a literal type is that literal? */
static bool literals_fit(Checker *c, const Type *tuple, NodeList *elems) {
  if (tuple->kind != TY_TUPLE || tuple->nmembers != elems->len)
    return false;
  for (int i = 0; i < elems->len; i++) {
    const Node *x = elems->items[i];
    if (is_literal_value(x) && tuple->members[i]->kind == TY_LITERAL &&
        !type_assignable(literal_of(c, x), tuple->members[i]))
      return false;
  }
  return true;
}

/* The alternative of a union of tuples that elements (of a tuple literal
 * or pattern) stand for: the only one they fit, or NULL. */
Type *tuple_alternative(Checker *c, const Type *union_type, NodeList *elems) {
  Type *found = NULL;
  for (int i = 0; i < union_type->nmembers; i++)
    if (literals_fit(c, union_type->members[i], elems)) {
      if (found)
        return NULL; /* more than one */
      found = union_type->members[i];
    }
  return found;
}

/* `_` in a tuple literal: the hole of the tuple type t's element, which
 * holds its zero (or null; emit_code.c writes it for a name without a
 * symbol). */
static Type *check_hole(Checker *c, Node *x, Type *t) {
  if (type_is_reference(t) && !type_has_null(t)) {
    diag_error(c->diag, x->loc, "'_' (a hole) cannot stand for a value of %s",
               tname(c, t));
    return type_basic(TY_ERROR);
  }
  x->type = t;
  return t;
}

static bool is_hole(Checker *c, const Node *x) {
  return x->kind == ND_Identifier && strcmp(x->Identifier.name, "_") == 0 &&
         !lookup(c, "_");
}

/* The one alternative of `expected` of the given kind (`{x: i32} | null`
 * expects a record), or NULL. */
static Type *expected_shape(Type *expected, TypeKind kind) {
  if (!expected)
    return NULL;
  if (expected->kind == kind)
    return expected;
  Type *found = NULL;
  if (expected->kind == TY_UNION)
    for (int i = 0; i < expected->nmembers; i++)
      if (expected->members[i]->kind == kind) {
        if (found)
          return NULL; /* ambiguous */
        found = expected->members[i];
      }
  return found;
}

static const char *property_name(const Node *p) {
  return p->PropertyAssignment.name->Identifier.name;
}

/* A record literal in the shape of `want`: every field it gives must be one
 * of want's, of its type; the required ones must all be given. */
static Type *check_record_as(Checker *c, Node *e, Type *want) {
  NodeList *props = e->RecordLiteral.properties;
  bool *given = arena_alloc(c->arena, want->nmembers + 1);
  for (int i = 0; i < props->len; i++) {
    Node *p = props->items[i];
    if (p->kind == ND_SpreadElement) {
      Type *t = check_expr(c, p->SpreadElement.argument, NULL);
      if (t->kind == TY_ERROR)
        continue;
      if (t->kind != TY_RECORD) {
        diag_error(c->diag, p->loc, "Only records can be spread into a record, not %s",
                   tname(c, t));
        continue;
      }
      for (int k = 0; k < t->nmembers; k++) {
        if (t->optional[k]) {
          unsupported(c, p, "spreading a record with optional fields");
          continue;
        }
        int f = record_field(want, t->names[k]);
        if (f >= 0 && expect_type(c, p, t->members[k], want->members[f]))
          given[f] = true;
      }
      continue;
    }
    int f = record_field(want, property_name(p));
    Type *t = check_expr(c, p->PropertyAssignment.value, f >= 0 ? want->members[f] : NULL);
    if (f < 0) {
      diag_error(c->diag, p->loc, "Type mismatch: property '%s' does not exist in %s",
                 property_name(p), tname(c, want));
      continue;
    }
    expect_type(c, p->PropertyAssignment.value, t, want->members[f]);
    given[f] = true;
  }
  for (int f = 0; f < want->nmembers; f++)
    if (!given[f] && !want->optional[f])
      diag_error(c->diag, e->loc, "Type mismatch: property '%s' is missing for %s",
                 want->names[f], tname(c, want));
  return want;
}

/* `{x: 1, ...r, y}`: with no record expected, the shape of what it says
 * (a later field of the same name wins). */
Type *check_record_literal(Checker *c, Node *e, Type *expected) {
  Type *want = expected_shape(expected, TY_RECORD);
  if (want)
    return check_record_as(c, e, want);
  NodeList *props = e->RecordLiteral.properties;
  const char **names = NULL;
  Type **types = NULL;
  int n = 0;
  for (int i = 0; i < props->len; i++) {
    Node *p = props->items[i];
    bool spread = p->kind == ND_SpreadElement;
    Type *t = check_expr(c, spread ? p->SpreadElement.argument
                                   : p->PropertyAssignment.value, NULL);
    if (spread && t->kind != TY_RECORD) {
      if (t->kind != TY_ERROR)
        diag_error(c->diag, p->loc, "Only records can be spread into a record, not %s",
                   tname(c, t));
      continue;
    }
    for (int k = 0; k < (spread ? t->nmembers : 1); k++) {
      const char *name = spread ? t->names[k] : property_name(p);
      Type *ft = spread ? t->members[k] : t;
      if (spread && t->optional[k]) {
        unsupported(c, p, "spreading a record with optional fields");
        continue;
      }
      int f = 0;
      while (f < n && strcmp(names[f], name) != 0)
        f++;
      if (f == n) {
        names = arena_grow(c->arena, names, n, sizeof(char *));
        types = arena_grow(c->arena, types, n, sizeof(Type *));
        names[n++] = name;
      }
      if (ft->kind == TY_VOID || ft->kind == TY_NULL) {
        diag_error(c->diag, p->loc, "Cannot infer a type for property '%s' from %s",
                   name, tname(c, ft));
        ft = type_basic(TY_ERROR);
      }
      types[f] = ft;
    }
  }
  return type_record(names, types, NULL, n);
}

/* `(a, b)`: in the shape expected (the alternative of a union of tuples
 * its literals pick), or of its elements. */
Type *check_tuple_literal(Checker *c, Node *e, Type *expected) {
  NodeList *elems = e->TupleLiteral.elements;
  Type *want = expected && expected->kind == TY_UNION ? tuple_alternative(c, expected, elems)
                                                      : NULL;
  if (!want)
    want = expected_shape(expected, TY_TUPLE);
  if (want && want->nmembers != elems->len)
    want = NULL; /* the mismatch is reported by the caller */
  Type **types = arena_alloc(c->arena, (elems->len + 1) * sizeof(Type *));
  for (int i = 0; i < elems->len; i++) {
    Node *x = elems->items[i];
    if (want && is_hole(c, x)) {
      types[i] = check_hole(c, x, want->members[i]);
      continue;
    }
    types[i] = check_expr(c, x, want ? want->members[i] : NULL);
    if (want && expect_type(c, x, types[i], want->members[i]))
      types[i] = want->members[i];
    else if (!want && (types[i]->kind == TY_VOID || types[i]->kind == TY_NULL)) {
      diag_error(c->diag, x->loc, "Cannot infer a type for a tuple element from %s",
                 tname(c, types[i]));
      types[i] = type_basic(TY_ERROR);
    }
  }
  return want ? want : type_tuple(types, elems->len);
}

/* `r.x` on record type t.  An optional field reads as `T | null`; one of a
 * primitive type can only be read by destructuring it with a default. */
Type *check_record_member(Checker *c, Node *e, Type *t) {
  Node *name = e->MemberExpression.property;
  int f = record_field(t, name->Identifier.name);
  if (f < 0) {
    diag_error(c->diag, name->loc, "Property '%s' does not exist on type '%s'",
               name->Identifier.name, tname(c, t));
    return type_basic(TY_ERROR);
  }
  Type *ft = t->members[f];
  Type *narrowed = narrowed_path(c, e); /* `if (r.x != null) r.x...` */
  if (narrowed)
    return narrowed;
  if (!t->optional[f])
    return ft;
  if (!type_is_reference(ft)) {
    diag_error(c->diag, e->loc,
               "Optional property '%s' of type %s can only be read by "
               "destructuring it with a default", t->names[f], tname(c, ft));
    return type_basic(TY_ERROR);
  }
  return type_union((Type *[]){ft, type_basic(TY_NULL)}, 2);
}

/* A tuple index: a number literal, or a `let` initialised with one. */
static bool known_index(const Node *x, long long *value) {
  if (x->kind == ND_NumberLiteral) {
    NumberValue v = number_value(x->NumberLiteral.raw);
    *value = (long long)v.bits;
    return !v.is_float;
  }
  const Symbol *sym = x->kind == ND_Identifier ? x->sym : NULL;
  if (!sym || sym->is_var || sym->narrowed_from ||
      (sym->kind != SYM_LOCAL && sym->kind != SYM_GLOBAL) ||
      sym->decl->kind != ND_VariableDeclaration ||
      sym->decl->VariableDeclaration.pattern->kind != ND_Identifier)
    return false;
  return known_index(sym->decl->VariableDeclaration.init, value);
}

/* `t[0]` on tuple type t: the index is known when the program is compiled
 * (the emitter asks tuple_slot for it). */
Type *check_tuple_index(Checker *c, Node *e, Type *t) {
  long long i;
  Node *index = e->IndexExpression.index;
  if (!known_index(index, &i)) {
    diag_error(c->diag, index->loc, "Tuple index must be a compile-time known value");
    return type_basic(TY_ERROR);
  }
  if (i < 0 || i >= t->nmembers) {
    diag_error(c->diag, index->loc, "Tuple index %lld is out of bounds for %s", i,
               tname(c, t));
    return type_basic(TY_ERROR);
  }
  Type *narrowed = narrowed_path(c, e); /* `if (t[0] != null) t[0]...` */
  return narrowed ? narrowed : t->members[i];
}

/* The element a checked tuple index reads. */
int tuple_slot(const Node *index) {
  long long i = 0;
  known_index(index, &i);
  return (int)i;
}
