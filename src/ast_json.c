/*
 * ast_json.c - the --dump-ast printer.
 *
 * The printer is generated from ast.def, so it can never drift from the
 * tree.  Output follows the upstream `.ast.json` snapshot shape, plus a
 * "loc" object on every node.
 */
#include "zena.h"

typedef struct {
  FILE *out;  /* destination */
  int depth;  /* current indentation level */
  bool first; /* no member written yet in the current object */
  const Source *src; /* the tree's source: lines and columns of its Locs */
} Writer;

static void indent(Writer *w) {
  fputc('\n', w->out);
  for (int i = 0; i < w->depth; i++)
    fputs("  ", w->out);
}

static void write_string(Writer *w, const char *s) {
  fputc('"', w->out);
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    switch (*p) {
    case '"': fputs("\\\"", w->out); break;
    case '\\': fputs("\\\\", w->out); break;
    case '\n': fputs("\\n", w->out); break;
    case '\r': fputs("\\r", w->out); break;
    case '\t': fputs("\\t", w->out); break;
    case '\b': fputs("\\b", w->out); break;
    case '\f': fputs("\\f", w->out); break;
    default:
      if (*p < 0x20)
        fprintf(w->out, "\\u%04x", *p);
      else
        fputc(*p, w->out);
    }
  }
  fputc('"', w->out);
}

/* Starts the next member of the current object: `,\n  "key": `. */
static void key(Writer *w, const char *name) {
  if (!w->first)
    fputc(',', w->out);
  w->first = false;
  indent(w);
  write_string(w, name);
  fputs(": ", w->out);
}

static void open_bracket(Writer *w, char bracket) {
  fputc(bracket, w->out);
  w->depth++;
  w->first = true;
}

static void close_bracket(Writer *w, char bracket) {
  w->depth--;
  if (!w->first)
    indent(w);
  fputc(bracket, w->out);
  w->first = false;
}

static void write_node(Writer *w, const Node *n);

static void write_list(Writer *w, const NodeList *list) {
  open_bracket(w, '[');
  for (int i = 0; list && i < list->len; i++) {
    if (!w->first)
      fputc(',', w->out);
    w->first = false;
    indent(w);
    write_node(w, list->items[i]);
  }
  close_bracket(w, ']');
}

static void write_texts(Writer *w, const TextList *list) {
  open_bracket(w, '[');
  for (int i = 0; list && i < list->len; i++) {
    if (!w->first)
      fputc(',', w->out);
    w->first = false;
    indent(w);
    write_string(w, list->items[i]);
  }
  close_bracket(w, ']');
}

/* A literal type's value: the literal itself as a bare JSON value. */
static void write_literal_value(Writer *w, const Node *lit) {
  switch (lit->kind) {
  case ND_BooleanLiteral:
    fputs(lit->BooleanLiteral.value ? "true" : "false", w->out);
    break;
  case ND_StringLiteral:
    write_string(w, lit->StringLiteral.value);
    break;
  case ND_NumberLiteral:
    fputs(lit->NumberLiteral.raw, w->out);
    break;
  default:
    fputs("null", w->out);
  }
}

static void write_loc(Writer *w, Loc loc) {
  key(w, "loc");
  LineCol start = source_position(w->src, loc.start);
  LineCol end = source_position(w->src, loc.end);
  fprintf(w->out, "{\"line\": %d, \"column\": %d, \"endLine\": %d, \"endColumn\": %d}",
          start.line, start.column, end.line, end.column);
}

/* Field writers, one per flavour in ast.def; `f` is the node's field struct. */
#define CHILD(c, j) if (f->c) { key(w, j); write_node(w, f->c); }
#define CHILD_N(c, j) key(w, j); write_node(w, f->c);
#define LIST(c, j) key(w, j); write_list(w, f->c);
#define LIST_O(c, j) if (f->c) { key(w, j); write_list(w, f->c); }
#define TEXT(c, j) key(w, j); write_string(w, f->c ? f->c : "");
#define TEXT_O(c, j) if (f->c) { key(w, j); write_string(w, f->c); }
#define TEXTS(c, j) key(w, j); write_texts(w, f->c);
#define FLAG(c, j) key(w, j); fputs(f->c ? "true" : "false", w->out);
#define FLAG_O(c, j) if (f->c) { key(w, j); fputs("true", w->out); }
#define LITERAL(c, j) key(w, j); write_literal_value(w, f->c);
#define COOKED(c, r, j)                                                        \
  key(w, j); open_bracket(w, '{');                                                     \
  key(w, "cooked"); write_string(w, f->c ? f->c : "");                         \
  key(w, "raw"); write_string(w, f->r ? f->r : "");                            \
  close_bracket(w, '}');
#define SETTER(p, b, j)                                                        \
  if (f->b) {                                                                  \
    key(w, j); open_bracket(w, '{');                                                   \
    key(w, "param"); write_node(w, f->p);                                      \
    key(w, "body"); write_node(w, f->b);                                       \
    close_bracket(w, '}');                                                             \
  }

static void write_node(Writer *w, const Node *n) {
  if (!n) {
    fputs("null", w->out);
    return;
  }
  open_bracket(w, '{');
  key(w, "type");
  write_string(w, node_kind_name(n->kind));
  switch (n->kind) {
#define NODE(kind, ...)                                                        \
  case ND_##kind: {                                                            \
    const __typeof__(n->kind) *f = &n->kind;                                   \
    __VA_ARGS__                                                                \
    break;                                                                     \
  }
#define LEAF(kind) case ND_##kind: break;
#include "ast.def"
#undef NODE
#undef LEAF
  case ND__COUNT:
    break;
  }
  write_loc(w, n->loc);
  close_bracket(w, '}');
}

void ast_dump_json(FILE *out, const Node *node, const Source *src) {
  Writer w = {out, 0, true, src};
  write_node(&w, node);
  fputc('\n', out);
}
