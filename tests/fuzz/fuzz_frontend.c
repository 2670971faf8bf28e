/*
 * fuzz_frontend.c - libFuzzer target for the front end (and what follows).
 *
 * Each input is one source file: it is lexed, classified and parsed, and
 * when that succeeds the tree is dumped as JSON, checked and emitted as WAT
 * (relative imports are not followed).  Diagnostics, dump and WAT go to
 * /dev/null; the fuzzer only cares about crashes, hangs, sanitizer
 * reports and leaks.  Build with `make fuzz`, run with `tools/fuzz`.
 */
#include "zena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  /* Opened once and kept for the whole run (not a leak: still reachable). */
  static FILE *null;
  if (!null && !(null = fopen("/dev/null", "w")))
    abort();

  /* A malloc'ed copy of exactly size + 1 bytes, so that ASan catches any
   * read past the terminating NUL (the arena would hide it in slack). */
  char *text = malloc(size + 1);
  if (!text)
    abort();
  if (size)
    memcpy(text, data, size);
  text[size] = '\0';
  Source src = {.path = "<fuzz>", .text = text, .len = size};

  Arena *arena = arena_new();
  Diag diag;
  diag_init(&diag, &src, null);
  Node *module = parse_module(&src, arena, &diag, NULL);
  if (module && !diag.errors) {
    ast_dump_json(null, module, &src);
    /* then the rest of the pipeline, as `zena2wat` runs it (the prelude
     * included, so parsed again) */
    NodeList *modules = parse_program(&src, arena, &diag);
    Program prog;
    if (modules && check_program(modules, &prog, arena, &diag))
      emit_module(null, &prog, TARGET_WASI, arena);
  }
  diag_free(&diag);
  arena_free(arena);
  free(text);
  return 0;
}
