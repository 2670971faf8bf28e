/*
 * check_class.c - classes: layout, constructors and methods.
 *
 * Classes are handled in three steps so that they may refer to each other
 * freely: declare_class() makes every class name known, define_classes()
 * lays out fields (superclass first) and creates the functions for
 * constructors and methods, and check_classes() checks their bodies.
 */
#include "checker.h"

#include <string.h>

/* Is a class of the program already called `name` in the output? */
static bool class_name_taken(const Checker *c, const char *name) {
  return names_find(&c->class_names, name) != NULL;
}

void add_class(Checker *c, ClassInfo *cls) {
  Program *p = c->prog;
  if (cls->is_template)
    return;
  if (class_name_taken(c, cls->name)) {
    /* two modules declare classes of one name (a program's None and
     * zena:option's): the later one is `None@2` in the output, and still
     * `None` in messages */
    if (!cls->display)
      cls->display = cls->name;
    const char *name;
    for (int k = 2; class_name_taken(c, name = arena_printf(c->arena, "%s@%d", cls->name, k));)
      k++;
    cls->name = name;
  }
  names_add(&c->class_names, c->arena, cls->name);
  p->classes = arena_grow(c->arena, p->classes, p->nclasses, sizeof(ClassInfo *));
  p->classes[p->nclasses++] = cls;
}

static ClassInfo *new_class(Checker *c, Node *decl) {
  Node *name = decl->ClassDeclaration.name;
  ClassInfo *cls = arena_alloc(c->arena, sizeof(ClassInfo));
  cls->name = name->Identifier.name;
  cls->decl = decl;
  cls->is_abstract = decl->ClassDeclaration.isAbstract || decl->ClassDeclaration.isSealed;
  Symbol *sym = declare(c, cls->name, SYM_CLASS, type_class(c->arena, cls), name);
  name->sym = sym;
  decl->sym = sym;
  add_class(c, cls);
  return cls;
}

/* Is a class of this name declared at module level (a distributed variant)? */
static bool declared_elsewhere(Checker *c, const char *name) {
  NodeList *body = c->prog->modules->items[c->module]->Module.body;
  for (int i = 0; i < body->len; i++) {
    Node *s = body->items[i];
    if (s->kind == ND_ClassDeclaration &&
        strcmp(s->ClassDeclaration.name->Identifier.name, name) == 0)
      return true;
  }
  return false;
}

/* `case Circle(r: f64)` and `case Red` inside a sealed class become classes
 * extending it: case classes, and singletons for unit variants.  A variant
 * declared as a class of its own elsewhere in the module is left to it. */
static void declare_variants(Checker *c, Node *sealed) {
  NodeList *variants = sealed->ClassDeclaration.sealedVariants;
  for (int i = 0; variants && i < variants->len; i++) {
    Node *v = variants->items[i];
    const char *name = v->SealedVariant.name->Identifier.name;
    if (!v->SealedVariant.params && declared_elsewhere(c, name))
      continue;
    Node *decl = node_new(c->arena, ND_ClassDeclaration, v->loc);
    decl->ClassDeclaration.name = node_ident(c->arena, name, v->loc);
    decl->ClassDeclaration.caseParams = v->SealedVariant.params;
    decl->ClassDeclaration.superClass = node_new(c->arena, ND_TypeAnnotation, v->loc);
    decl->ClassDeclaration.superClass->TypeAnnotation.name =
        sealed->ClassDeclaration.name->Identifier.name;
    decl->ClassDeclaration.body = list_new(c->arena);
    decl->ClassDeclaration.isFinal = true;
    new_class(c, decl)->is_singleton = !v->SealedVariant.params;
  }
}

void declare_class(Checker *c, Node *decl) {
  if (decl->ClassDeclaration.typeParameters) {
    declare_generic_class(c, decl);
    return;
  }
  new_class(c, decl)->is_extension = decl->ClassDeclaration.onType != NULL;
  if (decl->ClassDeclaration.isSealed)
    declare_variants(c, decl);
}

/* ---- lookup ---- */

