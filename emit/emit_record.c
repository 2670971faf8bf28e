/*
 * emit_record.c - records and tuples as Wasm GC structs.
 *
 * Each record or tuple shape the program uses is one struct type with
 * immutable fields: `$Record.N` (fields named as the record's, sorted) and
 * `$Tuple.N` (fields `$0`, `$1`, ...), N being the shape's interned id.  An
 * optional record field of a primitive type has a companion i32 field
 * `$name?` telling whether it was given (reference fields use null).
 */
#include "emit.h"

#include <string.h>

const char *shape_type_name(Emitter *e, const Type *t) {
  remember_type(e, &e->shapes, &e->nshapes, t);
  return arena_printf(e->arena, "%s.%d", t->kind == TY_RECORD ? "Record" : "Tuple",
                      t->id);
}

static const char *field_name(Emitter *e, const Type *t, int i) {
  return t->kind == TY_RECORD ? t->names[i] : arena_printf(e->arena, "%d", i);
}

/* Does optional field i of a record keep a "given" flag beside its value? */
static bool has_flag(const Type *t, int i) {
  return t->kind == TY_RECORD && t->optional[i] && !type_is_reference(t->members[i]);
}

void emit_shape_types(Emitter *e) {
  for (int k = 0; k < e->nshapes; k++) { /* the list may grow while we go */
    const Type *t = e->shapes[k];
    line(e, ";; %s", type_name(e->arena, t));
    start_line(e);
    tb_printf(e->out, "(type $%s (struct", shape_type_name(e, t));
    for (int i = 0; i < t->nmembers; i++) {
      tb_printf(e->out, " (field $%s %s)", field_name(e, t, i),
              storage_type(e, t->members[i]));
      if (has_flag(t, i))
        tb_printf(e->out, " (field $%s? i32)", t->names[i]);
    }
    tb_puts(e->out, "))\n");
  }
}

/* Writes the start of reading field i of a value of shape t; the caller
 * writes the value, then the text returned.  An optional reference field
 * reads as nullable. */
const char *open_shape_get(Emitter *e, const Type *t, int i) {
  bool non_null = !(t->kind == TY_RECORD && t->optional[i]) &&
                  needs_non_null(e, t->members[i]);
  tb_printf(e->out, "%s(struct.get $%s $%s ", non_null ? "(ref.as_non_null " : "",
          shape_type_name(e, t), field_name(e, t, i));
  return non_null ? "))" : ")";
}

/* `r.x`, `t[1]`: a field of a record or tuple.  Where a condition has
 * narrowed it (`if (r.x != null)`), the value is cast to the narrower type. */
void emit_shape_get(Emitter *e, Node *x) {
  Node *obj = x->kind == ND_IndexExpression ? x->IndexExpression.object
                                            : x->MemberExpression.object;
  int i = shape_slot(x);
  const Type *field = obj->type->members[i];
  bool narrowed = x->type != field && type_is_reference(x->type);
  if (narrowed)
    tb_printf(e->out, "(ref.cast %s (struct.get $%s $%s ", wasm_type(e, x->type),
            shape_type_name(e, obj->type), field_name(e, obj->type, i));
  const char *close = narrowed ? "))" : open_shape_get(e, obj->type, i);
  emit_expr(e, obj);
  tb_puts(e->out, close);
}

/* The field a record member or tuple index expression reads. */
int shape_slot(const Node *x) {
  if (x->kind == ND_IndexExpression)
    return tuple_slot(x->IndexExpression.index);
  return record_field(type_without_null(x->MemberExpression.object->type),
                      x->MemberExpression.property->Identifier.name);
}

/* Where field f of a record literal's value comes from: property `prop`
 * (a value, or a spread record's field `from`), or nowhere (-1). */
typedef struct {
  int prop;  /* index of the property, or -1 when the field is left out */
  int from;  /* for a spread: the field of the spread record */
} FieldSource;

static FieldSource field_source(const Node *x, const char *name) {
  NodeList *props = x->RecordLiteral.properties;
  FieldSource src = {-1, -1};
  for (int k = 0; k < props->len; k++) { /* the last one wins */
    const Node *p = props->items[k];
    if (p->kind == ND_SpreadElement) {
      int f = record_field(p->SpreadElement.argument->type, name);
      if (f >= 0)
        src = (FieldSource){k, f};
    } else if (strcmp(p->PropertyAssignment.name->Identifier.name, name) == 0) {
      src = (FieldSource){k, -1};
    }
  }
  return src;
}

/* Are the fields given once each, by plain properties in field order (so
 * the values can go straight into struct.new)? */
static bool in_field_order(const Node *x, const Type *t) {
  NodeList *props = x->RecordLiteral.properties;
  int next = 0;
  for (int f = 0; f < t->nmembers; f++) {
    FieldSource src = field_source(x, t->names[f]);
    if (src.prop < 0)
      continue;
    if (src.prop != next || src.from >= 0)
      return false;
    next++;
  }
  return next == props->len;
}

/* `{x: 1, ...r}`: property values are evaluated in source order (into
 * scratch locals unless they are already in field order), then the struct
 * is built. */
void emit_record_literal(Emitter *e, Node *x) {
  const Type *t = x->type;
  NodeList *props = x->RecordLiteral.properties;
  bool direct = in_field_order(x, t);
  const char **temps = arena_alloc(e->arena, (props->len + 1) * sizeof(char *));
  if (!direct) {
    tb_printf(e->out, "(block (result %s)", wasm_type(e, t));
    for (int k = 0; k < props->len; k++) {
      Node *p = props->items[k];
      Node *v = p->kind == ND_SpreadElement ? p->SpreadElement.argument
                                            : p->PropertyAssignment.value;
      temps[k] = new_temp(e, wasm_type(e, v->type));
      tb_printf(e->out, " (local.set $%s ", temps[k]);
      emit_expr(e, v);
      tb_putc(e->out, ')');
    }
    tb_putc(e->out, ' ');
  }
  tb_printf(e->out, "(struct.new $%s", shape_type_name(e, t));
  for (int f = 0; f < t->nmembers; f++) {
    FieldSource src = field_source(x, t->names[f]);
    tb_putc(e->out, ' ');
    if (src.prop < 0)
      tb_puts(e->out, zero_value(t->members[f]));
    else if (direct)
      emit_expr(e, props->items[src.prop]->PropertyAssignment.value);
    else if (src.from < 0)
      tb_printf(e->out, "(local.get $%s)", temps[src.prop]);
    else
      tb_printf(e->out, "(struct.get $%s $%s (local.get $%s))",
              shape_type_name(e, props->items[src.prop]->SpreadElement.argument->type),
              t->names[f], temps[src.prop]);
    if (has_flag(t, f))
      tb_printf(e->out, " (i32.const %d)", src.prop >= 0);
  }
  tb_puts(e->out, direct ? ")" : "))");
}

void emit_tuple_literal(Emitter *e, Node *x) {
  NodeList *elems = x->TupleLiteral.elements;
  tb_printf(e->out, "(struct.new $%s", shape_type_name(e, x->type));
  for (int i = 0; i < elems->len; i++) {
    tb_putc(e->out, ' ');
    emit_expr(e, elems->items[i]);
  }
  tb_putc(e->out, ')');
}
