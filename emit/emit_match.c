/*
 * emit_match.c - match expressions.
 *
 *   (block $match (result T)
 *     (local.set $tmp0 DISCRIMINANT)
 *     (block $case1        ;; each case: tests that branch out on failure,
 *       ...tests, bindings, guard...
 *       (br $match BODY))  ;; then the body's value leaves the match
 *     ...
 *     (unreachable))       ;; no case matched
 *
 * A pattern always looks at a value held in a local, so nested patterns
 * can test and read it as often as they need.
 */
#include "emit.h"

#include <string.h>

/* `(br_if $fail (i32.eqz TEST))` where TEST compares local `value` with a
 * literal or enum member pattern. */
static void emit_equality_test(Emitter *e, Node *pat, const char *value,
                               const char *fail) {
  start_line(e);
  tb_printf(e->out, "(br_if $%s (i32.eqz ", fail);
  const Type *t = pat->type;
  if (pat->kind == ND_NullLiteral) {
    tb_printf(e->out, "(ref.is_null (local.get $%s))", value);
  } else if (t->kind == TY_STRING ||
             (t->kind == TY_ENUM && t->en->backing->kind == TY_STRING)) {
    e->needs[RT_STRING] = true;
    tb_printf(e->out, "(call $zena_string_eq (local.get $%s) ", value);
    emit_expr(e, pat);
    tb_putc(e->out, ')');
  } else {
    const char *wt = wasm_type(e, t);
    tb_printf(e->out, "(%s.eq (local.get $%s) ", wt, value);
    emit_expr(e, pat);
    tb_putc(e->out, ')');
  }
  tb_puts(e->out, "))\n");
}

static void emit_pattern(Emitter *e, Node *pat, const char *value, const Type *type,
                         const char *fail);

/* `C {f: p, g}`: test the class, cast, then match each field. */
static void emit_class_pattern(Emitter *e, Node *pat, const char *value,
                               const char *fail) {
  const char *ref = wasm_type(e, pat->type); /* (ref $C) */
  line(e, "(br_if $%s (i32.eqz (ref.test %s (local.get $%s))))", fail, ref, value);
  const char *obj = new_temp(e, ref);
  line(e, "(local.set $%s (ref.cast %s (local.get $%s)))", obj, ref, value);
  NodeList *props = pat->ClassPattern.properties;
  for (int i = 0; i < props->len; i++) {
    Node *prop = props->items[i];
    const char *field = prop->BindingProperty.name->Identifier.name;
    const char *slot = new_temp(e, wasm_type(e, prop->type));
    bool non_null = needs_non_null(e, prop->type);
    line(e, "(local.set $%s %s(struct.get $%s $%s (local.get $%s))%s)", slot,
         non_null ? "(ref.as_non_null " : "", pat->type->cls->name, field, obj,
         non_null ? ")" : "");
    emit_pattern(e, prop->BindingProperty.value, slot, prop->type, fail);
  }
}

/* `{x: p}` / `(p, q)`: each field or element into a scratch local, then
 * its pattern.  A tuple pattern on a union of tuples (type) first tests
 * and casts the value to the alternative it picked. */
static void emit_shape_pattern(Emitter *e, Node *pat, const char *value, const Type *type,
                               const char *fail) {
  bool record = pat->kind == ND_RecordPattern;
  NodeList *parts = record ? pat->RecordPattern.properties : pat->TuplePattern.elements;
  if (type->kind == TY_UNION && type != pat->type) {
    const char *shape = wasm_type(e, pat->type);
    const char *cast = new_temp(e, shape);
    line(e, "(br_if $%s (i32.eqz (ref.test %s (local.get $%s))))", fail, shape, value);
    line(e, "(local.set $%s (ref.cast %s (local.get $%s)))", cast, shape, value);
    value = cast;
  }
  for (int i = 0; i < parts->len; i++) {
    Node *part = parts->items[i];
    Node *sub = record ? part->BindingProperty.value : part;
    int f = record ? record_field(pat->type, part->BindingProperty.name->Identifier.name)
                   : i;
    const char *slot = new_temp(e, wasm_type(e, pat->type->members[f]));
    start_line(e);
    tb_printf(e->out, "(local.set $%s ", slot);
    const char *close = open_shape_get(e, pat->type, f);
    tb_printf(e->out, "(local.get $%s)%s)\n", value, close);
    emit_pattern(e, sub, slot, pat->type->members[f], fail);
  }
}

/* Code that branches to `fail` unless the value in local `value` (of
 * type `type`) matches, binding the pattern's names on the way. */
