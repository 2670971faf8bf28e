/*
 * classify.c - gives context-dependent tokens their meaning before parsing.
 *
 * A few Zena constructs cannot be told apart by an LALR(1) parser with one
 * token of look-ahead, but are easy to tell apart by looking further along
 * the token vector.  Rather than run bison in GLR mode (whose deferred
 * actions make AST building and error messages harder), this pass scans the
 * tokens once and re-labels the ambiguous ones:
 *
 *   ARROW_LPAREN  '(' whose matching ')' is followed by '=>' or by
 *                 ': ReturnType =>': an arrow function's parameter list (or a
 *                 function type's).  Otherwise '(' groups or makes a tuple.
 *   TYPEARGS_LT   '<' after a name, closed by a balanced '>' that is
 *                 immediately followed by '(' or a template: `f<T>(x)`.
 *                 Otherwise '<' compares.
 *   BLOCK_LBRACE  '{' opening a block (a statement position, a function or
 *                 method body, a match body, a case body).  Otherwise '{'
 *                 opens a record, a map, a pattern or a declaration body.
 *   IF_STMT       'if' starting an if statement.  Otherwise 'if' starts an
 *                 if expression (in expression position, and at statement
 *                 position inside blocks that yield a value: the branches of
 *                 an if expression and match case bodies, as upstream Zena
 *                 does).
 *
 * Contextual words that the grammar cannot take as names in an expression
 * (`abstract`, `on`, `with`, `case`, ...) become plain identifiers when the
 * next token shows they are used as one (`on;`, `with + 1`).
 *
 * It also inserts the optional ';' after an expression statement that ends
 * in a block (`match (x) {...}`, `try {...} catch {...}`, `if` expressions
 * at statement position), so the grammar can always require ';'.
 *
 * All of it happens in place, in the lexer's vector: an inserted ';' is a
 * mark on the token before it (semicolon_after), and the parser's yylex
 * hands it out after that token.  A copy of a big program's tokens would
 * cost more than the classifying itself.
 */
#include "zena.h"

#include "parser.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* What a '{' opened. */
typedef enum {
  BRACE_STMT,   /* block of statements */
  BRACE_VALUE,  /* block whose last expression is its value */
  BRACE_MATCH,  /* body of a match expression */
  BRACE_CLASS,  /* body of a class, interface or mixin */
  BRACE_OTHER,  /* record, map, pattern, enum, accessor, import list */
} BraceKind;

/* Who owns a '(' (decides what the '{' after its ')' means). */
typedef enum {
  PAREN_OTHER,
  PAREN_IF_STMT,
  PAREN_IF_EXPR,
  PAREN_LOOP,  /* while / for */
  PAREN_MATCH,
  PAREN_CATCH,
} ParenOwner;

typedef struct {
  char open;            /* '(' '[' '{' or '`' (template substitution) */
  BraceKind brace;      /* for '{': what it opened */
  ParenOwner owner;     /* for '(': the keyword before it */
  bool member_parens;   /* in a class body: current member has a '(' */
  bool in_case;         /* between `case` and its ':' at this level */
  bool ends_statement;  /* a block-ended expression statement closes here */
  bool arrow_body;      /* the block is an arrow function's body */
  size_t brace_frame;   /* 1 + index of the innermost '{' frame up to this
                           one, 0 if none (keeps enclosing() O(1)) */
} Frame;

/* What build_ahead() found out about a token, from the tokens after it. */
enum {
  AHEAD_ARROW_PARAMS = 1, /* a '(' whose matching ')' is followed by '=>'
                             or by ': ReturnType =>' */
  AHEAD_TYPE_ARGS = 2,    /* a '<' closed by a '>' at the same ([{ depth,
                             only type tokens between, '(' or a template
                             after */
  AHEAD_ARROW_START = 4,  /* '=>', or ': ReturnType =>' starts here */
};