const Field *find_field(const ClassInfo *cls, const char *name) {
  for (int i = 0; i < cls->nfields; i++)
    if (strcmp(cls->fields[i].name, name) == 0)
      return &cls->fields[i];
  return NULL;
}

const Method *find_method(const ClassInfo *cls, const char *name) {
  for (const ClassInfo *up = cls; up; up = up->super)
    for (int i = 0; i < up->nmethods; i++)
      if (strcmp(up->methods[i]->name, name) == 0)
        return up->methods[i];
  for (int i = 0; cls->is_interface && i < cls->nifaces; i++) { /* extended */
    const Method *m = find_method(cls->ifaces[i], name);
    if (m)
      return m;
  }
  return NULL;
}

/* The most derived method of cls that is (or overrides) the root slot. */
const Method *find_override(const ClassInfo *cls, const Method *slot) {
  for (const ClassInfo *up = cls; up; up = up->super)
    for (int i = 0; i < up->nmethods; i++)
      if (up->methods[i]->root == slot)
        return up->methods[i];
  return NULL;
}

/* ---- layout ---- */

static void add_field(Checker *c, ClassInfo *cls, Field f) {
  if (find_field(cls, f.name)) {
    diag_error(c->diag, f.decl->loc, "Duplicate field '%s' in '%s'",
               f.name, cls->name);
    return;
  }
  cls->fields = arena_grow(c->arena, cls->fields, cls->nfields, sizeof(Field));
  cls->fields[cls->nfields++] = f;
}

/* A function symbol for a constructor or method: `$Class.name` in WAT. */
Function *class_function(Checker *c, ClassInfo *cls, const char *name,
                                 Node *node) {
  Symbol *sym = arena_alloc(c->arena, sizeof(Symbol));
  sym->name = name;
  sym->kind = SYM_FUNCTION;
  sym->decl = node;
  sym->wasm_name = arena_printf(c->arena, "%s.%s", cls->name, member_label(name));
  bool is_template = cls->is_template || cls->is_interface || cls->is_check_only ||
                     (node->kind == ND_MethodDefinition &&
                                          node->MethodDefinition.typeParameters);
  Function *f = is_template ? new_function(c, sym, node) : add_function(c, sym, node);
  f->scope = cls->scope;
  f->check_only = cls->is_check_only;
  f->owner = cls;
  return f;
}

/* A method; one that overrides an inherited method makes that method's
 * root virtual, so calls to it dispatch through the vtable. */
/* `static name(...)`: a function named `$Class.name`, called as
 * `Class.name(...)`, without `this`. */
static void add_static_method(Checker *c, ClassInfo *cls, Node *m) {
  const char *name = m->MethodDefinition.name->Identifier.name;
  if (m->MethodDefinition.typeParameters) {
    unsupported(c, m, "a generic static method");
    return;
  }
  if (find_static(cls, name))
    diag_error(c->diag, m->loc, "Static method '%s' is already declared in '%s'", name,
               tname(c, cls->type));
  Symbol *sym = arena_alloc(c->arena, sizeof(Symbol));
  *sym = (Symbol){.name = name, .kind = SYM_FUNCTION, .decl = m,
                  .wasm_name = arena_printf(c->arena, "%s.%s", cls->name, name)};
  bool emitted = !cls->is_template && !cls->is_interface && !cls->is_check_only;
  Function *f = emitted ? add_function(c, sym, m) : new_function(c, sym, m);
  f->scope = cls->scope;
  f->check_only = cls->is_check_only;
  cls->statics = arena_grow(c->arena, cls->statics, cls->nstatics, sizeof(Symbol *));
  cls->statics[cls->nstatics++] = sym;
}

Symbol *find_static(const ClassInfo *cls, const char *name) {
  for (int i = 0; i < cls->nstatics; i++)
    if (strcmp(cls->statics[i]->name, name) == 0)
      return cls->statics[i];
  return NULL;
}

