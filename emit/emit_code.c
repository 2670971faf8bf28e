/*
 * emit_code.c - statements and expressions as WAT.
 *
 * Statements are written one per line, with a `;; file:line` comment.
 * Expressions are written in folded form, `(i32.add (local.get $a)
 * (i32.const 1))`, on the line of the statement that uses them.
 */
#include "emit.h"

#include <string.h>

void put(Emitter *e, const char *s) { tb_puts(e->out, s); }

void put_named(Emitter *e, const char *before, const char *name, const char *after) {
  tb_puts(e->out, before);
  tb_puts(e->out, name);
  tb_puts(e->out, after);
}

const char *new_label(Emitter *e, const char *what) {
  return arena_printf(e->arena, "%s%d", what, ++e->labels);
}

/* ---- literals ---- */

static void emit_number(Emitter *e, const Node *lit, bool negate, const Type *t) {
  NumberValue v = number_value(lit->NumberLiteral.raw);
  const char *sign = negate ? "-" : "";
  switch (t->kind) {
  case TY_F32: case TY_F64:
    tb_printf(e->out, "(%s.const %s%.17g)", wasm_type(e, t), sign, v.value);
    break;
  default: /* one per integer literal: written without tb_printf */
    tb_putc(e->out, '(');
    tb_puts(e->out, wasm_type(e, t));
    tb_puts(e->out, negate ? ".const -" : ".const ");
    tb_put_uint(e->out, v.bits);
    tb_putc(e->out, ')');
  }
}

/* A string literal: its bytes go to a data segment, read into a new array. */
static void emit_string(Emitter *e, const char *text) {
  int id = e->nstrings++;
  size_t len = strlen(text);
  char *seg = arena_printf(e->arena, "  (data $str%d \"", id);
  strbuf_put(&e->data, seg, strlen(seg));
  for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
    if (*p >= 0x20 && *p < 0x7f && *p != '"' && *p != '\\')
      strbuf_putc(&e->data, (char)*p);
    else {
      char hex[4];
      snprintf(hex, sizeof hex, "\\%02x", *p);
      strbuf_put(&e->data, hex, 3);
    }
  }
  strbuf_put(&e->data, "\")\n", 3);
  tb_printf(e->out, "(array.new_data $String $str%d (i32.const 0) (i32.const %zu))",
          id, len);
}

void emit_location(Emitter *e, Loc at) {
  LineCol pos = loc_start(e->prog->diag, at);
  emit_string(e, arena_printf(e->arena, "%s:%d:%d", diag_file(e->prog->diag, at.file)->path,
                              pos.line, pos.column));
}

/* Any printable value as a String (templates, console). */
static void emit_as_string(Emitter *e, Node *x) {
  const char *fn = NULL;
  const Type *t = x->type->kind == TY_ENUM ? x->type->en->backing
                                           : type_erased(x->type);
  switch (t->kind) {
  case TY_STRING: emit_expr(e, x); return;
  case TY_I32: fn = "zena_i32_to_string"; break;
  case TY_U32: fn = "zena_u32_to_string"; break;
  case TY_I64: fn = "zena_i64_to_string"; break;
  case TY_BOOLEAN: fn = "zena_bool_to_string"; break;
  case TY_F32: case TY_F64: /* shortest digits that read back as this type */
    e->needs[RT_NUMBER_TEXT] = e->needs[RT_STRING] = true;
    put(e, "(call $zena_float_to_string ");
    if (t->kind == TY_F32)
      put(e, "(f64.promote_f32 ");
    emit_expr(e, x);
    tb_printf(e->out, "%s (i32.const %d))", t->kind == TY_F32 ? ")" : "",
            t->kind == TY_F32);
    return;
  default: fn = "zena_i32_to_string"; /* the checker allows nothing else */
  }
  e->needs[RT_NUMBER_TEXT] = e->needs[RT_STRING] = true; /* it concatenates */
  tb_printf(e->out, "(call $%s ", fn);
  emit_expr(e, x);
  put(e, ")");
}

/* One piece of a string built by concatenation: fixed text or a value. */
typedef struct {
  const char *text; /* literal text, or NULL */
  Node *value;      /* a value converted with emit_as_string, or NULL */
} Piece;

/* pieces[0] + pieces[1] + ... as nested left-to-right concatenations. */
static void emit_concat(Emitter *e, const Piece *pieces, int n) {
  if (n == 0) {
    emit_string(e, "");
    return;
  }
  if (n > 1) {
    e->needs[RT_STRING] = true;
    put(e, "(call $zena_string_concat ");
    emit_concat(e, pieces, n - 1);
    put(e, " ");
  }
  const Piece *last = &pieces[n - 1];
  if (last->text)
    emit_string(e, last->text);
  else
    emit_as_string(e, last->value);
  if (n > 1)
    put(e, ")");
}