typedef struct {
  Token *in;          /* the tokens, relabelled in place as they are passed */
  size_t n;           /* number of tokens */
  int last;           /* kind of the last token passed (an inserted ';' too) */
  int before_last;    /* kind of the one before it */
  Frame *stack;       /* open brackets */
  size_t depth;       /* entries in stack */
  size_t cap;         /* allocated entries */
  ParenOwner closed;  /* owner of the ')' just passed */
  bool pending_class; /* a class/interface/mixin header awaits its '{' */
  int *ifs;           /* kinds of the unmatched ifs, for 'else' */
  size_t *if_depth;   /* bracket depth of each unmatched if */
  size_t nifs;        /* unmatched ifs */
  size_t ifcap;       /* allocated if entries */
  int else_kind;      /* IF or IF_STMT: the if the last 'else' belongs to */
  bool case_colon;    /* the previous token ended a case pattern */
  bool ends_pending;  /* the next block ends a block-ended statement */
  unsigned char *ahead; /* [i]: AHEAD_* flags of token i */
  int *angles;        /* kinds of the '<' emitted and not yet closed */
  size_t nangles;     /* entries in angles */
  size_t angles_cap;  /* allocated entries */
  int closed_angle;   /* kind of the '<' the last '>' emitted closed, or 0 */
} Classifier;

static Frame *top(Classifier *c) { return c->depth ? &c->stack[c->depth - 1] : NULL; }

static void push(Classifier *c, char open) {
  if (c->depth == c->cap) {
    c->cap = c->cap ? c->cap * 2 : 32;
    c->stack = xrealloc(c->stack, c->cap * sizeof(Frame));
  }
  size_t outer = c->depth ? c->stack[c->depth - 1].brace_frame : 0;
  c->stack[c->depth] =
      (Frame){.open = open, .brace_frame = open == '{' ? c->depth + 1 : outer};
  c->depth++;
}

static bool is_name(int kind) {
  switch (kind) {
  case TOK_IDENT: case TOK_FROM: case TOK_TYPE: case TOK_AS: case TOK_IS:
  case TOK_ON: case TOK_ABSTRACT: case TOK_DECLARE: case TOK_MIXIN:
  case TOK_OPERATOR: case TOK_STATIC: case TOK_EXTENSION: case TOK_DISTINCT:
  case TOK_FINAL: case TOK_EXTENDS: case TOK_IMPLEMENTS: case TOK_WITH:
  case TOK_CASE: case TOK_MATCH: case TOK_THROW: case TOK_SEALED:
  case TOK_SYMBOL: case TOK_GET: case TOK_SET: case TOK_ASYNC: case TOK_INLINE:
    return true;
  default:
    return false;
  }
}

static bool is_opener(int k) {
  return k == '(' || k == '[' || k == '{' || k == TOK_QPAREN ||
         k == TOK_QBRACKET || k == TOK_TEMPLATE_HEAD;
}

static bool is_closer(int k) {
  return k == ')' || k == ']' || k == '}' || k == TOK_TEMPLATE_TAIL;
}

/* Can this token appear inside a type annotation? */
static bool in_type(int k) {
  switch (k) {
  case TOK_NULL: case TOK_TRUE: case TOK_FALSE: case TOK_NUMBER:
  case TOK_STRING: case TOK_THIS: case TOK_GT_JOINED: case TOK_ARROW:
  case '<': case '>': case ',': case '.': case '|': case '?': case ':':
  case '(': case ')': case '[': case ']': case '{': case '}': case '-':
    return true;
  default:
    return is_name(k);
  }
}