void add_method(Checker *c, ClassInfo *cls, Node *m) {
  const char *name = m->MethodDefinition.name->Identifier.name;
  if (m->MethodDefinition.name->kind != ND_Identifier) {
    unsupported(c, m, "a symbol-named method");
    return;
  }
  if (m->MethodDefinition.decorators->len) {
    unsupported(c, m, "a decorated method");
    return;
  }
  if (m->MethodDefinition.isStatic) {
    add_static_method(c, cls, m);
    return;
  }
  bool is_abstract = m->MethodDefinition.isAbstract || !m->MethodDefinition.body;
  if (is_abstract && !cls->is_abstract)
    diag_error(c->diag, m->loc,
               "Abstract method '%s' can only appear within an abstract class ('%s' is not)", name,
               cls->name);
  if (find_field(cls, name))
    diag_error(c->diag, m->loc, "Method '%s' conflicts with field '%s' of '%s'", name,
               name, tname(c, cls->type));
  Method *method = arena_alloc(c->arena, sizeof(Method));
  *method = (Method){name, class_function(c, cls, name, m), cls, method, false,
                     is_abstract, NULL, NULL, NULL};
  if (m->MethodDefinition.typeParameters)
    make_generic_method(c, method, m, cls);
  attach_method(c, cls, method);
}

/* Adds a method to its class, linking an override to the method it
 * overrides. */
void attach_method(Checker *c, ClassInfo *cls, Method *method) {
  method->fn->method = method;
  const Method *inherited = overridden_method(c, cls, method);
  if (inherited) { /* a mixin checked on its own is never emitted: no dispatch */
    method->root = inherited->root;
    method->root->is_virtual |= !cls->is_check_only;
  }
  method->root->is_virtual |= method->is_abstract;
  cls->methods = arena_grow(c->arena, cls->methods, cls->nmethods, sizeof(Method *));
  cls->methods[cls->nmethods++] = method;
}

/* A field declared in the class body. */
static void add_declared_field(Checker *c, ClassInfo *cls, Node *fd) {
  if (fd->FieldDefinition.isAbstract && fd->FieldDefinition.name->kind == ND_Identifier) {
    add_abstract_field(c, cls, fd);
    return;
  }
  if (fd->FieldDefinition.isStatic || fd->FieldDefinition.name->kind != ND_Identifier) {
    unsupported(c, fd, fd->FieldDefinition.isStatic ? "a static field"
                                                    : "a symbol-named field");
    return;
  }
  Type *t = resolve_type(c, fd->FieldDefinition.typeAnnotation);
  if (t && fd->FieldDefinition.isOptional) /* `var left?: Node` */
    t = optional_type(c, fd, "field", fd->FieldDefinition.name->Identifier.name, t);
  Node *init = fd->FieldDefinition.value;
  if (init && !cls->is_template) {
    Type *v = check_expr(c, init, t);
    if (t)
      expect_type(c, init, v, t);
    else
      t = v;
  }
  if (!t) {
    diag_error(c->diag, fd->loc, "Field '%s' needs a type or an initializer",
               fd->FieldDefinition.name->Identifier.name);
    t = type_basic(TY_ERROR);
  }
  const char *mut = fd->FieldDefinition.mutability;
  add_field(c, cls, (Field){fd->FieldDefinition.name->Identifier.name, t,
                            mut && strcmp(mut, "var") == 0, fd, init});
}

/* The constructor's parameter list: a case class's parameters, or the
 * explicit constructor's (NULL for a class with neither). */
static NodeList *ctor_params(const Function *f) {
  return f->node->kind == ND_ClassDeclaration
             ? f->node->ClassDeclaration.caseParams
             : f->node->MethodDefinition.params;
}

static Node *param_name(const Node *p) {
  return p->kind == ND_CaseClassParam ? p->CaseClassParam.name : p->Parameter.name;
}

/* The constructor's type, `(params) => Class`; `this.x` parameters take the
 * type of field x.  Known before any body is checked, so `new` works
 * anywhere. */
