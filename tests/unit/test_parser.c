/*
 * test_parser.c - unit tests for the front end as a whole: lex_source,
 * classify_tokens and parse_module, observed through ast_dump_json and the
 * diagnostics.
 *
 * Trees are checked in a compact rendering of the --dump-ast JSON (so the
 * tests see exactly what the JSON printer writes, minus the "loc" members):
 *
 *   Identifier x            x
 *   NumberLiteral 1         1
 *   StringLiteral "s"       "s"
 *   BooleanLiteral, null    true, false, null
 *   this, `$` placeholder   this, $
 *   BinaryExpression        (op left right)
 *   UnaryExpression         (op argument)
 *   TypeAnnotation          Name or Name<Arg Arg>
 *   any other node          (Kind key=value ...), members in JSON order;
 *                           members that are false or null are left out
 *   arrays                  [a b c]
 *   other strings           as is ("" when empty)
 *
 * For example `let x = a + b * c;` renders as
 *   (VariableDeclaration kind=let pattern=x init=(+ a (* b c)))
 *
 * Tests named known_* show front-end bugs found while writing these tests;
 * they fail today and run only when ZENA_TEST_KNOWN is set in the
 * environment.
 *
 * Building with -DPARSER_TEST_TOOL gives a program that prints the
 * rendering (and diagnostics) of standard input, handy when writing tests:
 *   cc -std=c11 -D_POSIX_C_SOURCE=200809L -DPARSER_TEST_TOOL -iquote src \
 *     -Igrammar -Ilexer tests/unit/test_parser.c libzena.a \
 *     $(pkg-config --cflags --libs check) -o /tmp/sx
 *
 * Note: C string literals below write "?\?" to avoid the "??" trigraphs.
 */
#include "zena.h"
#include "parser.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#ifdef PARSER_TEST_TOOL
/* Outside a test run Check's assertions cannot report: abort instead. */
#include <stdarg.h>
static void tool_check(bool ok, const char *fmt, ...) {
  if (ok)
    return;
  va_list ap;
  va_start(ap, fmt);
  vfprintf(stderr, fmt ? fmt : "assertion failed", ap);
  va_end(ap);
  fputc('\n', stderr);
  abort();
}
#undef ck_assert_msg
#define ck_assert_msg(expr, ...) tool_check((expr), __VA_ARGS__)
#endif

/* ------------------------------------------------------------------ */
/* fixture                                                             */
/* ------------------------------------------------------------------ */

static Arena *arena;
static Source src;
static Diag diag;
static Node *module;    /* result of the last parse */
static char *messages;  /* everything the Diag printed */
static size_t messages_len;
static FILE *messages_out;

static void setup(void) {
  arena = arena_new();
  messages_out = open_memstream(&messages, &messages_len);
  module = NULL;
}

static void teardown(void) {
  fclose(messages_out);
  free(messages);
  arena_free(arena);
}

/* Forgets the diagnostics printed so far. */
static void reset_messages(void) {
  fclose(messages_out);
  free(messages);
  messages = NULL;
  messages_out = open_memstream(&messages, &messages_len);
}

/* Parses text as "<input>"; its diagnostics (only) go to `messages`. */
static Node *parse(const char *text) {
  reset_messages();
  source_from_string(&src, arena, "<input>", text);
  diag_init(&diag, &src, messages_out);
  module = parse_module(&src, arena, &diag, NULL);
  fflush(messages_out);
  return module;
}

/* ------------------------------------------------------------------ */
/* reading back the JSON dump                                          */
/* ------------------------------------------------------------------ */

typedef enum { J_OBJECT, J_ARRAY, J_STRING, J_BARE } JKind;

typedef struct JVal JVal;
struct JVal {
  JKind kind;
  const char *text; /* J_STRING: the unescaped string; J_BARE: the token */
  int len;          /* members (object) or elements (array) */
  const char **keys;
  JVal **vals;
};

typedef struct {
  const char *s; /* next character */
} JReader;

static void skip_space(JReader *r) {
  while (*r->s == ' ' || *r->s == '\n' || *r->s == '\t' || *r->s == '\r')
    r->s++;
}

static const char *read_string(JReader *r) {
  StrBuf sb;
  strbuf_init(&sb, arena);
  ck_assert_int_eq(*r->s, '"');
  r->s++;
  while (*r->s != '"') {
    ck_assert_msg(*r->s, "unterminated JSON string");
    char c = *r->s++;
    if (c == '\\') {
      c = *r->s++;
      switch (c) {
      case 'n': c = '\n'; break;
      case 't': c = '\t'; break;
      case 'r': c = '\r'; break;
      case 'b': c = '\b'; break;
      case 'f': c = '\f'; break;
      case 'u':
        c = (char)strtol((char[]){r->s[0], r->s[1], r->s[2], r->s[3], 0},
                         NULL, 16);
        r->s += 4;
        break;
      default: break; /* '"' '\\' '/' */
      }
    }
    strbuf_putc(&sb, c);
  }
  r->s++;
  return sb.data;
}

static JVal *read_value(JReader *r) {
  JVal *v = arena_alloc(arena, sizeof *v);
  skip_space(r);
  if (*r->s == '{' || *r->s == '[') {
    char close = *r->s == '{' ? '}' : ']';
    v->kind = *r->s == '{' ? J_OBJECT : J_ARRAY;
    r->s++;
    int cap = 0;
    for (;;) {
      skip_space(r);
      if (*r->s == close) {
        r->s++;
        break;
      }
      if (v->len)
        ck_assert_int_eq(*r->s++, ',');
      if (v->len == cap) {
        cap = cap ? 2 * cap : 8;
        const char **keys = arena_alloc(arena, cap * sizeof *keys);
        JVal **vals = arena_alloc(arena, cap * sizeof *vals);
        if (v->len) {
          memcpy(keys, v->keys, v->len * sizeof *keys);
          memcpy(vals, v->vals, v->len * sizeof *vals);
        }
        v->keys = keys;
        v->vals = vals;
      }
      if (v->kind == J_OBJECT) {
        skip_space(r);
        v->keys[v->len] = read_string(r);
        skip_space(r);
        ck_assert_int_eq(*r->s++, ':');
      }
      v->vals[v->len++] = read_value(r);
    }
  } else if (*r->s == '"') {
    v->kind = J_STRING;
    v->text = read_string(r);
  } else {
    const char *start = r->s;
    while (*r->s && !strchr(",}] \n", *r->s))
      r->s++;
    ck_assert_msg(r->s > start, "bad JSON at: %.20s", start);
    v->kind = J_BARE;
    v->text = arena_strndup(arena, start, r->s - start);
  }
  return v;
}

static JVal *get(const JVal *obj, const char *key) {
  if (obj && obj->kind == J_OBJECT)
    for (int i = 0; i < obj->len; i++)
      if (strcmp(obj->keys[i], key) == 0)
        return obj->vals[i];
  return NULL;
}

static const char *get_text(const JVal *obj, const char *key) {
  JVal *v = get(obj, key);
  return v && (v->kind == J_STRING || v->kind == J_BARE) ? v->text : NULL;
}

static bool is_type(const JVal *v, const char *type) {
  const char *t = get_text(v, "type");
  return t && strcmp(t, type) == 0;
}

static void put(StrBuf *sb, const char *s) { strbuf_put(sb, s, strlen(s)); }

static void render(StrBuf *sb, const JVal *v);

static void render_array(StrBuf *sb, const JVal *v) {
  strbuf_putc(sb, '[');
  for (int i = 0; i < v->len; i++) {
    if (i)
      strbuf_putc(sb, ' ');
    render(sb, v->vals[i]);
  }
  strbuf_putc(sb, ']');
}

static void render(StrBuf *sb, const JVal *v) {
  switch (v->kind) {
  case J_ARRAY:
    render_array(sb, v);
    return;
  case J_STRING:
    put(sb, *v->text ? v->text : "\"\"");
    return;
  case J_BARE:
    put(sb, v->text);
    return;
  case J_OBJECT:
    break;
  }
  const char *type = get_text(v, "type");
  if (!type) { /* a plain object such as a template element's value */
    strbuf_putc(sb, '{');
    for (int i = 0; i < v->len; i++) {
      put(sb, i ? " " : "");
      put(sb, v->keys[i]);
      strbuf_putc(sb, '=');
      render(sb, v->vals[i]);
    }
    strbuf_putc(sb, '}');
    return;
  }
  if (strcmp(type, "Identifier") == 0) {
    put(sb, get_text(v, "name"));
  } else if (strcmp(type, "NumberLiteral") == 0) {
    put(sb, get_text(v, "raw"));
  } else if (strcmp(type, "StringLiteral") == 0) {
    strbuf_putc(sb, '"');
    put(sb, get_text(v, "value"));
    strbuf_putc(sb, '"');
  } else if (strcmp(type, "BooleanLiteral") == 0) {
    put(sb, get_text(v, "value"));
  } else if (strcmp(type, "NullLiteral") == 0) {
    put(sb, "null");
  } else if (strcmp(type, "ThisExpression") == 0) {
    put(sb, "this");
  } else if (strcmp(type, "PipePlaceholder") == 0) {
    put(sb, "$");
  } else if (strcmp(type, "BinaryExpression") == 0) {
    put(sb, "(");
    put(sb, get_text(v, "operator"));
    put(sb, " ");
    render(sb, get(v, "left"));
    put(sb, " ");
    render(sb, get(v, "right"));
    put(sb, ")");
  } else if (strcmp(type, "UnaryExpression") == 0) {
    put(sb, "(");
    put(sb, get_text(v, "operator"));
    put(sb, " ");
    render(sb, get(v, "argument"));
    put(sb, ")");
  } else if (strcmp(type, "TypeAnnotation") == 0 && v->len <= 4) {
    /* type, name, [typeArguments,] loc */
    put(sb, get_text(v, "name"));
    JVal *args = get(v, "typeArguments");
    if (args) {
      strbuf_putc(sb, '<');
      for (int i = 0; i < args->len; i++) {
        put(sb, i ? " " : "");
        render(sb, args->vals[i]);
      }
      strbuf_putc(sb, '>');
    }
  } else {
    strbuf_putc(sb, '(');
    put(sb, type);
    for (int i = 0; i < v->len; i++) {
      const char *k = v->keys[i];
      JVal *m = v->vals[i];
      if (strcmp(k, "type") == 0 || strcmp(k, "loc") == 0)
        continue;
      if (m->kind == J_BARE &&
          (strcmp(m->text, "false") == 0 || strcmp(m->text, "null") == 0))
        continue;
      strbuf_putc(sb, ' ');
      put(sb, k);
      strbuf_putc(sb, '=');
      render(sb, m);
    }
    strbuf_putc(sb, ')');
  }
}

static const char *render_text(const JVal *v) {
  StrBuf sb;
  strbuf_init(&sb, arena);
  render(&sb, v);
  return sb.data;
}

/* The JSON dump of a tree, as text. */
static const char *dump(const Node *n) {
  char *buf = NULL;
  size_t len = 0;
  FILE *out = open_memstream(&buf, &len);
  ast_dump_json(out, n, &src);
  fclose(out);
  char *copy = arena_strdup(arena, buf);
  free(buf);
  return copy;
}