/* ---- look-ahead ----
 * Classifying a '(' or '<' needs the tokens up to its closing bracket.
 * Scanning ahead from every '(' and '<' made nested or long inputs
 * quadratic (100k nested parens took seconds: found by fuzzing), so one
 * backward pass answers for every token in O(n).  Each bracket moves a
 * running depth by one, so the bracket opened at i closes at the nearest
 * later token after which the depth is one less than after i; going
 * backwards, a table indexed by depth remembers the nearest token seen at
 * each depth.  The tables are as long as the program nests deep, not as
 * long as it is (tables over a big program's tokens cost more in fresh
 * memory than the classifying itself). */

/* What the nearest later token at some depth is. */
typedef struct {
  uint32_t index; /* the token after which the depth is d, or n */
  uint32_t arrow; /* ([{ depth: the nearest later '=>' at depth d, or n */
  int32_t level;  /* '<' depth: the ([{ depth after token `index` */
} Nearest;

/* A running depth of some brackets, and its nearest tokens. */
typedef struct {
  int32_t now;   /* the depth after the current token */
  int32_t lo;    /* the lowest depth over the whole input (may be < 0) */
  int32_t hi;    /* the highest */
  Nearest *at;   /* [d - lo + 1]: for depth d; [0] (below lo) says none */
} Depth;

static void depth_move(Depth *d, int step) {
  d->now += step;
  d->lo = d->now < d->lo ? d->now : d->lo;
  d->hi = d->now > d->hi ? d->now : d->hi;
}

/* Makes the table, all entries saying none, for a backward pass. */
static void depth_table(Depth *d, size_t n) {
  size_t size = (size_t)(d->hi - d->lo) + 2;
  d->at = xrealloc(NULL, size * sizeof(Nearest));
  for (size_t l = 0; l < size; l++)
    d->at[l] = (Nearest){.index = (uint32_t)n, .arrow = (uint32_t)n};
}

static Nearest *depth_here(const Depth *d) { return &d->at[d->now - d->lo + 1]; }

/* The nearest later token after which the depth is below the current one. */
static const Nearest *depth_below(const Depth *d) { return &d->at[d->now - d->lo]; }

static int bracket_step(int k) {
  return is_opener(k) ? 1 : is_closer(k) ? -1 : 0;
}

static int angle_step(int k) {
  return k == '<' ? 1 : k == '>' || k == TOK_GT_JOINED ? -1 : 0;
}

static int level_step(int k) {
  return k == '(' || k == '[' || k == '{' ? 1 : k == ')' || k == ']' || k == '}' ? -1 : 0;
}

/* How a token kind moves the three depths, and whether it may be in a
 * type: looked up rather than worked out for each of a big program's
 * tokens, twice. */
typedef struct {
  signed char any;   /* change of the all-brackets depth: +1, -1 or 0 */
  signed char angle; /* of the '<' depth */
  signed char level; /* of the ( [ { depth */
  bool in_type;      /* may appear inside a type annotation */
  bool quiet;        /* moves no depth and asks build_ahead nothing */
  bool plain;        /* classify_one passes it on as it is (passes_plainly) */
} KindSteps;

static bool passes_plainly(int k);

static KindSteps steps_of(int k) {
  KindSteps s = {(signed char)bracket_step(k), (signed char)angle_step(k),
                 (signed char)level_step(k), in_type(k), false, passes_plainly(k)};
  s.quiet = !s.any && !s.angle && !s.level && k != TOK_ARROW && k != ':';
  return s;
}

enum { KINDS = 512 }; /* characters and bison's token numbers */
static KindSteps steps_table[KINDS]; /* steps_of each kind, once filled */

static void fill_steps_now(void) {
  for (int i = 0; i < KINDS; i++)
    steps_table[i] = steps_of(i);
}

/* Once per process, even when two threads classify at once (parse.c). */
static void fill_steps_table(void) {
  static pthread_once_t filled = PTHREAD_ONCE_INIT;
  pthread_once(&filled, fill_steps_now);
}

static inline KindSteps kind_steps(int k) {
  return k >= 0 && k < KINDS ? steps_table[k] : steps_of(k);
}