/* `a${x}b` is "a" + String(x) + "b"; empty text parts are left out. */
static void emit_template(Emitter *e, Node *t) {
  NodeList *quasis = t->TemplateLiteral.quasis;
  NodeList *exprs = t->TemplateLiteral.expressions;
  Piece *pieces = arena_alloc(e->arena, (quasis->len + exprs->len) * sizeof(Piece));
  int n = 0;
  for (int i = 0; i < quasis->len; i++) {
    const char *text = quasis->items[i]->TemplateElement.cooked;
    if (*text)
      pieces[n++] = (Piece){.text = text};
    if (i < exprs->len)
      pieces[n++] = (Piece){.value = exprs->items[i]};
  }
  emit_concat(e, pieces, n);
}

/* ---- call targets ---- */

/* Does the call go to a known function or method, not a value (a closure)? */
bool is_direct_call(const Node *callee) {
  if (callee->kind == ND_Identifier)
    return callee->sym->kind == SYM_FUNCTION || callee->sym->kind == SYM_IMPORT;
  if (callee->kind == ND_MemberExpression)
    return callee->sym; /* not a field holding a function */
  return false;
}

/* The function a call goes to: a virtual method's dispatcher, or the
 * function itself. */
const char *method_target(Emitter *e, const Method *m) {
  if (m->root->is_virtual)
    return arena_printf(e->arena, "%s.%s.dispatch", m->root->owner->name, m->root->label);
  return m->fn->sym->wasm_name;
}

const char *call_target(Emitter *e, const Node *callee) {
  const Function *f = callee->sym->fn;
  bool via_super = callee->kind == ND_MemberExpression &&
                   callee->MemberExpression.object->kind == ND_SuperExpression;
  return f && f->method && !via_super ? method_target(e, f->method) : callee->sym->wasm_name;
}

/* ---- objects ---- */

/* Reads field `name` of obj (whose static type is a class). */
static void emit_field_get(Emitter *e, Node *obj, const char *name) {
  const Type *t = NULL;
  const ClassInfo *cls = obj->type->cls;
  for (int i = 0; i < cls->nfields; i++)
    if (strcmp(cls->fields[i].name, name) == 0)
      t = cls->fields[i].type;
  bool nullable = t && needs_non_null(e, t);
  if (nullable)
    put(e, "(ref.as_non_null ");
  tb_printf(e->out, "(struct.get $%s $%s ", cls->name, name);
  emit_expr(e, obj);
  put(e, nullable ? "))" : ")");
}

/* `Color.Red`: the member's constant. */
static void emit_enum_member(Emitter *e, const EnumInfo *en, const char *name) {
  int i = enum_member(en, name);
  if (en->backing->kind == TY_STRING)
    emit_string(e, en->values[i]->StringLiteral.value);
  else
    tb_printf(e->out, "(i32.const %lld)", en->numbers[i]);
}

/* Reads obj.name through its getter (an accessor or an abstract field;
 * the node's symbol is the setter when it is also assigned, as in +=). */
static void emit_getter_call(Emitter *e, Node *obj, const char *name,
                             const Symbol *sym) {
  const Method *get = obj->type->kind == TY_CLASS
                          ? find_method(obj->type->cls, arena_printf(e->arena, "%s.get", name))
                          : sym->fn->method; /* an extension's getter */
  tb_printf(e->out, "(call $%s ", method_target(e, get));
  emit_expr(e, obj);
  put(e, ")");
}

static void emit_member(Emitter *e, Node *m) {
  Node *obj = m->MemberExpression.object;
  const char *name = m->MemberExpression.property->Identifier.name;
  if (m->sym && m->sym->fn) {
    emit_getter_call(e, obj, name, m->sym);
    return;
  }
  if (obj->sym && obj->sym->kind == SYM_ENUM) {
    emit_enum_member(e, obj->sym->type->en, name);
    return;
  }
  if (obj->type->kind == TY_RECORD) {
    emit_shape_get(e, m);
    return;
  }
  if (obj->type->kind == TY_STRING || obj->type->kind == TY_ARRAY) { /* length */
    put(e, "(array.len ");
    emit_expr(e, obj);
    put(e, ")");
    return;
  }
  emit_field_get(e, obj, name);
}

/* `new C(...)`; with n->sym, a global that keeps the object made the first
 * time (a tagged template's strings, see check_tagged.c). */