/* The JSON dump of a tree, read back. */
static JVal *json(const Node *n) {
  JReader r = {dump(n)};
  JVal *v = read_value(&r);
  skip_space(&r);
  ck_assert_msg(*r.s == '\0', "trailing text after the JSON: %.20s", r.s);
  return v;
}

/* Parses text, which must be free of errors and warnings, and returns the
 * module's body statements rendered and separated by " ; ". */
static const char *body(const char *text) {
  parse(text);
  ck_assert_msg(module && diag.errors == 0,
                "unexpected errors for `%s`:\n%s", text, messages);
  ck_assert_msg(diag.warnings == 0, "unexpected warnings for `%s`:\n%s",
                text, messages);
  JVal *m = json(module);
  ck_assert(is_type(m, "Module"));
  JVal *stmts = get(m, "body");
  StrBuf sb;
  strbuf_init(&sb, arena);
  for (int i = 0; i < stmts->len; i++) {
    if (i)
      put(&sb, " ; ");
    render(&sb, stmts->vals[i]);
  }
  return sb.data;
}

/* Parses text, which must be a single expression statement, and returns the
 * expression rendered. */
static const char *expr(const char *text) {
  body(text);
  JVal *stmts = get(json(module), "body");
  ck_assert_msg(stmts->len == 1, "`%s`: %d statements", text, stmts->len);
  ck_assert_msg(is_type(stmts->vals[0], "ExpressionStatement"),
                "`%s` is a %s", text, get_text(stmts->vals[0], "type"));
  return render_text(get(stmts->vals[0], "expression"));
}

#define ck_expr(text, want) ck_assert_str_eq(expr(text), want)
#define ck_body(text, want) ck_assert_str_eq(body(text), want)
/* `text` parses and its rendering contains `want`. */
#define ck_body_has(text, want)                                                \
  do {                                                                         \
    const char *got_ = body(text);                                             \
    ck_assert_msg(strstr(got_, want), "no `%s` in:\n%s", want, got_);          \
  } while (0)

/* `text` fails to parse with exactly these diagnostics (full text, source
 * lines and carets included). */
static void ck_errors(const char *text, int errors, const char *want) {
  Node *m = parse(text);
  ck_assert_msg(m == NULL, "`%s` parsed without errors", text);
  ck_assert_int_eq(diag.errors, errors);
  ck_assert_str_eq(messages, want);
}

/* A node's "loc" as {line, column, endLine, endColumn}. */
static bool read_loc(const JVal *node, int out[4]) {
  JVal *loc = get(node, "loc");
  if (!loc)
    return false;
  static const char *const keys[] = {"line", "column", "endLine", "endColumn"};
  for (int i = 0; i < 4; i++) {
    const char *t = get_text(loc, keys[i]);
    ck_assert_msg(t, "loc without %s", keys[i]);
    out[i] = atoi(t);
  }
  return true;
}

static bool loc_before(int l1, int c1, int l2, int c2) {
  return l1 < l2 || (l1 == l2 && c1 <= c2);
}

/* Appends to sb a description of every node whose loc is not 1-based,
 * runs backwards, or lies outside its parent's loc. */
static void check_locs(StrBuf *sb, const JVal *v, const int parent[4],
                       const char *path) {
  int here[4];
  const int *inner = parent;
  if (v->kind == J_OBJECT && get(v, "type") && read_loc(v, here)) {
    const char *what = NULL;
    if (here[0] < 1 || here[1] < 1)
      what = "not 1-based";
    else if (!loc_before(here[0], here[1], here[2], here[3]))
      what = "ends before it starts";
    else if (parent && (!loc_before(parent[0], parent[1], here[0], here[1]) ||
                        !loc_before(here[2], here[3], parent[2], parent[3])))
      what = "outside its parent";
    if (what) {
      char line[256];
      snprintf(line, sizeof line, "%s (%s) %d:%d-%d:%d %s\n", path,
               get_text(v, "type"), here[0], here[1], here[2], here[3], what);
      put(sb, line);
    }
    inner = here;
  }
  if (v->kind == J_OBJECT || v->kind == J_ARRAY)
    for (int i = 0; i < v->len; i++) {
      if (v->kind == J_OBJECT && strcmp(v->keys[i], "loc") == 0)
        continue;
      const char *sub = v->kind == J_OBJECT
                            ? arena_printf(arena, "%s.%s", path, v->keys[i])
                            : arena_printf(arena, "%s[%d]", path, i);
      check_locs(sb, v->vals[i], inner, sub);
    }
}

/* Problems with the locations in the tree of a parsed module ("" if none);
 * the Module itself is checked only when check_module is set. */
static const char *loc_problems(bool check_module) {
  StrBuf sb;
  strbuf_init(&sb, arena);
  JVal *m = json(module);
  if (check_module)
    check_locs(&sb, m, NULL, "Module");
  else
    check_locs(&sb, get(m, "body"), NULL, "body");
  return sb.data;
}

#ifndef PARSER_TEST_TOOL

/* The classified tokens of text as one line: each token's text, with the
 * relabelled kinds marked (A( arrow parameters, T< type arguments, B{ block,
 * IF if statement) and an inserted ';' written <;>. */
static const char *classified(const char *text) {
  reset_messages();
  source_from_string(&src, arena, "<input>", text);
  diag_init(&diag, &src, messages_out);
  TokenVec toks = {0};
  lex_source(&src, arena, &diag, &toks);
  classify_tokens(&toks);
  StrBuf sb;
  strbuf_init(&sb, arena);
  for (size_t i = 0; i < toks.len; i++) {
    const Token *t = &toks.items[i];
    if (t->kind == TOK_END) {
      ck_assert_uint_eq(i, toks.len - 1);
      break;
    }
    if (i)
      strbuf_putc(&sb, ' ');
    switch (t->kind) {
    case TOK_ARROW_LPAREN: put(&sb, "A("); break;
    case TOK_TYPEARGS_LT: put(&sb, "T<"); break;
    case TOK_BLOCK_LBRACE: put(&sb, "B{"); break;
    case TOK_IF_STMT: put(&sb, "IF"); break;
    case ';':
      put(&sb, t->loc.start == t->loc.end ? "<;>" : ";");
      break;
    default: put(&sb, t->text);
    }
    if (t->semicolon_after)
      put(&sb, " <;>");
  }
  free(toks.items);
  fflush(messages_out);
  ck_assert_msg(diag.errors == 0, "unexpected errors:\n%s", messages);
  return sb.data;
}

/* Number of lines in `messages` containing needle. */
static int count_lines(const char *needle) {
  int n = 0;
  for (const char *line = messages; line && *line;) {
    const char *end = strchr(line, '\n');
    size_t len = end ? (size_t)(end - line) : strlen(line);
    char *copy = arena_strndup(arena, line, len);
    if (strstr(copy, needle))
      n++;
    line = end ? end + 1 : line + len;
  }
  return n;
}

/* ================================================================== */
/* operator precedence and associativity                               */
/* ================================================================== */

START_TEST(prec_multiplicative_over_additive) {
  ck_expr("a + b * c;", "(+ a (* b c))");
  ck_expr("a * b + c;", "(+ (* a b) c)");
  ck_expr("a - b - c;", "(- (- a b) c)");
  ck_expr("a / b % c;", "(% (/ a b) c)");
}
END_TEST

START_TEST(prec_shift_between_additive_and_comparison) {
  ck_expr("a << 1 < b;", "(< (<< a 1) b)");
  ck_expr("8 << 1 + 1;", "(<< 8 (+ 1 1))");
  ck_expr("a < b >> c;", "(< a (>> b c))");
  ck_expr("x >> 2 >>> 3;", "(>>> (>> x 2) 3)");
}
END_TEST

START_TEST(prec_range_between_shift_and_comparison) {
  ck_expr("a + 1..b - 1;", "(RangeExpression start=(+ a 1) end=(- b 1))");
  ck_expr("a << 1..b;", "(RangeExpression start=(<< a 1) end=b)");
  ck_expr("x < 0..n;", "(< x (RangeExpression start=0 end=n))");
}
END_TEST

START_TEST(open_ranges) {
  ck_expr("a..;", "(RangeExpression start=a)");
  ck_expr("..b;", "(RangeExpression end=b)");
  ck_expr("..;", "(RangeExpression)");
  ck_expr("xs[1..];", "(IndexExpression object=xs index=(RangeExpression start=1))");
}
END_TEST

START_TEST(prec_nullish_same_level_as_or) {
  ck_expr("a ?\? b || c;", "(|| (?\? a b) c)");
  ck_expr("a || b ?\? c;", "(?\? (|| a b) c)");
  ck_expr("a && b ?\? c;", "(?\? (&& a b) c)");
  ck_expr("a ?\? b && c;", "(?\? a (&& b c))");
}
END_TEST

START_TEST(prec_pipeline) {
  ck_expr("1 |> $ + 1;", "(PipelineExpression left=1 right=(+ $ 1))");
  ck_expr("a |> f($) |> g($);",
          "(PipelineExpression left=(PipelineExpression left=a "
          "right=(CallExpression callee=f arguments=[$])) "
          "right=(CallExpression callee=g arguments=[$]))");
  ck_expr("x = a || b |> f($);",
          "(AssignmentExpression left=x value=(PipelineExpression "
          "left=(|| a b) right=(CallExpression callee=f arguments=[$])))");
  /* `$` alone is the placeholder, `$x` a name */
  ck_expr("$x + $;", "(+ $x $)");
}
END_TEST

START_TEST(prec_unary) {
  ck_expr("-a + b;", "(+ (- a) b)");
  ck_expr("-a * b;", "(* (- a) b)");
  ck_expr("!a && b;", "(&& (! a) b)");
  ck_expr("- -a;", "(- (- a))");
  ck_expr("!f(x).y;",
          "(! (MemberExpression object=(CallExpression callee=f arguments=[x]) "
          "property=y))");
}
END_TEST

START_TEST(prec_bitwise_and_equality) {
  ck_expr("~a | b ^ c & d;", "(| (~ a) (^ b (& c d)))");
  ck_expr("5 & 3 == 1;", "(& 5 (== 3 1))");
  ck_expr("a == b != c;", "(!= (== a b) c)");
  ck_expr("a > b == c <= d;", "(== (> a b) (<= c d))");
  ck_expr("a === b !== c;", "(!== (=== a b) c)");
  ck_expr("a | b && c | d;", "(&& (| a b) (| c d))");
}
END_TEST

START_TEST(assignment_is_right_associative_and_lowest) {
  ck_expr("a = b = c;",
          "(AssignmentExpression left=a value=(AssignmentExpression left=b value=c))");
  ck_expr("x = a || b;", "(AssignmentExpression left=x value=(|| a b))");
  ck_expr("a.b[i] = 1;",
          "(AssignmentExpression left=(IndexExpression object=(MemberExpression "
          "object=a property=b) index=i) value=1)");
}
END_TEST