static bool starts_call(int k) {
  return k == '(' || k == TOK_TEMPLATE_FULL || k == TOK_TEMPLATE_HEAD;
}

static void build_ahead(Classifier *c) {
  const Token *t = c->in;
  size_t n = c->n;
  c->ahead = vec_new(n + 1); /* [n]: no flags past the end */
  prefault(c->ahead, n + 1, true); /* while the first pass reads the tokens */
  /* any: all brackets; angle: '<' minus '>'; level: ( [ { only. */
  Depth any = {0}, angle = {0}, level = {0};
  for (size_t i = 0; i < n; i++) {
    KindSteps steps = kind_steps(t[i].kind);
    if (steps.quiet)
      continue;
    depth_move(&any, steps.any);
    depth_move(&angle, steps.angle);
    depth_move(&level, steps.level);
  }
  depth_table(&any, n);
  depth_table(&angle, n);
  depth_table(&level, n);
  uint32_t non_type = (uint32_t)n; /* first k >= i that cannot be in a type */
  for (size_t i = n; i-- > 0;) {
    int k = t[i].kind;
    uint32_t at = (uint32_t)i;
    KindSteps steps = kind_steps(k);
    if (!steps.in_type)
      non_type = at;
    /* Every question below is answered by the nearest later closing
     * bracket or '=>' (the depth first drops at a closer), so the other
     * tokens, most of them, need not be entered in the tables. */
    if (steps.quiet)
      continue;
    uint32_t dip = depth_below(&level)->index; /* where this level ends */
    Nearest *here = depth_here(&level);
    /* '=>', or the ':' of a return type whose '=>' comes before anything
     * that cannot be in a type and before the type's level ends. */
    if (k == TOK_ARROW ||
        (k == ':' && here->arrow < n && here->arrow < non_type && here->arrow < dip))
      c->ahead[i] |= AHEAD_ARROW_START;
    if (k == TOK_ARROW)
      here->arrow = at;
    here->index = at;
    uint32_t close = depth_below(&any)->index; /* n when never closed */
    if (k == '(' && close < n && (c->ahead[close + 1] & AHEAD_ARROW_START))
      c->ahead[i] |= AHEAD_ARROW_PARAMS;
    const Nearest *gt = depth_below(&angle);
    if (k == '<' && gt->index < non_type && gt->index < dip && gt->level == level.now &&
        gt->index + 1 < n && starts_call(t[gt->index + 1].kind))
      c->ahead[i] |= AHEAD_TYPE_ARGS;
    depth_here(&any)->index = at;
    *depth_here(&angle) = (Nearest){.index = at, .level = level.now};
    /* The depths after token i - 1. */
    any.now -= steps.any;
    angle.now -= steps.angle;
    level.now -= steps.level;
  }
  free(any.at);
  free(angle.at);
  free(level.at);
}

/* After the ')' matching the '(' at i: '=>' directly, or ': Type =>'?
 * (The type may hold brackets; the '=>' must be at the level of the ':'.) */
static bool arrow_follows(const Classifier *c, size_t i) {
  return c->ahead[i] & AHEAD_ARROW_PARAMS;
}

/* Does the '(' at i open something shaped like parameters: `()`, or a
 * first entry `name:` / `name?`?  (A tuple type `(A, B)` does not.) */
static bool params_shaped(const Token *t, size_t n, size_t i) {
  if (i + 1 >= n)
    return false;
  if (t[i + 1].kind == ')')
    return true;
  return i + 2 < n && is_name(t[i + 1].kind) &&
         (t[i + 2].kind == ':' || t[i + 2].kind == '?');
}

/* Does the '>' just emitted close type arguments (`f<T>(`), rather than
 * the type parameters of a generic arrow (`<T>(x: T) => x`)? */
static bool closes_type_args(const Classifier *c) {
  /* emit() pairs the angle brackets as they go out: scanning back for the
   * '<' made `a > (b) > (c) > ...` quadratic. */
  return c->closed_angle == TOK_TYPEARGS_LT;
}

