/*
 * test_lexer.c - unit tests for the flex scanner (lexer/lexer.l).
 *
 * Each test lexes a small source and checks the token kinds, lexemes,
 * cooked values, locations and diagnostics.  Diagnostics are captured in a
 * memory stream so their text can be inspected.
 *
 * Note: C string literals below write "?\?" to avoid the "??" trigraphs.
 */
#include "zena.h"
#include "parser.h"

#include <check.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static Arena *arena;
static Source src;
static Diag diag;
static TokenVec toks;
static char *messages; /* everything the Diag printed */
static size_t messages_len;
static FILE *messages_out;

static void setup(void) {
  arena = arena_new();
  messages_out = open_memstream(&messages, &messages_len);
}

static void teardown(void) {
  fclose(messages_out);
  free(messages);
  arena_free(arena);
}

/* Lexes len bytes of text (which may contain NULs). */
static void lex_bytes(const char *text, size_t len) {
  src = (Source){.path = "test.zena", .text = arena_alloc(arena, len + 1), .len = len};
  memcpy(src.text, text, len);
  diag_init(&diag, &src, messages_out);
  free(toks.items); /* the previous test's tokens */
  lex_source(&src, arena, &diag, &toks);
  fflush(messages_out);
}

static void lex(const char *text) { lex_bytes(text, strlen(text)); }

static const Token *tok(size_t i) {
  ck_assert_uint_lt(i, toks.len);
  return &toks.items[i];
}

/* Checks the whole token stream: n kinds, then the implicit end token. */
static void expect_kinds(int n, ...) {
  va_list ap;
  va_start(ap, n);
  for (int i = 0; i < n; i++) {
    int kind = va_arg(ap, int);
    ck_assert_msg(tok(i)->kind == kind, "token %d: got %s (%d), want %s (%d)",
                  i, token_kind_name(tok(i)->kind), tok(i)->kind,
                  token_kind_name(kind), kind);
  }
  va_end(ap);
  ck_assert_uint_eq(toks.len, (size_t)n + 1);
  ck_assert_int_eq(toks.items[n].kind, TOK_END);
}

static void expect_token(size_t i, int kind, const char *text,
                         const char *cooked) {
  ck_assert_msg(tok(i)->kind == kind, "token %zu: got %s (%d), want %s (%d)",
                i, token_kind_name(tok(i)->kind), tok(i)->kind,
                token_kind_name(kind), kind);
  ck_assert_str_eq(tok(i)->text, text);
  if (cooked)
    ck_assert_str_eq(token_cooked(tok(i)), cooked);
  else
    ck_assert_ptr_null(token_cooked(tok(i)));
}

static void expect_loc(size_t i, int l1, int c1, int l2, int c2) {
  LineCol from = loc_start(&diag, tok(i)->loc), to = loc_end(&diag, tok(i)->loc);
  ck_assert_msg(from.line == l1 && from.column == c1 && to.line == l2 && to.column == c2,
                "token %zu at %d:%d-%d:%d, want %d:%d-%d:%d", i, from.line,
                from.column, to.line, to.column, l1, c1, l2, c2);
}

static void expect_error(const char *needle) {
  ck_assert_int_eq(diag.errors, 1);
  ck_assert_msg(strstr(messages, needle), "no \"%s\" in:\n%s", needle,
                messages);
}

static void expect_no_errors(void) {
  ck_assert_msg(diag.errors == 0, "unexpected errors:\n%s", messages);
}

/* ---- end of input and whitespace ---- */

START_TEST(empty_input) {
  lex("");
  expect_kinds(0);
  expect_token(0, TOK_END, "", NULL);
  expect_loc(0, 1, 1, 1, 1);
  ck_assert(!tok(0)->space_before);
  expect_no_errors();
}
END_TEST

START_TEST(whitespace_only) {
  lex("  \t\n\r\n  ");
  expect_kinds(0);
  expect_loc(0, 3, 3, 3, 3);
  ck_assert(tok(0)->space_before);
  ck_assert(tok(0)->line_before);
}
END_TEST

