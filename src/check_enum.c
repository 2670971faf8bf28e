/*
 * check_enum.c - enums: distinct types over i32 or String constants.
 *
 * `enum Color { Red, Green }` numbers its members from 0 (or on from an
 * explicit `= N`); `enum Dir { Up = "UP" }` backs them with strings.
 * Values convert to and from the backing type only with `as`.
 */
#include "checker.h"

#include <string.h>

/* The value of a member initializer: an integer literal, optionally
 * negated, or a string literal. */
static bool member_value(Node *init, Node **literal, long long *number) {
  bool negate = init->kind == ND_UnaryExpression &&
                strcmp(init->UnaryExpression.op, "-") == 0;
  Node *lit = negate ? init->UnaryExpression.argument : init;
  if (lit->kind == ND_StringLiteral) {
    *literal = lit;
    return !negate;
  }
  if (lit->kind != ND_NumberLiteral)
    return false;
  NumberValue v = number_value(lit->NumberLiteral.raw);
  if (v.is_float || v.bits > 0x7fffffffULL + negate)
    return false;
  *literal = lit;
  *number = negate ? -(long long)v.bits : (long long)v.bits;
  return true;
}

void declare_enum(Checker *c, Node *decl) {
  NodeList *members = decl->EnumDeclaration.members;
  const char *name = decl->EnumDeclaration.name->Identifier.name;
  if (!members->len) {
    diag_error(c->diag, decl->loc, "Enum '%s' must have at least one member", name);
    return;
  }
  EnumInfo *en = arena_alloc(c->arena, sizeof(EnumInfo));
  en->name = name;
  en->type = arena_alloc(c->arena, sizeof(Type));
  en->type->kind = TY_ENUM;
  en->type->en = en;
  en->members = arena_alloc(c->arena, members->len * sizeof(char *));
  en->values = arena_alloc(c->arena, members->len * sizeof(Node *));
  en->numbers = arena_alloc(c->arena, members->len * sizeof(long long));
  long long next = 0;
  for (int i = 0; i < members->len; i++) {
    Node *m = members->items[i];
    Node *init = m->EnumMember.initializer;
    en->members[i] = m->EnumMember.name->Identifier.name;
    for (int k = 0; k < i; k++)
      if (strcmp(en->members[k], en->members[i]) == 0)
        diag_error(c->diag, m->loc, "Enum member '%s' is already declared",
                   en->members[i]);
    if (init && !member_value(init, &en->values[i], &next)) {
      diag_error(c->diag, init->loc,
                 "An enum member's value must be an integer or a string literal");
      continue;
    }
    if (!init && en->backing && en->backing->kind == TY_STRING) {
      diag_error(c->diag, m->loc, "Member '%s' of string enum '%s' must have an initializer",
                 en->members[i], name);
      continue;
    }
    Type *backing = en->values[i] && en->values[i]->kind == ND_StringLiteral
                        ? type_basic(TY_STRING) : type_basic(TY_I32);
    if (!en->backing)
      en->backing = backing;
    else if (en->backing != backing)
      diag_error(c->diag, init->loc,
                 "Enum '%s' is backed by %s, so member '%s' needs a %s literal",
                 name, tname(c, en->backing), en->members[i],
                 en->backing->kind == TY_STRING ? "string" : "number");
    if (backing->kind != TY_STRING)
      en->numbers[i] = next++;
  }
  if (!en->backing)
    en->backing = type_basic(TY_I32); /* every member was in error */
  en->nmembers = members->len;
  Symbol *sym = declare(c, name, SYM_ENUM, en->type, decl);
  decl->sym = sym;
}

int enum_member(const EnumInfo *en, const char *name) {
  for (int i = 0; i < en->nmembers; i++)
    if (strcmp(en->members[i], name) == 0)
      return i;
  return -1;
}
