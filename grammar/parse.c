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
 *
 * A big module is split in two at a line that starts a top-level
 * declaration, and the halves are lexed, classified and parsed at once on
 * two threads (parse_halves); if either half has any error or warning, or
 * the split was not between two declarations after all, both are dropped
 * and the module is parsed whole, which reports what is wrong.
 */
#include "zena.h"

#include "parser.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Modules smaller than this are parsed whole: a thread costs more than it
 * saves on less than some 5 ms of work. */
enum { SPLIT_SOURCE = 256 * 1024 };

/* zfparse's tree for the classified tokens, or NULL if it finds anything
 * to report (it reports to `quiet`, which prints nothing). */
static Node *parse_quietly(Source *src, Token *toks, Arena *arena, Diag *quiet) {
  Parser p = {.src = src, .toks = toks, .arena = arena, .diag = quiet};
  return zfparse(&p) == 0 && quiet->errors == 0 && quiet->warnings == 0 ? p.module : NULL;
}

/* Lexes, classifies and parses the whole module, reporting to diag. */
static Node *parse_whole(Source *src, Arena *arena, Diag *diag, bool kinds[ND__COUNT]) {
  TokenVec toks = {0};
  lex_source(src, arena, diag, &toks);
  classify_tokens(&toks);
  Node *module = NULL;
  if (diag->errors == 0) {
    Diag quiet;
    diag_init(&quiet, src, NULL);
    module = parse_quietly(src, toks.items, arena, &quiet);
    diag_free(&quiet);
  }
  if (!module) {
    Parser p = {.src = src, .toks = toks.items, .arena = arena, .diag = diag};
    int failed = yyparse(&p);
    module = failed || diag->errors ? NULL : p.module;
  }
  vec_keep(toks.items, toks.cap * sizeof(Token));
  /* too deep a tree would overflow the stack of the recursive passes */
  return module && ast_check_depth(module, diag, kinds) ? module : NULL;
}

/* One half of a split module (parse_halves). */
typedef struct {
  Source *src;       /* the module (the second half: a copy noting its own lines) */
  unsigned from, to; /* the half's stretch of the text */
  Arena *arena;      /* where its nodes go */
  TokenVec toks;     /* its tokens */
  Node *module;      /* its statements as a module; NULL after any complaint */
  bool kinds[ND__COUNT]; /* the kinds of node it has */
} Half;

/* Lexes, classifies and parses one half, quietly (a thread's body). */
static void *parse_half(void *arg) {
  Half *h = arg;
  Diag quiet;
  diag_init(&quiet, h->src, NULL);
  lex_span(h->src, h->from, h->to, h->arena, &quiet, &h->toks);
  if (quiet.errors == 0 && quiet.warnings == 0) {
    classify_tokens(&h->toks);
    Node *module = parse_quietly(h->src, h->toks.items, h->arena, &quiet);
    if (module && ast_check_depth(module, &quiet, h->kinds))
      h->module = module;
  }
  diag_free(&quiet);
  return NULL;
}

/* Where to split src: the start of a line near its middle that begins
 * with a keyword only a declaration or statement starts with, or 0 if
 * there is none.  It may still be inside a comment or a template literal;
 * then the first half does not lex cleanly and the split is abandoned. */
static unsigned find_split(const Source *src) {
  static const char *const starts[] = {"let ", "class ", "enum ", "export ",
                                       "interface ", "function ", "import "};
  const char *text = src->text, *end = text + src->len;
  for (const char *p = text + src->len / 2; (p = memchr(p, '\n', (size_t)(end - p)));) {
    p++;
    for (size_t i = 0; i < sizeof starts / sizeof *starts; i++) {
      size_t n = strlen(starts[i]);
      if ((size_t)(end - p) > n && memcmp(p, starts[i], n) == 0)
        return (unsigned)(p - text);
    }
  }
  return 0;
}

/* The module `first` with the statements of `second` after its own, and
 * the lines `rest` noted after src's. */
static Node *join_halves(Node *first, const Node *second, Source *src,
                         const Source *rest, Arena *arena) {
  NodeList *body = first->Module.body;
  const NodeList *more = second->Module.body;
  for (int i = 0; i < more->len; i++)
    body = list_push(arena, body, more->items[i]);
  first->Module.body = body;
  first->loc.end = second->loc.end;
  for (int i = 0; i < rest->nlines; i++)
    source_note_line(src, arena, rest->lines[i]);
  return first;
}

/* The module parsed as two halves on two threads, or NULL if that does not
 * work out (see the top of the file). */
static Node *parse_halves(Source *src, Arena *arena, bool kinds[ND__COUNT]) {
  const char *env = getenv("ZENA_SPLIT");
  unsigned split = env && strcmp(env, "0") == 0 ? 0 : find_split(src);
  if (!split)
    return NULL;
  /* Both halves' tokens in one vector, as lex_source would make it, so
   * that its memory is kept for the emitter as a whole module's is. */
  size_t size = tokens_for(src->len) * sizeof(Token);
  Token *tokens = vec_take(&size);
  size_t cap = size / sizeof(Token), first_cap = tokens_for(split);
  Source rest = *src;
  rest.lines = NULL;
  rest.nlines = rest.caplines = 0;
  Half half[2] = {
      {src, 0, split, arena, {tokens, 0, first_cap, true}, NULL, {0}},
      {&rest, split, (unsigned)src->len, arena_new(),
       {tokens + first_cap, 0, cap - first_cap, true}, NULL, {0}}};
  arena_prefault(half[1].arena);
  pthread_t thread;
  bool threaded = pthread_create(&thread, NULL, parse_half, &half[1]) == 0;
  parse_half(&half[0]);
  if (threaded)
    pthread_join(thread, NULL);
  else
    parse_half(&half[1]);

  Node *module = NULL;
  if (half[0].module && half[1].module) {
    module = join_halves(half[0].module, half[1].module, src, &rest, arena);
    arena_adopt(arena, half[1].arena);
    for (int k = 0; kinds && k < ND__COUNT; k++)
      kinds[k] = half[0].kinds[k] || half[1].kinds[k];
  } else {
    arena_free(half[1].arena);
  }
  for (int i = 0; i < 2; i++)
    if (!half[i].toks.borrowed) /* it outgrew its stretch */
      vec_free(half[i].toks.items, half[i].toks.cap * sizeof(Token));
  vec_keep(tokens, size);
  return module;
}

Node *parse_module(Source *src, Arena *arena, Diag *diag, bool kinds[ND__COUNT]) {
  Node *module = src->len >= SPLIT_SOURCE ? parse_halves(src, arena, kinds) : NULL;
  return module ? module : parse_whole(src, arena, diag, kinds);
}