static void emit_new(Emitter *e, Node *n) {
  if (n->sym) {
    tb_printf(e->out, "(block (result %s) (if (ref.is_null (global.get $%s)) (then "
            "(global.set $%s ", wasm_type(e, n->type), n->sym->wasm_name,
            n->sym->wasm_name);
    const Symbol *cache = n->sym;
    n->sym = NULL;
    emit_new(e, n);
    n->sym = (Symbol *)cache;
    tb_printf(e->out, "))) (ref.as_non_null (global.get $%s)))", cache->wasm_name);
    return;
  }
  if (n->type->kind == TY_CHANNEL) {
    emit_new_channel(e, n);
    return;
  }
  tb_printf(e->out, "(call $%s.new", n->type->cls->name);
  emit_call_args(e, n->type->cls->ctor, NULL, n->NewExpression.arguments, n);
  put(e, ")");
}

/* ---- operators ---- */

/* The Wasm instruction for `l op r` on operands of type t. */
const char *binary_instr(const char *op, const Type *t) {
  bool is_float = t->kind == TY_F32 || t->kind == TY_F64;
  bool is_unsigned = t->kind == TY_U32 || t->kind == TY_BOOLEAN;
  static const struct { const char *op, *i, *s, *u, *f; } table[] = {
      {"+", "add", NULL, NULL, "add"},   {"-", "sub", NULL, NULL, "sub"},
      {"*", "mul", NULL, NULL, "mul"},   {"/", NULL, "div_s", "div_u", "div"},
      {"%", NULL, "rem_s", "rem_u", NULL}, {"&", "and", NULL, NULL, NULL},
      {"|", "or", NULL, NULL, NULL},     {"^", "xor", NULL, NULL, NULL},
      {"<<", "shl", NULL, NULL, NULL},   {">>", NULL, "shr_s", "shr_u", NULL},
      {">>>", "shr_u", NULL, NULL, NULL}, {"==", "eq", NULL, NULL, "eq"},
      {"===", "eq", NULL, NULL, "eq"},   {"!=", "ne", NULL, NULL, "ne"},
      {"!==", "ne", NULL, NULL, "ne"},   {"<", NULL, "lt_s", "lt_u", "lt"},
      {">", NULL, "gt_s", "gt_u", "gt"}, {"<=", NULL, "le_s", "le_u", "le"},
      {">=", NULL, "ge_s", "ge_u", "ge"},
  };
  for (size_t k = 0; k < sizeof table / sizeof table[0]; k++) {
    if (op[0] != table[k].op[0] || strcmp(op, table[k].op) != 0)
      continue;
    if (is_float)
      return table[k].f;
    if (table[k].i)
      return table[k].i;
    return is_unsigned ? table[k].u : table[k].s;
  }
  return NULL;
}

/* `a == b` through the class's `operator ==` (negated for !=). */
static void emit_operator_call(Emitter *e, Node *x) {
  bool negate = x->BinaryExpression.op[0] == '!';
  tb_printf(e->out, "%s(call $%s ", negate ? "(i32.eqz " : "", call_target(e, x));
  emit_expr(e, x->BinaryExpression.left);
  put(e, " ");
  emit_expr(e, x->BinaryExpression.right);
  put(e, negate ? "))" : ")");
}

/* `a ?? b`: a if it is not null, else b. */
static void emit_nullish(Emitter *e, Node *x) {
  if (is_chain(x->BinaryExpression.left)) {
    emit_chain(e, x->BinaryExpression.left, x->BinaryExpression.right, x->type);
    return;
  }
  emit_default(e, x->BinaryExpression.left, x->BinaryExpression.right, x->type);
}

/* `==` / `!=` between references: identity, a case class's structural
 * equality, or a test against null. */
static void emit_ref_equality(Emitter *e, const char *op, Node *l, Node *r) {
  bool negate = op[0] == '!';
  if (negate)
    put(e, "(i32.eqz ");
  if (l->type == r->type && l->type->kind == TY_CLASS && l->type->cls->needs_equals) {
    tb_printf(e->out, "(call $%s.equals ", l->type->cls->name);
    emit_expr(e, l);
    put(e, " ");
    emit_expr(e, r);
  } else if (l->kind == ND_NullLiteral || r->kind == ND_NullLiteral) {
    put(e, "(ref.is_null ");
    emit_expr(e, l->kind == ND_NullLiteral ? r : l);
  } else {
    put(e, "(ref.eq ");
    emit_expr(e, l);
    put(e, " ");
    emit_expr(e, r);
  }
  put(e, negate ? "))" : ")");
}