static const char *const compound_ops[] = {
    "+", "-", "*", "/", "%", "&", "|", "^", "<<", ">>", ">>>", "?\?", "&&", "||",
};

START_TEST(compound_assignment) {
  const char *op = compound_ops[_i];
  ck_expr(arena_printf(arena, "x %s= y + 1;", op),
          arena_printf(arena, "(AssignmentExpression left=x operator=%s value=(+ y 1))", op));
}
END_TEST

START_TEST(as_and_is) {
  ck_expr("(x as i32) < y;", "(< (AsExpression expression=x typeAnnotation=i32) y)");
  ck_expr("x is Foo && y;", "(&& (IsExpression expression=x typeAnnotation=Foo) y)");
  ck_expr("x as Array<i32>;",
          "(AsExpression expression=x typeAnnotation=Array<i32>)");
  ck_expr("a + b as T;", "(AsExpression expression=(+ a b) typeAnnotation=T)");
}
END_TEST

START_TEST(await_and_throw) {
  ck_expr("await a + b;", "(+ (AwaitExpression argument=a) b)");
  ck_expr("await f(x);",
          "(AwaitExpression argument=(CallExpression callee=f arguments=[x]))");
  ck_expr("throw a + b;", "(ThrowExpression argument=(+ a b))");
}
END_TEST

/* ================================================================== */
/* '>>' and '>>>' versus nested type arguments; '<' versus type args   */
/* ================================================================== */

START_TEST(nested_generics_close_with_shift_token) {
  ck_body("let m: Map<K, Array<V>> = y;",
          "(VariableDeclaration kind=let pattern=m typeAnnotation=Map<K Array<V>> init=y)");
  ck_body("let m: A<B<C<D>>> = y;",
          "(VariableDeclaration kind=let pattern=m typeAnnotation=A<B<C<D>>> init=y)");
  ck_body("let m: Map<K, Array<V> > = y;",
          "(VariableDeclaration kind=let pattern=m typeAnnotation=Map<K Array<V>> init=y)");
  ck_body("let y: Array<Array<i32>> = a >> b;",
          "(VariableDeclaration kind=let pattern=y typeAnnotation=Array<Array<i32>> "
          "init=(>> a b))");
}
END_TEST

START_TEST(shift_operators) {
  ck_expr("a >> b;", "(>> a b)");
  ck_expr("a >>> b;", "(>>> a b)");
  ck_expr("f<Array<i32>>(x) >> 1;",
          "(>> (CallExpression callee=f typeArguments=[Array<i32>] arguments=[x]) 1)");
}
END_TEST

START_TEST(spaced_greater_thans_are_not_a_shift) {
  ck_errors("a > > b;", 1,
            "<input>:1:5: error: Unexpected token '>'\n"
            "  a > > b;\n"
            "      ^\n");
}
END_TEST

START_TEST(generic_calls) {
  ck_expr("f<T>(x);", "(CallExpression callee=f typeArguments=[T] arguments=[x])");
  ck_expr("f<Map<K, V>>(x);",
          "(CallExpression callee=f typeArguments=[Map<K V>] arguments=[x])");
  ck_expr("f<T,>(x);", "(CallExpression callee=f typeArguments=[T] arguments=[x])");
  ck_expr("o.m<A, B>();",
          "(CallExpression callee=(MemberExpression object=o property=m) "
          "typeArguments=[A B] arguments=[])");
}
END_TEST

START_TEST(comparisons_are_not_type_arguments) {
  ck_expr("(a < b) && (c > d);", "(&& (< a b) (> c d))");
  ck_expr("a < b > c;", "(> (< a b) c)");
  ck_expr("a < b && c > d;", "(&& (< a b) (> c d))");
  ck_expr("f(a < b, c);", "(CallExpression callee=f arguments=[(< a b) c])");
}
END_TEST

/* As in TypeScript and C#: `a < b, c > (` reads as a generic call. */
START_TEST(type_arguments_win_before_paren) {
  ck_expr("f(a < b, c > (d));",
          "(CallExpression callee=f arguments=[(CallExpression callee=a "
          "typeArguments=[b c] arguments=[d])])");
}
END_TEST

START_TEST(new_expressions) {
  ck_expr("new Point(1, 2);", "(NewExpression callee=Point arguments=[1 2])");
  ck_expr("new A.B<T>(1);",
          "(NewExpression callee=(MemberExpression object=A property=B) "
          "typeArguments=[T] arguments=[1])");
  ck_expr("new Box<Array<i32>>();",
          "(NewExpression callee=Box typeArguments=[Array<i32>] arguments=[])");
}
END_TEST

START_TEST(member_index_call_chains) {
  ck_expr("a.b.c(d)[e];",
          "(IndexExpression object=(CallExpression callee=(MemberExpression "
          "object=(MemberExpression object=a property=b) property=c) "
          "arguments=[d]) index=e)");
  ck_expr("t.0;", "(MemberExpression object=t property=0)");
  ck_expr("a?.b;", "(MemberExpression object=a property=b optional=true)");
  ck_expr("a?[1];", "(IndexExpression object=a index=1 optional=true)");
  ck_expr("f?(x);", "(CallExpression callee=f arguments=[x] optional=true)");
  ck_expr("f(1, 2,);", "(CallExpression callee=f arguments=[1 2])");
  ck_expr("this.x;", "(MemberExpression object=this property=x)");
  ck_expr("super.m();",
          "(CallExpression callee=(MemberExpression object=(SuperExpression) "
          "property=m) arguments=[])");
}
END_TEST

START_TEST(symbol_member_access) {
  ck_expr("obj.:Sym;",
          "(MemberExpression object=obj property=Sym isSymbolAccess=true symbolPath=Sym)");
  ck_expr("obj.:Iface.sym();",
          "(CallExpression callee=(MemberExpression object=obj property=sym "
          "isSymbolAccess=true symbolPath=(MemberExpression object=Iface "
          "property=sym)) arguments=[])");
}
END_TEST

/* ================================================================== */
/* arrows, grouping and tuples                                          */
/* ================================================================== */

START_TEST(arrow_vs_group_vs_tuple) {
  ck_expr("(x) => x;", "(FunctionExpression params=[(Parameter name=x)] body=x)");
  ck_expr("(x);", "x");
  ck_expr("((x));", "x");
  ck_expr("(1, 2);", "(TupleLiteral elements=[1 2])");
  ck_expr("(1, 2,);", "(TupleLiteral elements=[1 2])");
  ck_expr("() => 1;", "(FunctionExpression params=[] body=1)");
  ck_expr("(a, b) => a;",
          "(FunctionExpression params=[(Parameter name=a) (Parameter name=b)] body=a)");
}
END_TEST

START_TEST(arrow_parameters) {
  ck_expr("(a: i32 = 1, b?: i32, c: T,): i32 => a;",
          "(FunctionExpression params=[(Parameter name=a typeAnnotation=i32 "
          "optional=true initializer=1) (Parameter name=b typeAnnotation=i32 "
          "optional=true) (Parameter name=c typeAnnotation=T)] returnType=i32 body=a)");
}
END_TEST

START_TEST(arrow_body_extends_right) {
  ck_expr("(x) => x + 1;",
          "(FunctionExpression params=[(Parameter name=x)] body=(+ x 1))");
  ck_expr("(x) => (y) => x;",
          "(FunctionExpression params=[(Parameter name=x)] body=(FunctionExpression "
          "params=[(Parameter name=y)] body=x))");
  ck_expr("f((x) => x, 1);",
          "(CallExpression callee=f arguments=[(FunctionExpression "
          "params=[(Parameter name=x)] body=x) 1])");
  ck_expr("((x) => x)(1);",
          "(CallExpression callee=(FunctionExpression params=[(Parameter name=x)] "
          "body=x) arguments=[1])");
}
END_TEST

START_TEST(arrow_block_body_with_trailing_expression) {
  ck_expr("() => { let a = 1; a + 1 };",
          "(FunctionExpression params=[] body=(BlockStatement body=[(VariableDeclaration "
          "kind=let pattern=a init=1) (ExpressionStatement expression=(+ a 1))]))");
}
END_TEST

START_TEST(tuple_return_type_vs_function_return_type) {
  ck_expr("(): (A, B) => x;",
          "(FunctionExpression params=[] returnType=(TupleTypeAnnotation "
          "elementTypes=[A B]) body=x)");
  ck_expr("(): (a: A) => B => x;",
          "(FunctionExpression params=[] returnType=(FunctionTypeAnnotation "
          "paramNames=[a] params=[A] returnType=B) body=x)");
  ck_expr("(): () => B => x;",
          "(FunctionExpression params=[] returnType=(FunctionTypeAnnotation "
          "paramNames=[] params=[] returnType=B) body=x)");
  ck_expr("(x: i32): (y: i32) => i32 => (y: i32) => x + y;",
          "(FunctionExpression params=[(Parameter name=x typeAnnotation=i32)] "
          "returnType=(FunctionTypeAnnotation paramNames=[y] params=[i32] "
          "returnType=i32) body=(FunctionExpression params=[(Parameter name=y "
          "typeAnnotation=i32)] body=(+ x y)))");
}
END_TEST

START_TEST(generic_arrows) {
  ck_expr("<T>(x: T) => x;",
          "(FunctionExpression typeParameters=[(TypeParameter name=T)] "
          "params=[(Parameter name=x typeAnnotation=T)] body=x)");
  ck_expr("<T extends U = V, W>(): T => x;",
          "(FunctionExpression typeParameters=[(TypeParameter name=T constraint=U "
          "default=V) (TypeParameter name=W)] params=[] returnType=T body=x)");
}
END_TEST

START_TEST(async_arrows_and_async_let) {
  ck_expr("async (x) => await x;",
          "(FunctionExpression params=[(Parameter name=x)] "
          "body=(AwaitExpression argument=x) isAsync=true)");
  ck_expr("async (): Promise<i32> => { 1 };",
          "(FunctionExpression params=[] returnType=Promise<i32> "
          "body=(BlockStatement body=[(ExpressionStatement expression=1)]) isAsync=true)");
  ck_body("async let y = f();",
          "(VariableDeclaration kind=let pattern=y init=(CallExpression callee=f "
          "arguments=[]) isAsync=true)");
  /* `async` is still a binding name */
  ck_body("let async = 1;", "(VariableDeclaration kind=let pattern=async init=1)");
}
END_TEST

START_TEST(destructured_parameters) {
  ck_expr("({x, y}: P) => x;",
          "(FunctionExpression params=[(Parameter name=$$destruct_0 "
          "pattern=(RecordPattern properties=[(BindingProperty name=x value=x) "
          "(BindingProperty name=y value=y)]) typeAnnotation=P)] body=x)");
  ck_expr("((a, b): (i32, i32), {c}: Q) => a;",
          "(FunctionExpression params=[(Parameter name=$$destruct_0 "
          "pattern=(TuplePattern elements=[a b]) typeAnnotation=(TupleTypeAnnotation "
          "elementTypes=[i32 i32])) (Parameter name=$$destruct_1 "
          "pattern=(RecordPattern properties=[(BindingProperty name=c value=c)]) "
          "typeAnnotation=Q)] body=a)");
  ck_expr("({x: i32, y as w: i32}) => x;",
          "(FunctionExpression params=[(Parameter name=$$destruct_0 "
          "pattern=(RecordPattern properties=[(BindingProperty name=x value=x) "
          "(BindingProperty name=y value=w)]) typeAnnotation=(RecordTypeAnnotation "
          "properties=[(PropertySignature name=x typeAnnotation=i32) "
          "(PropertySignature name=y typeAnnotation=i32)]))] body=x)");
}
END_TEST

