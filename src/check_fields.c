/*
 * check_fields.c - abstract fields.
 *
 * `abstract loc: i32;` in an abstract (or sealed) class has no storage: it
 * is a virtual getter, `loc.get` (and for `abstract var`, a setter
 * `loc.set`), and each concrete subclass implements it with a field of its
 * own of the same name, for which the compiler writes the accessors.
 * Reading `n.loc` on the abstract type calls the getter through the vtable.
 *
 * Accessors written out, `value: i32 { get {...} set(v) {...} }`, are the
 * same methods with the bodies given.
 */
#include "checker.h"

#include <string.h>

/* A getter or setter method for `field`, abstract when `impl` is NULL. */
static void new_accessor(Checker *c, ClassInfo *cls, const char *field, bool setter,
                         Type *type, Node *decl, bool abstract) {
  const char *name = arena_printf(c->arena, "%s.%s", field, setter ? "set" : "get");
  Function *f = class_function(c, cls, name, decl);
  f->accessor_field = field;
  f->is_setter = setter;
  if (setter) {
    Symbol *value = arena_alloc(c->arena, sizeof(Symbol));
    *value = (Symbol){.name = "value", .kind = SYM_LOCAL, .type = type,
                      .decl = decl, .wasm_name = "value", .owner = f};
    f->params = arena_alloc(c->arena, sizeof(Symbol *));
    f->params[0] = value;
    f->sym->type = type_function(&type, 1, type_basic(TY_VOID));
  } else {
    f->sym->type = type_function(NULL, 0, type);
  }
  Method *m = arena_alloc(c->arena, sizeof(Method));
  *m = (Method){name, f, cls, m, false, abstract, NULL, NULL, NULL};
  attach_method(c, cls, m);
}

void add_abstract_field(Checker *c, ClassInfo *cls, Node *fd) {
  const char *name = fd->FieldDefinition.name->Identifier.name;
  if (!cls->is_abstract)
    diag_error(c->diag, fd->loc,
               "Abstract field '%s' needs an abstract or sealed class", name);
  Type *t = resolve_type(c, fd->FieldDefinition.typeAnnotation);
  if (!t) {
    diag_error(c->diag, fd->loc, "Abstract field '%s' needs a type", name);
    t = type_basic(TY_ERROR);
  }
  if (fd->FieldDefinition.isOptional) /* `abstract loc?: Loc` */
    t = optional_type(c, fd, "field", name, t);
  const char *mut = fd->FieldDefinition.mutability;
  new_accessor(c, cls, name, false, t, fd, true);
  if (mut && strcmp(mut, "var") == 0)
    new_accessor(c, cls, name, true, t, fd, true);
}

const Method *find_accessor(Checker *c, const ClassInfo *cls, const char *field,
                            bool setter) {
  return find_method(cls, arena_printf(c->arena, "%s.%s", field,
                                       setter ? "set" : "get"));
}

static bool has_own_method(const ClassInfo *cls, const char *name) {
  for (int i = 0; i < cls->nmethods; i++)
    if (strcmp(cls->methods[i]->name, name) == 0)
      return true;
  return false;
}

/* The abstract fields cls inherits become accessors of its own fields. */
void implement_abstract_fields(Checker *c, ClassInfo *cls) {
  for (const ClassInfo *up = cls->super; up; up = up->super) {
    for (int i = 0; i < up->nmethods; i++) {
      const Method *m = up->methods[i];
      const char *field = m->fn->accessor_field;
      if (!m->is_abstract || !field || has_own_method(cls, m->name))
        continue;
      const Field *fd = find_field(cls, field);
      Type *want = m->fn->is_setter ? m->fn->sym->type->params[0]
                                    : m->fn->sym->type->result;
      if (!fd) {
        if (!cls->is_abstract && !m->fn->is_setter)
          diag_error(c->diag, cls->decl->loc,
                     "Class '%s' does not implement abstract field '%s'",
                     cls->name, field);
        continue;
      }
      if (fd->type != want)
        diag_error(c->diag, fd->decl->loc,
                   "Type mismatch: field '%s' of '%s' is %s, the abstract field is %s",
                   field, cls->name, tname(c, fd->type), tname(c, want));
      if (m->fn->is_setter && !fd->is_var)
        diag_error(c->diag, fd->decl->loc,
                   "Field '%s' of '%s' must be 'var' to implement 'abstract var %s'",
                   field, cls->name, field);
      new_accessor(c, cls, field, m->fn->is_setter, want, fd->decl, false);
    }
  }
}

/* A method `field.get` or `field.set` with the body an accessor gives. */
static Node *accessor_method(Checker *c, Node *acc, bool setter, Node *param,
                             Node *body) {
  Loc loc = body->loc;
  const char *field = acc->AccessorDeclaration.name->Identifier.name;
  Node *m = node_new(c->arena, ND_MethodDefinition, loc);
  m->MethodDefinition.name =
      node_ident(c->arena, arena_printf(c->arena, "%s.%s", field, setter ? "set" : "get"),
                 loc);
  m->MethodDefinition.params = list_new(c->arena);
  m->MethodDefinition.decorators = list_new(c->arena);
  m->MethodDefinition.body = body;
  Node *type = acc->AccessorDeclaration.typeAnnotation;
  if (setter) {
    Node *p = node_new(c->arena, ND_Parameter, param->loc);
    p->Parameter.name = param;
    p->Parameter.typeAnnotation = type;
    list_push(c->arena, m->MethodDefinition.params, p);
    type = node_new(c->arena, ND_TypeAnnotation, loc);
    type->TypeAnnotation.name = "void";
  }
  m->MethodDefinition.returnType = type;
  return m;
}

void add_accessor(Checker *c, ClassInfo *cls, Node *acc) {
  if (acc->AccessorDeclaration.name->kind != ND_Identifier ||
      acc->AccessorDeclaration.isStatic) {
    unsupported(c, acc, "a static or symbol-named accessor");
    return;
  }
  if (acc->AccessorDeclaration.getter)
    add_method(c, cls, accessor_method(c, acc, false, NULL,
                                       acc->AccessorDeclaration.getter));
  if (acc->AccessorDeclaration.setterBody)
    add_method(c, cls, accessor_method(c, acc, true, acc->AccessorDeclaration.setterParam,
                                       acc->AccessorDeclaration.setterBody));
}