static void emit_binary_parts(Emitter *e, const char *op, Node *l, Node *r) {
  const Type *t = l->type->kind == TY_ENUM ? l->type->en->backing
                                           : type_erased(l->type);
  if ((op[0] == '=' || op[0] == '!') && t->kind != TY_STRING &&
      type_is_reference(t)) {
    emit_ref_equality(e, op, l, r);
    return;
  }
  if (strcmp(op, "&&") == 0 || strcmp(op, "||") == 0) {
    bool and = op[0] == '&';
    put(e, "(if (result i32) ");
    emit_expr(e, l);
    put(e, and ? " (then " : " (then (i32.const 1)) (else ");
    emit_expr(e, r);
    put(e, and ? ") (else (i32.const 0)))" : "))");
    return;
  }
  if (t->kind == TY_STRING) {
    e->needs[RT_STRING] = true;
    bool negate = op[0] == '!';
    if (negate)
      put(e, "(i32.eqz ");
    put(e, op[0] == '+' ? "(call $zena_string_concat " : "(call $zena_string_eq ");
    emit_expr(e, l);
    put(e, " ");
    emit_expr(e, r);
    put(e, negate ? "))" : ")");
    return;
  }
  tb_printf(e->out, "(%s.%s ", wasm_type(e, t), binary_instr(op, t));
  emit_expr(e, l);
  put(e, " ");
  emit_expr(e, r);
  put(e, ")");
}

static void emit_unary(Emitter *e, Node *u) {
  const char *op = u->UnaryExpression.op;
  Node *arg = u->UnaryExpression.argument;
  const char *ty = wasm_type(e, u->type);
  if (op[0] == '-' && arg->kind == ND_NumberLiteral) {
    emit_number(e, arg, true, u->type);
    return;
  }
  if (op[0] == '!')
    put(e, "(i32.eqz ");
  else if (op[0] == '~')
    tb_printf(e->out, "(%s.xor (%s.const -1) ", ty, ty);
  else if (u->type->kind == TY_F32 || u->type->kind == TY_F64)
    tb_printf(e->out, "(%s.neg ", ty);
  else
    tb_printf(e->out, "(%s.sub (%s.const 0) ", ty, ty);
  emit_expr(e, arg);
  put(e, ")");
}

/* The new value of `target op= value` (or just value for `=`). */
void emit_new_value(Emitter *e, Node *a) {
  const char *op = a->AssignmentExpression.op;
  if (op && strcmp(op, "??") == 0) { /* the old value unless it is null */
    emit_default(e, a->AssignmentExpression.left, a->AssignmentExpression.value,
                 a->type);
    return;
  }
  if (a->AssignmentExpression.op)
    emit_binary_parts(e, a->AssignmentExpression.op, a->AssignmentExpression.left,
                      a->AssignmentExpression.value);
  else
    emit_expr(e, a->AssignmentExpression.value);
}

/* `obj.f = v`: obj is a name or `this` (the checker makes sure), so reading
 * it again for the value of the assignment is free of side effects. */
static void emit_field_assignment(Emitter *e, Node *a, bool as_value) {
  Node *target = a->AssignmentExpression.left;
  Node *obj = target->MemberExpression.object;
  const char *name = target->MemberExpression.property->Identifier.name;
  const ClassInfo *cls = obj->type->cls;
  bool accessor = target->sym && target->sym->fn; /* an abstract field's setter */
  if (as_value)
    tb_printf(e->out, "(block (result %s) ", wasm_type(e, a->type));
  if (accessor)
    tb_printf(e->out, "(call $%s ", call_target(e, target));
  else
    tb_printf(e->out, "(struct.set $%s $%s ", cls->name, name);
  emit_expr(e, obj);
  put(e, " ");
  emit_new_value(e, a);
  put(e, ")");
  if (!as_value)
    return;
  put(e, " ");
  if (accessor) { /* read back through the getter */
    emit_getter_call(e, obj, name, target->sym);
    put(e, ")");
  } else {
    emit_field_get(e, obj, name);
    put(e, ")");
  }
}

/* ---- conversions ---- */

/* The instruction converting numeric type `from` to `to`, or NULL when
 * their Wasm representations are the same. */
static const char *conversion(const Type *from, const Type *to) {
  const char *f = from->kind == TY_U32 ? "u32" : from->kind == TY_I32 ? "i32"
                : from->kind == TY_I64 ? "i64" : from->kind == TY_F32 ? "f32" : "f64";
  const char *t = to->kind == TY_U32 ? "u32" : to->kind == TY_I32 ? "i32"
                : to->kind == TY_I64 ? "i64" : to->kind == TY_F32 ? "f32" : "f64";
  static const struct { const char *from, *to, *instr; } table[] = {
      {"i32", "i64", "i64.extend_i32_s"},   {"u32", "i64", "i64.extend_i32_u"},
      {"i64", "i32", "i32.wrap_i64"},       {"i64", "u32", "i32.wrap_i64"},
      {"i32", "f32", "f32.convert_i32_s"},  {"u32", "f32", "f32.convert_i32_u"},
      {"i32", "f64", "f64.convert_i32_s"},  {"u32", "f64", "f64.convert_i32_u"},
      {"i64", "f32", "f32.convert_i64_s"},  {"i64", "f64", "f64.convert_i64_s"},
      {"f32", "i32", "i32.trunc_f32_s"},    {"f32", "u32", "i32.trunc_f32_u"},
      {"f64", "i32", "i32.trunc_f64_s"},    {"f64", "u32", "i32.trunc_f64_u"},
      {"f32", "i64", "i64.trunc_f32_s"},    {"f64", "i64", "i64.trunc_f64_s"},
      {"f32", "f64", "f64.promote_f32"},    {"f64", "f32", "f32.demote_f64"},
  };
  for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
    if (strcmp(table[i].from, f) == 0 && strcmp(table[i].to, t) == 0)
      return table[i].instr;
  return NULL; /* same representation: i32 <-> u32, or no change */
}

