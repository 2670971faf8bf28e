/*
 * modules.c - finding, reading and parsing the modules of a program.
 *
 * Starting from the entry file, every relative import (`./x.zena`,
 * `../lib/y.zena`) is resolved against the importing file's directory and
 * parsed once.  Modules come out dependencies first, so the checker can
 * check each one knowing everything it imports.
 *
 * `zena:NAME` imports name the standard library: stdlib/NAME.zena, built
 * into the compiler (src/stdlib.c), parsed like any module under the path
 * `zena:NAME`, so diagnostics inside it say where.  The prelude modules are
 * loaded before the entry module; the checker makes their exports visible
 * everywhere.
 */
#include "zena.h"

#include <errno.h>
#include <string.h>

/* The standard library modules every program sees without importing. */
static const char *const prelude[] = {"zena:error", "zena:template-strings-array",
                                      "zena:box", "zena:iterator", "zena:array"};
enum { NPRELUDE = sizeof prelude / sizeof prelude[0] };

bool is_prelude_module(const char *path) {
  for (int i = 0; i < NPRELUDE; i++)
    if (strcmp(path, prelude[i]) == 0)
      return true;
  return false;
}

static bool is_stdlib_spec(const char *spec) { return strncmp(spec, "zena:", 5) == 0; }

/* `dir/of/importer.zena` + `./x.zena` -> `dir/of/x.zena`, with `.` and
 * `..` segments folded so that each file has one name; `zena:NAME` stays. */
const char *resolve_import(Arena *arena, const char *importer, const char *spec) {
  if (is_stdlib_spec(spec))
    return spec;
  const char *slash = strrchr(importer, '/');
  bool from_stdin = importer[0] == '<';
  StrBuf path;
  strbuf_init(&path, arena);
  if (slash && !from_stdin)
    strbuf_put(&path, importer, (size_t)(slash - importer + 1));
  strbuf_put(&path, spec, strlen(spec));
  /* fold the segments */
  char *segs[256];
  int n = 0;
  bool absolute = path.data[0] == '/';
  for (char *tok = strtok(path.data, "/"); tok; tok = strtok(NULL, "/")) {
    if (strcmp(tok, ".") == 0)
      continue;
    if (strcmp(tok, "..") == 0 && n > 0 && strcmp(segs[n - 1], "..") != 0) {
      n--;
      continue;
    }
    if (n < 256)
      segs[n++] = tok;
  }
  StrBuf out;
  strbuf_init(&out, arena);
  if (absolute)
    strbuf_putc(&out, '/');
  for (int i = 0; i < n; i++) {
    if (i)
      strbuf_putc(&out, '/');
    strbuf_put(&out, segs[i], strlen(segs[i]));
  }
  return out.data;
}

typedef struct {
  Arena *arena;        /* where everything lives */
  Diag *diag;          /* where errors go */
  NodeList *order;     /* modules, dependencies first */
  const char **paths;  /* path of every module seen (loading or loaded) */
  bool *done;          /* loaded completely (false: still loading) */
  int n;               /* entries in paths and done */
  int cap;             /* allocated entries */
} Loader;

static int find(Loader *l, const char *path) {
  for (int i = 0; i < l->n; i++)
    if (strcmp(l->paths[i], path) == 0)
      return i;
  return -1;
}

static void load(Loader *l, Source *src);

/* The embedded text of standard library module `path` (`zena:NAME`). */
static const char *stdlib_text(const char *path) {
  for (const StdlibModule *m = stdlib_modules; m->name; m++)
    if (strcmp(m->name, path + 5) == 0)
      return m->text;
  return NULL;
}

/* Reads the module `path` names into a new Source; false (reported) if
 * there is no such module.  `at` is the import that asks for it. */
static Source *read_module(Loader *l, const char *path, Loc at) {
  Source *src = arena_alloc(l->arena, sizeof(Source));
  if (is_stdlib_spec(path)) {
    const char *text = stdlib_text(path);
    if (!text) {
      diag_error(l->diag, at, "Unknown standard library module '%s'", path);
      return NULL;
    }
    source_from_string(src, l->arena, path, text);
  } else if (!source_read(src, l->arena, path)) {
    diag_error(l->diag, at, "Cannot read module '%s': %s", path, strerror(errno));
    return NULL;
  }
  diag_add_file(l->diag, src);
  return src;
}

/* Loads the module `path` unless it is loaded (or loading: a cycle). */
static void load_path(Loader *l, const char *path, Loc at) {
  int seen = find(l, path);
  if (seen >= 0) {
    if (!l->done[seen])
      diag_error(l->diag, at, "Import cycle: '%s' is already being loaded", path);
    return;
  }
  Source *src = read_module(l, path, at);
  if (src)
    load(l, src);
}

/* Loads what module `m` (read from `src`) imports. */
static void load_imports(Loader *l, Node *m, const Source *src) {
  NodeList *body = m->Module.body;
  for (int i = 0; i < body->len; i++) {
    Node *s = body->items[i];
    Node *spec = s->kind == ND_ImportDeclaration ? s->ImportDeclaration.moduleSpecifier
               : s->kind == ND_ExportFromDeclaration ? s->ExportFromDeclaration.moduleSpecifier
               : s->kind == ND_ExportAllDeclaration ? s->ExportAllDeclaration.moduleSpecifier
                                                    : NULL;
    const char *from = spec ? spec->StringLiteral.value : "";
    if (from[0] != '.' && !is_stdlib_spec(from))
      continue; /* the checker reports other specifiers */
    load_path(l, resolve_import(l->arena, src->path, from), spec->loc);
  }
}

/* Map literals build zena:map's HashMap and ranges zena:range's classes,
 * so a module using them depends on those modules without importing them. */
static void load_syntax_modules(Loader *l, const bool *kinds) {
  if (kinds[ND_MapLiteral])
    load_path(l, "zena:map", (Loc){0});
  if (kinds[ND_RangeExpression])
    load_path(l, "zena:range", (Loc){0});
}

static void load(Loader *l, Source *src) {
  if (l->n == l->cap) {
    l->cap = l->cap ? 2 * l->cap : 8;
    const char **paths = arena_alloc(l->arena, l->cap * sizeof(char *));
    bool *done = arena_alloc(l->arena, l->cap * sizeof(bool));
    if (l->n) {
      memcpy(paths, l->paths, l->n * sizeof(char *));
      memcpy(done, l->done, l->n * sizeof(bool));
    }
    l->paths = paths;
    l->done = done;
  }
  int me = l->n++;
  l->paths[me] = src->path;
  bool kinds[ND__COUNT] = {0}; /* which kinds of node the module has */
  Node *m = parse_module(src, l->arena, l->diag, kinds);
  if (!m)
    return;
  m->Module.path = src->path;
  load_syntax_modules(l, kinds);
  load_imports(l, m, src);
  l->done[me] = true;
  list_push(l->arena, l->order, m);
}

NodeList *parse_program(Source *entry, Arena *arena, Diag *diag) {
  Loader l = {.arena = arena, .diag = diag, .order = list_new(arena)};
  for (int i = 0; i < NPRELUDE; i++)
    load_path(&l, prelude[i], (Loc){0});
  load(&l, entry);
  return diag->errors ? NULL : l.order;
}