static void define_ctor_signature(Checker *c, ClassInfo *cls) {
  Function *f = cls->ctor;
  NodeList *params = ctor_params(f);
  int n = params ? params->len : 0;
  Type **types = arena_alloc(c->arena, (n + 1) * sizeof(Type *));
  for (int i = 0; i < n; i++) {
    Node *p = params->items[i];
    const char *name = param_name(p)->Identifier.name;
    if (p->kind == ND_CaseClassParam) {
      types[i] = find_field(cls, name)->type;
    } else if (p->Parameter.isThisParam) {
      const Field *fd = find_field(cls, name);
      if (!fd)
        diag_error(c->diag, p->loc, "Field '%s' does not exist on '%s'", name,
                   cls->name);
      types[i] = fd ? fd->type : type_basic(TY_ERROR);
    } else if (!p->Parameter.typeAnnotation) {
      diag_error(c->diag, p->loc, "Parameter '%s' has no type annotation", name);
      types[i] = type_basic(TY_ERROR);
    } else {
      if (p->Parameter.pattern)
        unsupported(c, p, "a destructured constructor parameter");
      types[i] = resolve_type(c, p->Parameter.typeAnnotation);
      if (p->Parameter.optional && !p->Parameter.initializer)
        types[i] = check_param_default(c, p, types[i]); /* T | null */
    }
  }
  f->sym->type = type_function(types, n, cls->type);
}

/* Is cls named in sealed's `case` list? (By its source name: its Wasm name
 * may be `None@2`.) */
static bool is_variant_of(const ClassInfo *sealed, const ClassInfo *cls) {
  NodeList *variants = sealed->decl->ClassDeclaration.sealedVariants;
  const char *name = cls->decl->ClassDeclaration.name->Identifier.name;
  for (int i = 0; variants && i < variants->len; i++)
    if (strcmp(variants->items[i]->SealedVariant.name->Identifier.name, name) == 0)
      return true;
  return false;
}

/* The class `extends` names: a class, or an instance of a generic one. */
static ClassInfo *superclass_named(Checker *c, Node *ext) {
  if (ext->kind == ND_TypeAnnotation && ext->TypeAnnotation.typeArguments) {
    Type *t = resolve_type(c, ext);
    if (t->kind == TY_CLASS && !t->cls->is_interface)
      return t->cls;
  } else if (ext->kind == ND_TypeAnnotation) {
    Symbol *sym = lookup(c, ext->TypeAnnotation.name);
    if (sym && sym->kind == SYM_CLASS && !sym->type->cls->is_interface)
      return sym->type->cls;
    if (!sym) {
      diag_error(c->diag, ext->loc, "Class '%s' not found", ext->TypeAnnotation.name);
      return NULL;
    }
  }
  diag_error(c->diag, ext->loc, "'%s' must be a class",
             ext->kind == ND_TypeAnnotation ? ext->TypeAnnotation.name : "this");
  return NULL;
}

/* The superclass named in `extends`, defined before its subclass. */
static void define_super(Checker *c, ClassInfo *cls) {
  Node *ext = cls->decl->ClassDeclaration.superClass;
  ClassInfo *super = ext ? superclass_named(c, ext) : cls->mixin_base;
  super = apply_mixins(c, cls->decl->ClassDeclaration.mixins, super);
  if (!super)
    return;
  define_class(c, super);
  if (super->state != 2) {
    diag_error(c->diag, ext->loc, "Class '%s' cannot extend itself", cls->name);
    return;
  }
  if (super->decl->ClassDeclaration.isFinal && !super->decl->ClassDeclaration.isSealed &&
      !is_variant_of(super, cls))
    diag_error(c->diag, ext->loc, "Cannot extend final class '%s'", tname(c, super->type));
  if (super->decl->ClassDeclaration.isSealed && !is_variant_of(super, cls))
    diag_error(c->diag, ext->loc,
               "'%s' cannot extend sealed class '%s': it is not one of its cases",
               cls->name, super->name);
  cls->super = super;
  super->has_subclasses |= !cls->is_check_only;
  for (int f = 0; f < super->nfields; f++)
    add_field(c, cls, super->fields[f]);
}

/* A case class's `hashCode(): i32`, from its fields (emit_hash_code). */
static void add_hash_code(Checker *c, ClassInfo *cls) {
  Function *f = class_function(c, cls, "hashCode", cls->decl);
  f->is_hash_code = true;
  f->sym->type = type_function(NULL, 0, type_basic(TY_I32));
  f->params = arena_alloc(c->arena, sizeof(Symbol *));
  Method *m = arena_alloc(c->arena, sizeof(Method));
  *m = (Method){"hashCode", f, cls, m, false, false, NULL, NULL, NULL};
  attach_method(c, cls, m);
}

