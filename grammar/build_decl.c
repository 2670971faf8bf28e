/*
 * build_decl.c - node builders for declarations: classes and their members,
 * interfaces, mixins, aliases and host declarations.
 */
#include "zena.h"

#include "parser.h"

#include <string.h>

Modifiers *mods_new(Parser *p, Modifiers mods) {
  Modifiers *m = arena_alloc(p->arena, sizeof *m);
  *m = mods;
  return m;
}

Modifiers *merge_mods(Parser *p, Modifiers *a, const Modifiers *b) {
  a->is_static |= b->is_static;
  a->is_abstract |= b->is_abstract;
  a->is_final |= b->is_final;
  a->is_sealed |= b->is_sealed;
  a->is_extension |= b->is_extension;
  a->is_declare |= b->is_declare;
  a->is_async |= b->is_async;
  if (b->mutability)
    a->mutability = b->mutability;
  for (int i = 0; b->decorators && i < b->decorators->len; i++)
    a->decorators = PUSH(a->decorators, b->decorators->items[i]);
  return a;
}

/* `case A, B(x: T)` arrives as its last variant, the earlier ones chained
 * backwards through ->type; appends them in source order.  The chain is
 * reversed in place by a loop: recursing along it overflowed the stack on
 * `case A, A, ...` with 200k variants. */
static void add_variants(Parser *p, Node *cls, Node *last) {
  Node *first = NULL;
  while (last) {
    Node *prev = (Node *)last->type;
    last->type = (Type *)first;
    first = last;
    last = prev;
  }
  while (first) {
    Node *next = (Node *)first->type;
    first->type = NULL;
    cls->ClassDeclaration.sealedVariants =
        PUSH(cls->ClassDeclaration.sealedVariants, first);
    first = next;
  }
}

/* `heritage` is a ClassDeclaration already holding the extends/with/
 * implements/on clauses; the rest is filled in here.  Sealed variants are
 * written among the members but kept apart in the AST. */
Node *class_decl(Parser *p, const Modifiers *mods, const Token *name, NodeList *tparams,
                 NodeList *case_params, Node *heritage, NodeList *members,
                 Loc loc) {
  Node *n = heritage;
  n->loc = loc;
  n->ClassDeclaration.name = ident_from(p, name);
  n->ClassDeclaration.typeParameters = tparams;
  n->ClassDeclaration.caseParams = case_params;
  n->ClassDeclaration.body = list_new(p->arena);
  for (int i = 0; members && i < members->len; i++) {
    Node *m = members->items[i];
    if (m->kind == ND_SealedVariant)
      add_variants(p, n, m);
    else
      PUSH(n->ClassDeclaration.body, m);
  }
  if (mods) {
    n->ClassDeclaration.isAbstract = mods->is_abstract;
    n->ClassDeclaration.isFinal = mods->is_final;
    n->ClassDeclaration.isSealed = mods->is_sealed;
    n->ClassDeclaration.isExtension = mods->is_extension;
  }
  return n;
}

Node *case_param(Parser *p, const char *mutability, Node *name, int optional,
                 Node *type, Node *init, Loc loc) {
  Node *n = NEW(CaseClassParam, loc);
  n->CaseClassParam.mutability = mutability;
  n->CaseClassParam.name = name;
  n->CaseClassParam.optional = optional != 0;
  n->CaseClassParam.typeAnnotation = type;
  n->CaseClassParam.initializer = init;
  return n;
}

Node *variant(Parser *p, const Token *name, NodeList *params, Loc loc) {
  Node *n = NEW(SealedVariant, loc);
  n->SealedVariant.name = ident_from(p, name);
  n->SealedVariant.params = params;
  return n;
}

/* `static symbol name;` is a static final field of type `symbol`. */
Node *static_symbol(Parser *p, const Token *name, Loc loc) {
  Node *n = field(p, ident_from(p, name), 0, named_type(p, "symbol", loc), NULL,
                  loc);
  n->FieldDefinition.isStatic = true;
  n->FieldDefinition.isFinal = true;
  return n;
}

Node *field(Parser *p, Node *name, int optional, Node *type, Node *init,
            Loc loc) {
  Node *n = NEW(FieldDefinition, loc);
  n->FieldDefinition.name = name;
  n->FieldDefinition.isOptional = optional != 0;
  n->FieldDefinition.typeAnnotation = type;
  n->FieldDefinition.value = init;
  n->FieldDefinition.decorators = list_new(p->arena);
  return n;
}