/* A '(' that may open arrow parameters: not a call, not a keyword's. */
static bool may_open_params(int prev) {
  if (prev == TOK_ASYNC)
    return true;
  if (is_name(prev) || prev == ')' || prev == ']' || prev == TOK_THIS ||
      prev == TOK_SUPER || prev == TOK_IF || prev == TOK_WHILE ||
      prev == TOK_FOR || prev == TOK_CATCH || prev == TOK_NEW ||
      prev == TOK_STRING || prev == TOK_TEMPLATE_FULL ||
      prev == TOK_TEMPLATE_TAIL)
    return false;
  return true;
}

/* Is the '<' at i the start of type arguments: a name before it, only type
 * tokens up to its '>', brackets balanced, and '(' or a template after? */
static bool type_args_at(const Classifier *c, size_t i) {
  const Token *t = c->in;
  if (i == 0 || !is_name(t[i - 1].kind))
    return false;
  if (t[i - 1].kind == TOK_ASYNC) /* `async <T>(x: T) => ...` */
    return false;
  return c->ahead[i] & AHEAD_TYPE_ARGS;
}

/* Token i, relabelled as kind, is passed. */
static void emit(Classifier *c, size_t i, int kind) {
  if (c->in[i].kind != kind) /* most are passed as they are: no write */
    c->in[i].kind = (short)kind;
  c->before_last = c->last;
  c->last = kind;
  if (kind == '<' || kind == TOK_TYPEARGS_LT) {
    if (c->nangles == c->angles_cap) {
      c->angles_cap = c->angles_cap ? c->angles_cap * 2 : 32;
      c->angles = xrealloc(c->angles, c->angles_cap * sizeof(int));
    }
    c->angles[c->nangles++] = kind;
  } else if (kind == '>' || kind == TOK_GT_JOINED) {
    c->closed_angle = c->nangles ? c->angles[--c->nangles] : 0;
  }
}

static int prev_kind(Classifier *c) { return c->last; }

/* The innermost brace frame (statement context we are in), or NULL. */
static Frame *enclosing_frame(Classifier *c) {
  size_t b = c->depth ? c->stack[c->depth - 1].brace_frame : 0;
  return b ? &c->stack[b - 1] : NULL;
}

static BraceKind enclosing(Classifier *c) {
  Frame *f = enclosing_frame(c);
  return f ? f->brace : BRACE_STMT; /* module level */
}

/* Are we at the start of a statement?  (prev is the previous output token) */
static bool at_statement_start(Classifier *c) {
  int prev = prev_kind(c);
  if (prev == 0 || prev == ';' || prev == '}' || prev == TOK_BLOCK_LBRACE)
    return enclosing(c) == BRACE_STMT || enclosing(c) == BRACE_VALUE;
  if (prev == ')')
    return c->closed == PAREN_IF_STMT || c->closed == PAREN_LOOP;
  return false;
}

static void push_if(Classifier *c, int kind) {
  if (c->nifs == c->ifcap) {
    c->ifcap = c->ifcap ? c->ifcap * 2 : 16;
    c->ifs = xrealloc(c->ifs, c->ifcap * sizeof(int));
    c->if_depth = xrealloc(c->if_depth, c->ifcap * sizeof(size_t));
  }
  c->ifs[c->nifs] = kind;
  c->if_depth[c->nifs++] = c->depth;
}

/* The kind (IF or IF_STMT) of the 'if' an 'else' belongs to. */
static int pop_if(Classifier *c) {
  while (c->nifs && c->if_depth[c->nifs - 1] > c->depth)
    c->nifs--;
  if (c->nifs && c->if_depth[c->nifs - 1] == c->depth)
    return c->ifs[--c->nifs];
  return TOK_IF;
}