START_TEST(space_and_line_before) {
  lex("a b\nc/*x*/d/*\n*/e//z\nf(g");
  expect_kinds(8, TOK_IDENT, TOK_IDENT, TOK_IDENT, TOK_IDENT, TOK_IDENT,
               TOK_IDENT, '(', TOK_IDENT);
  bool space[] = {false, true, true, true, true, true, false, false};
  bool line[] = {false, false, true, false, true, true, false, false};
  for (size_t i = 0; i < 8; i++) {
    ck_assert_msg(tok(i)->space_before == space[i], "space_before %zu", i);
    ck_assert_msg(tok(i)->line_before == line[i], "line_before %zu", i);
  }
  expect_no_errors();
}
END_TEST

/* ---- comments ---- */

START_TEST(comments) {
  lex("// only a comment\nx /* a\n * b */ y // end");
  expect_kinds(2, TOK_IDENT, TOK_IDENT);
  expect_loc(0, 2, 1, 2, 2);
  expect_loc(1, 3, 9, 3, 10);
  expect_loc(2, 3, 17, 3, 17);
  expect_no_errors();
}
END_TEST

START_TEST(comment_is_not_nested) {
  lex("/* /* */ x */");
  expect_kinds(3, TOK_IDENT, '*', '/');
}
END_TEST

START_TEST(unterminated_block_comment) {
  lex("x\n  /* never\nclosed");
  expect_kinds(1, TOK_IDENT);
  expect_error("Unterminated block comment");
  ck_assert_ptr_nonnull(strstr(messages, "test.zena:2:3: error:"));
  expect_loc(1, 3, 7, 3, 7);
}
END_TEST

/* ---- words ---- */

static const struct {
  const char *word;
  int kind;
} words[] = {
    {"let", TOK_LET},           {"var", TOK_VAR},
    {"const", TOK_CONST},       {"if", TOK_IF},
    {"else", TOK_ELSE},         {"while", TOK_WHILE},
    {"for", TOK_FOR},           {"in", TOK_IN},
    {"return", TOK_RETURN},     {"break", TOK_BREAK},
    {"continue", TOK_CONTINUE}, {"class", TOK_CLASS},
    {"interface", TOK_INTERFACE}, {"enum", TOK_ENUM},
    {"import", TOK_IMPORT},     {"export", TOK_EXPORT},
    {"new", TOK_NEW},           {"this", TOK_THIS},
    {"super", TOK_SUPER},       {"null", TOK_NULL},
    {"true", TOK_TRUE},         {"false", TOK_FALSE},
    {"try", TOK_TRY},           {"catch", TOK_CATCH},
    {"finally", TOK_FINALLY},   {"function", TOK_FUNCTION},
    {"await", TOK_AWAIT},       {"from", TOK_FROM},
    {"type", TOK_TYPE},         {"as", TOK_AS},
    {"is", TOK_IS},             {"on", TOK_ON},
    {"abstract", TOK_ABSTRACT}, {"declare", TOK_DECLARE},
    {"mixin", TOK_MIXIN},       {"operator", TOK_OPERATOR},
    {"static", TOK_STATIC},     {"extension", TOK_EXTENSION},
    {"distinct", TOK_DISTINCT}, {"final", TOK_FINAL},
    {"extends", TOK_EXTENDS},   {"implements", TOK_IMPLEMENTS},
    {"with", TOK_WITH},         {"case", TOK_CASE},
    {"match", TOK_MATCH},       {"throw", TOK_THROW},
    {"sealed", TOK_SEALED},     {"symbol", TOK_SYMBOL},
    {"get", TOK_GET},           {"set", TOK_SET},
    {"async", TOK_ASYNC},       {"inline", TOK_INLINE},
};

START_TEST(keyword) {
  lex(words[_i].word);
  expect_kinds(1, words[_i].kind);
  expect_token(0, words[_i].kind, words[_i].word, NULL);
  ck_assert_str_eq(token_kind_name(words[_i].kind),
                   arena_printf(arena, "'%s'", words[_i].word));
}
END_TEST

START_TEST(keyword_prefix_is_identifier) {
  lex(arena_printf(arena, "%sx _%s %s$ %s1", words[_i].word, words[_i].word,
                   words[_i].word, words[_i].word));
  expect_kinds(4, TOK_IDENT, TOK_IDENT, TOK_IDENT, TOK_IDENT);
}
END_TEST