/* ================================================================== */
/* statements                                                           */
/* ================================================================== */

START_TEST(const_is_let_with_warning) {
  Node *m = parse("const z = 1;");
  ck_assert_ptr_nonnull(m);
  ck_assert_int_eq(diag.errors, 0);
  ck_assert_int_eq(diag.warnings, 1);
  ck_assert_str_eq(messages,
                   "<input>:1:1: warning: 'const' is not a keyword in Zena. "
                   "Use 'let' for an immutable binding\n"
                   "  const z = 1;\n"
                   "  ^\n");
  ck_assert_str_eq(render_text(get(json(m), "body")),
                   "[(VariableDeclaration kind=let pattern=z init=1)]");
}
END_TEST

START_TEST(variable_declarations) {
  ck_body("let x: i32 = 1; var y = 2;",
          "(VariableDeclaration kind=let pattern=x typeAnnotation=i32 init=1) ; "
          "(VariableDeclaration kind=var pattern=y init=2)");
  ck_body("let {x, y: b, z as c = 1} = p;",
          "(VariableDeclaration kind=let pattern=(RecordPattern properties=["
          "(BindingProperty name=x value=x) (BindingProperty name=y value=b) "
          "(BindingProperty name=z value=(AssignmentPattern left=c right=1))]) init=p)");
  ck_body("let (a, (b, c)) = t;",
          "(VariableDeclaration kind=let pattern=(TuplePattern elements=[a "
          "(TuplePattern elements=[b c])]) init=t)");
  ck_body("let Point {x} = p;",
          "(VariableDeclaration kind=let pattern=(ClassPattern name=Point "
          "properties=[(BindingProperty name=x value=x)]) init=p)");
}
END_TEST

START_TEST(block_vs_record_at_statement_start) {
  ck_body("{ let a = 1; }",
          "(BlockStatement body=[(VariableDeclaration kind=let pattern=a init=1)])");
  ck_body("{ a }", "(BlockStatement body=[(ExpressionStatement expression=a)])");
  ck_body("{ }", "(BlockStatement body=[])");
  ck_body("({ a: 1 });",
          "(ExpressionStatement expression=(RecordLiteral properties=["
          "(PropertyAssignment name=a value=1)]))");
  ck_body("let r = { a: 1, b, ...c };",
          "(VariableDeclaration kind=let pattern=r init=(RecordLiteral properties=["
          "(PropertyAssignment name=a value=1) (PropertyAssignment name=b value=b) "
          "(SpreadElement argument=c)]))");
  ck_body("let e = {};",
          "(VariableDeclaration kind=let pattern=e init=(RecordLiteral properties=[]))");
  ck_body("let m = { \"k\" => 1, k2 => 2 };",
          "(VariableDeclaration kind=let pattern=m init=(MapLiteral entries=["
          "(MapEntry key=\"k\" value=1) (MapEntry key=k2 value=2)]))");
  ck_body("let a = [1, 2, 3,]; let b = [];",
          "(VariableDeclaration kind=let pattern=a init=(ArrayLiteral elements=[1 2 3])) ; "
          "(VariableDeclaration kind=let pattern=b init=(ArrayLiteral elements=[]))");
}
END_TEST

START_TEST(record_at_statement_start_is_a_block) {
  /* `{ a: 1 }` there is a block, so the ':' is unexpected */
  ck_errors("{ a: 1 };", 2,
            "<input>:1:4: error: Expected ';' but found ':'\n"
            "  { a: 1 };\n"
            "     ^\n"
            "<input>:1:10: error: Unexpected end of file\n"
            "  { a: 1 };\n"
            "           ^\n");
}
END_TEST

START_TEST(if_statement_vs_if_expression) {
  ck_body("if (a) b; else c;",
          "(IfStatement test=a consequent=(ExpressionStatement expression=b) "
          "alternate=(ExpressionStatement expression=c))");
  ck_body("let v = if (a) 1 else 2;",
          "(VariableDeclaration kind=let pattern=v init=(IfExpression test=a "
          "consequent=1 alternate=2))");
  ck_body("let v = if (a) 1 else 2 + 3;",
          "(VariableDeclaration kind=let pattern=v init=(IfExpression test=a "
          "consequent=1 alternate=(+ 2 3)))");
  ck_body("if (a) { b } else if (c) { d }",
          "(IfStatement test=a consequent=(BlockStatement body=[(ExpressionStatement "
          "expression=b)]) alternate=(IfStatement test=c consequent=(BlockStatement "
          "body=[(ExpressionStatement expression=d)])))");
}
END_TEST

START_TEST(dangling_else_binds_to_inner_if) {
  ck_body("if (a) if (b) c; else d;",
          "(IfStatement test=a consequent=(IfStatement test=b "
          "consequent=(ExpressionStatement expression=c) "
          "alternate=(ExpressionStatement expression=d)))");
}
END_TEST

/* Inside a match case body (a value block) a leading `if` is an if
 * expression statement, as in the upstream snapshots; inside a function
 * body it is an if statement. */
START_TEST(if_in_value_blocks) {
  ck_body("let y = match (x) { case 1: { if (a) { b; } c } case _: 0 };",
          "(VariableDeclaration kind=let pattern=y init=(MatchExpression "
          "discriminant=x cases=[(MatchCase pattern=1 body=(BlockStatement body=["
          "(ExpressionStatement expression=(IfExpression test=a "
          "consequent=(BlockStatement body=[(ExpressionStatement expression=b)]))) "
          "(ExpressionStatement expression=c)])) (MatchCase pattern=_ body=0)]))");
  ck_body("let v = if (a) { if (b) { c; } d } else { e };",
          "(VariableDeclaration kind=let pattern=v init=(IfExpression test=a "
          "consequent=(BlockStatement body=[(ExpressionStatement "
          "expression=(IfExpression test=b consequent=(BlockStatement body=["
          "(ExpressionStatement expression=c)]))) (ExpressionStatement expression=d)]) "
          "alternate=(BlockStatement body=[(ExpressionStatement expression=e)])))");
  ck_body("let f = () => { if (a) { b; } };",
          "(VariableDeclaration kind=let pattern=f init=(FunctionExpression params=[] "
          "body=(BlockStatement body=[(IfStatement test=a consequent=(BlockStatement "
          "body=[(ExpressionStatement expression=b)]))])))");
}
END_TEST

START_TEST(optional_semicolon_after_block_ended_statements) {
  ck_body("match (x) { case 1: a case _: b }\nlet y = 1;",
          "(ExpressionStatement expression=(MatchExpression discriminant=x cases=["
          "(MatchCase pattern=1 body=a) (MatchCase pattern=_ body=b)])) ; "
          "(VariableDeclaration kind=let pattern=y init=1)");
  ck_body("try { a } catch (e) { b }\nf();",
          "(ExpressionStatement expression=(TryExpression body=(BlockStatement body=["
          "(ExpressionStatement expression=a)]) handler=(CatchClause param=e "
          "body=(BlockStatement body=[(ExpressionStatement expression=b)])))) ; "
          "(ExpressionStatement expression=(CallExpression callee=f arguments=[]))");
  ck_body("match (x) { case _: 1 };\ng();",
          "(ExpressionStatement expression=(MatchExpression discriminant=x cases=["
          "(MatchCase pattern=_ body=1)])) ; "
          "(ExpressionStatement expression=(CallExpression callee=g arguments=[]))");
  /* the expression visibly goes on: no semicolon is inserted */
  ck_body("match (x) { case _: y }\n.z();",
          "(ExpressionStatement expression=(CallExpression callee=(MemberExpression "
          "object=(MatchExpression discriminant=x cases=[(MatchCase pattern=_ "
          "body=y)]) property=z) arguments=[]))");
}
END_TEST

START_TEST(semicolon_required_after_match_in_declaration) {
  ck_errors("let y = match (x) { case _: 1 }\nlet z = 2;", 1,
            "<input>:2:1: error: Expected ';' but found 'let'\n"
            "  let z = 2;\n"
            "  ^\n");
}
END_TEST

START_TEST(try_catch_finally) {
  ck_body("let r = try { f() } catch { 0 } finally { g(); };",
          "(VariableDeclaration kind=let pattern=r init=(TryExpression "
          "body=(BlockStatement body=[(ExpressionStatement expression=(CallExpression "
          "callee=f arguments=[]))]) handler=(CatchClause body=(BlockStatement body=["
          "(ExpressionStatement expression=0)])) finalizer=(BlockStatement body=["
          "(ExpressionStatement expression=(CallExpression callee=g arguments=[]))])))");
}
END_TEST

START_TEST(loops_and_jumps) {
  ck_body("for (let i = 0; i < n; i += 1) { continue; }",
          "(ForStatement init=(VariableDeclaration kind=let pattern=i init=0) "
          "test=(< i n) update=(AssignmentExpression left=i operator=+ value=1) "
          "body=(BlockStatement body=[(ContinueStatement)]))");
  ck_body("for (;;) break;",
          "(ForStatement body=(BreakStatement))");
  ck_body("for (i = 0; ; ) {}",
          "(ForStatement init=(AssignmentExpression left=i value=0) "
          "body=(BlockStatement body=[]))");
  ck_body("for (let x in xs) f(x);",
          "(ForInStatement pattern=x iterable=xs body=(ExpressionStatement "
          "expression=(CallExpression callee=f arguments=[x])))");
  ck_body("for (let (k, v) in pairs) {}",
          "(ForInStatement pattern=(TuplePattern elements=[k v]) iterable=pairs "
          "body=(BlockStatement body=[]))");
  ck_body("while (true) { return; }",
          "(WhileStatement test=true body=(BlockStatement body=[(ReturnStatement)]))");
  ck_body("let f = () => { return x + 1; };",
          "(VariableDeclaration kind=let pattern=f init=(FunctionExpression params=[] "
          "body=(BlockStatement body=[(ReturnStatement argument=(+ x 1))])))");
}
END_TEST

START_TEST(let_pattern_conditions) {
  ck_body("if (let Some { v } = opt) { v; }",
          "(IfStatement test=(LetPatternCondition pattern=(ClassPattern name=Some "
          "properties=[(BindingProperty name=v value=v)]) init=opt) "
          "consequent=(BlockStatement body=[(ExpressionStatement expression=v)]))");
  ck_body("while (let (a, b) = next()) {}",
          "(WhileStatement test=(LetPatternCondition pattern=(TuplePattern "
          "elements=[a b]) init=(CallExpression callee=next arguments=[])) "
          "body=(BlockStatement body=[]))");
  ck_body("let v = if (let x = y) x else 0;",
          "(VariableDeclaration kind=let pattern=v init=(IfExpression "
          "test=(LetPatternCondition pattern=x init=y) consequent=x alternate=0))");
}
END_TEST