/* Decides what the '{' at the current position opens. */
static BraceKind classify_brace(Classifier *c) {
  Frame *f = top(c);
  if (c->pending_class) {
    c->pending_class = false;
    return BRACE_CLASS;
  }
  if (f && f->open == '{' && f->brace == BRACE_CLASS)
    return f->member_parens ? BRACE_STMT : BRACE_OTHER; /* method or accessor */
  if (c->case_colon)
    return BRACE_VALUE;
  switch (prev_kind(c)) {
  case 0: case ';': case '}': case TOK_BLOCK_LBRACE:
    return enclosing(c) == BRACE_STMT || enclosing(c) == BRACE_VALUE
               ? BRACE_STMT : BRACE_OTHER;
  case ')':
    return c->closed == PAREN_IF_EXPR ? BRACE_VALUE
         : c->closed == PAREN_MATCH   ? BRACE_MATCH
                                      : BRACE_STMT;
  case TOK_ELSE:
    return c->else_kind == TOK_IF_STMT ? BRACE_STMT : BRACE_VALUE;
  case TOK_ARROW: case TOK_TRY: case TOK_FINALLY: case TOK_CATCH: case TOK_GET:
    return BRACE_STMT;
  default:
    return BRACE_OTHER;
  }
}

/* Is the nearest enclosing brace a match body still reading a pattern? */
static bool in_case_pattern(Classifier *c) {
  Frame *f = enclosing_frame(c);
  return f && f->brace == BRACE_MATCH && f->in_case;
}

static ParenOwner paren_owner(int prev) {
  switch (prev) {
  case TOK_IF_STMT: return PAREN_IF_STMT;
  case TOK_IF: return PAREN_IF_EXPR;
  case TOK_WHILE: case TOK_FOR: return PAREN_LOOP;
  case TOK_MATCH: return PAREN_MATCH;
  case TOK_CATCH: return PAREN_CATCH;
  default: return PAREN_OTHER;
  }
}

static void open_paren(Classifier *c, int *kind, size_t i) {
  int prev = prev_kind(c);
  Frame *f = top(c);
  if (f && f->open == '{' && f->brace == BRACE_CLASS)
    f->member_parens = true;
  ParenOwner owner = paren_owner(prev);
  /* After `): ` comes a return type, where `(A, B) =>` is a tuple type
   * followed by the arrow, and only `(a: A) => B` is a function type. */
  bool return_type = prev == ':' && c->before_last == ')';
  if (owner == PAREN_OTHER && may_open_params(prev) && !in_case_pattern(c) &&
      !(prev == '>' && closes_type_args(c)) &&
      (!return_type || params_shaped(c->in, c->n, i))) {
    if (arrow_follows(c, i))
      *kind = TOK_ARROW_LPAREN;
  }
  push(c, '(');
  top(c)->owner = owner;
}

Token inserted_semicolon(const Token *t) {
  Token semi = *t;
  semi.kind = ';';
  semi.semicolon_after = false;
  semi.text = ";";
  semi.has_cooked = false;
  semi.loc.start = semi.loc.end;
  return semi;
}

/* Inserts the ';' a statement may leave out, just past token i (the token
 * just passed). */
static void emit_semicolon(Classifier *c, size_t i) {
  c->in[i].semicolon_after = true;
  c->before_last = c->last;
  c->last = ';';
}

/* After the '}' of a block-ended expression statement: end the statement
 * unless the expression visibly goes on. */
static void end_block_statement(Classifier *c, size_t i) {
  int next = i + 1 < c->n ? c->in[i + 1].kind : 0;
  switch (next) {
  case ';': case '.': case TOK_QDOT:
    return;
  case TOK_ELSE: case TOK_CATCH: case TOK_FINALLY:
    c->ends_pending = true; /* the next branch's block ends it instead */
    return;
  default:
    emit_semicolon(c, i);
  }
}

