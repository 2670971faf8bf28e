/*
 * check_mixin.c - mixins.
 *
 * `class C extends B with M1, M2 {}` makes C extend M2 applied to (M1
 * applied to B).  Applying a mixin makes a class of its own: a copy of the
 * mixin's body (ast_clone) whose superclass is the base, named `B+M` in
 * Wasm.  Each (mixin, base, type arguments) is applied once.  A mixin's
 * `on Base` clause says what the base must be; its own `with` list is
 * applied first.  Every mixin is also checked once on its own, applied to
 * its `on` class as `M_This`, so errors in unused mixins are found; that
 * copy is never emitted.
 */
#include "checker.h"

#include <string.h>

/* One application of a mixin. */
typedef struct Application Application;
struct Application {
  ClassInfo *base;   /* what it was applied to (NULL: nothing) */
  Type **args;       /* its type arguments */
  ClassInfo *cls;    /* the class it made */
  Application *next; /* next application of the same mixin */
};

/* A mixin declaration. */
struct MixinInfo {
  Node *decl;        /* the MixinDeclaration */
  Generic *generic;  /* its type parameters, when it has some */
  int module;        /* the module that declares it */
  Scope *scope;      /* its module's scope */
  Application *apps; /* applied so far */
  bool applying;     /* being applied (its `with` list is being applied) */
};

void declare_mixin(Checker *c, Node *decl) {
  Node *name = decl->MixinDeclaration.name;
  Symbol *sym = declare(c, name->Identifier.name, SYM_MIXIN, NULL, decl);
  MixinInfo *mx = arena_alloc(c->arena, sizeof(MixinInfo));
  *mx = (MixinInfo){.decl = decl, .module = c->module, .scope = c->scope};
  if (decl->MixinDeclaration.typeParameters)
    mx->generic = generic_for_mixin(c, sym->name, decl);
  sym->mixin = mx;
  name->sym = sym;
  decl->sym = sym;
}

static Application *find_application(const MixinInfo *mx, const ClassInfo *base,
                                     Type **args, int nargs) {
  for (Application *a = mx->apps; a; a = a->next)
    if (a->base == base &&
        (nargs == 0 || memcmp(a->args, args, nargs * sizeof(Type *)) == 0))
      return a;
  return NULL;
}

/* Does base satisfy the mixin's `on` clause?  Reports when it does not. */
static void check_on_clause(Checker *c, const MixinInfo *mx, ClassInfo *base,
                            const Node *at) {
  Node *on = mx->decl->MixinDeclaration.on;
  if (!on)
    return;
  Type *want = resolve_type(c, on);
  const char *name = mx->decl->MixinDeclaration.name->Identifier.name;
  if (want->kind != TY_CLASS)
    return;
  if (!base)
    diag_error(c->diag, at->loc,
               "Mixin '%s' requires superclass to extend '%s', but no superclass "
               "is defined.", name, tname(c, want));
  else if (!class_implements(base, want->cls))
    diag_error(c->diag, at->loc, "Mixin '%s' requires superclass to extend '%s'.",
               name, tname(c, want));
}

/* The constructor a class declares, or NULL. */
static const Node *declared_ctor(const Node *decl) {
  NodeList *body = decl->ClassDeclaration.body;
  for (int i = 0; i < body->len; i++) {
    const Node *m = body->items[i];
    if (m->kind == ND_MethodDefinition &&
        strcmp(m->MethodDefinition.name->Identifier.name, "<constructor>") == 0)
      return m;
  }
  return NULL;
}

/* A mixin application takes its base's constructor parameters and passes
 * them on, `new(a: A, b: B) : super(a, b) {}`, so that a class over it
 * calls super(...) as it would over the base.  NULL when the base takes
 * nothing (or parameters that cannot be copied: a pattern, or a
 * `this.x` without a type). */
static Node *forwarding_ctor(Checker *c, const ClassInfo *base, Loc loc) {
  const Node *ctor = base && base->decl->kind == ND_ClassDeclaration
                         ? declared_ctor(base->decl) : NULL;
  if (!ctor || !ctor->MethodDefinition.params->len)
    return NULL;
  Node *m = node_new(c->arena, ND_MethodDefinition, loc);
  m->MethodDefinition.name = node_ident(c->arena, "<constructor>", loc);
  m->MethodDefinition.params = list_new(c->arena);
  m->MethodDefinition.decorators = list_new(c->arena);
  Node *super = node_new(c->arena, ND_SuperInitializer, loc);
  super->SuperInitializer.arguments = list_new(c->arena);
  NodeList *params = ctor->MethodDefinition.params;
  for (int i = 0; i < params->len; i++) {
    const Node *p = params->items[i];
    if (p->Parameter.pattern || (p->Parameter.isThisParam && !p->Parameter.typeAnnotation))
      return NULL;
    Node *copy = ast_clone(c->arena, p);
    copy->Parameter.isThisParam = false;
    list_push(c->arena, m->MethodDefinition.params, copy);
    list_push(c->arena, super->SuperInitializer.arguments,
              node_ident(c->arena, p->Parameter.name->Identifier.name, loc));
  }
  m->MethodDefinition.superInitializer = super;
  m->MethodDefinition.body = node_new(c->arena, ND_BlockStatement, loc);
  m->MethodDefinition.body->BlockStatement.body = list_new(c->arena);
  return m;
}

