/*
 * emit_class.c - classes as Wasm GC structs, and their constructors.
 *
 * A class is a struct with one mutable field per Zena field, inherited
 * fields first, so a subclass's struct is a subtype of its superclass's.
 * (Immutability is the checker's business.)  A constructor is split in
 * two: `$C.new` allocates the struct and calls `$C.init`, which fills it
 * in; a subclass's init calls its superclass's init for `super(...)`.
 */
#include "emit.h"


/* `(type $NAME (sub $SUPER (` or `(type $NAME (sub (` or `(type $NAME (`:
 * the opening of a type that may have subtypes. */
static void open_type(Emitter *e, const char *name, const char *super,
                      bool has_subtypes) {
  start_line(e);
  tb_printf(e->out, "(type $%s ", name);
  if (super)
    tb_printf(e->out, "(sub $%s ", super);
  else if (has_subtypes)
    tb_puts(e->out, "(sub ");
}

static void close_type(Emitter *e, const char *super, bool has_subtypes) {
  tb_puts(e->out, super || has_subtypes ? ")))\n" : "))\n");
}

/* For a class whose hierarchy dispatches: the signature of each method it
 * introduces as virtual, and its vtable type (inherited slots first). */
static void emit_vtable_types(Emitter *e, const ClassInfo *cls) {
  const char *super = cls->super ? arena_printf(e->arena, "%s.vtable",
                                                cls->super->name) : NULL;
  for (int i = 0; i < cls->nslots; i++) {
    const Method *m = cls->slots[i];
    if (m->owner != cls)
      continue;
    start_line(e);
    tb_printf(e->out, "(type $%s.%s.type (func (param (ref $%s))", cls->name,
            m->label, cls->name);
    write_signature(e, NULL, fn_code_type(m->fn));
    tb_puts(e->out, "))\n");
  }
  open_type(e, arena_printf(e->arena, "%s.vtable", cls->name), super,
            cls->has_subclasses);
  tb_puts(e->out, "(struct");
  for (int i = 0; i < cls->nslots; i++)
    tb_printf(e->out, " (field $%s (ref $%s.%s.type))", cls->slots[i]->label,
            cls->slots[i]->owner->name, cls->slots[i]->label);
  close_type(e, super, cls->has_subclasses);
}

/* Struct types of the classes (and their vtables), inside the module's
 * recursive type group. */
void emit_class_types(Emitter *e) {
  const Program *p = e->prog;
  for (int i = 0; i < p->nclasses; i++) {
    const ClassInfo *cls = p->classes[i];
    if (!cls->reachable)
      continue;
    if (cls->has_vtable)
      emit_vtable_types(e, cls);
    open_type(e, cls->name, cls->super ? cls->super->name : NULL,
              cls->has_subclasses);
    tb_puts(e->out, "(struct");
    if (cls->has_vtable)
      tb_printf(e->out, " (field $vtable (ref $%s.vtable))", cls->name);
    for (int f = 0; f < cls->nfields; f++)
      tb_printf(e->out, " (field $%s (mut %s))", cls->fields[f].name,
              storage_type(e, cls->fields[f].type));
    close_type(e, cls->super ? cls->super->name : NULL, cls->has_subclasses);
  }
}

/* One vtable per class that can be instantiated, filled with the most
 * derived implementation of each slot. */
void emit_vtables(Emitter *e) {
  const Program *p = e->prog;
  for (int i = 0; i < p->nclasses; i++)
    if (p->classes[i]->is_singleton && p->classes[i]->reachable)
      line(e, "(global $%s.instance (mut (ref null $%s)) (ref.null none))",
           p->classes[i]->name, p->classes[i]->name);
  for (int i = 0; i < p->nclasses; i++) {
    const ClassInfo *cls = p->classes[i];
    if (!cls->has_vtable || cls->is_abstract || !cls->reachable)
      continue;
    start_line(e);
    tb_printf(e->out, "(global $%s.vtable (ref $%s.vtable) (struct.new $%s.vtable",
            cls->name, cls->name, cls->name);
    for (int s = 0; s < cls->nslots; s++) {
      const char *impl = find_override(cls, cls->slots[s])->fn->sym->wasm_name;
      tb_printf(e->out, " (ref.func $%s)", impl);
      remember_elem(e, impl);
    }
    tb_puts(e->out, "))\n");
  }
}

