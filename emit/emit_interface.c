/*
 * emit_interface.c - calls on values of interface type.
 *
 * A value of interface type is any object, `(ref eq)`.  Each interface
 * method (and field accessor) gets a dispatcher, `$I.m.dispatch`, that tests
 * the object against each class implementing I, most derived first, and
 * calls that class's method (or reads or writes its field).  The program is
 * closed, so the list of classes is complete.
 */
#include "emit.h"

#include <string.h>

/* `(ref.cast (ref $C) (local.get $this))` */
static void emit_this_as(Emitter *e, const ClassInfo *cls) {
  tb_printf(e->out, "(ref.cast (ref $%s) (local.get $this))", cls->name);
}

/* What class cls does for interface member m, as one `return`. */
static void emit_member_for(Emitter *e, const ClassInfo *cls, const Method *m) {
  const Type *t = fn_code_type(m->fn);
  const Method *impl = find_method_like(cls, m);
  const char *field = m->fn->accessor_field;
  start_line(e);
  if (impl) {
    tb_printf(e->out, "(return (call $%s ", method_target(e, impl));
    emit_this_as(e, cls);
    for (int a = 0; a < t->nparams; a++)
      tb_printf(e->out, " (local.get $p%d)", a);
    tb_puts(e->out, "))");
  } else if (m->fn->is_setter) { /* a plain field */
    tb_printf(e->out, "(struct.set $%s $%s ", cls->name, field);
    emit_this_as(e, cls);
    tb_puts(e->out, " (local.get $p0)) (return)");
  } else {
    bool non_null = needs_non_null(e, t->result);
    tb_printf(e->out, "(return %s(struct.get $%s $%s ", non_null ? "(ref.as_non_null " : "",
            cls->name, field);
    emit_this_as(e, cls);
    tb_puts(e->out, non_null ? ")))" : "))");
  }
  tb_putc(e->out, '\n');
}

static void emit_dispatcher(Emitter *e, const ClassInfo *iface, const Method *m) {
  const Type *t = fn_code_type(m->fn);
  line(e, ";; %s.%s(...) on any object implementing %s", iface->name, m->name,
       iface->name);
  start_line(e);
  tb_printf(e->out, "(func $%s.%s.dispatch (param $this (ref eq))", iface->name, m->label);
  for (int a = 0; a < t->nparams; a++)
    tb_printf(e->out, " (param $p%d %s)", a, wasm_type(e, t->params[a]));
  const char *result = wasm_type(e, t->result);
  if (result)
    tb_printf(e->out, " (result %s)", result);
  tb_putc(e->out, '\n');
  e->depth++;
  const Program *p = e->prog;
  for (int i = p->nclasses - 1; i >= 0; i--) {
    const ClassInfo *cls = p->classes[i];
    if (cls->is_abstract || !cls->reachable || !class_implements(cls, iface))
      continue; /* (no instance of an unreachable class exists) */
    open_line(e, "(if (ref.test (ref $%s) (local.get $this))", cls->name);
    open_line(e, "(then");
    emit_member_for(e, cls, m);
    close_line(e);
    close_line(e);
  }
  line(e, "(unreachable)");
  close_line(e);
}

void emit_interface_dispatchers(Emitter *e) {
  const Program *p = e->prog;
  for (int i = 0; i < p->ninterfaces; i++) {
    const ClassInfo *iface = p->interfaces[i];
    for (int m = 0; iface->reachable && m < iface->nmethods; m++)
      emit_dispatcher(e, iface, iface->methods[m]);
  }
}
