/*
 * check_interface.c - interfaces.
 *
 * An interface is a ClassInfo without storage (is_interface): its methods
 * and its fields' accessors (`x.get`, `x.set`, as for abstract fields) are
 * abstract methods.  A class `implements` it by having methods of the same
 * signatures and fields of the same types.  A value of interface type is
 * any object (`(ref eq)` in Wasm); calls on it go through a dispatcher per
 * interface method that tests the object's class (emit_interface.c).
 */
#include "checker.h"

#include <string.h>

static ClassInfo *new_interface(Checker *c, Node *decl) {
  ClassInfo *cls = arena_alloc(c->arena, sizeof(ClassInfo));
  cls->decl = decl;
  cls->is_interface = true;
  cls->is_abstract = true;
  type_class(c->arena, cls);
  return cls;
}

void declare_interface(Checker *c, Node *decl) {
  Node *name = decl->InterfaceDeclaration.name;
  if (decl->InterfaceDeclaration.typeParameters) {
    declare_generic_type(c, name, decl, decl->InterfaceDeclaration.typeParameters);
    return;
  }
  ClassInfo *cls = new_interface(c, decl);
  cls->name = name->Identifier.name;
  Symbol *sym = declare(c, cls->name, SYM_CLASS, cls->type, name);
  name->sym = sym;
  decl->sym = sym;
  add_class(c, cls);
}

/* An instance of a generic interface: the copy to define. */
ClassInfo *instance_interface(Checker *c, Node *copy) {
  copy->InterfaceDeclaration.typeParameters = NULL;
  return new_interface(c, copy);
}

/* The interface an `extends` or `implements` entry names, or NULL. */
ClassInfo *interface_named(Checker *c, Node *ann) {
  Type *t = resolve_type(c, ann);
  if (t->kind == TY_CLASS && t->cls->is_interface)
    return t->cls;
  if (t->kind != TY_ERROR)
    diag_error(c->diag, ann->loc, "'%s' is not an interface", tname(c, t));
  return NULL;
}

void add_interfaces(Checker *c, ClassInfo *cls, NodeList *list) {
  for (int i = 0; list && i < list->len; i++) {
    ClassInfo *iface = interface_named(c, list->items[i]);
    if (!iface)
      continue;
    define_class(c, iface);
    if (iface->state != 2) { /* still being defined: it extends itself */
      diag_error(c->diag, list->items[i]->loc, "Interface '%s' cannot extend itself",
                 tname(c, iface->type));
      continue;
    }
    cls->ifaces = arena_grow(c->arena, cls->ifaces, cls->nifaces, sizeof(ClassInfo *));
    cls->ifaces[cls->nifaces++] = iface;
  }
}

/* A method signature: an abstract method whose type is known at once. */
static void add_signature(Checker *c, ClassInfo *cls, Node *sig) {
  const char *name = sig->MethodSignature.name->Identifier.name;
  Function *f = class_function(c, cls, name, sig);
  NodeList *params = sig->MethodSignature.params;
  Type **types = arena_alloc(c->arena, (params->len + 1) * sizeof(Type *));
  for (int i = 0; i < params->len; i++)
    types[i] = resolve_type(c, params->items[i]->Parameter.typeAnnotation);
  Type *result = sig->MethodSignature.returnType
                     ? resolve_type(c, sig->MethodSignature.returnType)
                     : type_basic(TY_VOID);
  f->sym->type = type_function(types, params->len, result);
  Method *m = arena_alloc(c->arena, sizeof(Method));
  *m = (Method){name, f, cls, m, true, true, NULL, NULL, NULL};
  attach_method(c, cls, m);
}

void define_interface(Checker *c, ClassInfo *cls) {
  Node *decl = cls->decl;
  add_interfaces(c, cls, decl->InterfaceDeclaration.extends);
  NodeList *body = decl->InterfaceDeclaration.body;
  for (int i = 0; i < body->len; i++) {
    Node *m = body->items[i];
    if (m->kind == ND_MethodSignature && !m->MethodSignature.typeParameters)
      add_signature(c, cls, m);
    else if (m->kind == ND_FieldDefinition)
      add_abstract_field(c, cls, m);
    else
      unsupported(c, m, m->kind == ND_MethodSignature ? "a generic interface method"
                                                      : "this interface member");
  }
  for (int i = 0; i < cls->nmethods; i++)
    cls->methods[i]->is_virtual = true;
}

/* ---- implementations ---- */

static void report(Checker *c, const Node *at, const ClassInfo *cls,
                   const ClassInfo *iface, const char *what) {
  diag_error(c->diag, at->loc, "Class '%s' incorrectly implements interface '%s': %s",
             tname(c, cls->type), tname(c, iface->type), what);
}

/* Does cls have what accessor m of iface asks: a field of that type (var
 * for a setter) or an accessor of its own? */
static void check_field_member(Checker *c, ClassInfo *cls, const ClassInfo *iface,
                               const Method *m) {
  const char *field = m->fn->accessor_field;
  if (find_method(cls, m->name))
    return;
  const Field *fd = find_field(cls, field);
  Type *want = m->fn->is_setter ? m->fn->sym->type->params[0] : m->fn->sym->type->result;
  if (!fd) {
    if (!m->fn->is_setter)
      report(c, cls->decl, cls, iface,
             arena_printf(c->arena, "field '%s' is missing", field));
  } else if (fd->type != want && !m->fn->is_setter) {
    report(c, fd->decl, cls, iface,
           arena_printf(c->arena, "field '%s' has type %s, expected %s", field,
                        tname(c, fd->type), tname(c, want)));
  } else if (m->fn->is_setter && !fd->is_var) {
    report(c, fd->decl, cls, iface,
           arena_printf(c->arena, "Setter for '%s' is missing: the interface declares "
                        "it 'var', so the field must be 'var' too", field));
  }
}

static void check_implements(Checker *c, ClassInfo *cls, const ClassInfo *iface) {
  for (int i = 0; i < iface->nifaces; i++)
    check_implements(c, cls, iface->ifaces[i]);
  for (int i = 0; i < iface->nmethods; i++) {
    const Method *m = iface->methods[i];
    if (m->fn->accessor_field) {
      check_field_member(c, cls, iface, m);
      continue;
    }
    const Method *have = find_method_like(cls, m);
    if (!have) {
      report(c, cls->decl, cls, iface,
             arena_printf(c->arena, "method '%s' is missing", m->name));
      continue;
    }
    resolve_function(c, have->fn->sym, cls->decl);
    Type *got = have->fn->sym->type, *want = m->fn->sym->type;
    if (got && got != want && !type_assignable(got, want))
      report(c, have->fn->node, cls, iface,
             arena_printf(c->arena, "method '%s' has type %s, expected %s", m->name,
                          tname(c, got), tname(c, want)));
  }
}

void check_interfaces_of(Checker *c, ClassInfo *cls) {
  if (cls->is_interface || cls->is_abstract)
    return;
  for (const ClassInfo *up = cls; up; up = up->super)
    for (int i = 0; i < up->nifaces; i++)
      check_implements(c, cls, up->ifaces[i]);
}