/* `$Root.m.dispatch(this, args)` calls the implementation in this's vtable. */
void emit_dispatchers(Emitter *e) {
  const Program *p = e->prog;
  for (int i = 0; i < p->nclasses; i++) {
    const ClassInfo *cls = p->classes[i];
    for (int s = 0; cls->reachable && s < cls->nslots; s++) {
      const Method *m = cls->slots[s];
      if (m->owner != cls)
        continue;
      const Type *t = fn_code_type(m->fn);
      line(e, ";; %s.%s(...), dispatched on the object's class", cls->name, m->name);
      start_line(e);
      tb_printf(e->out, "(func $%s.%s.dispatch (param $this (ref $%s))", cls->name,
              m->label, cls->name);
      write_signature(e, m->fn->params, t);
      tb_putc(e->out, '\n');
      e->depth++;
      start_line(e);
      tb_printf(e->out, "(call_ref $%s.%s.type (local.get $this)", cls->name, m->label);
      for (int a = 0; a < t->nparams; a++)
        tb_printf(e->out, " (local.get $%s)", m->fn->params[a]->wasm_name);
      tb_printf(e->out, " (struct.get $%s.vtable $%s (struct.get $%s $vtable "
                      "(local.get $this))))\n", cls->name, m->label, cls->name);
      close_line(e);
    }
  }
}

/* `(struct.set $C $field (local.get $this) VALUE)` on its own line. */
static void set_field(Emitter *e, const ClassInfo *cls, const char *field,
                      Node *value, const Symbol *param) {
  start_line(e);
  tb_printf(e->out, "(struct.set $%s $%s (local.get $this) ", cls->name, field);
  if (value)
    emit_expr(e, value);
  else
    tb_printf(e->out, "(local.get $%s)", param->wasm_name);
  tb_puts(e->out, ")\n");
}

/* $C.init: field defaults, the initializer list (or case parameters),
 * super(...), then the body. */
static void emit_init(Emitter *e, const Function *f) {
  const ClassInfo *cls = f->owner;
  Node *node = f->node;
  Type init_type = *f->sym->type;
  init_type.result = type_basic(TY_VOID);
  begin_function(e, f, arena_printf(e->arena, "%s.init", cls->name), &init_type);
  for (int i = 0; i < cls->nfields; i++) {
    const Field *fd = &cls->fields[i];
    bool own = fd->decl->kind == ND_FieldDefinition &&
               !(cls->super && i < cls->super->nfields);
    if (own && fd->init)
      set_field(e, cls, fd->name, fd->init, NULL);
  }
  Node *super_call = NULL;
  if (node->kind == ND_ClassDeclaration) {
    NodeList *params = node->ClassDeclaration.caseParams;
    for (int i = 0; params && i < params->len; i++)
      set_field(e, cls, params->items[i]->CaseClassParam.name->Identifier.name,
                NULL, f->params[i]);
  } else {
    /* `this.x` parameters arrive here too: the parser desugars them */
    NodeList *inits = node->MethodDefinition.initializerList;
    for (int i = 0; inits && i < inits->len; i++) {
      Node *init = inits->items[i];
      set_field(e, cls, init->FieldInitializer.field->Identifier.name,
                init->FieldInitializer.value, NULL);
    }
    super_call = node->MethodDefinition.superInitializer;
  }
  if (cls->super) {
    start_line(e);
    tb_printf(e->out, "(call $%s.init (local.get $this)", cls->super->name);
    NodeList *args = super_call ? super_call->SuperInitializer.arguments : NULL;
    for (int i = 0; args && i < args->len; i++) {
      tb_putc(e->out, ' ');
      emit_expr(e, args->items[i]);
    }
    tb_puts(e->out, ")\n");
  }
  if (node->kind == ND_MethodDefinition && node->MethodDefinition.body)
    emit_stmt(e, node->MethodDefinition.body);
  end_function(e);
}

void emit_constructor(Emitter *e, const Function *f) {
  const ClassInfo *cls = f->owner;
  emit_init(e, f);
  if (cls->is_abstract)
    return; /* only subclasses are instantiated */
  line(e, ";; new %s(...)", cls->name);
  start_line(e);
  tb_printf(e->out, "(func $%s.new", cls->name);
  const Type *t = f->sym->type;
  for (int i = 0; i < t->nparams; i++)
    tb_printf(e->out, " (param $%s %s)", f->params[i]->wasm_name,
            wasm_type(e, t->params[i]));
  tb_printf(e->out, " (result (ref $%s))\n", cls->name);
  e->depth++;
  line(e, "(local $this (ref $%s))", cls->name);
  if (cls->is_singleton) /* a unit variant: one object, made on first use */
    line(e, "(if (i32.eqz (ref.is_null (global.get $%s.instance))) "
            "(then (return (ref.as_non_null (global.get $%s.instance)))))",
         cls->name, cls->name);
  if (cls->has_vtable) {
    /* the vtable field is immutable, so every field is given explicitly */
    start_line(e);
    tb_printf(e->out, "(local.set $this (struct.new $%s (global.get $%s.vtable)",
            cls->name, cls->name);
    for (int i = 0; i < cls->nfields; i++)
      tb_printf(e->out, " %s", zero_value(cls->fields[i].type));
    tb_puts(e->out, "))\n");
  } else {
    line(e, "(local.set $this (struct.new_default $%s))", cls->name);
  }
  start_line(e);
  tb_printf(e->out, "(call $%s.init (local.get $this)", cls->name);
  for (int i = 0; i < t->nparams; i++)
    tb_printf(e->out, " (local.get $%s)", f->params[i]->wasm_name);
  tb_puts(e->out, ")\n");
  if (cls->is_singleton)
    line(e, "(global.set $%s.instance (local.get $this))", cls->name);
  line(e, "(local.get $this)");
  close_line(e);
}