static void define_members(Checker *c, ClassInfo *cls);

void define_class(Checker *c, ClassInfo *cls) {
  if (cls->state != 0)
    return;
  cls->state = 1;
  ClassInfo *outer = c->defining;
  c->defining = cls;
  define_members(c, cls);
  c->defining = outer;
  cls->state = 2;
}

/* The members of cls, its superclass first (define_class). */
static void define_members(Checker *c, ClassInfo *cls) {
  if (cls->is_interface || cls->is_extension) {
    if (cls->is_interface)
      define_interface(c, cls);
    else
      define_extension(c, cls);
    return;
  }
  define_super(c, cls);
  add_interfaces(c, cls, cls->decl->ClassDeclaration.implements);
  Node *decl = cls->decl;
  NodeList *params = decl->ClassDeclaration.caseParams;
  for (int i = 0; params && i < params->len; i++) {
    Node *p = params->items[i];
    const char *mut = p->CaseClassParam.mutability;
    Type *t = resolve_type(c, p->CaseClassParam.typeAnnotation);
    if (p->CaseClassParam.optional && !p->CaseClassParam.initializer)
      t = check_param_default(c, p, t); /* `label?: String` is String | null */
    add_field(c, cls, (Field){p->CaseClassParam.name->Identifier.name, t,
                              mut && strcmp(mut, "var") == 0, p, NULL});
  }
  Node *ctor = NULL;
  NodeList *body = decl->ClassDeclaration.body;
  for (int i = 0; i < body->len; i++) {
    Node *m = body->items[i];
    if (m->kind == ND_FieldDefinition)
      add_declared_field(c, cls, m);
    else if (m->kind == ND_MethodDefinition &&
             strcmp(m->MethodDefinition.name->Identifier.name, "<constructor>") == 0) {
      if (ctor || params)
        diag_error(c->diag, m->loc, "Duplicate constructor in '%s'", cls->name);
      ctor = m;
    } else if (m->kind == ND_MethodDefinition)
      add_method(c, cls, m);
    else if (m->kind == ND_AccessorDeclaration)
      add_accessor(c, cls, m);
    else
      unsupported(c, m, node_kind_name(m->kind));
  }
  implement_abstract_fields(c, cls);
  if (params && !find_method(cls, "hashCode"))
    add_hash_code(c, cls);
  cls->ctor = class_function(c, cls, "new", ctor ? ctor : decl);
  cls->ctor->is_ctor = true;
  note_params(cls->ctor); /* a case class's are its own parameters */
  define_ctor_signature(c, cls);
}

/* Defines this module's classes, [first, n) (instances of generic classes
 * are defined when they are made). */
void define_classes(Checker *c, int first) {
  for (int i = first; i < c->prog->nclasses; i++)
    define_class(c, c->prog->classes[i]);
}

/* Puts cls after its superclasses in `order` (state 3: placed). */
static void place_class(ClassInfo *cls, ClassInfo **order, int *n) {
  if (cls->state == 3)
    return;
  cls->state = 3;
  if (cls->super)
    place_class(cls->super, order, n);
  order[(*n)++] = cls;
}

/* Wasm declares a supertype before its subtypes: the program's classes are
 * put in that order once all (instances included) are known.  Interfaces,
 * which have no Wasm type, move to their own list. */
void order_classes(Checker *c) {
  Program *p = c->prog;
  ClassInfo **order = arena_alloc(c->arena, (p->nclasses + 1) * sizeof(ClassInfo *));
  int n = 0;
  for (int i = 0; i < p->nclasses; i++) {
    ClassInfo *cls = p->classes[i];
    if (cls->is_check_only || cls->is_extension) /* no Wasm type of their own */
      continue;
    if (!cls->is_interface) {
      place_class(cls, order, &n);
      continue;
    }
    p->interfaces = arena_grow(c->arena, p->interfaces, p->ninterfaces,
                               sizeof(ClassInfo *));
    p->interfaces[p->ninterfaces++] = cls;
  }
  p->classes = order;
  p->nclasses = n;
}