/* `new(this.x, y: T)` assigns x from its parameter: upstream desugars each
 * `this.` parameter into a leading field initializer. */
static void desugar_this_params(Parser *p, Node *ctor) {
  NodeList *inits = NULL;
  for (int i = 0; i < ctor->MethodDefinition.params->len; i++) {
    Node *param = ctor->MethodDefinition.params->items[i];
    if (!param->Parameter.isThisParam)
      continue;
    Node *init = NEW(FieldInitializer, param->loc);
    init->FieldInitializer.field = copy_ident(p, param->Parameter.name);
    init->FieldInitializer.value = copy_ident(p, param->Parameter.name);
    inits = PUSH(inits, init);
  }
  if (!inits)
    return;
  NodeList *old = ctor->MethodDefinition.initializerList;
  for (int i = 0; old && i < old->len; i++)
    PUSH(inits, old->items[i]);
  ctor->MethodDefinition.initializerList = inits;
  if (!ctor->MethodDefinition.body) {
    Node *body = NEW(BlockStatement, ctor->loc);
    body->BlockStatement.body = list_new(p->arena);
    ctor->MethodDefinition.body = body;
  }
}

Node *method(Parser *p, Node *name, NodeList *tparams, NodeList *params,
             Node *ret, Node *body, Loc loc) {
  Node *n = NEW(MethodDefinition, loc);
  n->MethodDefinition.name = name;
  n->MethodDefinition.typeParameters = tparams;
  n->MethodDefinition.params = params;
  n->MethodDefinition.returnType = ret;
  n->MethodDefinition.body = body;
  n->MethodDefinition.decorators = list_new(p->arena);
  if (name && strcmp(name->Identifier.name, "<constructor>") == 0)
    desugar_this_params(p, n);
  return n;
}

/* `new(...) : a = x, super(y) {}`: field initializers and the super call. */
void split_initializers(Parser *p, Node *ctor, NodeList *items) {
  NodeList *from_params = ctor->MethodDefinition.initializerList;
  ctor->MethodDefinition.initializerList = from_params ? from_params : list_new(p->arena);
  for (int i = 0; i < items->len; i++) {
    Node *item = items->items[i];
    if (item->kind == ND_SuperInitializer) {
      if (ctor->MethodDefinition.superInitializer)
        diag_error(p->diag, item->loc, "Duplicate super initializer");
      ctor->MethodDefinition.superInitializer = item;
    } else {
      PUSH(ctor->MethodDefinition.initializerList, item);
    }
  }
}

static void reject_mod(Parser *p, Node *member, bool present, const char *what) {
  if (present)
    diag_error(p->diag, member->loc, "'%s' is not allowed on %s", what,
               member->kind == ND_FieldDefinition ? "a field"
               : member->kind == ND_MethodDefinition ? "a method"
                                                      : "an accessor");
}

Node *apply_mods(Parser *p, Node *member, const Modifiers *mods) {
  NodeList *decorators = mods->decorators ? mods->decorators : list_new(p->arena);
  switch (member->kind) {
  case ND_FieldDefinition:
    member->FieldDefinition.isStatic = mods->is_static;
    member->FieldDefinition.isAbstract = mods->is_abstract;
    member->FieldDefinition.isFinal |= mods->is_final;
    member->FieldDefinition.isDeclare = mods->is_declare;
    member->FieldDefinition.mutability = mods->mutability;
    member->FieldDefinition.decorators = decorators;
    reject_mod(p, member, mods->is_async, "async");
    break;
  case ND_MethodDefinition:
    member->MethodDefinition.isStatic = mods->is_static;
    member->MethodDefinition.isAbstract = mods->is_abstract;
    member->MethodDefinition.isFinal = mods->is_final;
    member->MethodDefinition.isDeclare = mods->is_declare;
    member->MethodDefinition.isAsync = mods->is_async;
    member->MethodDefinition.decorators = decorators;
    reject_mod(p, member, mods->mutability != NULL, mods->mutability);
    break;
  case ND_AccessorDeclaration:
    member->AccessorDeclaration.isStatic = mods->is_static;
    member->AccessorDeclaration.isFinal = mods->is_final;
    member->AccessorDeclaration.decorators = decorators;
    reject_mod(p, member, mods->is_async, "async");
    reject_mod(p, member, mods->mutability != NULL, mods->mutability);
    break;
  default:
    break;
  }
  return member;
}