/* `$C.equals(a, b)`: a case class's fields, compared one by one (strings by
 * content, case classes structurally, other objects by identity). */
void emit_equals(Emitter *e) {
  const Program *p = e->prog;
  for (int i = 0; i < p->nclasses; i++) {
    const ClassInfo *cls = p->classes[i];
    if (!cls->needs_equals || !cls->reachable)
      continue;
    line(e, ";; %s == %s, field by field", cls->name, cls->name);
    open_line(e, "(func $%s.equals (param $a (ref $%s)) (param $b (ref $%s)) "
                 "(result i32)", cls->name, cls->name, cls->name);
    for (int f = 0; f < cls->nfields; f++) {
      const Field *fd = &cls->fields[f];
      const Type *t = fd->type;
      const char *a = arena_printf(e->arena, "(struct.get $%s $%s (local.get $a))",
                                   cls->name, fd->name);
      const char *b = arena_printf(e->arena, "(struct.get $%s $%s (local.get $b))",
                                   cls->name, fd->name);
      start_line(e);
      tb_puts(e->out, "(if (i32.eqz ");
      if (t->kind == TY_STRING) {
        e->needs[RT_STRING] = true;
        tb_printf(e->out, "(call $zena_string_eq (ref.as_non_null %s) (ref.as_non_null %s))",
                a, b);
      } else if (t->kind == TY_CLASS && t->cls->needs_equals) {
        tb_printf(e->out, "(call $%s.equals (ref.as_non_null %s) (ref.as_non_null %s))",
                t->cls->name, a, b);
      } else if (type_is_reference(t)) {
        tb_printf(e->out, "(ref.eq %s %s)", a, b);
      } else {
        tb_printf(e->out, "(%s.eq %s %s)", wasm_type(e, t), a, b);
      }
      tb_puts(e->out, ") (then (return (i32.const 0))))\n");
    }
    line(e, "(i32.const 1)");
    close_line(e);
  }
}

/* ---- hash codes ---- */

void emit_hash(Emitter *e, const Type *t, const char *value) {
  if (t->kind == TY_ENUM)
    t = t->en->backing;
  switch (t->kind) {
  case TY_I32: case TY_U32: case TY_BOOLEAN:
    tb_puts(e->out, value);
    return;
  case TY_F32:
    tb_printf(e->out, "(i32.reinterpret_f32 %s)", value);
    return;
  case TY_I64: case TY_F64:
    e->needs[RT_HASH] = true;
    tb_printf(e->out, t->kind == TY_I64 ? "(call $zena_i64_hash %s)"
                                      : "(call $zena_i64_hash (i64.reinterpret_f64 %s))",
            value);
    return;
  case TY_STRING:
    e->needs[RT_HASH] = true;
    tb_printf(e->out, "(call $zena_string_hash (ref.as_non_null %s))", value);
    return;
  case TY_CLASS:
    if (find_method(t->cls, "hashCode")) { /* null hashes to 0 */
      const Method *m = find_method(t->cls, "hashCode");
      tb_printf(e->out, "(if (result i32) (ref.is_null %s) (then (i32.const 0)) "
                      "(else (call $%s (ref.as_non_null %s))))",
              value, method_target(e, m), value);
      return;
    }
    break;
  default:
    break;
  }
  tb_puts(e->out, "(i32.const 0)"); /* no hash of its own: all in one bucket */
}

/* `h = 31 * h + hash(field)` over the fields, from 17. */
void emit_hash_code(Emitter *e, const Function *f) {
  const ClassInfo *cls = f->owner;
  const char *h = new_temp(e, "i32");
  line(e, "(local.set $%s (i32.const 17))", h);
  for (int i = 0; i < cls->nfields; i++) {
    const Field *fd = &cls->fields[i];
    start_line(e);
    tb_printf(e->out, "(local.set $%s (i32.add (i32.mul (local.get $%s) (i32.const 31)) ", h, h);
    emit_hash(e, fd->type, arena_printf(e->arena, "(struct.get $%s $%s (local.get $this))",
                                        cls->name, fd->name));
    tb_puts(e->out, "))\n");
  }
  line(e, "(local.get $%s)", h);
}