/* ---- constructors ---- */

/* Puts the constructor's parameters in scope for its initialisers and body. */
static void declare_ctor_params(Checker *c, Function *f) {
  NodeList *params = ctor_params(f);
  int n = params ? params->len : 0;
  f->params = arena_alloc(c->arena, (n + 1) * sizeof(Symbol *));
  for (int i = 0; i < n; i++) {
    Node *p = params->items[i];
    if (param_default(p)) /* sees the parameters before it */
      check_param_default(c, p, f->sym->type->params[i]);
    f->params[i] = declare(c, param_name(p)->Identifier.name, SYM_LOCAL,
                           f->sym->type->params[i], p);
    p->sym = f->params[i];
  }
}

static void check_field_initializer(Checker *c, ClassInfo *cls, Node *init) {
  Node *name = init->FieldInitializer.field;
  const Field *fd = find_field(cls, name->Identifier.name);
  if (!fd) {
    diag_error(c->diag, name->loc, "Field '%s' does not exist on '%s'",
               name->Identifier.name, cls->name);
    check_expr(c, init->FieldInitializer.value, NULL);
    return;
  }
  Type *t = check_expr(c, init->FieldInitializer.value, fd->type);
  expect_type(c, init->FieldInitializer.value, t, fd->type);
}

/* super(...) in an initializer list, or the implicit super() without one. */
static void check_super_call(Checker *c, ClassInfo *cls, Node *call, Node *at) {
  if (!cls->super) {
    if (call)
      diag_error(c->diag, call->loc, "'%s' has no superclass to initialise",
                 cls->name);
    return;
  }
  Type *ctor = cls->super->ctor->sym->type;
  NodeList *args = call ? call->SuperInitializer.arguments : NULL;
  int n = args ? args->len : 0;
  if (n != ctor->nparams) {
    diag_error(c->diag, (call ? call : at)->loc,
               "The constructor of '%s' expects %d argument%s, got %d",
               cls->super->name, ctor->nparams, ctor->nparams == 1 ? "" : "s", n);
  }
  for (int i = 0; i < n; i++) {
    Type *want = i < ctor->nparams ? ctor->params[i] : NULL;
    Type *t = check_expr(c, args->items[i], want);
    if (want)
      expect_type(c, args->items[i], t, want);
  }
}

/* Does the constructor give field `name` a value: in its initializer list,
 * as a `this.name` parameter, or by `this.name = ...` in its body? */
static bool ctor_sets(const Node *ctor, const char *name) {
  NodeList *inits = ctor->MethodDefinition.initializerList;
  for (int i = 0; inits && i < inits->len; i++)
    if (strcmp(inits->items[i]->FieldInitializer.field->Identifier.name, name) == 0)
      return true;
  NodeList *params = ctor->MethodDefinition.params;
  for (int i = 0; i < params->len; i++)
    if (params->items[i]->Parameter.isThisParam &&
        strcmp(params->items[i]->Parameter.name->Identifier.name, name) == 0)
      return true;
  NodeList *body = ctor->MethodDefinition.body ? ctor->MethodDefinition.body->BlockStatement.body
                                               : NULL;
  for (int i = 0; body && i < body->len; i++) {
    const Node *s = body->items[i];
    const Node *a = s->kind == ND_ExpressionStatement ? s->ExpressionStatement.expression
                                                      : NULL;
    const Node *target = a && a->kind == ND_AssignmentExpression
                             ? a->AssignmentExpression.left : NULL;
    if (target && target->kind == ND_MemberExpression &&
        target->MemberExpression.object->kind == ND_ThisExpression &&
        target->MemberExpression.property->kind == ND_Identifier &&
        strcmp(target->MemberExpression.property->Identifier.name, name) == 0)
      return true;
  }
  return false;
}

/* An explicit constructor must give every field of the class without a
 * default value (and not nullable) its value. */