Node *decorator(Parser *p, Node *name, NodeList *args, Loc loc) {
  Node *n = NEW(Decorator, loc);
  n->Decorator.name = name->Identifier.name;
  n->Decorator.args = args;
  return n;
}

/* Decorators on a host declaration; `@external("mod", "name")` names the
 * import. */
void attach_decorators(Parser *p, Node *decl, NodeList *decorators) {
  if (decl->kind != ND_DeclareFunction)
    return;
  decl->DeclareFunction.decorators = decorators;
  for (int i = 0; i < decorators->len; i++) {
    Node *d = decorators->items[i];
    if (strcmp(d->Decorator.name, "external") != 0)
      continue;
    NodeList *args = d->Decorator.args;
    if (args->len != 2 || args->items[0]->kind != ND_StringLiteral ||
        args->items[1]->kind != ND_StringLiteral) {
      diag_error(p->diag, d->loc,
                 "@external expects two strings: module and name");
      continue;
    }
    decl->DeclareFunction.externalModule = args->items[0]->StringLiteral.value;
    decl->DeclareFunction.externalName = args->items[1]->StringLiteral.value;
  }
}

Node *mark_exported(Node *decl) {
  switch (decl->kind) {
  case ND_VariableDeclaration: decl->VariableDeclaration.exported = true; break;
  case ND_ClassDeclaration: decl->ClassDeclaration.exported = true; break;
  case ND_InterfaceDeclaration: decl->InterfaceDeclaration.exported = true; break;
  case ND_MixinDeclaration: decl->MixinDeclaration.exported = true; break;
  case ND_EnumDeclaration: decl->EnumDeclaration.exported = true; break;
  case ND_TypeAliasDeclaration: decl->TypeAliasDeclaration.exported = true; break;
  case ND_DeclareFunction: decl->DeclareFunction.exported = true; break;
  case ND_SymbolDeclaration: decl->SymbolDeclaration.exported = true; break;
  default: break;
  }
  return decl;
}

Node *interface(Parser *p, const Token *name, NodeList *tparams, NodeList *extends,
                NodeList *members, Loc loc) {
  Node *n = NEW(InterfaceDeclaration, loc);
  n->InterfaceDeclaration.name = ident_from(p, name);
  n->InterfaceDeclaration.typeParameters = tparams;
  n->InterfaceDeclaration.extends = extends;
  n->InterfaceDeclaration.body = members;
  return n;
}

Node *mixin(Parser *p, const Token *name, NodeList *tparams, Node *heritage,
            NodeList *members, Loc loc) {
  Node *n = NEW(MixinDeclaration, loc);
  n->MixinDeclaration.name = ident_from(p, name);
  n->MixinDeclaration.typeParameters = tparams;
  n->MixinDeclaration.on = heritage->ClassDeclaration.onType;
  n->MixinDeclaration.mixins = heritage->ClassDeclaration.mixins;
  n->MixinDeclaration.body = members;
  return n;
}

Node *type_alias(Parser *p, const Token *name, NodeList *tparams, Node *type,
                 bool distinct, Loc loc) {
  Node *n = NEW(TypeAliasDeclaration, loc);
  n->TypeAliasDeclaration.name = ident_from(p, name);
  n->TypeAliasDeclaration.typeParameters = tparams;
  n->TypeAliasDeclaration.typeAnnotation = type;
  n->TypeAliasDeclaration.isDistinct = distinct;
  return n;
}

Node *declare_fn(Parser *p, Node *name, NodeList *tparams, NodeList *params,
                 Node *ret, bool is_async, Loc loc) {
  Node *n = NEW(DeclareFunction, loc);
  n->DeclareFunction.name = name;
  n->DeclareFunction.typeParameters = tparams;
  n->DeclareFunction.params = params;
  n->DeclareFunction.returnType = ret;
  n->DeclareFunction.isAsync = is_async;
  return n;
}

/* Gives a member built by `member_tail` its name and full extent. */
Node *named_member(Node *member, Node *name, Loc loc) {
  member->loc = loc;
  switch (member->kind) {
  case ND_FieldDefinition: member->FieldDefinition.name = name; break;
  case ND_MethodDefinition: member->MethodDefinition.name = name; break;
  case ND_AccessorDeclaration: member->AccessorDeclaration.name = name; break;
  default: break;
  }
  return member;
}