START_TEST(contextual_keywords_as_names) {
  ck_body("let from = 1; let match = 2;",
          "(VariableDeclaration kind=let pattern=from init=1) ; "
          "(VariableDeclaration kind=let pattern=match init=2)");
  static const char *const words[] = {
      "from", "type", "as", "is", "on", "abstract", "declare", "mixin",
      "operator", "static", "extension", "distinct", "final", "extends",
      "implements", "with", "case", "match", "throw", "sealed", "symbol",
      "get", "set", "async"};
  for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
    ck_body(arena_printf(arena, "let %s = 1;", words[i]),
            arena_printf(arena, "(VariableDeclaration kind=let pattern=%s init=1)",
                         words[i]));
  ck_expr("from + type * as;", "(+ from (* type as))");
  ck_expr("get(set);", "(CallExpression callee=get arguments=[set])");
  ck_expr("a.match + a.case;",
          "(+ (MemberExpression object=a property=match) "
          "(MemberExpression object=a property=case))");
}
END_TEST

START_TEST(templates) {
  ck_expr("`plain`;",
          "(TemplateLiteral quasis=[(TemplateElement value={cooked=plain raw=plain} "
          "tail=true)] expressions=[])");
  ck_expr("`a${b}c${d + 1}`;",
          "(TemplateLiteral quasis=[(TemplateElement value={cooked=a raw=a}) "
          "(TemplateElement value={cooked=c raw=c}) (TemplateElement "
          "value={cooked=\"\" raw=\"\"} tail=true)] expressions=[b (+ d 1)])");
  ck_expr("`\\t${x}`;",
          "(TemplateLiteral quasis=[(TemplateElement value={cooked=\t raw=\\t}) "
          "(TemplateElement value={cooked=\"\" raw=\"\"} tail=true)] expressions=[x])");
}
END_TEST

START_TEST(nested_templates) {
  ck_expr("`a${`b${c}d`}e`;",
          "(TemplateLiteral quasis=[(TemplateElement value={cooked=a raw=a}) "
          "(TemplateElement value={cooked=e raw=e} tail=true)] "
          "expressions=[(TemplateLiteral quasis=[(TemplateElement value={cooked=b "
          "raw=b}) (TemplateElement value={cooked=d raw=d} tail=true)] "
          "expressions=[c])])");
  ck_expr("`${ {a: 1}.a }`;",
          "(TemplateLiteral quasis=[(TemplateElement value={cooked=\"\" raw=\"\"}) "
          "(TemplateElement value={cooked=\"\" raw=\"\"} tail=true)] "
          "expressions=[(MemberExpression object=(RecordLiteral properties=["
          "(PropertyAssignment name=a value=1)]) property=a)])");
}
END_TEST

START_TEST(tagged_templates) {
  ck_expr("tag`x${1}y`;",
          "(TaggedTemplateExpression tag=tag quasi=(TemplateLiteral quasis=["
          "(TemplateElement value={cooked=x raw=x}) (TemplateElement value={cooked=y "
          "raw=y} tail=true)] expressions=[1]))");
  ck_expr("a.b`q`;",
          "(TaggedTemplateExpression tag=(MemberExpression object=a property=b) "
          "quasi=(TemplateLiteral quasis=[(TemplateElement value={cooked=q raw=q} "
          "tail=true)] expressions=[]))");
}
END_TEST

START_TEST(literals) {
  ck_expr("[1, 0x1F, 1.5, \"s\", 'q', true, false, null];",
          "(ArrayLiteral elements=[1 0x1F 1.5 \"s\" \"q\" true false null])");
  ck_expr("\"a\\n\";", "\"a\n\"");
}
END_TEST

/* ================================================================== */
/* match                                                                */
/* ================================================================== */

/* The pattern of each case of `match (x) { <cases> }`, separated by " | ". */
static const char *patterns(const char *cases) {
  body(arena_printf(arena, "match (x) { %s }", cases));
  JVal *stmt = get(json(module), "body")->vals[0];
  JVal *list = get(get(stmt, "expression"), "cases");
  StrBuf sb;
  strbuf_init(&sb, arena);
  for (int i = 0; i < list->len; i++) {
    put(&sb, i ? " | " : "");
    render(&sb, get(list->vals[i], "pattern"));
  }
  return sb.data;
}

START_TEST(match_literal_and_name_patterns) {
  ck_assert_str_eq(patterns("case 1: a case -1: b case \"s\": c case true: d "
                            "case null: e case y: f case _: g case A.B: h"),
                   "1 | (- 1) | \"s\" | true | null | y | _ | "
                   "(MemberExpression object=A property=B)");
}
END_TEST

START_TEST(match_destructuring_patterns) {
  ck_assert_str_eq(
      patterns("case Point { x: 0, y }: a case Unit {}: b case { a: 1, b as c }: c "
               "case (1, z): d case Point { x: 0, y: (1, w) }: e"),
      "(ClassPattern name=Point properties=[(BindingProperty name=x value=0) "
      "(BindingProperty name=y value=y)]) | (ClassPattern name=Unit properties=[]) | "
      "(RecordPattern properties=[(BindingProperty name=a value=1) "
      "(BindingProperty name=b value=c)]) | (TuplePattern elements=[1 z]) | "
      "(ClassPattern name=Point properties=[(BindingProperty name=x value=0) "
      "(BindingProperty name=y value=(TuplePattern elements=[1 w]))])");
}
END_TEST

START_TEST(match_logical_and_as_patterns) {
  ck_assert_str_eq(patterns("case 1 | 2: a"),
                   "(LogicalPattern operator=|| left=1 right=2)");
  ck_assert_str_eq(patterns("case 1 | 2 | 3: a"),
                   "(LogicalPattern operator=|| left=(LogicalPattern operator=|| "
                   "left=1 right=2) right=3)");
  ck_assert_str_eq(patterns("case 1 | 2 & 3: a"),
                   "(LogicalPattern operator=|| left=1 right=(LogicalPattern "
                   "operator=&& left=2 right=3))");
  ck_assert_str_eq(patterns("case Point { x } & { y }: a"),
                   "(LogicalPattern operator=&& left=(ClassPattern name=Point "
                   "properties=[(BindingProperty name=x value=x)]) "
                   "right=(RecordPattern properties=[(BindingProperty name=y value=y)]))");
  ck_assert_str_eq(patterns("case p as q: a"), "(AsPattern pattern=p name=q)");
}
END_TEST

START_TEST(match_guards_and_bodies) {
  ck_body("let r = match (x) { case i if i > 10: i, case _: { let t = 1; t } };",
          "(VariableDeclaration kind=let pattern=r init=(MatchExpression discriminant=x "
          "cases=[(MatchCase pattern=i guard=(> i 10) body=i) (MatchCase pattern=_ "
          "body=(BlockStatement body=[(VariableDeclaration kind=let pattern=t init=1) "
          "(ExpressionStatement expression=t)]))]))");
}
END_TEST

/* ================================================================== */
/* classes                                                              */
/* ================================================================== */

/* The members of the single class (or interface, mixin) in text. */
static const char *members(const char *text) {
  body(text);
  JVal *decl = get(json(module), "body")->vals[0];
  StrBuf sb;
  strbuf_init(&sb, arena);
  JVal *list = get(decl, "body");
  for (int i = 0; i < list->len; i++) {
    put(&sb, i ? " ; " : "");
    render(&sb, list->vals[i]);
  }
  return sb.data;
}

START_TEST(class_header) {
  ck_body("class Point<T> extends Base<T> with M1, M2 implements I, J {}",
          "(ClassDeclaration name=Point typeParameters=[(TypeParameter name=T)] "
          "superClass=Base<T> mixins=[M1 M2] implements=[I J] body=[])");
  ck_body("final class Q {} abstract class R {} extension class S on Array<i32> {}",
          "(ClassDeclaration name=Q body=[] isFinal=true) ; "
          "(ClassDeclaration name=R body=[] isAbstract=true) ; "
          "(ClassDeclaration name=S onType=Array<i32> body=[] isExtension=true)");
}
END_TEST

START_TEST(class_fields) {
  ck_assert_str_eq(
      members("class A { x: i32; var y: i32 = 0; let z?: T; static n: i32 = 1; w = 2; }"),
      "(FieldDefinition name=x typeAnnotation=i32 decorators=[]) ; "
      "(FieldDefinition name=y typeAnnotation=i32 value=0 mutability=var decorators=[]) ; "
      "(FieldDefinition name=z typeAnnotation=T mutability=let isOptional=true "
      "decorators=[]) ; "
      "(FieldDefinition name=n typeAnnotation=i32 value=1 isStatic=true decorators=[]) ; "
      "(FieldDefinition name=w value=2 decorators=[])");
}
END_TEST

START_TEST(class_accessors) {
  ck_assert_str_eq(
      members("class A { size: i32 { get { return 1; } set(v) { n = v; } } "
              "static k: i32 { get; } }"),
      "(AccessorDeclaration name=size typeAnnotation=i32 getter=(BlockStatement "
      "body=[(ReturnStatement argument=1)]) setter={param=v body=(BlockStatement "
      "body=[(ExpressionStatement expression=(AssignmentExpression left=n "
      "value=v))])} decorators=[]) ; "
      "(AccessorDeclaration name=k typeAnnotation=i32 isStatic=true decorators=[])");
}
END_TEST

START_TEST(class_methods) {
  ck_assert_str_eq(
      members("class A { getX(): i32 { return x; } id<U>(u: U): U { return u; } "
              "static make(): A { return new A(); } abstract area(): f64; "
              "declare ext(): void; async run() {} :Sym.iterator(): void {} }"),
      "(MethodDefinition name=getX params=[] returnType=i32 body=(BlockStatement "
      "body=[(ReturnStatement argument=x)]) decorators=[]) ; "
      "(MethodDefinition name=id typeParameters=[(TypeParameter name=U)] "
      "params=[(Parameter name=u typeAnnotation=U)] returnType=U "
      "body=(BlockStatement body=[(ReturnStatement argument=u)]) decorators=[]) ; "
      "(MethodDefinition name=make params=[] returnType=A body=(BlockStatement "
      "body=[(ReturnStatement argument=(NewExpression callee=A arguments=[]))]) "
      "isStatic=true decorators=[]) ; "
      "(MethodDefinition name=area params=[] returnType=f64 isAbstract=true "
      "decorators=[]) ; "
      "(MethodDefinition name=ext params=[] returnType=void isDeclare=true "
      "decorators=[]) ; "
      "(MethodDefinition name=run params=[] body=(BlockStatement body=[]) "
      "isAsync=true decorators=[]) ; "
      "(MethodDefinition name=(SymbolPropertyName symbol=(MemberExpression "
      "object=Sym property=iterator)) params=[] returnType=void "
      "body=(BlockStatement body=[]) decorators=[])");
}
END_TEST