/* `x as T`: a numeric conversion, or a checked reference cast (a failed
 * cast traps). */
static void emit_as(Emitter *e, Node *x) {
  Node *value = x->AsExpression.expression;
  const Type *to = x->type;
  if (value->type->kind == TY_ENUM || to->kind == TY_ENUM ||
      type_erased(value->type) == type_erased(to)) { /* same bits */
    emit_expr(e, value);
    return;
  }
  if (to->kind == TY_ANY && !type_is_reference(value->type)) { /* box */
    tb_printf(e->out, "(struct.new $%s ", box_type_name(e, value->type));
    emit_expr(e, value);
    put(e, ")");
    return;
  }
  if (value->type->kind == TY_ANY && !type_is_reference(to)) { /* unbox */
    const char *box = box_type_name(e, to);
    tb_printf(e->out, "(struct.get $%s $value (ref.cast (ref $%s) ", box, box);
    emit_expr(e, value);
    put(e, "))");
    return;
  }
  if (to->kind == TY_ANY) { /* every reference is one */
    emit_expr(e, value);
    return;
  }
  if (type_is_numeric(type_erased(value->type))) {
    const char *instr = conversion(type_erased(value->type), type_erased(to));
    if (instr)
      tb_printf(e->out, "(%s ", instr);
    emit_expr(e, value);
    if (instr)
      put(e, ")");
    return;
  }
  tb_printf(e->out, "(ref.cast %s ", wasm_type(e, to));
  emit_expr(e, value);
  put(e, ")");
}

/* `x = v` / `x op= v`; as_value leaves the new value on the stack. */
static void emit_assignment(Emitter *e, Node *a, bool as_value) {
  Node *target = a->AssignmentExpression.left;
  if (target->kind == ND_MemberExpression)
    emit_field_assignment(e, a, as_value);
  else if (target->kind == ND_IndexExpression)
    emit_index_assignment(e, a, as_value);
  else
    emit_var_set(e, target->sym, a, as_value);
}

/* ---- calls ---- */

/* console.log(a, b) prints "a b" and a newline; error and warn go to
 * standard error. */
static void emit_console(Emitter *e, Node *call) {
  const char *method = call->CallExpression.callee->MemberExpression.property
                           ->Identifier.name;
  int fd = strcmp(method, "error") == 0 || strcmp(method, "warn") == 0 ? 2 : 1;
  NodeList *args = call->CallExpression.arguments;
  Piece *pieces = arena_alloc(e->arena, (2 * args->len + 1) * sizeof(Piece));
  int n = 0;
  for (int i = 0; i < args->len; i++) {
    if (i)
      pieces[n++] = (Piece){.text = " "};
    pieces[n++] = (Piece){.value = args->items[i]};
  }
  e->needs[RT_PRINT] = true;
  put(e, "(call $zena_print ");
  emit_concat(e, pieces, n);
  tb_printf(e->out, " (i32.const %d))", fd);
}

static void emit_call(Emitter *e, Node *call) {
  bool awaited = e->awaited_call == call;
  if (emit_async_call(e, call, awaited))
    return;
  Node *callee = call->CallExpression.callee;
  Node *object = callee->kind == ND_MemberExpression ? callee->MemberExpression.object
                                                     : NULL;
  if (object && object->sym && object->sym->kind == SYM_BUILTIN) {
    emit_console(e, call);
    return;
  }
  /* a method call passes the receiver; `Class.name(...)` is a static one */
  bool method = object && !(object->sym && (object->sym->kind == SYM_CLASS ||
                                            object->sym->kind == SYM_GENERIC_CLASS));
  if (callee->kind == ND_Identifier && callee->sym->kind == SYM_BUILTIN &&
      strcmp(callee->sym->name, "hash") == 0) {
    Node *value = call->CallExpression.arguments->items[0];
    const char *t = new_temp(e, wasm_type(e, value->type));
    tb_printf(e->out, "(block (result i32) (local.set $%s ", t);
    emit_expr(e, value);
    put(e, ") ");
    emit_hash(e, value->type, arena_printf(e->arena, "(local.get $%s)", t));
    put(e, ")");
    return;
  }
  if (callee->kind == ND_Identifier && callee->sym->kind == SYM_BUILTIN) {
    NodeList *args = call->CallExpression.arguments; /* __array_new(n, v) */
    tb_printf(e->out, "(array.new $%s ", array_type_name(e, call->type));
    emit_expr(e, args->items[1]);
    put(e, " ");
    emit_expr(e, args->items[0]);
    put(e, ")");
    return;
  }
  if (!is_direct_call(callee)) {
    emit_value_call(e, call);
    return;
  }
  const char *target = call_target(e, callee);
  const Function *f = callee->sym->fn;
  if (f && f->is_async && !awaited) /* it starts a task */
    target = async_start_target(e, f, target, method);
  tb_printf(e->out, "(call $%s", target);
  /* the receiver is the first argument */
  if (callee->sym->kind == SYM_IMPORT)
    emit_host_args(e, callee->sym, call);
  else
    emit_call_args(e, callee->sym->fn, method ? callee->MemberExpression.object : NULL,
                   call->CallExpression.arguments, call);
  put(e, ")");
}