static void check_fields_set(Checker *c, ClassInfo *cls, const Node *ctor) {
  int inherited = cls->super ? cls->super->nfields : 0;
  for (int i = inherited; i < cls->nfields; i++) {
    const Field *fd = &cls->fields[i];
    if (fd->init || type_has_null(fd->type) || fd->decl->kind != ND_FieldDefinition ||
        ctor_sets(ctor, fd->name))
      continue;
    diag_error(c->diag, ctor->loc, "Field '%s' of '%s' must be initialized by the "
               "constructor", fd->name, tname(c, cls->type));
  }
}

static void check_ctor(Checker *c, ClassInfo *cls) {
  Function *f = cls->ctor;
  Checker saved;
  Scope scope;
  enter_function(c, f, &saved, &scope);
  declare_ctor_params(c, f);
  Node *node = f->node;
  if (node->kind == ND_ClassDeclaration) {
    check_super_call(c, cls, NULL, node);
  } else {
    NodeList *inits = node->MethodDefinition.initializerList;
    for (int i = 0; inits && i < inits->len; i++)
      check_field_initializer(c, cls, inits->items[i]);
    check_super_call(c, cls, node->MethodDefinition.superInitializer, node);
    if (node->MethodDefinition.body) {
      c->result = type_basic(TY_VOID);
      check_block(c, node->MethodDefinition.body);
    }
    check_fields_set(c, cls, node);
  }
  leave_function(c, &saved);
}

/* An override must keep the signature of the method it overrides. */
static void check_override(Checker *c, const Method *m) {
  const Type *mine = m->fn->sym->type, *root = m->root->fn->sym->type;
  if (m->root != m && mine != root)
    diag_error(c->diag, m->fn->node->loc,
               "Method '%s' of '%s' is not compatible with '%s.%s', which it "
               "overrides: %s instead of %s", m->name, m->owner->name,
               m->root->owner->name, m->name, tname(c, mine), tname(c, root));
}

/* The vtable: the superclass's slots, then this class's new virtual
 * methods.  A hierarchy with any slot puts a vtable in every class. */
static void lay_out_vtable(Checker *c, ClassInfo *cls) {
  ClassInfo *super = cls->super;
  if (cls->slots)
    return; /* done already, as some subclass's superclass */
  if (super) /* mixin applications are made after the classes using them */
    lay_out_vtable(c, super);
  int inherited = super ? super->nslots : 0;
  cls->slots = arena_alloc(c->arena, (inherited + cls->nmethods + 1) * sizeof(Method *));
  for (int i = 0; i < inherited; i++)
    cls->slots[cls->nslots++] = super->slots[i];
  for (int i = 0; i < cls->nmethods; i++) {
    Method *m = cls->methods[i];
    check_override(c, m);
    if (m->root == m && m->is_virtual)
      cls->slots[cls->nslots++] = m;
  }
}

static ClassInfo *root_class(ClassInfo *cls) {
  while (cls->super)
    cls = cls->super;
  return cls;
}

void check_classes(Checker *c, int first) {
  for (int i = first; i < c->prog->nclasses; i++) {
    ClassInfo *cls = c->prog->classes[i];
    if (cls->is_interface)
      continue;
    if (cls->ctor) /* extensions have none */
      check_ctor(c, cls);
    for (int m = 0; m < cls->nmethods; m++)
      if (!cls->methods[m]->generic) /* instantiated where called */
        resolve_function(c, cls->methods[m]->fn->sym, cls->decl);
    for (int s = 0; s < cls->nstatics; s++)
      resolve_function(c, cls->statics[s], cls->decl);
  }
  for (int i = first; i < c->prog->nclasses; i++) {
    ClassInfo *cls = c->prog->classes[i];
    if (cls->is_interface || cls->is_extension)
      continue;
    lay_out_vtable(c, cls);
    check_interfaces_of(c, cls);
  }
  /* a hierarchy with a virtual method anywhere dispatches everywhere: its
   * root is marked first, then every class from its root */
  for (int i = first; i < c->prog->nclasses; i++)
    if (c->prog->classes[i]->nslots)
      root_class(c->prog->classes[i])->has_vtable = true;
  for (int i = 0; i < c->prog->nclasses; i++)
    if (root_class(c->prog->classes[i])->has_vtable)
      c->prog->classes[i]->has_vtable = true;
}
