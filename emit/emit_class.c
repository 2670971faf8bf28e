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


void emit_class_types(Emitter *e) {
  const Program *p = e->prog;
  for (int i = 0; i < p->nclasses; i++) {
    const ClassInfo *cls = p->classes[i];
    bool open = cls->super || cls->has_subclasses;
    start_line(e);
    fprintf(e->out, "(type $%s ", cls->name);
    if (cls->super)
      fprintf(e->out, "(sub $%s ", cls->super->name);
    else if (open)
      fputs("(sub ", e->out);
    fputs("(struct", e->out);
    for (int f = 0; f < cls->nfields; f++)
      fprintf(e->out, " (field $%s (mut %s))", cls->fields[f].name,
              storage_type(cls->fields[f].type));
    fputs(open ? ")))\n" : "))\n", e->out);
  }
}

/* `(struct.set $C $field (local.get $this) VALUE)` on its own line. */
static void set_field(Emitter *e, const ClassInfo *cls, const char *field,
                      Node *value, const Symbol *param) {
  start_line(e);
  fprintf(e->out, "(struct.set $%s $%s (local.get $this) ", cls->name, field);
  if (value)
    emit_expr(e, value);
  else
    fprintf(e->out, "(local.get $%s)", param->wasm_name);
  fputs(")\n", e->out);
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
    fprintf(e->out, "(call $%s.init (local.get $this)", cls->super->name);
    NodeList *args = super_call ? super_call->SuperInitializer.arguments : NULL;
    for (int i = 0; args && i < args->len; i++) {
      fputc(' ', e->out);
      emit_expr(e, args->items[i]);
    }
    fputs(")\n", e->out);
  }
  if (node->kind == ND_MethodDefinition && node->MethodDefinition.body)
    emit_stmt(e, node->MethodDefinition.body);
  close_line(e);
}

void emit_constructor(Emitter *e, const Function *f) {
  const ClassInfo *cls = f->owner;
  emit_init(e, f);
  line(e, ";; new %s(...)", cls->name);
  start_line(e);
  fprintf(e->out, "(func $%s.new", cls->name);
  const Type *t = f->sym->type;
  for (int i = 0; i < t->nparams; i++)
    fprintf(e->out, " (param $%s %s)", f->params[i]->wasm_name,
            wasm_type(t->params[i]));
  fprintf(e->out, " (result (ref $%s))\n", cls->name);
  e->depth++;
  line(e, "(local $this (ref $%s))", cls->name);
  line(e, "(local.set $this (struct.new_default $%s))", cls->name);
  start_line(e);
  fprintf(e->out, "(call $%s.init (local.get $this)", cls->name);
  for (int i = 0; i < t->nparams; i++)
    fprintf(e->out, " (local.get $%s)", f->params[i]->wasm_name);
  fputs(")\n", e->out);
  line(e, "(local.get $this)");
  close_line(e);
}