/* `let f = () => { ... }` may end at its '}' when the next statement
 * starts on a new line (the seed's examples are written so). */
static void end_arrow_statement(Classifier *c, size_t i) {
  const Token *next = i + 1 < c->n ? &c->in[i + 1] : NULL;
  if (!next || !(next->line_before || next->kind == TOK_END))
    return;
  switch (next->kind) {
  case ';': case ',': case ')': case ']': case '}': case '.': case TOK_QDOT:
    return;
  default:
    emit_semicolon(c, i);
  }
}

/* Is this contextual word used as a name here, judging by what follows? */
static bool used_as_name(int kind, int next) {
  switch (kind) {
  case TOK_ABSTRACT: case TOK_FINAL: case TOK_SEALED: case TOK_EXTENSION:
  case TOK_ON: case TOK_WITH: case TOK_EXTENDS: case TOK_IMPLEMENTS:
  case TOK_ASYNC: case TOK_CASE: case TOK_MATCH: case TOK_THROW: case TOK_INLINE:
    break;
  default:
    return false;
  }
  switch (next) {
  case '-':
    return kind != TOK_CASE && kind != TOK_THROW; /* `case -1:` */
  case ';': case ',': case ')': case ']': case '}': case '.': case '=':
  case '+': case '*': case '/': case '%': case '<': case '>': case '|':
  case '&': case '^': case TOK_EQ: case TOK_NE: case TOK_EQ3: case TOK_NE3:
  case TOK_LE: case TOK_GE: case TOK_ANDAND: case TOK_OROR: case TOK_NULLISH:
  case TOK_PIPE_GT: case TOK_QDOT: case TOK_PLUS_ASSIGN: case TOK_MINUS_ASSIGN:
  case TOK_STAR_ASSIGN: case TOK_SLASH_ASSIGN: case TOK_PERCENT_ASSIGN:
  case TOK_END:
    return true;
  default:
    return false;
  }
}

/* `async <T>(...) =>` or `async <T, U extends V>(...)`: a generic async
 * arrow, not the name `async` compared with something. */
static bool starts_generic_async_arrow(const Classifier *c, size_t i) {
  const Token *t = c->in;
  return t[i].kind == TOK_ASYNC && i + 3 < c->n && t[i + 1].kind == '<' &&
         is_name(t[i + 2].kind) &&
         (t[i + 3].kind == '>' || t[i + 3].kind == ',' || t[i + 3].kind == TOK_EXTENDS);
}

/* Is a token of kind k passed on as it is, whatever its context?  Not if
 * classify_one's switch below acts on it, nor if it is an angle bracket
 * (emit pairs them) or a contextual word (used_as_name).  Most tokens are
 * names, numbers and operators, which take the short way. */
static bool passes_plainly(int k) {
  switch (k) {
  case '(': case '[': case TOK_QPAREN: case TOK_QBRACKET: case TOK_TEMPLATE_HEAD:
  case ')': case ']': case TOK_TEMPLATE_TAIL: case '<': case '>': case TOK_GT_JOINED:
  case '{': case '}': case ';': case ':': case '=': case '@': case TOK_IF:
  case TOK_ELSE: case TOK_MATCH: case TOK_TRY: case TOK_CASE: case TOK_CLASS:
  case TOK_INTERFACE: case TOK_MIXIN: case TOK_LET: case TOK_VAR: case TOK_CONST:
  case TOK_EXPORT: case TOK_IMPORT:
    return false;
  default:
    return !used_as_name(k, ';'); /* true for exactly the contextual words */
  }
}

