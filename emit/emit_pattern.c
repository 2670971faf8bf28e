/*
 * emit_pattern.c - destructuring and parameter defaults.
 *
 * A destructured value sits in a local (a scratch one, or the hidden
 * parameter of a destructured parameter); each name the pattern binds is
 * set from a field or element of it, nested patterns going through scratch
 * locals of their own.
 *
 * Defaults are supplied by the caller, evaluated afresh at each call: a
 * call that leaves out trailing parameters keeps the receiver and every
 * argument in scratch locals (local.tee) and passes, for each missing one,
 * the result of `$f.default.N`, a function of `this` and the parameters
 * before it whose body is the default expression (null for `x?: T`).
 */
#include "emit.h"

#include <string.h>


/* Reads field `name` (or element) of the value of type t in local src;
 * an optional record field that was left out gives dflt instead. */
static void emit_part(Emitter *e, const Type *t, Node *name, int index,
                      const char *src, Node *dflt) {
  if (t->kind == TY_CLASS) {
    const Field *fd = find_field(t->cls, name->Identifier.name);
    bool non_null = needs_non_null(e, fd->type);
    tb_printf(e->out, "%s(struct.get $%s $%s (local.get $%s))%s",
            non_null ? "(ref.as_non_null " : "", t->cls->name, fd->name, src,
            non_null ? ")" : "");
    return;
  }
  int i = t->kind == TY_TUPLE ? index : record_field(t, name->Identifier.name);
  const char *shape = shape_type_name(e, t);
  if (t->kind == TY_TUPLE || !t->optional[i] || !dflt) {
    const char *close = open_shape_get(e, t, i);
    tb_printf(e->out, "(local.get $%s)%s", src, close);
    return;
  }
  const char *vt = wasm_type(e, t->members[i]);
  if (type_is_reference(t->members[i])) { /* left out: null */
    const char *label = arena_printf(e->arena, "given%d", e->labels++);
    tb_printf(e->out, "(block $%s (result %s) (br_on_non_null $%s (struct.get $%s $%s "
            "(local.get $%s))) ", label, vt, label, shape, t->names[i], src);
  } else {
    tb_printf(e->out, "(if (result %s) (struct.get $%s $%s? (local.get $%s)) "
            "(then (struct.get $%s $%s (local.get $%s))) (else ", vt, shape,
            t->names[i], src, shape, t->names[i], src);
  }
  emit_expr(e, dflt);
  tb_puts(e->out, type_is_reference(t->members[i]) ? ")" : "))");
}

/* Binds sub-pattern `pat` (maybe `pat = default`) to a part of src. */
static void emit_sub(Emitter *e, Node *pat, const Type *t, Node *name, int index,
                     const char *src) {
  Node *dflt = NULL;
  if (pat->kind == ND_AssignmentPattern) {
    dflt = pat->AssignmentPattern.right;
    pat = pat->AssignmentPattern.left;
  }
  if (pat->kind == ND_Identifier && !pat->sym)
    return; /* `_` */
  start_line(e);
  const char *part = NULL;
  const char *close;
  if (pat->kind == ND_Identifier) {
    close = open_var_init(e, pat->sym);
  } else {
    part = new_temp(e, wasm_type(e, pat->type));
    tb_printf(e->out, "(local.set $%s ", part);
    close = ")";
  }
  emit_part(e, t, name, index, src, dflt);
  tb_printf(e->out, "%s\n", close);
  if (part)
    emit_binding(e, pat, part);
}

void emit_binding(Emitter *e, Node *pat, const char *src) {
  switch (pat->kind) {
  case ND_Identifier:
    if (pat->sym) {
      start_line(e);
      const char *close = open_var_init(e, pat->sym);
      tb_printf(e->out, "(local.get $%s)%s\n", src, close);
    }
    return;
  case ND_AssignmentPattern:
    emit_binding(e, pat->AssignmentPattern.left, src);
    return;
  case ND_RecordPattern:
  case ND_ClassPattern: {
    NodeList *props = pattern_props(pat);
    for (int i = 0; i < props->len; i++) {
      Node *prop = props->items[i];
      emit_sub(e, prop->BindingProperty.value, pat->type, prop->BindingProperty.name,
               -1, src);
    }
    return;
  }
  case ND_TuplePattern: {
    NodeList *elems = pat->TuplePattern.elements;
    for (int i = 0; i < elems->len; i++)
      emit_sub(e, elems->items[i], pat->type, NULL, i, src);
    return;
  }
  default:
    return;
  }
}

/* `let PATTERN = init;` */
void emit_destructuring(Emitter *e, Node *decl) {
  Node *pat = decl->VariableDeclaration.pattern;
  where_line(e, decl);
  const char *src = new_temp(e, wasm_type(e, pat->type));
  start_line(e);
  tb_printf(e->out, "(local.set $%s ", src);
  emit_expr(e, decl->VariableDeclaration.init);
  tb_puts(e->out, ")\n");
  emit_binding(e, pat, src);
}