START_TEST(identifiers) {
  lex("abc _x $x $ a1$_ Let NULL #priv #_p1 # #1");
  expect_kinds(12, TOK_IDENT, TOK_IDENT, TOK_IDENT, TOK_IDENT, TOK_IDENT,
               TOK_IDENT, TOK_IDENT, TOK_IDENT, TOK_IDENT, '#', '#',
               TOK_NUMBER);
  const char *texts[] = {"abc",   "_x",   "$x", "$", "a1$_", "Let",
                         "NULL", "#priv", "#_p1", "#", "#"};
  for (size_t i = 0; i < 11; i++)
    expect_token(i, tok(i)->kind, texts[i], NULL);
}
END_TEST

/* ---- numbers ---- */

START_TEST(number_forms) {
  const char *forms[] = {"0",      "123",   "9223372036854775807",
                         "0x10",   "0XaBcD", "0xFF",
                         "0b1010", "0B1",   "1.5",
                         "3.14",   "1e10",  "1.5e-3",
                         "2E+5"};
  for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
    lex(forms[i]);
    expect_kinds(1, TOK_NUMBER);
    expect_token(0, TOK_NUMBER, forms[i], NULL);
  }
  expect_no_errors();
}
END_TEST

START_TEST(range_is_not_a_decimal) {
  lex("1..10");
  expect_kinds(3, TOK_NUMBER, TOK_DOTDOT, TOK_NUMBER);
  expect_token(0, TOK_NUMBER, "1", NULL);
  expect_token(2, TOK_NUMBER, "10", NULL);
}
END_TEST

START_TEST(member_number) {
  lex("t.0 x?.1 1.foo 2.");
  expect_kinds(11, TOK_IDENT, '.', TOK_NUMBER, TOK_IDENT, TOK_QDOT,
               TOK_NUMBER, TOK_NUMBER, '.', TOK_IDENT, TOK_NUMBER, '.');
  expect_token(2, TOK_NUMBER, "0", NULL);
}
END_TEST

START_TEST(number_then_word) {
  lex("1abc 0xGG 0b2 1e 0o17");
  expect_kinds(10, TOK_NUMBER, TOK_IDENT, TOK_NUMBER, TOK_IDENT, TOK_NUMBER,
               TOK_IDENT, TOK_NUMBER, TOK_IDENT, TOK_NUMBER, TOK_IDENT);
  expect_token(2, TOK_NUMBER, "0", NULL);
  expect_token(3, TOK_IDENT, "xGG", NULL);
  expect_token(5, TOK_IDENT, "b2", NULL);
  expect_token(7, TOK_IDENT, "e", NULL);
  expect_token(9, TOK_IDENT, "o17", NULL);
  expect_no_errors();
}
END_TEST

/* ---- punctuators ---- */

static const struct {
  const char *text;
  int kind;
} puncts[] = {
    {"=>", TOK_ARROW},          {"==", TOK_EQ},
    {"!=", TOK_NE},             {"===", TOK_EQ3},
    {"!==", TOK_NE3},           {"<=", TOK_LE},
    {">=", TOK_GE},             {"<<", TOK_SHL},
    {"&&", TOK_ANDAND},         {"||", TOK_OROR},
    {"?\?", TOK_NULLISH},       {"|>", TOK_PIPE_GT},
    {"..", TOK_DOTDOT},         {"...", TOK_ELLIPSIS},
    {"?.", TOK_QDOT},           {"?[", TOK_QBRACKET},
    {"?(", TOK_QPAREN},         {".:", TOK_DOTCOLON},
    {"+=", TOK_PLUS_ASSIGN},    {"-=", TOK_MINUS_ASSIGN},
    {"*=", TOK_STAR_ASSIGN},    {"/=", TOK_SLASH_ASSIGN},
    {"%=", TOK_PERCENT_ASSIGN}, {"&=", TOK_AMP_ASSIGN},
    {"|=", TOK_BAR_ASSIGN},     {"^=", TOK_CARET_ASSIGN},
    {"<<=", TOK_SHL_ASSIGN},    {">>=", TOK_SHR_ASSIGN},
    {">>>=", TOK_USHR_ASSIGN},  {"?\?=", TOK_NULLISH_ASSIGN},
    {"&&=", TOK_ANDAND_ASSIGN}, {"||=", TOK_OROR_ASSIGN},
    {"(", '('}, {")", ')'}, {"[", '['}, {"]", ']'}, {"{", '{'},
    {"}", '}'}, {";", ';'}, {",", ','}, {".", '.'}, {":", ':'},
    {"?", '?'}, {"@", '@'}, {"=", '='}, {"+", '+'}, {"-", '-'},
    {"*", '*'}, {"/", '/'}, {"%", '%'}, {"<", '<'}, {">", '>'},
    {"!", '!'}, {"&", '&'}, {"|", '|'}, {"^", '^'}, {"~", '~'},
    {"#", '#'},
};