static void emit_pattern(Emitter *e, Node *pat, const char *value, const Type *type,
                         const char *fail) {
  switch (pat->kind) {
  case ND_Identifier:
    if (pat->sym && pat->sym->kind == SYM_CLASS)
      line(e, "(br_if $%s (i32.eqz (ref.test %s (local.get $%s))))", fail,
           wasm_type(e, pat->type), value);
    else if (pat->sym) /* `_` binds nothing */
      line(e, "(local.set $%s (local.get $%s))", pat->sym->wasm_name, value);
    break;
  case ND_AsPattern:
    emit_pattern(e, pat->AsPattern.pattern, value, type, fail);
    if (pat->AsPattern.name->sym && pat->AsPattern.name->sym->type != pat->type)
      line(e, "(local.set $%s (ref.cast %s (local.get $%s)))", /* narrowed */
           pat->AsPattern.name->sym->wasm_name,
           wasm_type(e, pat->AsPattern.name->sym->type), value);
    else if (pat->AsPattern.name->sym)
      line(e, "(local.set $%s (local.get $%s))", pat->AsPattern.name->sym->wasm_name,
           value);
    break;
  case ND_ClassPattern:
    emit_class_pattern(e, pat, value, fail);
    break;
  case ND_RecordPattern:
  case ND_TuplePattern:
    emit_shape_pattern(e, pat, value, type, fail);
    break;
  case ND_LogicalPattern:
    if (strcmp(pat->LogicalPattern.op, "&&") == 0) {
      emit_pattern(e, pat->LogicalPattern.left, value, type, fail);
      emit_pattern(e, pat->LogicalPattern.right, value, type, fail);
    } else { /* try the left; if it fails, the right decides */
      const char *matched = arena_printf(e->arena, "either%d", ++e->labels);
      const char *left_failed = arena_printf(e->arena, "left%d", e->labels);
      open_line(e, "(block $%s", matched);
      open_line(e, "(block $%s", left_failed);
      emit_pattern(e, pat->LogicalPattern.left, value, type, left_failed);
      line(e, "(br $%s)", matched);
      close_line(e);
      emit_pattern(e, pat->LogicalPattern.right, value, type, fail);
      close_line(e);
    }
    break;
  default: /* literals and enum members */
    emit_equality_test(e, pat, value, fail);
  }
}

/* `let PATTERN = value` as an if/while condition: branches to `fail`
 * unless the value matches, binding its names (in the enclosing block, so
 * that they are set wherever the body reads them). */
void emit_let_test(Emitter *e, Node *cond, const char *fail) {
  Node *init = cond->LetPatternCondition.init;
  const char *subject = new_temp(e, wasm_type(e, init->type));
  start_line(e);
  tb_printf(e->out, "(local.set $%s ", subject);
  emit_expr(e, init);
  tb_puts(e->out, ")\n");
  emit_pattern(e, cond->LetPatternCondition.pattern, subject, init->type, fail);
}

void emit_match(Emitter *e, Node *m, bool value) {
  Node *discriminant = m->MatchExpression.discriminant;
  const char *result = value ? wasm_type(e, m->type) : NULL;
  const char *end = arena_printf(e->arena, "match%d", ++e->labels);
  const char *subject = new_temp(e, wasm_type(e, discriminant->type));
  tb_printf(e->out, "(block $%s", end);
  if (result)
    tb_printf(e->out, " (result %s)", result);
  tb_putc(e->out, '\n');
  e->depth++;
  start_line(e);
  tb_printf(e->out, "(local.set $%s ", subject);
  emit_expr(e, discriminant);
  tb_puts(e->out, ")\n");
  NodeList *cases = m->MatchExpression.cases;
  for (int i = 0; i < cases->len; i++) {
    Node *mc = cases->items[i];
    const char *next = arena_printf(e->arena, "case%d", ++e->labels);
    where_line(e, mc);
    open_line(e, "(block $%s", next);
    emit_pattern(e, mc->MatchCase.pattern, subject, discriminant->type, next);
    if (mc->MatchCase.guard) {
      start_line(e);
      tb_printf(e->out, "(br_if $%s (i32.eqz ", next);
      emit_expr(e, mc->MatchCase.guard);
      tb_puts(e->out, "))\n");
    }
    start_line(e);
    tb_printf(e->out, "(br $%s ", end);
    emit_branch(e, mc->MatchCase.body, result != NULL);
    tb_puts(e->out, ")\n");
    close_line(e);
  }
  line(e, "(unreachable) ;; no case matched");
  e->depth--;
  start_line(e);
  tb_putc(e->out, ')');
}
