/*
 * main.c - the zena2wat command line.
 *
 *   zena2wat [OPTIONS] [FILE|-]
 *
 * Exit status: 0 success, 1 compile errors, 2 usage or I/O errors.
 */
#include "zena.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION "dev"
#endif

enum { EXIT_OK = 0, EXIT_COMPILE = 1, EXIT_USAGE = 2 };

/* From this size of source on, a compile touches tens of MB of fresh memory,
 * and faulting it in on a second thread (prefault.c) pays for the thread. */
enum { PREFAULT_SOURCE = 512 * 1024 };

typedef enum { MODE_WAT, MODE_DUMP_AST, MODE_CHECK } Mode;

typedef struct {
  Mode mode;          /* what to produce */
  Target target;      /* --target */
  const char *input;  /* FILE or "-" */
  const char *output; /* -o FILE, or NULL for stdout */
} Options;

static const char usage[] =
    "usage: zena2wat [OPTIONS] [FILE|-]\n"
    "Compile a Zena source file to WebAssembly text (WAT).\n"
    "\n"
    "  --target=wasi|js  runtime target (default: wasi)\n"
    "  --dump-ast        print the syntax tree as JSON instead of WAT\n"
    "  --check           parse and check only; print diagnostics\n"
    "  -o FILE           write output to FILE instead of stdout\n"
    "  --help            show this help\n"
    "  --version         show the version\n"
    "\n"
    "Reads standard input when FILE is - or absent.  Exit status: 0 on\n"
    "success, 1 on compile errors, 2 on usage or I/O errors.\n";

static int usage_error(const char *fmt, const char *arg) {
  fputs("zena2wat: ", stderr);
  fprintf(stderr, fmt, arg);
  fputs("\nTry 'zena2wat --help'.\n", stderr);
  return EXIT_USAGE;
}

/* Fills opts from argv; returns -1 to go on, else an exit status. */
static int parse_args(int argc, char **argv, Options *opts) {
  bool only_files = false;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (only_files || a[0] != '-' || strcmp(a, "-") == 0) {
      if (opts->input)
        return usage_error("more than one input file ('%s')", a);
      opts->input = a;
    } else if (strcmp(a, "--") == 0) {
      only_files = true;
    } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
      fputs(usage, stdout);
      return EXIT_OK;
    } else if (strcmp(a, "--version") == 0) {
      printf("zena2wat %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    } else if (strcmp(a, "--dump-ast") == 0) {
      opts->mode = MODE_DUMP_AST;
    } else if (strcmp(a, "--check") == 0) {
      opts->mode = MODE_CHECK;
    } else if (strcmp(a, "--target=wasi") == 0) {
      opts->target = TARGET_WASI;
    } else if (strcmp(a, "--target=js") == 0) {
      opts->target = TARGET_JS;
    } else if (strncmp(a, "--target=", 9) == 0) {
      return usage_error("unknown target '%s' (expected wasi or js)", a + 9);
    } else if (strcmp(a, "-o") == 0) {
      if (++i == argc)
        return usage_error("%s needs a file name", a);
      opts->output = argv[i];
    } else {
      return usage_error("unknown option '%s'", a);
    }
  }
  if (!opts->input)
    opts->input = "-";
  return -1;
}

/* Writes the tree or the module to stdout or to the -o file.  It runs only
 * once the program has parsed and checked, so a failed compile leaves
 * nothing on stdout and creates no file; the module goes out straight from
 * the emitter's buffers, never copied whole. */
static int write_output(const Options *opts, const Node *module, const Source *src,
                        const Program *prog, Arena *arena) {
  FILE *out = opts->output ? fopen(opts->output, "wb") : stdout;
  if (out) {
    if (module)
      ast_dump_json(out, module, src);
    else
      emit_module(out, prog, opts->target, arena);
  }
  if (!out || ferror(out) || (out != stdout ? fclose(out) : fflush(out)) != 0) {
    fprintf(stderr, "zena2wat: cannot write '%s': %s\n",
            opts->output ? opts->output : "<stdout>", strerror(errno));
    return EXIT_USAGE;
  }
  return EXIT_OK;
}

/* Runs the pipeline and writes the result; returns the exit status. */
static int compile(const Options *opts, Source *src, Arena *arena) {
  Diag diag;
  diag_init(&diag, src, stderr);
  Program prog;
  Node *module = NULL;
  bool ok;
  if (opts->mode == MODE_DUMP_AST) { /* the one file, as written */
    module = parse_module(src, arena, &diag, NULL);
    ok = module && diag.errors == 0;
  } else {
    NodeList *modules = parse_program(src, arena, &diag);
    ok = modules && check_program(modules, &prog, arena, &diag);
    ok = ok && check_target(&prog, opts->target, &diag);
  }
  if (diag.errors > diag.max_errors)
    fprintf(stderr, "%s: %d errors in all\n", src->path, diag.errors);
  int status = ok ? EXIT_OK : EXIT_COMPILE;
  if (ok && opts->mode != MODE_CHECK)
    status = write_output(opts, module, src, &prog, arena);
  diag_free(&diag);
  return status;
}

int main(int argc, char **argv) {
  Options opts = {MODE_WAT, TARGET_WASI, NULL, NULL};
  int status = parse_args(argc, argv, &opts);
  if (status >= 0)
    return status;

  Arena *arena = arena_new();
  Source src;
  if (!source_read(&src, arena, opts.input)) {
    fprintf(stderr, "zena2wat: cannot read '%s': %s\n", opts.input,
            strerror(errno));
    arena_free(arena);
    return EXIT_USAGE;
  }
  if (src.len >= PREFAULT_SOURCE && prefault_start())
    arena_prefault(arena);
  status = compile(&opts, &src, arena);
  prefault_stop();
  arena_free(arena);
  return status;
}