START_TEST(punctuator) {
  /* alone, and between names without spaces */
  lex(puncts[_i].text);
  expect_kinds(1, puncts[_i].kind);
  expect_token(0, puncts[_i].kind, puncts[_i].text, NULL);
  ck_assert_str_eq(token_kind_name(puncts[_i].kind),
                   arena_printf(arena, "'%s'", puncts[_i].text));
  lex(arena_printf(arena, "a%s1", puncts[_i].text));
  expect_kinds(3, TOK_IDENT, puncts[_i].kind, TOK_NUMBER);
}
END_TEST

START_TEST(longest_match) {
  lex("a===b!==c=>d...e?.f?\?=g");
  expect_kinds(13, TOK_IDENT, TOK_EQ3, TOK_IDENT, TOK_NE3, TOK_IDENT,
               TOK_ARROW, TOK_IDENT, TOK_ELLIPSIS, TOK_IDENT, TOK_QDOT,
               TOK_IDENT, TOK_NULLISH_ASSIGN, TOK_IDENT);
}
END_TEST

START_TEST(right_shift_splitting) {
  lex(">>");
  expect_kinds(2, TOK_GT_JOINED, '>');
  lex(">>>");
  expect_kinds(3, TOK_GT_JOINED, TOK_GT_JOINED, '>');
  lex("> >");
  expect_kinds(2, '>', '>');
  lex(">= >>= >>>= >>>>=");
  expect_kinds(5, TOK_GE, TOK_SHR_ASSIGN, TOK_USHR_ASSIGN, TOK_GT_JOINED,
               TOK_USHR_ASSIGN);
  lex("Map<K, Array<V>>");
  expect_kinds(9, TOK_IDENT, '<', TOK_IDENT, ',', TOK_IDENT, '<', TOK_IDENT,
               TOK_GT_JOINED, '>');
  expect_token(7, TOK_GT_JOINED, ">", NULL);
  expect_loc(7, 1, 15, 1, 16);
  expect_loc(8, 1, 16, 1, 17);
}
END_TEST

/* ---- strings ---- */

START_TEST(string_escapes) {
  const char *text = "\"\\\\\\n\\r\\t\\\"\\'\\h\"";
  lex(text);
  expect_kinds(1, TOK_STRING);
  expect_token(0, TOK_STRING, text, "\\\n\r\t\"'\\h");
  expect_no_errors();
}
END_TEST

START_TEST(string_quotes) {
  lex("'' 'it\"s' \"it's\" '\\'' '\\`\\$\\0\\u0041'");
  expect_kinds(5, TOK_STRING, TOK_STRING, TOK_STRING, TOK_STRING,
               TOK_STRING);
  expect_token(0, TOK_STRING, "''", "");
  expect_token(1, TOK_STRING, "'it\"s'", "it\"s");
  expect_token(2, TOK_STRING, "\"it's\"", "it's");
  expect_token(3, TOK_STRING, "'\\''", "'");
  /* only the listed escapes are decoded; others keep their backslash */
  expect_token(4, TOK_STRING, "'\\`\\$\\0\\u0041'", "\\`\\$\\0\\u0041");
  expect_no_errors();
}
END_TEST

START_TEST(unterminated_string) {
  lex("\"Hello, world!\nx;");
  expect_kinds(3, TOK_STRING, TOK_IDENT, ';');
  expect_token(0, TOK_STRING, "\"Hello, world!", "Hello, world!");
  expect_error("Unexpected end of line in string literal");
  ck_assert_ptr_nonnull(strstr(messages, "test.zena:1:15: error:"));
  expect_loc(1, 2, 1, 2, 2);
  ck_assert(tok(1)->line_before);
}
END_TEST