/* ---- block-valued expressions ---- */

/* The statements of a value block on their own lines, then its value. */
static void emit_value_block(Emitter *e, Node *block) {
  NodeList *body = block->BlockStatement.body;
  const char *result = wasm_type(e, block->type);
  tb_puts(e->out, result ? "(block (result " : "(block");
  if (result)
    tb_printf(e->out, "%s)", result);
  tb_putc(e->out, '\n');
  e->depth++;
  for (int i = 0; i < body->len; i++) {
    Node *s = body->items[i];
    if (i == body->len - 1 && s->kind == ND_ExpressionStatement && result) {
      start_line(e);
      emit_expr(e, s->ExpressionStatement.expression);
      tb_putc(e->out, '\n');
    } else {
      emit_stmt(e, s);
    }
  }
  e->depth--;
  start_line(e);
  put(e, ")");
}

void emit_branch(Emitter *e, Node *branch, bool value) {
  if (branch->kind == ND_BlockStatement)
    emit_value_block(e, branch);
  else if (value)
    emit_expr(e, branch);
  else
    emit_drop_expr(e, branch);
}

static void emit_if_expr(Emitter *e, Node *x, bool value) {
  const char *result = value ? wasm_type(e, x->type) : NULL;
  if (result)
    tb_printf(e->out, "(if (result %s) ", result);
  else
    put(e, "(if ");
  emit_expr(e, x->IfExpression.test);
  put(e, " (then ");
  emit_branch(e, x->IfExpression.consequent, result != NULL);
  put(e, ")");
  if (x->IfExpression.alternate) {
    put(e, " (else ");
    emit_branch(e, x->IfExpression.alternate, result != NULL);
    put(e, ")");
  }
  put(e, ")");
}

static void emit_pipeline(Emitter *e, Node *x);

void emit_expr(Emitter *e, Node *x) {
  if (is_chain(x)) {
    emit_chain(e, x, NULL, x->type);
    return;
  }
  switch (x->kind) {
  case ND_NumberLiteral: emit_number(e, x, false, x->type); break;
  case ND_StringLiteral: emit_string(e, x->StringLiteral.value); break;
  case ND_BooleanLiteral:
    tb_printf(e->out, "(i32.const %d)", x->BooleanLiteral.value);
    break;
  case ND_TemplateLiteral: emit_template(e, x); break;
  case ND_Identifier:
    if (!x->sym) /* `_`, a hole in a tuple (check_record.c) */
      tb_puts(e->out, zero_value(x->type));
    else if (is_location(x->sym))
      emit_location(e, x->loc);
    else if (x->sym->kind == SYM_CLASS) /* a unit variant: its one object */
      tb_printf(e->out, "(call $%s.new)", x->sym->type->cls->name);
    else if (x->sym->kind == SYM_FUNCTION)
      emit_function_value(e, x->sym);
    else
      emit_var_get(e, x->sym);
    break;
  case ND_FunctionExpression: emit_closure_value(e, x); break;
  case ND_BinaryExpression:
    if (x->sym) /* a class's operator == */
      emit_operator_call(e, x);
    else if (strcmp(x->BinaryExpression.op, "??") == 0)
      emit_nullish(e, x);
    else
      emit_binary_parts(e, x->BinaryExpression.op, x->BinaryExpression.left,
                        x->BinaryExpression.right);
    break;
  case ND_NullLiteral: put(e, "(ref.null none)"); break;
  case ND_IsExpression:
    tb_printf(e->out, "(ref.test %s ",
            wasm_type(e, x->IsExpression.typeAnnotation->type));
    emit_expr(e, x->IsExpression.expression);
    put(e, ")");
    break;
  case ND_AsExpression: emit_as(e, x); break;
  case ND_UnaryExpression: emit_unary(e, x); break;
  case ND_AssignmentExpression: emit_assignment(e, x, true); break;
  case ND_CallExpression: emit_call(e, x); break;
  case ND_IfExpression: emit_if_expr(e, x, true); break;
  case ND_MatchExpression: emit_match(e, x, true); break;
  case ND_BlockStatement: emit_value_block(e, x); break;
  case ND_ThisExpression: case ND_SuperExpression: emit_var_get(e, x->sym); break;
  case ND_NewExpression: emit_new(e, x); break;
  case ND_AwaitExpression: emit_await(e, x); break;
  case ND_MemberExpression: emit_member(e, x); break;
  case ND_ArrayLiteral: emit_array_literal(e, x); break;
  case ND_IndexExpression: emit_index(e, x); break;
  case ND_RecordLiteral: emit_record_literal(e, x); break;
  case ND_TupleLiteral: emit_tuple_literal(e, x); break;
  case ND_ThrowExpression: emit_throw(e, x); break;
  case ND_TryExpression: emit_try(e, x, true); break;
  case ND_PipelineExpression: emit_pipeline(e, x); break;
  case ND_PipePlaceholder: emit_var_get(e, x->sym); break;
  default:
    /* the checker rejects everything else before we get here */
    tb_printf(e->out, "(unreachable) ;; %s", node_kind_name(x->kind));
  }
}

