/*
 * emit_runtime.c - the hand-written runtime (runtime-wat/), function by
 * function: only the functions the program calls, and the ones they call.
 *
 * A runtime file is a sequence of top-level forms, each starting at column 0
 * with the comment lines before it.  `(func $zena_NAME ...)` forms are kept
 * when used; every other form (types, tags, globals, data, elem) is always
 * kept, and what it names counts as used.  The program's code is text by
 * the time it is known which runtime files it needs, so calls are found in
 * that text: every `$zena_NAME` that names a runtime function.
 *
 * The async runtime is the target's part (async_wasi.wat: stack switching,
 * async_js.wat: JSPI), the shared async.wat, and one instance of the
 * template channel.wat per element kind the program's channels use.
 */
#include "emit.h"

#include <stdlib.h>
#include <string.h>

enum { MAX_RUNTIME_FUNCS = 256 };

/* One top-level form of a runtime file. */
typedef struct {
  const char *name; /* the function's $name, without '$' (NULL: not a func) */
  size_t name_len;  /* its length (0: not a func) */
  const char *text; /* the form, with the comments before it */
  size_t len;       /* its length */
  bool used;        /* called by the program, or by a used function */
  bool scanned;     /* what it calls is marked (see emit_runtime) */
  bool type;        /* a (rec or (type form: see emit_runtime_types */
} RuntimeFunc;

typedef struct {
  RuntimeFunc funcs[MAX_RUNTIME_FUNCS]; /* in file order */
  int n;                                /* entries in funcs */
} Runtime;

static bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '_' || c == '.';
}

/* Splits a runtime file at each line that starts a top-level form; the
 * comment lines just before it go with it.  Forms other than functions are
 * always used. */
static void split_runtime(Runtime *rt, const char *text) {
  int first = rt->n;
  const char *comments = text; /* where the comment lines up to here begin */
  for (const char *line = text; *line;) {
    const char *end = strchr(line, '\n');
    end = end ? end + 1 : line + strlen(line);
    if (line[0] == '(') {
      if (rt->n == MAX_RUNTIME_FUNCS) {
        fputs("zena2wat: too many runtime functions\n", stderr);
        exit(2);
      }
      RuntimeFunc *f = &rt->funcs[rt->n++];
      bool func = strncmp(line, "(func $", 7) == 0;
      f->name = func ? line + 7 : NULL;
      f->name_len = 0;
      while (func && is_name_char(f->name[f->name_len]))
        f->name_len++;
      f->used = !func;
      f->type = strncmp(line, "(rec", 4) == 0 || strncmp(line, "(type", 5) == 0;
      f->text = comments;
      if (rt->n - 1 > first)
        f[-1].len = (size_t)(comments - f[-1].text);
    }
    if (strncmp(line, ";;", 2) != 0)
      comments = end;
    line = end;
  }
  if (rt->n > first)
    rt->funcs[rt->n - 1].len = strlen(rt->funcs[rt->n - 1].text);
}

/* Marks the runtime functions that text (len bytes) names as `$zena_...`;
 * returns how many it newly marked. */
static int mark_calls(Runtime *rt, const char *text, size_t len) {
  int marked = 0;
  const char *end = text + len;
  /* found by their 'z': WAT has six times more '$' than 'z' */
  for (const char *p = text; (p = memchr(p, 'z', (size_t)(end - p))); p++) {
    if (p == text || p[-1] != '$' || end - p < 5 || memcmp(p, "zena_", 5) != 0)
      continue;
    size_t n = 0;
    while (p + n < end && is_name_char(p[n]))
      n++;
    for (int i = 0; i < rt->n; i++) {
      RuntimeFunc *f = &rt->funcs[i];
      if (!f->used && f->name_len == n && memcmp(f->name, p, n) == 0) {
        f->used = true;
        marked++;
      }
    }
  }
  return marked;
}