START_TEST(unterminated_string_at_eof) {
  lex("'abc\\'");
  expect_kinds(1, TOK_STRING);
  expect_token(0, TOK_STRING, "'abc\\'", "abc'");
  expect_error("Unexpected end of line in string literal");
  lex("'abc\\");
  expect_kinds(1, TOK_STRING);
  expect_token(0, TOK_STRING, "'abc\\", "abc\\");
  ck_assert_int_eq(diag.errors, 1);
}
END_TEST

/* ---- template literals ---- */

START_TEST(template_without_substitutions) {
  lex("`` `abc`");
  expect_kinds(2, TOK_TEMPLATE_FULL, TOK_TEMPLATE_FULL);
  expect_token(0, TOK_TEMPLATE_FULL, "", "");
  expect_token(1, TOK_TEMPLATE_FULL, "abc", "abc");
  expect_loc(1, 1, 4, 1, 9);
  expect_no_errors();
}
END_TEST

START_TEST(template_substitutions) {
  lex("`${a} + ${b} = ${c}`");
  expect_kinds(7, TOK_TEMPLATE_HEAD, TOK_IDENT, TOK_TEMPLATE_MIDDLE,
               TOK_IDENT, TOK_TEMPLATE_MIDDLE, TOK_IDENT, TOK_TEMPLATE_TAIL);
  expect_token(0, TOK_TEMPLATE_HEAD, "", "");
  expect_token(2, TOK_TEMPLATE_MIDDLE, " + ", " + ");
  expect_token(4, TOK_TEMPLATE_MIDDLE, " = ", " = ");
  expect_token(6, TOK_TEMPLATE_TAIL, "", "");
  expect_loc(0, 1, 1, 1, 4);
  expect_loc(2, 1, 5, 1, 11);
  expect_loc(6, 1, 19, 1, 21);
  expect_no_errors();
}
END_TEST

START_TEST(template_nested) {
  lex("`a${ `b${c}d` }e`");
  expect_kinds(5, TOK_TEMPLATE_HEAD, TOK_TEMPLATE_HEAD, TOK_IDENT,
               TOK_TEMPLATE_TAIL, TOK_TEMPLATE_TAIL);
  expect_token(0, TOK_TEMPLATE_HEAD, "a", "a");
  expect_token(1, TOK_TEMPLATE_HEAD, "b", "b");
  expect_token(2, TOK_IDENT, "c", NULL);
  expect_token(3, TOK_TEMPLATE_TAIL, "d", "d");
  expect_token(4, TOK_TEMPLATE_TAIL, "e", "e");
  ck_assert(tok(1)->space_before);
  ck_assert(tok(4)->space_before);
  expect_no_errors();
}
END_TEST

START_TEST(template_braces_inside_substitution) {
  lex("`x${ {a: {b: 1}}.a }y`");
  expect_kinds(13, TOK_TEMPLATE_HEAD, '{', TOK_IDENT, ':', '{', TOK_IDENT,
               ':', TOK_NUMBER, '}', '}', '.', TOK_IDENT, TOK_TEMPLATE_TAIL);
  expect_token(12, TOK_TEMPLATE_TAIL, "y", "y");
  expect_no_errors();
}
END_TEST

START_TEST(template_escapes) {
  lex("`\\`\\$\\${x}\\n\\h\\\"$ $$${y}`");
  expect_kinds(3, TOK_TEMPLATE_HEAD, TOK_IDENT, TOK_TEMPLATE_TAIL);
  expect_token(0, TOK_TEMPLATE_HEAD, "\\`\\$\\${x}\\n\\h\\\"$ $$",
               "`$${x}\n\\h\"$ $$");
  expect_token(1, TOK_IDENT, "y", NULL);
  expect_no_errors();
}
END_TEST