/* `left |> right`: left's value goes in the variable `$`, then right. */
static void emit_pipeline(Emitter *e, Node *x) {
  const char *t = wasm_type(e, x->type);
  put(e, "(block ");
  if (t)
    tb_printf(e->out, "(result %s) ", t);
  if (x->sym->kind == SYM_GLOBAL) {
    tb_printf(e->out, "(global.set $%s ", x->sym->wasm_name);
    emit_expr(e, x->PipelineExpression.left);
    put(e, ")");
  } else {
    emit_var_init(e, x->sym, x->PipelineExpression.left);
  }
  put(e, " ");
  emit_expr(e, x->PipelineExpression.right);
  put(e, ")");
}

void emit_drop_expr(Emitter *e, Node *x) {
  if (x->kind == ND_AssignmentExpression)
    emit_assignment(e, x, false);
  else if (x->kind == ND_IfExpression)
    emit_if_expr(e, x, false);
  else if (x->kind == ND_MatchExpression)
    emit_match(e, x, false);
  else if (x->kind == ND_TryExpression)
    emit_try(e, x, false);
  else if (wasm_type(e, x->type)) {
    put(e, "(drop ");
    emit_expr(e, x);
    put(e, ")");
  } else {
    emit_expr(e, x);
  }
}

/* ---- statements ---- */

/* `;; file.zena:LINE` before a statement, unless the one before it (a
 * `for` and its initialiser, say) said the same. */
static void begin_stmt(Emitter *e, const Node *s) { where_line_once(e, s); }

/* An expression statement: indentation, the expression, newline. */
static void stmt_expr(Emitter *e, Node *x, bool value) {
  start_line(e);
  if (value)
    emit_expr(e, x);
  else
    emit_drop_expr(e, x);
  tb_putc(e->out, '\n');
}

static void emit_body(Emitter *e, Node *s) {
  if (s->kind == ND_BlockStatement) {
    NodeList *body = s->BlockStatement.body;
    for (int i = 0; i < body->len; i++)
      emit_stmt(e, body->items[i]);
  } else {
    emit_stmt(e, s);
  }
}

/* `for (let x in arr)`: an index loop over the array, held in scratch
 * locals so it is evaluated once. */
static void emit_for_in(Emitter *e, Node *s) {
  Node *arr = s->ForInStatement.iterable;
  Node *pat = s->ForInStatement.pattern;
  const Symbol *var = pat->kind == ND_Identifier ? pat->sym : s->sym;
  const char *ta = new_temp(e, wasm_type(e, arr->type));
  const char *ti = new_temp(e, "i32");
  start_line(e);
  tb_printf(e->out, "(local.set $%s ", ta);
  emit_expr(e, arr);
  put(e, ")\n");
  line(e, "(local.set $%s (i32.const 0))", ti);
  const char *outer_break = e->break_label, *outer_continue = e->continue_label;
  e->break_label = new_label(e, "break");
  e->continue_label = new_label(e, "continue");
  const char *top = new_label(e, "loop");
  open_line(e, "(block $%s", e->break_label);
  open_line(e, "(loop $%s", top);
  line(e, "(br_if $%s (i32.ge_u (local.get $%s) (array.len (local.get $%s))))",
       e->break_label, ti, ta);
  start_line(e); /* x is a `let`: never boxed */
  tb_printf(e->out, "(local.set $%s ", var->wasm_name);
  emit_array_get(e, arr->type, ta, ti, NULL, NULL);
  put(e, ")\n");
  if (pat->kind != ND_Identifier)
    emit_binding(e, pat, var->wasm_name);
  open_line(e, "(block $%s", e->continue_label);
  emit_body(e, s->ForInStatement.body);
  close_line(e);
  line(e, "(local.set $%s (i32.add (local.get $%s) (i32.const 1)))", ti, ti);
  line(e, "(br $%s)", top);
  close_line(e);
  close_line(e);
  e->break_label = outer_break;
  e->continue_label = outer_continue;
}