/* channel.wat for one kind: <K> becomes its name, <T> its Wasm type. */
static char *instantiate_channel(ChannelKind kind) {
  static const char *const names[CH__COUNT] = {"i32", "i64", "f32", "f64", "ref"};
  static const char *const types[CH__COUNT] = {"i32", "i64", "f32", "f64", "anyref"};
  size_t cap = strlen(runtime_channel_wat) * 2 + 1; /* "anyref" is 3x "<T>" */
  char *out = malloc(cap);
  if (!out) {
    fputs("zena2wat: out of memory\n", stderr);
    exit(2);
  }
  size_t n = 0;
  for (const char *p = runtime_channel_wat; *p;) {
    const char *with = NULL;
    if (strncmp(p, "<K>", 3) == 0)
      with = names[kind];
    else if (strncmp(p, "<T>", 3) == 0)
      with = types[kind];
    if (with) {
      memcpy(out + n, with, strlen(with));
      n += strlen(with);
      p += 3;
    } else {
      out[n++] = *p++;
    }
  }
  out[n] = '\0';
  return out;
}

/* Splits the runtime files the program needs into rt; the channel
 * instances are allocated into channels[] (free_runtime frees them). */
static void load_runtime(Emitter *e, Runtime *rt, char *channels[CH__COUNT]) {
  if (e->needs[RT_NUMBER_TEXT]) /* floats as text concatenate their parts */
    e->needs[RT_STRING] = true;
  if (e->needs[RT_ASYNC]) { /* the target's part first: it defines $Stack */
    split_runtime(rt, e->target == TARGET_WASI ? runtime_async_wasi_wat : runtime_async_js_wat);
    split_runtime(rt, runtime_async_wat);
    for (int k = 0; k < CH__COUNT; k++)
      if (e->channels[k])
        split_runtime(rt, channels[k] = instantiate_channel((ChannelKind)k));
  }
  if (e->needs[RT_HASH])
    split_runtime(rt, runtime_hash_wat);
  if (e->needs[RT_STRING])
    split_runtime(rt, runtime_string_wat);
  if (e->needs[RT_NUMBER_TEXT])
    split_runtime(rt, runtime_number_text_wat);
  if (e->needs[RT_PRINT]) {
    split_runtime(rt, runtime_print_wat);
    if (e->target == TARGET_WASI)
      split_runtime(rt, runtime_write_wasi_wat);
  }
}

static void free_runtime(char *channels[CH__COUNT]) {
  for (int k = 0; k < CH__COUNT; k++)
    free(channels[k]);
}

/* The runtime's type definitions ($Task, $Channel.i32, ...): written before
 * the program's own types, which may refer to them. */
void emit_runtime_types(Emitter *e) {
  Runtime rt = {.n = 0};
  char *channels[CH__COUNT] = {NULL};
  load_runtime(e, &rt, channels);
  for (int i = 0; i < rt.n; i++)
    if (rt.funcs[i].type)
      tb_put(e->out, rt.funcs[i].text, rt.funcs[i].len);
  free_runtime(channels);
}

/* The rest of the runtime files the program needs, only the functions it
 * calls (code holds the functions emitted so far). */
void emit_runtime(Emitter *e, const TextBuf *code) {
  Runtime rt = {.n = 0};
  char *channels[CH__COUNT] = {NULL};
  load_runtime(e, &rt, channels);
  mark_calls(&rt, code->data, code->len);
  bool more = true;
  while (more) { /* what the used functions call, each read once */
    more = false;
    for (int i = 0; i < rt.n; i++) {
      RuntimeFunc *f = &rt.funcs[i];
      if (f->used && !f->scanned) {
        f->scanned = true;
        more |= mark_calls(&rt, f->text, f->len) > 0;
      }
    }
  }
  for (int i = 0; i < rt.n; i++)
    if (rt.funcs[i].used && !rt.funcs[i].type)
      tb_put(e->out, rt.funcs[i].text, rt.funcs[i].len);
  free_runtime(channels);
}