START_TEST(class_constructors) {
  ck_assert_str_eq(
      members("class A { new(x: i32, this.y: i32) : z = null, super(x) { } }"),
      "(MethodDefinition name=<constructor> params=[(Parameter name=x "
      "typeAnnotation=i32) (Parameter name=y typeAnnotation=i32 isThisParam=true)] "
      "initializerList=[(FieldInitializer field=y value=y) (FieldInitializer "
      "field=z value=null)] superInitializer=(SuperInitializer arguments=[x]) "
      "body=(BlockStatement body=[]) decorators=[])");
  ck_assert_str_eq(members("class E { new(); }"),
                   "(MethodDefinition name=<constructor> params=[] decorators=[])");
  ck_assert_str_eq(members("class P { new(this.x, this.y); }"),
                   "(MethodDefinition name=<constructor> params=[(Parameter name=x "
                   "isThisParam=true) (Parameter name=y isThisParam=true)] "
                   "initializerList=[(FieldInitializer field=x value=x) "
                   "(FieldInitializer field=y value=y)] body=(BlockStatement body=[]) "
                   "decorators=[])");
  ck_assert_str_eq(members("class P { new(x: i32) : x = x; }"),
                   "(MethodDefinition name=<constructor> params=[(Parameter name=x "
                   "typeAnnotation=i32)] initializerList=[(FieldInitializer field=x "
                   "value=x)] decorators=[])");
}
END_TEST

START_TEST(class_operators) {
  ck_assert_str_eq(
      members("class A { operator ==(o: A): boolean { return true; } "
              "operator [](i: i32): i32 { return i; } "
              "operator []=(i: i32, v: i32) { } "
              "operator <(o: A): boolean; }"),
      "(MethodDefinition name=== params=[(Parameter name=o typeAnnotation=A)] "
      "returnType=boolean body=(BlockStatement body=[(ReturnStatement "
      "argument=true)]) decorators=[]) ; "
      "(MethodDefinition name=[] params=[(Parameter name=i typeAnnotation=i32)] "
      "returnType=i32 body=(BlockStatement body=[(ReturnStatement argument=i)]) "
      "decorators=[]) ; "
      "(MethodDefinition name=[]= params=[(Parameter name=i typeAnnotation=i32) "
      "(Parameter name=v typeAnnotation=i32)] body=(BlockStatement body=[]) "
      "decorators=[]) ; "
      "(MethodDefinition name=< params=[(Parameter name=o typeAnnotation=A)] "
      "returnType=boolean decorators=[])");
}
END_TEST

START_TEST(class_member_decorators_and_static_symbol) {
  ck_assert_str_eq(
      members("class A { @dep x: i32; @intrinsic(\"eq\") m() {} static symbol s; }"),
      "(FieldDefinition name=x typeAnnotation=i32 decorators=[(Decorator name=dep "
      "args=[])]) ; "
      "(MethodDefinition name=m params=[] body=(BlockStatement body=[]) "
      "decorators=[(Decorator name=intrinsic args=[\"eq\"])]) ; "
      "(FieldDefinition name=s typeAnnotation=symbol isFinal=true isStatic=true "
      "decorators=[])");
}
END_TEST

START_TEST(case_classes) {
  ck_body("class P(x: i32, var y?: i32 = 0, let z: i32,)",
          "(ClassDeclaration name=P caseParams=[(CaseClassParam name=x "
          "typeAnnotation=i32) (CaseClassParam name=y typeAnnotation=i32 "
          "mutability=var optional=true initializer=0) (CaseClassParam name=z "
          "typeAnnotation=i32 mutability=let)] body=[])");
  ck_body("class Box<T>(value: T) { get(): T { return value; } }",
          "(ClassDeclaration name=Box typeParameters=[(TypeParameter name=T)] "
          "caseParams=[(CaseClassParam name=value typeAnnotation=T)] "
          "body=[(MethodDefinition name=get params=[] returnType=T "
          "body=(BlockStatement body=[(ReturnStatement argument=value)]) decorators=[])])");
}
END_TEST

START_TEST(sealed_classes) {
  ck_body("sealed class Shape { case Circle(r: f64), Square(var side: f64) case Dot }",
          "(ClassDeclaration name=Shape sealedVariants=[(SealedVariant name=Circle "
          "params=[(CaseClassParam name=r typeAnnotation=f64)]) (SealedVariant "
          "name=Square params=[(CaseClassParam name=side typeAnnotation=f64 "
          "mutability=var)]) (SealedVariant name=Dot)] body=[] isSealed=true)");
}
END_TEST

START_TEST(interfaces) {
  ck_body("interface I<T> extends J, K<T> { x: i32; y?: T; let z: i32; "
          "size: i32 { get; set; } m<U>(a: U): void; }",
          "(InterfaceDeclaration name=I typeParameters=[(TypeParameter name=T)] "
          "extends=[J K<T>] body=[(FieldDefinition name=x typeAnnotation=i32 "
          "decorators=[]) (FieldDefinition name=y typeAnnotation=T isOptional=true "
          "decorators=[]) (FieldDefinition name=z typeAnnotation=i32 mutability=let "
          "decorators=[]) (AccessorSignature name=size typeAnnotation=i32 "
          "hasGetter=true hasSetter=true) (MethodSignature name=m "
          "typeParameters=[(TypeParameter name=U)] params=[(Parameter name=a "
          "typeAnnotation=U)] returnType=void)])");
}
END_TEST

START_TEST(mixins) {
  ck_body("mixin M<T> on Base with N { x: i32 = 0; }",
          "(MixinDeclaration name=M typeParameters=[(TypeParameter name=T)] on=Base "
          "mixins=[N] body=[(FieldDefinition name=x typeAnnotation=i32 value=0 "
          "decorators=[])])");
}
END_TEST

START_TEST(enums) {
  ck_body("enum Color { Red, Green = 2, Blue, } enum E {}",
          "(EnumDeclaration name=Color members=[(EnumMember name=Red) (EnumMember "
          "name=Green initializer=2) (EnumMember name=Blue)]) ; "
          "(EnumDeclaration name=E members=[])");
}
END_TEST

START_TEST(type_aliases) {
  ck_body("type Id = i32 | null;",
          "(TypeAliasDeclaration name=Id typeAnnotation=(UnionTypeAnnotation "
          "types=[i32 null]))");
  ck_body("type Pair<A, B = A> = (A, B,);",
          "(TypeAliasDeclaration name=Pair typeParameters=[(TypeParameter name=A) "
          "(TypeParameter name=B default=A)] typeAnnotation=(TupleTypeAnnotation "
          "elementTypes=[A B]))");
  ck_body("type G = (A); type One = (A,);",
          "(TypeAliasDeclaration name=G typeAnnotation=A) ; "
          "(TypeAliasDeclaration name=One typeAnnotation=(TupleTypeAnnotation "
          "elementTypes=[A]))");
  ck_body("type Fn = (a: i32, b: T) => B | C;",
          "(TypeAliasDeclaration name=Fn typeAnnotation=(FunctionTypeAnnotation "
          "paramNames=[a b] params=[i32 T] returnType=(UnionTypeAnnotation "
          "types=[B C])))");
  ck_body("type R = { x: i32, y?: string };",
          "(TypeAliasDeclaration name=R typeAnnotation=(RecordTypeAnnotation "
          "properties=[(PropertySignature name=x typeAnnotation=i32) "
          "(PropertySignature name=y typeAnnotation=string optional=true)]))");
  ck_body("type L = \"a\" | 1 | true; type S = this; type I = inline (i32, i32);",
          "(TypeAliasDeclaration name=L typeAnnotation=(UnionTypeAnnotation "
          "types=[(LiteralTypeAnnotation value=a) (LiteralTypeAnnotation value=1) "
          "(LiteralTypeAnnotation value=true)])) ; "
          "(TypeAliasDeclaration name=S typeAnnotation=(ThisTypeAnnotation)) ; "
          "(TypeAliasDeclaration name=I typeAnnotation=(InlineTupleTypeAnnotation "
          "elementTypes=[i32 i32]))");
  ck_body("distinct type Meters = f64;",
          "(TypeAliasDeclaration name=Meters typeAnnotation=f64 isDistinct=true)");
}
END_TEST

START_TEST(declare_functions) {
  ck_body("@external(\"env\", \"log\") declare function log(x: i32): void;",
          "(DeclareFunction name=log params=[(Parameter name=x typeAnnotation=i32)] "
          "returnType=void decorators=[(Decorator name=external args=[\"env\" "
          "\"log\"])] externalModule=env externalName=log)");
  ck_body("export declare function f<T>(x: T): T; declare async function g(): i32;",
          "(DeclareFunction name=f typeParameters=[(TypeParameter name=T)] "
          "params=[(Parameter name=x typeAnnotation=T)] returnType=T exported=true) ; "
          "(DeclareFunction name=g params=[] returnType=i32 isAsync=true)");
  ck_body("@external(\"m\", \"f\",) export declare function h(): void;",
          "(DeclareFunction name=h params=[] returnType=void exported=true "
          "decorators=[(Decorator name=external args=[\"m\" \"f\"])] "
          "externalModule=m externalName=f)");
}
END_TEST

START_TEST(imports_and_exports) {
  ck_body("import { a, b as c, } from \"mod\"; from \"m\" import { x };",
          "(ImportDeclaration moduleSpecifier=\"mod\" imports=[(ImportSpecifier "
          "imported=a local=a) (ImportSpecifier imported=b local=c)]) ; "
          "(ImportDeclaration moduleSpecifier=\"m\" imports=[(ImportSpecifier "
          "imported=x local=x)])");
  ck_body("export * from \"all\"; export { p, q as r } from \"pq\";",
          "(ExportAllDeclaration moduleSpecifier=\"all\") ; "
          "(ExportFromDeclaration specifiers=[(ImportSpecifier imported=p local=p) "
          "(ImportSpecifier imported=q local=r)] moduleSpecifier=\"pq\")");
  ck_body("export let v = 1; export class X {} export type T = i32; "
          "export enum E { A } export interface I {} export mixin M {}",
          "(VariableDeclaration kind=let pattern=v init=1 exported=true) ; "
          "(ClassDeclaration name=X body=[] exported=true) ; "
          "(TypeAliasDeclaration name=T typeAnnotation=i32 exported=true) ; "
          "(EnumDeclaration name=E members=[(EnumMember name=A)] exported=true) ; "
          "(InterfaceDeclaration name=I body=[] exported=true) ; "
          "(MixinDeclaration name=M body=[] exported=true)");
}
END_TEST

START_TEST(symbol_declarations) {
  ck_body("symbol S; export symbol T;",
          "(SymbolDeclaration name=S) ; (SymbolDeclaration name=T exported=true)");
}
END_TEST

/* ================================================================== */
/* syntax errors                                                        */
/* ================================================================== */

START_TEST(error_unclosed_brace) {
  ck_errors("if (true) { let x = 1;", 1,
            "<input>:1:23: error: Expected '}' to close '{' at 1:11, found end of file\n"
            "  if (true) { let x = 1;\n"
            "                        ^\n");
}
END_TEST

