/*
 * emit_host.c - what the task runtime needs from the host: the target's
 * runtime imports, and the async host functions of the js target
 * (`@external(...) declare async function`, see check_async.c).
 */
#include "emit.h"

#include <string.h>

/* What the target's task runtime imports: WASI's clock and sleep for
 * async_wasi.wat; for async_js.wat, the loader's (runtime-wat/loader.mjs),
 * where all but now and exit are WebAssembly.Suspending. */
void emit_async_imports(Emitter *e) {
  static const char *const wasi[] = {
      "\"wasi_snapshot_preview1\" \"clock_time_get\" "
      "(func $clock_time_get (param i32 i64 i32) (result i32))",
      "\"wasi_snapshot_preview1\" \"poll_oneoff\" "
      "(func $poll_oneoff (param i32 i32 i32 i32) (result i32))",
      NULL};
  static const char *const js[] = {
      "\"zena\" \"start\" (func $zena_host_start)",
      "\"zena\" \"reuse\" (func $zena_host_reuse)",
      "\"zena\" \"park\" (func $zena_host_park (param (ref $Task)))",
      "\"zena\" \"park_to\" (func $zena_host_park_to (param (ref $Task) (ref $Task)))",
      "\"zena\" \"switch\" (func $zena_host_switch (param (ref $Task)))",
      "\"zena\" \"idle\" (func $zena_host_idle)",
      "\"zena\" \"now\" (func $zena_host_now (result f64))",
      "\"zena\" \"wait\" (func $zena_host_wait (param f64))",
      "\"zena\" \"exit\" (func $zena_host_exit (param i32 i32 i32))",
      NULL};
  for (const char *const *i = e->target == TARGET_WASI ? wasi : js; *i; i++)
    line(e, "(import %s)", *i);
}

/* How a value of type t crosses to the host (see loader.mjs hostFunction):
 * 's' a String, 'b' a boolean, 'v' no value, 'n' a number. */
static char host_kind(const Type *t) {
  return t->kind == TY_STRING ? 's' : t->kind == TY_BOOLEAN ? 'b' : t->kind == TY_VOID ? 'v' : 'n';
}

/* Each async host function f (js only: check_target) is imported as
 * $f.host, which the loader wraps in WebAssembly.Suspending; $f tells the
 * runtime that the task waits for the host, then calls it with the task.
 * An exported marker global, "zena.async:KINDS:MODULE:NAME", tells the
 * loader which imports are async and how their values cross (host_kind for
 * each parameter, '>', then the result's). */
void emit_host_calls(Emitter *e) {
  bool strings = false;
  for (int i = 0; i < e->prog->nimports; i++) {
    const Symbol *sym = e->prog->imports[i];
    const Function *f = sym->fn;
    if (!f || !f->is_async)
      continue;
    need_async(e);
    const Node *d = sym->decl;
    const Type *code = f->code_type;
    char kinds[64];
    int n = 0;
    for (int p = 0; p < code->nparams && n < 60; p++)
      kinds[n++] = host_kind(code->params[p]);
    kinds[n++] = '>';
    kinds[n++] = host_kind(code->result);
    kinds[n] = '\0';
    strings |= strchr(kinds, 's') != NULL;
    const char *mod = d->DeclareFunction.externalModule;
    const char *name = d->DeclareFunction.externalName;
    line(e, ";; %s: an async host function; the task waits, parked, until its "
         "promise settled", sym->name);
    line(e, "(global $%s.async (export \"zena.async:%s:%s:%s\") i32 (i32.const 0))",
         sym->wasm_name, kinds, mod ? mod : "env", name ? name : sym->name);
    start_line(e);
    tb_printf(e->out, "(func $%s", sym->wasm_name);
    for (int p = 0; p < code->nparams; p++)
      tb_printf(e->out, " (param $a%d %s)", p, wasm_type(e, code->params[p]));
    if (wasm_type(e, code->result))
      tb_printf(e->out, " (result %s)", wasm_type(e, code->result));
    tb_puts(e->out, "\n");
    e->depth++;
    start_line(e);
    tb_printf(e->out, "(call $%s.host (call $zena_host_call)", sym->wasm_name);
    for (int p = 0; p < code->nparams; p++)
      tb_printf(e->out, " (local.get $a%d)", p);
    put(e, ")\n");
    close_line(e);
  }
  if (strings) { /* how the loader reads and makes Strings */
    line(e, "(export \"zena_string_to_memory\" (func $zena_string_to_memory))");
    line(e, "(export \"zena_string_from_memory\" (func $zena_string_from_memory))");
  }
}