/* The class a mixin application is: its body over the base. */
static ClassInfo *applied_class(Checker *c, MixinInfo *mx, ClassInfo *base,
                                Scope *scope, const char *name, bool check_only) {
  Node *m = mx->decl;
  Node *decl = node_new(c->arena, ND_ClassDeclaration, m->loc);
  decl->ClassDeclaration.name = node_ident(c->arena, name, m->loc);
  NodeList *body = list_new(c->arena);
  for (int i = 0; i < m->MixinDeclaration.body->len; i++) {
    Node *member = m->MixinDeclaration.body->items[i];
    bool is_ctor = member->kind == ND_MethodDefinition &&
                   strcmp(member->MethodDefinition.name->Identifier.name,
                          "<constructor>") == 0;
    if (is_ctor && check_only)
      diag_error(c->diag, member->loc, "Mixins cannot define constructors");
    if (!is_ctor)
      list_push(c->arena, body, ast_clone(c->arena, member));
  }
  Node *ctor = forwarding_ctor(c, base, m->loc);
  if (ctor)
    list_push(c->arena, body, ctor);
  decl->ClassDeclaration.body = body;
  ClassInfo *cls = arena_alloc(c->arena, sizeof(ClassInfo));
  cls->decl = decl;
  cls->name = name;
  cls->scope = scope;
  cls->mixin_base = base;
  cls->is_check_only = check_only;
  type_class(c->arena, cls);
  Symbol *sym = arena_alloc(c->arena, sizeof(Symbol));
  *sym = (Symbol){.name = name, .kind = SYM_CLASS, .type = cls->type, .decl = decl,
                  .wasm_name = name};
  decl->sym = sym;
  decl->ClassDeclaration.name->sym = sym;
  return cls;
}

static ClassInfo *apply(Checker *c, MixinInfo *mx, Type **args, int nargs,
                        ClassInfo *base, const Node *at, bool check_only);

/* Applies each mixin of `list` in turn, starting from base. */
ClassInfo *apply_mixins(Checker *c, NodeList *list, ClassInfo *base) {
  for (int i = 0; list && i < list->len; i++) {
    Node *ann = list->items[i];
    const char *name = ann->kind == ND_TypeAnnotation ? ann->TypeAnnotation.name : "?";
    Symbol *sym = lookup(c, name);
    if (!sym || sym->kind != SYM_MIXIN) {
      diag_error(c->diag, ann->loc, "'%s' is not a mixin", name);
      continue;
    }
    MixinInfo *mx = sym->mixin;
    NodeList *targs = ann->TypeAnnotation.typeArguments;
    int nargs = targs ? targs->len : 0;
    int want = mx->generic ? generic_arity(mx->generic) : 0;
    if (nargs != want) {
      diag_error(c->diag, ann->loc, "'%s' expects %d type argument%s, got %d", name,
                 want, want == 1 ? "" : "s", nargs);
      continue;
    }
    Type **args = arena_alloc(c->arena, (nargs + 1) * sizeof(Type *));
    for (int k = 0; k < nargs; k++)
      args[k] = resolve_type(c, targs->items[k]);
    base = apply(c, mx, args, nargs, base, ann, false);
  }
  return base;
}

static ClassInfo *apply(Checker *c, MixinInfo *mx, Type **args, int nargs,
                        ClassInfo *base, const Node *at, bool check_only) {
  Application *app = check_only ? NULL : find_application(mx, base, args, nargs);
  if (app)
    return app->cls;
  if (mx->applying) {
    diag_error(c->diag, at->loc, "Mixin '%s' includes itself (through 'with')",
               mx->decl->MixinDeclaration.name->Identifier.name);
    return base;
  }
  Scope *scope = mx->generic ? bind_type_params(c, mx->generic, args) : mx->scope;
  Scope *saved_scope = c->scope;
  int saved_module = c->module;
  c->scope = scope;
  c->module = mx->module;
  if (!check_only)
    check_on_clause(c, mx, base, at);
  mx->applying = true;
  base = apply_mixins(c, mx->decl->MixinDeclaration.mixins, base);
  mx->applying = false;
  const char *mixin = mx->decl->MixinDeclaration.name->Identifier.name;
  if (mx->generic)
    mixin = type_args_name(c, mixin, args, nargs);
  const char *name = check_only ? arena_printf(c->arena, "%s_This", mixin)
                     : base     ? arena_printf(c->arena, "%s+%s", base->name, mixin)
                                : mixin;
  ClassInfo *cls = applied_class(c, mx, base, scope, name, check_only);
  if (!check_only) {
    app = arena_alloc(c->arena, sizeof(Application));
    *app = (Application){base, args, cls, mx->apps};
    mx->apps = app;
  }
  add_class(c, cls);
  define_class(c, cls);
  c->scope = saved_scope;
  c->module = saved_module;
  return cls;
}

/* The check of a mixin on its own: applied to its `on` class, or to
 * nothing.  Generic mixins and mixins built `with` others (whose `on`
 * clauses only a real base can satisfy) are checked where applied. */
void check_mixin(Checker *c, Node *decl) {
  MixinInfo *mx = decl->sym ? decl->sym->mixin : NULL;
  if (!mx || mx->generic || decl->MixinDeclaration.mixins)
    return;
  Node *on = decl->MixinDeclaration.on;
  Type *base = on ? resolve_type(c, on) : NULL;
  if (base && base->kind != TY_CLASS)
    diag_error(c->diag, on->loc, "'%s' must be a class", tname(c, base));
  apply(c, mx, NULL, 0, base && base->kind == TY_CLASS ? base->cls : NULL, decl, true);
}