START_TEST(error_unclosed_bracket) {
  ck_errors("let x = [1, 2;", 1,
            "<input>:1:14: error: Expected ']' to close '[' at 1:9, found ';'\n"
            "  let x = [1, 2;\n"
            "               ^\n");
}
END_TEST

START_TEST(error_unclosed_paren) {
  ck_errors("f(1, 2", 1,
            "<input>:1:7: error: Expected ')' to close '(' at 1:2, found end of file\n"
            "  f(1, 2\n"
            "        ^\n");
  ck_errors("fn(a b);", 1,
            "<input>:1:6: error: Expected ')' to close '(' at 1:3, found identifier 'b'\n"
            "  fn(a b);\n"
            "       ^\n");
}
END_TEST

START_TEST(error_missing_semicolon) {
  ck_errors("let x = 1\nlet y = 2;", 1,
            "<input>:2:1: error: Expected ';' but found 'let'\n"
            "  let y = 2;\n"
            "  ^\n");
  ck_errors("let e = 2 3;", 1,
            "<input>:1:11: error: Expected ';' but found number 3\n"
            "  let e = 2 3;\n"
            "            ^\n");
}
END_TEST

START_TEST(error_missing_expression) {
  ck_errors("let x = ;", 1,
            "<input>:1:9: error: Unexpected token ';'\n"
            "  let x = ;\n"
            "          ^\n");
  ck_errors("let x = 1 +\n", 1,
            "<input>:1:12: error: Unexpected end of file\n"
            "  let x = 1 +\n"
            "             ^\n");
}
END_TEST

START_TEST(error_reserved_word_as_name) {
  ck_errors("let class = 1;", 1,
            "<input>:1:5: error: Expected pattern (a name, '{' or '(') but found 'class'\n"
            "  let class = 1;\n"
            "      ^\n");
  ck_errors("class { }", 1,
            "<input>:1:7: error: Expected identifier but found '{'\n"
            "  class { }\n"
            "        ^\n");
}
END_TEST

START_TEST(error_stray_closer) {
  ck_errors("let x = 1; }", 1,
            "<input>:1:12: error: Unexpected token '}'\n"
            "  let x = 1; }\n"
            "             ^\n");
}
END_TEST

START_TEST(error_recovery_reports_every_statement) {
  ck_errors("let a = ;\nlet b = 1;\nlet c = [;\nlet d = );\nlet e = 2 3;", 4,
            "<input>:1:9: error: Unexpected token ';'\n"
            "  let a = ;\n"
            "          ^\n"
            "<input>:3:10: error: Expected ']' to close '[' at 3:9, found ';'\n"
            "  let c = [;\n"
            "           ^\n"
            "<input>:4:9: error: Unexpected token ')'\n"
            "  let d = );\n"
            "          ^\n"
            "<input>:5:11: error: Expected ';' but found number 3\n"
            "  let e = 2 3;\n"
            "            ^\n");
}
END_TEST

START_TEST(error_recovery_inside_bodies) {
  ck_errors("class A {\n  x: i32 = ;\n  m() { let y = ; }\n}\n"
            "let f = () => {\n  g(;\n};\nlet ok = 1;", 3,
            "<input>:2:12: error: Unexpected token ';'\n"
            "    x: i32 = ;\n"
            "             ^\n"
            "<input>:3:17: error: Unexpected token ';'\n"
            "    m() { let y = ; }\n"
            "                  ^\n"
            "<input>:6:5: error: Expected ')' to close '(' at 6:4, found ';'\n"
            "    g(;\n"
            "      ^\n");
}
END_TEST

START_TEST(error_semantic_checks_in_the_parser) {
  ck_errors("1 = 2;", 1,
            "<input>:1:1: error: Invalid assignment target\n"
            "  1 = 2;\n"
            "  ^\n");
  ck_errors("class A { new() : super(1), super(2) {} }", 1,
            "<input>:1:29: error: Duplicate super initializer\n"
            "  class A { new() : super(1), super(2) {} }\n"
            "                              ^\n");
  ck_errors("class A { async x: i32; }", 1,
            "<input>:1:11: error: 'async' is not allowed on a field\n"
            "  class A { async x: i32; }\n"
            "            ^\n");
  ck_errors("class A { var m() {} }", 1,
            "<input>:1:11: error: 'var' is not allowed on a method\n"
            "  class A { var m() {} }\n"
            "            ^\n");
  ck_errors("@external(\"env\") declare function f(): void;", 1,
            "<input>:1:1: error: @external expects two strings: module and name\n"
            "  @external(\"env\") declare function f(): void;\n"
            "  ^\n");
}
END_TEST

START_TEST(error_range_is_not_associative) {
  ck_errors("a..b..c;", 1,
            "<input>:1:5: error: Expected ';' but found '..'\n"
            "  a..b..c;\n"
            "      ^\n");
}
END_TEST

START_TEST(error_from_the_lexer_fails_the_parse) {
  ck_assert_ptr_null(parse("let x = \"abc\nlet y = 1;"));
  ck_assert_int_ge(diag.errors, 1);
  ck_assert_msg(strncmp(messages,
                        "<input>:1:13: error: Unexpected end of line in string literal\n",
                        62) == 0,
                "got:\n%s", messages);
}
END_TEST

START_TEST(error_count_beyond_max_errors) {
  StrBuf sb;
  strbuf_init(&sb, arena);
  for (int i = 0; i < 25; i++)
    put(&sb, "let x = ;\n");
  ck_assert_ptr_null(parse(sb.data));
  ck_assert_int_eq(diag.errors, 25);
  ck_assert_int_eq(diag.max_errors, 20);
  ck_assert_int_eq(count_lines(": error: "), 20);
  ck_assert_int_eq(count_lines("<input>:20:9: error: Unexpected token ';'"), 1);
  ck_assert_int_eq(count_lines("<input>:21:"), 0);
}
END_TEST

START_TEST(empty_and_comment_only_modules) {
  ck_body("", "");
  ck_body("  // nothing\n/* at */ all\n;", "(ExpressionStatement expression=all)");
}
END_TEST

/* ================================================================== */
/* diagnostics API                                                      */
/* ================================================================== */

START_TEST(diag_formats_line_and_caret) {
  source_from_string(&src, arena, "f.zena", "ab\n\tb = ;\n");
  diag_init(&diag, &src, messages_out);
  diag_error(&diag, (Loc){8, 9, 0}, "bad %s", "thing"); /* 2:6 */
  diag_warning(&diag, (Loc){1, 2, 0}, "hmm");              /* 1:2 */
  fflush(messages_out);
  ck_assert_int_eq(diag.errors, 1);
  ck_assert_int_eq(diag.warnings, 1);
  ck_assert_str_eq(messages,
                   "f.zena:2:6: error: bad thing\n"
                   "  \tb = ;\n"
                   "  \t    ^\n"
                   "f.zena:1:2: warning: hmm\n"
                   "  ab\n"
                   "   ^\n");
}
END_TEST

START_TEST(diag_at_end_of_input_has_no_source_line) {
  source_from_string(&src, arena, "f.zena", "a\n");
  diag_init(&diag, &src, messages_out);
  diag_error(&diag, (Loc){2, 2, 0}, "eof"); /* 2:1 */
  fflush(messages_out);
  ck_assert_str_eq(messages, "f.zena:2:1: error: eof\n");
}
END_TEST

START_TEST(source_from_string_copies_the_text) {
  char text[] = "x;";
  source_from_string(&src, arena, "p", text);
  text[0] = 'y';
  ck_assert_str_eq(src.text, "x;");
  ck_assert_uint_eq(src.len, 2);
  ck_assert_str_eq(src.path, "p");
}
END_TEST

/* ================================================================== */
/* token classification                                                 */
/* ================================================================== */

START_TEST(classify_arrow_parens) {
  ck_assert_str_eq(classified("(x) => x; (x); (a: T): R => a;"),
                   "A( x ) => x ; ( x ) ; A( a : T ) : R => a ;");
  ck_assert_str_eq(classified("f(x); async (x) => x;"),
                   "f ( x ) ; async A( x ) => x ;");
  /* after `): ` only a parameter-shaped list is a function type */
  ck_assert_str_eq(classified("(): (A, B) => x;"),
                   "A( ) : ( A , B ) => x ;");
  ck_assert_str_eq(classified("(): (a: A) => B => x;"),
                   "A( ) : A( a : A ) => B => x ;");
}
END_TEST

START_TEST(classify_type_argument_angles) {
  ck_assert_str_eq(classified("f<T>(x); a < b; (a < b) && (c > d);"),
                   "f T< T > ( x ) ; a < b ; ( a < b ) && ( c > d ) ;");
  ck_assert_str_eq(classified("new Map<K, V>();"), "new Map T< K , V > ( ) ;");
}
END_TEST

START_TEST(classify_blocks_and_if_statements) {
  ck_assert_str_eq(classified("{ a } let r = { a: 1 };"),
                   "B{ a } let r = { a : 1 } ;");
  ck_assert_str_eq(classified("if (a) { b } let v = if (a) { b } else { c };"),
                   "IF ( a ) B{ b } let v = if ( a ) B{ b } else B{ c } ;");
  ck_assert_str_eq(classified("class A { m() { } x: i32 { get; } }"),
                   "class A { m ( ) B{ } x : i32 { get ; } }");
}
END_TEST

START_TEST(classify_inserts_semicolons) {
  ck_assert_str_eq(classified("match (x) { case 1: a }\nf();"),
                   "match ( x ) B{ case 1 : a } <;> f ( ) ;");
  ck_assert_str_eq(classified("try { a } catch { b } g();"),
                   "try B{ a } catch B{ b } <;> g ( ) ;");
  ck_assert_str_eq(classified("match (x) { case 1: a };"),
                   "match ( x ) B{ case 1 : a } ;");
  ck_assert_str_eq(classified("match (x) { case 1: a }.y;"),
                   "match ( x ) B{ case 1 : a } . y ;");
}
END_TEST

START_TEST(classify_empty_input) {
  ck_assert_str_eq(classified(""), "");
}
END_TEST

/* ================================================================== */
/* the JSON dump and locations                                          */
/* ================================================================== */

START_TEST(json_dump_exact) {
  parse("x = -1;");
  ck_assert_ptr_nonnull(module);
  ck_assert_str_eq(dump(module->Module.body->items[0]),
                   "{\n"
                   "  \"type\": \"ExpressionStatement\",\n"
                   "  \"expression\": {\n"
                   "    \"type\": \"AssignmentExpression\",\n"
                   "    \"left\": {\n"
                   "      \"type\": \"Identifier\",\n"
                   "      \"name\": \"x\",\n"
                   "      \"loc\": {\"line\": 1, \"column\": 1, \"endLine\": 1, \"endColumn\": 2}\n"
                   "    },\n"
                   "    \"value\": {\n"
                   "      \"type\": \"UnaryExpression\",\n"
                   "      \"operator\": \"-\",\n"
                   "      \"argument\": {\n"
                   "        \"type\": \"NumberLiteral\",\n"
                   "        \"raw\": \"1\",\n"
                   "        \"loc\": {\"line\": 1, \"column\": 6, \"endLine\": 1, \"endColumn\": 7}\n"
                   "      },\n"
                   "      \"prefix\": true,\n"
                   "      \"loc\": {\"line\": 1, \"column\": 5, \"endLine\": 1, \"endColumn\": 7}\n"
                   "    },\n"
                   "    \"loc\": {\"line\": 1, \"column\": 1, \"endLine\": 1, \"endColumn\": 7}\n"
                   "  },\n"
                   "  \"loc\": {\"line\": 1, \"column\": 1, \"endLine\": 1, \"endColumn\": 8}\n"
                   "}\n");
}
END_TEST