START_TEST(template_multiline) {
  lex("`one\ntwo${x}\nthree` y");
  expect_kinds(4, TOK_TEMPLATE_HEAD, TOK_IDENT, TOK_TEMPLATE_TAIL,
               TOK_IDENT);
  expect_token(0, TOK_TEMPLATE_HEAD, "one\ntwo", "one\ntwo");
  expect_loc(0, 1, 1, 2, 6);
  expect_loc(1, 2, 6, 2, 7);
  expect_loc(2, 2, 7, 3, 7);
  expect_loc(3, 3, 8, 3, 9);
  ck_assert(!tok(3)->line_before);
}
END_TEST

START_TEST(unterminated_template) {
  lex("x = `abc");
  expect_kinds(3, TOK_IDENT, '=', TOK_TEMPLATE_FULL);
  expect_token(2, TOK_TEMPLATE_FULL, "abc", "abc");
  expect_error("Unterminated template literal");
  ck_assert_ptr_nonnull(strstr(messages, "test.zena:1:5: error:"));
}
END_TEST

START_TEST(unterminated_substitution) {
  lex("`a${b");
  expect_kinds(2, TOK_TEMPLATE_HEAD, TOK_IDENT);
  expect_error("Unterminated template literal");
  lex("`a${ `b${c}");
  expect_kinds(4, TOK_TEMPLATE_HEAD, TOK_TEMPLATE_HEAD, TOK_IDENT,
               TOK_TEMPLATE_TAIL);
  ck_assert_int_eq(diag.errors, 1);
}
END_TEST

/* ---- locations ---- */

START_TEST(locations) {
  lex("let x = 1;\n\tfoo(\"s\")\n\n  a >= b");
  expect_kinds(12, TOK_LET, TOK_IDENT, '=', TOK_NUMBER, ';', TOK_IDENT, '(',
               TOK_STRING, ')', TOK_IDENT, TOK_GE, TOK_IDENT);
  expect_loc(0, 1, 1, 1, 4);
  expect_loc(3, 1, 9, 1, 10);
  expect_loc(4, 1, 10, 1, 11);
  expect_loc(5, 2, 2, 2, 5); /* a tab is one column */
  expect_loc(7, 2, 6, 2, 9);
  expect_loc(9, 4, 3, 4, 4);
  expect_loc(10, 4, 5, 4, 7);
  expect_loc(11, 4, 8, 4, 9);
  expect_loc(12, 4, 9, 4, 9);
}
END_TEST

/* ---- bad input ---- */

START_TEST(unexpected_character) {
  lex("a \\ b");
  expect_kinds(2, TOK_IDENT, TOK_IDENT);
  expect_error("Unexpected character '\\'");
  ck_assert_ptr_nonnull(strstr(messages, "test.zena:1:3: error:"));
}
END_TEST

START_TEST(unexpected_utf8_character) {
  lex("x \xE2\x86\x92 y");
  expect_kinds(2, TOK_IDENT, TOK_IDENT);
  expect_error("Unexpected character '\xE2\x86\x92'");
  expect_loc(1, 1, 7, 1, 8); /* columns count bytes */
}
END_TEST

START_TEST(unexpected_control_byte) {
  lex("\x01" "a\xff");
  expect_kinds(1, TOK_IDENT);
  ck_assert_int_eq(diag.errors, 2);
  ck_assert_ptr_nonnull(strstr(messages, "Unexpected character '\\x01'"));
  ck_assert_ptr_nonnull(strstr(messages, "Unexpected character '\\xFF'"));
}
END_TEST

START_TEST(nul_bytes) {
  lex_bytes("a\0b '\0'", 7);
  expect_kinds(3, TOK_IDENT, TOK_IDENT, TOK_STRING);
  expect_token(1, TOK_IDENT, "b", NULL);
  expect_loc(1, 1, 3, 1, 4);
  ck_assert_int_eq(tok(2)->text[1], '\0');
  expect_error("Unexpected character '\\x00'");
  /* the NUL terminator of src.text is not scanned: len is authoritative */
  lex_bytes("xy", 1);
  expect_kinds(1, TOK_IDENT);
  expect_token(0, TOK_IDENT, "x", NULL);
}
END_TEST