static void emit_loop(Emitter *e, Node *test, Node *update, Node *body) {
  const char *outer_break = e->break_label, *outer_continue = e->continue_label;
  e->break_label = new_label(e, "break");
  e->continue_label = new_label(e, "continue");
  const char *top = new_label(e, "loop");
  open_line(e, "(block $%s", e->break_label);
  open_line(e, "(loop $%s", top);
  if (test && test->kind == ND_LetPatternCondition) {
    emit_let_test(e, test, e->break_label);
  } else if (test) {
    start_line(e);
    tb_printf(e->out, "(br_if $%s (i32.eqz ", e->break_label);
    emit_expr(e, test);
    put(e, "))\n");
  }
  open_line(e, "(block $%s", e->continue_label);
  emit_body(e, body);
  close_line(e);
  if (update)
    stmt_expr(e, update, false);
  line(e, "(br $%s)", top);
  close_line(e);
  close_line(e);
  e->break_label = outer_break;
  e->continue_label = outer_continue;
}

/* `if (let PATTERN = v) A else B`: the test branches to B's block. */
static void emit_let_if(Emitter *e, Node *s) {
  const char *done = new_label(e, "iflet");
  const char *otherwise = new_label(e, "nomatch");
  open_line(e, "(block $%s", done);
  open_line(e, "(block $%s", otherwise);
  emit_let_test(e, s->IfStatement.test, otherwise);
  emit_body(e, s->IfStatement.consequent);
  line(e, "(br $%s)", done);
  close_line(e);
  if (s->IfStatement.alternate)
    emit_body(e, s->IfStatement.alternate);
  close_line(e);
}

void emit_stmt(Emitter *e, Node *s) {
  switch (s->kind) {
  case ND_VariableDeclaration:
    if (s->VariableDeclaration.pattern->kind != ND_Identifier) {
      emit_destructuring(e, s);
      break;
    }
    begin_stmt(e, s);
    start_line(e);
    emit_var_init(e, s->VariableDeclaration.pattern->sym,
                  s->VariableDeclaration.init);
    put(e, "\n");
    break;
  case ND_ExpressionStatement:
    begin_stmt(e, s);
    stmt_expr(e, s->ExpressionStatement.expression, false);
    break;
  case ND_ReturnStatement:
    begin_stmt(e, s);
    if (e->nfinally) {
      emit_return_out(e, s->ReturnStatement.argument);
      break;
    }
    start_line(e);
    if (s->ReturnStatement.argument) {
      put(e, "(return ");
      emit_expr(e, s->ReturnStatement.argument);
      put(e, ")\n");
    } else {
      put(e, "(return)\n");
    }
    break;
  case ND_BlockStatement:
    emit_body(e, s);
    break;
  case ND_IfStatement:
    if (s->IfStatement.test->kind == ND_LetPatternCondition) {
      begin_stmt(e, s);
      emit_let_if(e, s);
      break;
    }
    begin_stmt(e, s);
    start_line(e);
    put(e, "(if ");
    emit_expr(e, s->IfStatement.test);
    tb_putc(e->out, '\n');
    e->depth++;
    open_line(e, "(then");
    emit_body(e, s->IfStatement.consequent);
    close_line(e);
    if (s->IfStatement.alternate) {
      open_line(e, "(else");
      emit_body(e, s->IfStatement.alternate);
      close_line(e);
    }
    close_line(e);
    break;
  case ND_WhileStatement:
    begin_stmt(e, s);
    emit_loop(e, s->WhileStatement.test, NULL, s->WhileStatement.body);
    break;
  case ND_ForStatement: {
    Node *init = s->ForStatement.init;
    begin_stmt(e, s);
    if (init && init->kind == ND_VariableDeclaration)
      emit_stmt(e, init); /* repeats the line comment: harmless, and exact */
    else if (init)
      stmt_expr(e, init, false);
    emit_loop(e, s->ForStatement.test, s->ForStatement.update,
              s->ForStatement.body);
    break;
  }
  case ND_ForInStatement:
    begin_stmt(e, s);
    emit_for_in(e, s);
    break;
  case ND_BreakStatement:
    emit_jump_out(e, e->break_label);
    break;
  case ND_ContinueStatement:
    emit_jump_out(e, e->continue_label);
    break;
  default:
    line(e, "(unreachable) ;; %s", node_kind_name(s->kind));
  }
}
