/*
 * parse.c - a module's text to its syntax tree.
 *
 * The grammar is compiled twice.  yyparse (grammar/parser.c) uses bison's
 * lookahead correction (LAC), so that a syntax error is found at the
 * first token that cannot go on and its "Expected ..." list is exact;
 * zfparse (grammar/parser_fast.c) is the same grammar and actions without
 * it, some 13% less parsing work, and parses a correct module to the same
 * tree.  Every module goes through zfparse first, reporting to a quiet
 * Diag; only if it finds an error or a warning is its tree dropped and
 * the module parsed again by yyparse, which reports them.
 */
#include "zena.h"

#include "parser.h"

Node *parse_module(Source *src, Arena *arena, Diag *diag) {
  TokenVec toks = {0};
  lex_source(src, arena, diag, &toks);
  classify_tokens(&toks);
  Node *module = NULL;
  if (diag->errors == 0) {
    Diag quiet;
    diag_init(&quiet, src, NULL);
    Parser p = {.src = src, .toks = toks.items, .arena = arena, .diag = &quiet};
    if (zfparse(&p) == 0 && quiet.errors == 0 && quiet.warnings == 0)
      module = p.module;
    diag_free(&quiet);
  }
  if (!module) {
    Parser p = {.src = src, .toks = toks.items, .arena = arena, .diag = diag};
    int failed = yyparse(&p);
    module = failed || diag->errors ? NULL : p.module;
  }
  xkeep(toks.items, toks.cap * sizeof(Token));
  return module;
}