static void classify_one(Classifier *c, size_t i) {
  int kind = c->in[i].kind;
  if (kind_steps(kind).plain) { /* what the default case and emit() do */
    c->case_colon = false;
    c->before_last = c->last;
    c->last = kind;
    return;
  }
  if (i + 1 < c->n && used_as_name(kind, c->in[i + 1].kind) &&
      !starts_generic_async_arrow(c, i))
    kind = TOK_IDENT;
  Frame *f = top(c);
  switch (kind) { /* each kind named here must be one passes_plainly refuses */
  case '(':
    open_paren(c, &kind, i);
    break;
  case '[': case TOK_QPAREN: case TOK_QBRACKET:
    push(c, '[');
    break;
  case TOK_TEMPLATE_HEAD:
    push(c, '`');
    break;
  case ')': case ']': case TOK_TEMPLATE_TAIL:
    if (f && f->open != '{') {
      if (kind == ')')
        c->closed = f->owner;
      c->depth--;
    }
    break;
  case '<':
    if (type_args_at(c, i))
      kind = TOK_TYPEARGS_LT;
    break;
  case '{': {
    BraceKind brace = classify_brace(c);
    if (brace == BRACE_STMT || brace == BRACE_VALUE || brace == BRACE_MATCH)
      kind = TOK_BLOCK_LBRACE;
    push(c, '{');
    top(c)->brace = brace;
    top(c)->arrow_body = prev_kind(c) == TOK_ARROW;
    if (c->ends_pending && kind == TOK_BLOCK_LBRACE) {
      top(c)->ends_statement = true;
      c->ends_pending = false;
    }
    break;
  }
  case '}':
    if (f && f->open == '{') {
      c->depth--;
      emit(c, i, kind);
      Frame *outer = top(c);
      if (outer && outer->open == '{' && outer->brace == BRACE_CLASS)
        outer->member_parens = false;
      if (f->ends_statement)
        end_block_statement(c, i);
      else if (f->arrow_body)
        end_arrow_statement(c, i);
      c->case_colon = false;
      return;
    }
    break;
  case ';':
    if (f && f->open == '{' && f->brace == BRACE_CLASS)
      f->member_parens = false;
    c->pending_class = false;
    c->ends_pending = false;
    break;
  case TOK_IF:
    if (prev_kind(c) == TOK_ELSE)
      kind = c->else_kind;
    else if (at_statement_start(c)) {
      if (enclosing(c) == BRACE_STMT)
        kind = TOK_IF_STMT;
      else
        c->ends_pending = true;
    }
    push_if(c, kind);
    break;
  case TOK_ELSE:
    c->else_kind = pop_if(c);
    break;
  case TOK_MATCH: case TOK_TRY:
    if (at_statement_start(c))
      c->ends_pending = true;
    break;
  case TOK_CASE:
    if (f && f->open == '{' && f->brace == BRACE_MATCH)
      f->in_case = true;
    break;
  case ':':
    if (f && f->open == '{' && f->brace == BRACE_MATCH && f->in_case) {
      f->in_case = false;
      c->case_colon = true;
      emit(c, i, kind);
      return;
    }
    break;
  case TOK_CLASS: case TOK_INTERFACE:
    c->pending_class = true;
    break;
  case TOK_MIXIN:
    if (i + 1 < c->n && c->in[i + 1].kind == TOK_IDENT)
      c->pending_class = true;
    break;
  case TOK_LET: case TOK_VAR: case TOK_CONST: case TOK_EXPORT: case '@':
  case TOK_IMPORT: case '=':
    c->pending_class = false;
    break;
  default:
    break;
  }
  c->case_colon = false;
  emit(c, i, kind);
}

void classify_tokens(TokenVec *toks) {
  if (toks->len >= UINT32_MAX) {
    fputs("zena2wat: too many tokens in one file\n", stderr);
    exit(2);
  }
  Classifier c = {.in = toks->items, .n = toks->len, .else_kind = TOK_IF};
  fill_steps_table();
  build_ahead(&c);
  for (size_t i = 0; i < c.n; i++)
    classify_one(&c, i);
  vec_free(c.ahead, c.n + 1);
  free(c.angles);
  free(c.stack);
  free(c.ifs);
  free(c.if_depth);
}
