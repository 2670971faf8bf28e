/*
 * check_extension.c - extension classes: methods added to an existing type.
 *
 * `extension class E on T { ... }` gives values of type T (and of type E,
 * which is T under another name: `x as E`) E's methods.  Inside them `this`
 * is a T.  A method call or member read that T itself does not answer looks
 * for an extension on T; a generic extension (`ArrayExt<U> on array<U>`) is
 * instantiated for the receiver's type.  In Wasm, E is T's type and its
 * methods are functions taking the T as `this`.
 */
#include "checker.h"

#include <string.h>

void define_extension(Checker *c, ClassInfo *cls) {
  Node *decl = cls->decl;
  cls->on = resolve_type(c, decl->ClassDeclaration.onType);
  NodeList *body = decl->ClassDeclaration.body;
  for (int i = 0; i < body->len; i++) {
    Node *m = body->items[i];
    if (m->kind == ND_MethodDefinition &&
        strcmp(m->MethodDefinition.name->Identifier.name, "<constructor>") == 0)
      continue; /* nothing to construct: an extension is its underlying value */
    if (m->kind == ND_MethodDefinition)
      add_method(c, cls, m);
    else if (m->kind == ND_AccessorDeclaration)
      add_accessor(c, cls, m);
    else
      unsupported(c, m, "this member of an extension class");
  }
}

/* The extension instance of generic extension template sym whose `on`
 * type matches t, or NULL. */
static ClassInfo *generic_extension_for(Checker *c, Symbol *sym, Type *t) {
  Generic *g = sym->generic;
  Type *template = instantiate_class(c, g, generic_params(g), sym->decl);
  if (template->kind != TY_CLASS || !template->cls->on)
    return NULL;
  Type **args = match_type_params(c, g, template->cls->on, t);
  if (!args)
    return NULL;
  Type *inst = instantiate_class(c, g, args, sym->decl);
  return inst->kind == TY_CLASS && inst->cls->on == t ? inst->cls : NULL;
}

/* Does scope s (or one it is in) declare an extension with method `name`
 * for values of type t? */
static const Method *search(Checker *c, Scope *s, Type *t, const char *name) {
  for (; s; s = s->up)
    for (Symbol *sym = s->syms; sym; sym = sym->next) {
      ClassInfo *ext = NULL;
      if (sym->kind == SYM_CLASS && sym->type->cls->is_extension &&
          sym->type->cls->on == t)
        ext = sym->type->cls;
      else if (sym->kind == SYM_GENERIC_CLASS &&
               sym->decl->kind == ND_ClassDeclaration &&
               sym->decl->ClassDeclaration.onType)
        ext = generic_extension_for(c, sym, t);
      const Method *m = ext ? find_method(ext, name) : NULL;
      if (m)
        return m;
    }
  return NULL;
}

const Method *find_extension_method(Checker *c, Type *t, const char *name) {
  if (t->kind == TY_CLASS && t->cls->is_extension)
    t = t->cls->on;
  return search(c, c->scope, t, name);
}