/* At the start of f: its destructured parameters' names (not in the
 * default helpers, which share f's symbol but not its body). */
void emit_param_patterns(Emitter *e, const Function *f) {
  NodeList *params = f && f->has_patterns && f->sym->fn == f ? function_params(f) : NULL;
  for (int i = 0; params && i < params->len; i++)
    if (params->items[i]->kind == ND_Parameter && params->items[i]->Parameter.pattern)
      emit_binding(e, params->items[i]->Parameter.pattern, f->params[i]->wasm_name);
}

/* Does a call of f pass `this` to its defaults? */
static bool defaults_take_this(const Function *f) {
  return f->owner && !f->is_ctor;
}

static const char *default_name(Emitter *e, const Function *f, int i) {
  return arena_printf(e->arena, "%s.default.%d", f->sym->wasm_name, i);
}

/* `$f.default.N` for every parameter default of a function that calls can
 * name (closures are called through values, with every argument). */
void emit_default_helpers(Emitter *e) {
  for (int k = 0; k < e->prog->nfunctions; k++) {
    const Function *f = e->prog->functions[k];
    NodeList *params =
        f->reachable && !f->is_closure && f->has_defaults ? function_params(f) : NULL;
    if (!params)
      continue;
    for (int i = 0; i < params->len; i++) {
      Node *dflt = param_default(params->items[i]);
      if (!dflt)
        continue;
      Function helper = {.sym = f->sym, .node = f->node, .module = f->module,
                         .params = f->params,
                         .owner = defaults_take_this(f) ? f->owner : NULL,
                         .this_sym = f->this_sym};
      const Type *t = f->sym->type;
      begin_function(e, &helper, default_name(e, f, i),
                     type_function(t->params, i, t->params[i]));
      e->fn = f; /* the default reads f's parameters, here its own */
      start_line(e);
      emit_expr(e, dflt);
      tb_putc(e->out, '\n');
      e->fn = &helper;
      end_function(e);
    }
  }
}

/* Is the default of parameter p `__LOCATION__`?  Then a call that leaves
 * p out passes its own location (the default helper would pass its). */
static bool defaults_to_location(const Node *p) {
  const Node *d = param_default(p);
  return d && d->kind == ND_Identifier && is_location(d->sym);
}

/* The arguments of a call of a host function, with the defaults of its
 * declaration written out where the call leaves them out (a host function
 * has no default helpers). */
void emit_host_args(Emitter *e, const Symbol *import, const Node *call) {
  NodeList *args = call->CallExpression.arguments, *params = host_params(import);
  for (int i = 0; i < params->len; i++) {
    tb_putc(e->out, ' ');
    if (i < args->len)
      emit_expr(e, args->items[i]);
    else if (defaults_to_location(params->items[i]))
      emit_location(e, call->loc);
    else if (param_default(params->items[i]))
      emit_expr(e, param_default(params->items[i]));
    else /* `x?: T` */
      tb_puts(e->out, "(ref.null none)");
  }
}

/* The receiver (when not NULL) and arguments of a call of f, with the
 * defaults of the parameters the call leaves out. */
void emit_call_args(Emitter *e, const Function *f, Node *receiver, NodeList *args,
                    const Node *call) {
  const Type *t = f ? f->sym->type : NULL;
  /* the declaration (far off in memory) only when defaults are needed */
  NodeList *params = t && args->len < t->nparams ? function_params(f) : NULL;
  if (!params) {
    if (receiver) {
      tb_putc(e->out, ' ');
      emit_expr(e, receiver);
    }
    for (int i = 0; i < args->len; i++) {
      tb_putc(e->out, ' ');
      emit_expr(e, args->items[i]);
    }
    return;
  }
  const char *self = NULL;
  if (receiver) {
    self = new_temp(e, wasm_type(e, receiver->type));
    tb_printf(e->out, " (local.tee $%s ", self);
    emit_expr(e, receiver);
    tb_putc(e->out, ')');
  }
  const char **values = arena_alloc(e->arena, t->nparams * sizeof(char *));
  for (int i = 0; i < t->nparams; i++) {
    values[i] = new_temp(e, wasm_type(e, t->params[i]));
    tb_printf(e->out, " (local.tee $%s ", values[i]);
    if (i < args->len) {
      emit_expr(e, args->items[i]);
    } else if (!param_default(params->items[i])) {
      tb_puts(e->out, "(ref.null none)");
    } else if (defaults_to_location(params->items[i])) {
      emit_location(e, call->loc);
    } else {
      tb_printf(e->out, "(call $%s", default_name(e, f, i));
      if (defaults_take_this(f))
        tb_printf(e->out, " (local.get $%s)", self);
      for (int k = 0; k < i; k++)
        tb_printf(e->out, " (local.get $%s)", values[k]);
      tb_putc(e->out, ')');
    }
    tb_putc(e->out, ')');
  }
}