START_TEST(every_byte_terminates) {
  /* each byte value alone and inside each lexical context */
  const char *contexts[] = {"%c", "'%c", "`%c", "`${%c", "/*%c", "%c}`"};
  for (size_t c = 0; c < sizeof contexts / sizeof contexts[0]; c++) {
    for (int b = 0; b < 256; b++) {
      char text[8];
      int n = snprintf(text, sizeof text, contexts[c], b ? b : 'x');
      if (!b)
        text[strchr(contexts[c], '%') - contexts[c]] = '\0';
      lex_bytes(text, (size_t)n);
      ck_assert_uint_ge(toks.len, 1);
      ck_assert_int_eq(toks.items[toks.len - 1].kind, TOK_END);
    }
  }
}
END_TEST

START_TEST(many_tokens) {
  StrBuf sb;
  strbuf_init(&sb, arena);
  for (int i = 0; i < 5000; i++)
    strbuf_put(&sb, "x+`${1}`\n", 9);
  lex(sb.data);
  ck_assert_uint_eq(toks.len, 5000 * 5 + 1);
  expect_loc(5000 * 5 - 1, 5000, 7, 5000, 9);
  expect_no_errors();
}
END_TEST

START_TEST(kind_names) {
  ck_assert_str_eq(token_kind_name(TOK_END), "end of file");
  ck_assert_str_eq(token_kind_name(TOK_IDENT), "identifier");
  ck_assert_str_eq(token_kind_name(TOK_NUMBER), "number");
  ck_assert_str_eq(token_kind_name(TOK_STRING), "string");
  ck_assert_str_eq(token_kind_name(TOK_TEMPLATE_FULL), "template literal");
  ck_assert_str_eq(token_kind_name(TOK_TEMPLATE_HEAD), "template literal");
  ck_assert_str_eq(token_kind_name(TOK_GT_JOINED), "'>'");
  ck_assert_str_eq(token_kind_name(TOK_ARROW_LPAREN), "'('");
  ck_assert_str_eq(token_kind_name(TOK_IF_STMT), "'if'");
  ck_assert_str_eq(token_kind_name('$'), "unknown token");
  ck_assert_str_eq(token_kind_name(-2), "unknown token");
  ck_assert_str_eq(token_kind_name(100000), "unknown token");
}
END_TEST

static Suite *lexer_suite(void) {
  Suite *s = suite_create("lexer");
  struct {
    const char *name;
    const TTest *tests[12];
  } groups[] = {
      {"basics",
       {empty_input, whitespace_only, space_and_line_before, comments,
        comment_is_not_nested, unterminated_block_comment, identifiers,
        kind_names}},
      {"numbers",
       {number_forms, range_is_not_a_decimal, member_number,
        number_then_word}},
      {"operators", {longest_match, right_shift_splitting}},
      {"strings",
       {string_escapes, string_quotes, unterminated_string,
        unterminated_string_at_eof}},
      {"templates",
       {template_without_substitutions, template_substitutions,
        template_nested, template_braces_inside_substitution,
        template_escapes, template_multiline, unterminated_template,
        unterminated_substitution}},
      {"errors",
       {locations, unexpected_character, unexpected_utf8_character,
        unexpected_control_byte, nul_bytes, every_byte_terminates,
        many_tokens}},
  };
  for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++) {
    TCase *tc = tcase_create(groups[g].name);
    tcase_add_checked_fixture(tc, setup, teardown);
    for (size_t i = 0; i < 12 && groups[g].tests[i]; i++)
      tcase_add_test(tc, groups[g].tests[i]);
    suite_add_tcase(s, tc);
  }
  TCase *tables = tcase_create("tables");
  tcase_add_checked_fixture(tables, setup, teardown);
  int nwords = (int)(sizeof words / sizeof words[0]);
  int npuncts = (int)(sizeof puncts / sizeof puncts[0]);
  tcase_add_loop_test(tables, keyword, 0, nwords);
  tcase_add_loop_test(tables, keyword_prefix_is_identifier, 0, nwords);
  tcase_add_loop_test(tables, punctuator, 0, npuncts);
  suite_add_tcase(s, tables);
  return s;
}

int main(void) {
  SRunner *runner = srunner_create(lexer_suite());
  srunner_run_all(runner, CK_NORMAL);
  int failed = srunner_ntests_failed(runner);
  srunner_free(runner);
  return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