START_TEST(json_dump_escapes_strings) {
  /* escapes in the source, then a raw control character and a raw tab */
  parse("\"q\\\"b\\\\s\\n\\t\x01\t\";");
  ck_assert_ptr_nonnull(module);
  const char *out = dump(module);
  ck_assert_msg(strstr(out, "\"value\": \"q\\\"b\\\\s\\n\\t\\u0001\\t\""), "got:\n%s",
                out);
}
END_TEST

START_TEST(json_dump_of_null_node) {
  ck_assert_str_eq(dump(NULL), "null\n");
}
END_TEST

START_TEST(locations_span_the_source) {
  parse("let v =\n  a +\n    b * c;");
  ck_assert_ptr_nonnull(module);
  Node *decl = module->Module.body->items[0];
  Node *sum = decl->VariableDeclaration.init;
  Node *product = sum->BinaryExpression.right;
  LineCol decl_start = loc_start(&diag, decl->loc), decl_end = loc_end(&diag, decl->loc);
  ck_assert_int_eq(decl_start.line, 1);
  ck_assert_int_eq(decl_start.column, 1);
  ck_assert_int_eq(decl_end.line, 3);
  ck_assert_int_eq(decl_end.column, 11); /* the ';' is included */
  LineCol sum_start = loc_start(&diag, sum->loc), sum_end = loc_end(&diag, sum->loc);
  ck_assert_int_eq(sum_start.line, 2);
  ck_assert_int_eq(sum_start.column, 3);
  ck_assert_int_eq(sum_end.column, 10);
  LineCol product_start = loc_start(&diag, product->loc);
  ck_assert_int_eq(product_start.line, 3);
  ck_assert_int_eq(product_start.column, 5);
}
END_TEST

/* Every node's loc is 1-based, forwards and inside its parent's. */
static const char *const loc_corpus[] = {
    "sealed class Shape { case Circle(r: f64), Square(var side: f64) case Dot }",
    "let {x, y: b, z as c = 1} = p;",
    "let h = ({x: i32, y as w: i32}) => x;",
    "let s = `a${b}c${`d${e}`}f`;",
    "class T { let x: i32; new(this.x) : y = 1, super(2) { } }",
    "@external(\"env\", \"log\") declare function log(x: i32): void;",
    "match (x) { case 1: a case _: b }\nlet y = 1;",
    "let y = match (x) { case 1 | 2 as q if q > 1: { if (a) { b; } c } case _: 0 };",
    "type L = \"a\" | 1 | true; type F = (a: i32) => B | C;",
    "interface I<T> { size: i32 { get; set; } m(): void; }",
    "x as i32; async (x) => 1; a ?\?= b; obj.:A.b; f<T>(x)?.y;",
    "export class X {} export let y = 1; export declare function f(): void;",
    "for (let i = 0; i < 1; i += 1) {} if (let Some {v} = o) {} else {}",
    "<T>(x: T) => x; class A { @dep static x: i32; operator [](i: i32) {} }",
    "mixin M on B { } enum E { A = 1 } import { a as b } from \"c\";",
};

START_TEST(locations_nest) {
  body(loc_corpus[_i]);
  ck_assert_str_eq(loc_problems(false), "");
}
END_TEST

/* ================================================================== */
/* known front-end bugs (run with ZENA_TEST_KNOWN=1)                     */
/* ================================================================== */

/* A '(' after the `>` of type arguments opens a parameter list, even when
 * the return type that follows is a function type. */
START_TEST(generic_signature_returning_function_type) {
  ck_body("declare function f<T>(x: T): (y: T) => T;",
          "(DeclareFunction name=f typeParameters=[(TypeParameter name=T)] "
          "params=[(Parameter name=x typeAnnotation=T)] "
          "returnType=(FunctionTypeAnnotation paramNames=[y] params=[T] returnType=T))");
  ck_body("interface I { m<T>(x: T): (y: T) => T; }",
          "(InterfaceDeclaration name=I body=[(MethodSignature name=m "
          "typeParameters=[(TypeParameter name=T)] params=[(Parameter name=x "
          "typeAnnotation=T)] returnType=(FunctionTypeAnnotation paramNames=[y] "
          "params=[T] returnType=T))])");
}
END_TEST

/* `tag<T>`...`` is a tagged template with type arguments. */
START_TEST(type_arguments_before_template) {
  ck_expr("f<T>`x`;",
          "(TaggedTemplateExpression tag=f typeArguments=[T] quasi=(TemplateLiteral "
          "quasis=[(TemplateElement value={cooked=x raw=x} tail=true)] expressions=[]))");
}
END_TEST

/* The Module's loc starts at 1:1. */
START_TEST(module_loc_is_one_based) {
  body("x;");
  ck_assert_str_eq(loc_problems(true), "");
}
END_TEST

/* KNOWN: recovery after an error inside a class skips to the next ';' past
 * the class's '}', so the error on line 4 is reported as
 * "4:10: Expected identifier but found end of file". */
START_TEST(known_recovery_stops_at_class_end) {
  ck_errors("class A {\n  m(a b) { }\n}\nlet y = ;", 2,
            "<input>:2:7: error: Expected ')' to close '(' at 2:4, found identifier 'b'\n"
            "    m(a b) { }\n"
            "        ^\n"
            "<input>:4:9: error: Unexpected token ';'\n"
            "  let y = ;\n"
            "          ^\n");
}
END_TEST

/* ================================================================== */
/* suite                                                                */
/* ================================================================== */

#define MAX_GROUP 24

static Suite *parser_suite(void) {
  Suite *s = suite_create("parser");
  struct {
    const char *name;
    const TTest *tests[MAX_GROUP];
  } groups[] = {
      {"precedence",
       {prec_multiplicative_over_additive, prec_shift_between_additive_and_comparison,
        prec_range_between_shift_and_comparison, open_ranges,
        prec_nullish_same_level_as_or, prec_pipeline, prec_unary,
        prec_bitwise_and_equality, assignment_is_right_associative_and_lowest,
        as_and_is, await_and_throw}},
      {"angles",
       {nested_generics_close_with_shift_token, shift_operators,
        spaced_greater_thans_are_not_a_shift, generic_calls,
        comparisons_are_not_type_arguments, type_arguments_win_before_paren,
        new_expressions, member_index_call_chains, symbol_member_access}},
      {"arrows",
       {arrow_vs_group_vs_tuple, arrow_parameters, arrow_body_extends_right,
        arrow_block_body_with_trailing_expression,
        tuple_return_type_vs_function_return_type, generic_arrows,
        async_arrows_and_async_let, destructured_parameters}},
      {"statements",
       {const_is_let_with_warning, variable_declarations,
        block_vs_record_at_statement_start, record_at_statement_start_is_a_block,
        if_statement_vs_if_expression, dangling_else_binds_to_inner_if,
        if_in_value_blocks, optional_semicolon_after_block_ended_statements,
        semicolon_required_after_match_in_declaration, try_catch_finally,
        loops_and_jumps, let_pattern_conditions, contextual_keywords_as_names,
        templates, nested_templates, tagged_templates, literals,
        empty_and_comment_only_modules}},
      {"match",
       {match_literal_and_name_patterns, match_destructuring_patterns,
        match_logical_and_as_patterns, match_guards_and_bodies}},
      {"declarations",
       {class_header, class_fields, class_accessors, class_methods,
        class_constructors, class_operators,
        class_member_decorators_and_static_symbol, case_classes, sealed_classes,
        interfaces, mixins, enums, type_aliases, declare_functions,
        imports_and_exports, symbol_declarations}},
      {"errors",
       {error_unclosed_brace, error_unclosed_bracket, error_unclosed_paren,
        error_missing_semicolon, error_missing_expression,
        error_reserved_word_as_name, error_stray_closer,
        error_recovery_reports_every_statement, error_recovery_inside_bodies,
        error_semantic_checks_in_the_parser, error_range_is_not_associative,
        error_from_the_lexer_fails_the_parse, error_count_beyond_max_errors}},
      {"diagnostics",
       {diag_formats_line_and_caret, diag_at_end_of_input_has_no_source_line,
        source_from_string_copies_the_text}},
      {"classify",
       {classify_arrow_parens, classify_type_argument_angles,
        classify_blocks_and_if_statements, classify_inserts_semicolons,
        classify_empty_input}},
      {"json",
       {json_dump_exact, json_dump_escapes_strings, json_dump_of_null_node,
        locations_span_the_source}},
  };
  for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++) {
    TCase *tc = tcase_create(groups[g].name);
    tcase_add_checked_fixture(tc, setup, teardown);
    for (size_t i = 0; i < MAX_GROUP && groups[g].tests[i]; i++)
      tcase_add_test(tc, groups[g].tests[i]);
    suite_add_tcase(s, tc);
  }
  TCase *tables = tcase_create("tables");
  tcase_add_checked_fixture(tables, setup, teardown);
  tcase_add_loop_test(tables, compound_assignment, 0,
                      (int)(sizeof compound_ops / sizeof compound_ops[0]));
  tcase_add_loop_test(tables, locations_nest, 0,
                      (int)(sizeof loc_corpus / sizeof loc_corpus[0]));
  suite_add_tcase(s, tables);
  tcase_add_test(tables, generic_signature_returning_function_type);
  tcase_add_test(tables, type_arguments_before_template);
  tcase_add_test(tables, module_loc_is_one_based);
  /* Tests of known front-end bugs fail today; they run only on request. */
  if (getenv("ZENA_TEST_KNOWN")) {
    TCase *known = tcase_create("known");
    tcase_add_checked_fixture(known, setup, teardown);
    tcase_add_test(known, known_recovery_stops_at_class_end);
    suite_add_tcase(s, known);
  }
  return s;
}

int main(void) {
  SRunner *runner = srunner_create(parser_suite());
  srunner_run_all(runner, CK_NORMAL);
  int failed = srunner_ntests_failed(runner);
  srunner_free(runner);
  return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#else /* PARSER_TEST_TOOL */

int main(void) {
  setup();
  Source in;
  if (!source_read(&in, arena, "-"))
    return 2;
  parse(in.text);
  printf("errors=%d warnings=%d module=%s\n%s", diag.errors, diag.warnings,
         module ? "yes" : "NULL", messages);
  if (module) {
    JVal *stmts = get(json(module), "body");
    for (int i = 0; i < stmts->len; i++)
      printf("%s\n", render_text(stmts->vals[i]));
    printf("locs: %s\n", loc_problems(getenv("SX_MODULE") != NULL));
  }
  teardown();
  return 0;
}

#endif
