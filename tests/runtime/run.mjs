// Tests of the async runtime for --target=wasi (runtime-wat/async_wasi.wat, async.wat and
// channel.wat) without the compiler: each tests/runtime/NAME.wat stands in for
// generated code (see README.md here).
//
//   node --experimental-wasm-wasmfx --no-turboshaft-wasm-load-elimination --no-warnings \
//     run.mjs [--filter=SUB,...] [--keep=DIR] [--no-shell]
//
// Every test is wrapped in a module with the runtime (all five channel kinds),
// assembled with binaryen's JS API and run by tools/zena-run.mjs in its own Node
// process (a test may end the process, or create 32000 stacks); its stdout,
// stderr and exit status are compared with NAME.stdout, NAME.stderr, NAME.exit.
// A test with `;; @shell` also runs under binaryen's interpreter (wasm-shell):
// what it printed is hashed into the exported global `trace` on both engines
// and the two hashes must agree.  A test with `;; @bench` prints its output
// instead of comparing it.  Prints `FAIL NAME: reason` per failure, then
// `N passed, N failed`; exit status 0 all passed, 1 a failure, 2 setup error.

import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Assembler, NODE_FLAGS, TOP_SRCDIR, pool, runProcess, shortDiff } from '../e2e/harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const runtimeDir = path.join(TOP_SRCDIR, 'runtime-wat');
const KINDS = { i32: 'i32', i64: 'i64', f32: 'f32', f64: 'f64', ref: 'anyref' };

const opts = { filter: '', keep: '', shell: true };
for (const arg of process.argv.slice(2)) {
  const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
  if (m?.[1] === 'filter') opts.filter = m[2] ?? '';
  else if (m?.[1] === 'keep') opts.keep = path.resolve(m[2] ?? '.');
  else if (m?.[1] === 'no-shell') opts.shell = false;
  else {
    process.stderr.write(`run.mjs: unexpected argument '${arg}'\n`);
    process.exit(2);
  }
}

const runtimeFile = (name) => readFileSync(path.join(runtimeDir, name), 'utf8');

// One channel.wat instance per kind, as emit_runtime.c writes them.
function channels() {
  const template = runtimeFile('channel.wat');
  return Object.entries(KINDS)
    .map(([k, t]) => template.replaceAll('<K>', k).replaceAll('<T>', t)).join('\n');
}

// What the emitter provides around the runtime: $String, the WASI imports, the
// Error class with its tag and $zena_throw_error, print and number text.
const PRELUDE = `
  (type $String (array (mut i8)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "clock_time_get" (func $clock_time_get (param i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "poll_oneoff" (func $poll_oneoff (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (type $Error (struct (field $message (ref $String))))
  (tag $zena.error (export "zena_error") (param (ref $Error)))
  (func (export "zena_error_length") (param $e (ref $Error)) (result i32)
    (array.len (struct.get $Error $message (local.get $e))))
  (func (export "zena_error_byte") (param $e (ref $Error)) (param $i i32) (result i32)
    (array.get_u $String (struct.get $Error $message (local.get $e)) (local.get $i)))
  (func $zena_throw_error (param $m (ref $String))
    (throw $zena.error (struct.new $Error (local.get $m))))
  ;; the test's output, hashed (FNV-1a) for the differential run
  (global $trace (export "trace") (mut i32) (i32.const 0x811c9dc5))
  (func $out (param $s (ref $String))
    (local $i i32)
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (array.len (local.get $s))))
      (global.set $trace (i32.mul (i32.xor (global.get $trace)
        (array.get_u $String (local.get $s) (local.get $i))) (i32.const 0x01000193)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (call $zena_print (local.get $s) (i32.const 1)))
  (func $out_i32 (param $n i32) (call $out (call $zena_i32_to_string (local.get $n))))
  ;; a task body's argument: env holds an i31
  (func $arg (param $t (ref $Task)) (result i32)
    (i31.get_s (ref.cast (ref i31) (struct.get $Task $env (local.get $t)))))
  ;; a new task running body with argument n
  (func $task (param $body (ref $TaskBody)) (param $n i32) (result (ref $Task))
    (call $zena_task_new (local.get $body) (ref.i31 (local.get $n))))
`;

// (out "text") in a test: prints text (a passive data segment each).
function expandStrings(text, data) {
  return text.replace(/\(out "((?:[^"\\]|\\.)*)"\)/g, (_, s) => {
    const n = data.length;
    const len = Buffer.byteLength(JSON.parse(`"${s}"`));
    data.push(`  (data $test.text.${n} "${s}")`);
    return `(call $out (array.new_data $String $test.text.${n} (i32.const 0) (i32.const ${len})))`;
  });
}

function buildModule(testText) {
  const data = [];
  const body = expandStrings(testText, data);
  const funcs = [...body.matchAll(/^\s*\(func \$([\w.]+)/gm)].map((m) => `$${m[1]}`);
  const start = /\(func \$_start\b/.test(body) ? '' :
    '  (func $_start (export "_start")\n' +
    '    (call $zena_run_main (call $zena_task_new (ref.func $main) (ref.null none))))\n';
  return [
    '(module', PRELUDE,
    ...['string.wat', 'number_text.wat', 'print.wat', 'write_wasi.wat', 'async_wasi.wat', 'async.wat']
      .map(runtimeFile),
    channels(), body, start, data.join('\n'),
    funcs.length ? `  (elem declare func ${funcs.join(' ')})` : '', ')', '',
  ].join('\n');
}

const directive = (text, name) => new RegExp(`^;;\\s*@${name}\\b`, 'm').test(text);

// wasm-shell: the module with stand-in WASI functions, then _start, then the
// trace V8 computed.
function shellScript(wat, trace) {
  return `(module $wasi
  (func (export "proc_exit") (param i32) (unreachable))
  (func (export "fd_write") (param i32 i32 i32 i32) (result i32) (i32.const 0))
  (func (export "clock_time_get") (param i32 i64 i32) (result i32) (i32.const 0))
  (func (export "poll_oneoff") (param i32 i32 i32 i32) (result i32) (i32.const 0)))
(register "wasi_snapshot_preview1" $wasi)
${wat}
(invoke "_start")
(assert_return (get "trace") (i32.const ${trace | 0}))
`;
}

// The trace of the module run on V8 with silent WASI stand-ins.  (The clock
// stands still under wasm-shell: a @shell test must not wait for a timer.)
async function v8Trace(bytes) {
  const nop = () => 0;
  const { instance } = await WebAssembly.instantiate(bytes, {
    wasi_snapshot_preview1: {
      proc_exit: () => { throw new Error('proc_exit'); }, fd_write: nop,
      clock_time_get: nop, poll_oneoff: () => { throw new Error('a @shell test waited for a timer'); },
    },
  });
  instance.exports._start();
  return instance.exports.trace.value;
}

async function main() {
  const asm = await Assembler.create();
  const filters = opts.filter.split(',').filter(Boolean);
  const names = readdirSync(here).filter((f) => f.endsWith('.wat')).map((f) => f.slice(0, -4))
    .filter((n) => !filters.length || filters.some((f) => n.includes(f))).sort();
  const tmp = opts.keep || mkdtempSync(path.join(os.tmpdir(), 'zena-rt-'));
  mkdirSync(tmp, { recursive: true });
  let passed = 0;
  let failed = 0;
  const fail = (name, why) => {
    failed++;
    process.stdout.write(`FAIL ${name}: ${why}\n`);
  };
  await pool(names, 2, async (name) => {
    const text = readFileSync(path.join(here, `${name}.wat`), 'utf8');
    const wat = buildModule(text);
    const watFile = path.join(tmp, `${name}.wat`);
    writeFileSync(watFile, wat);
    const { bytes, error } = await asm.assemble(wat);
    if (error) return fail(name, error);
    const wasm = path.join(tmp, `${name}.wasm`);
    writeFileSync(wasm, bytes);
    const r = await runProcess(process.execPath,
      [...NODE_FLAGS, path.join(TOP_SRCDIR, 'tools/zena-run.mjs'), wasm], { timeout: 60 });
    if (r.spawnError || r.timedOut) return fail(name, r.spawnError || 'timed out');
    if (directive(text, 'bench')) {
      process.stdout.write(`bench ${name}: ${r.stdout.trim()}\n`);
      if (r.code !== 0) return fail(name, `exit ${r.code}: ${r.stderr.trim()}`);
      passed++;
      return;
    }
    const expect = (ext, dflt) => {
      const f = path.join(here, `${name}${ext}`);
      return existsSync(f) ? readFileSync(f, 'utf8') : dflt;
    };
    const status = Number(expect('.exit', '0').trim());
    if (r.stdout !== expect('.stdout', '')) return fail(name, `stdout ${shortDiff(expect('.stdout', ''), r.stdout)}`);
    if (r.stderr !== expect('.stderr', '')) return fail(name, `stderr ${shortDiff(expect('.stderr', ''), r.stderr)}`);
    if (r.code !== status) return fail(name, `exit status ${r.code}, expected ${status}`);
    if (opts.shell && directive(text, 'shell')) {
      const trace = await v8Trace(bytes);
      const wast = path.join(tmp, `${name}.wast`);
      writeFileSync(wast, shellScript(wat, trace));
      const s = await runProcess(process.execPath, [process.env.ZENA_WASM_SHELL, wast], { timeout: 60 });
      if (s.code !== 0) {
        const msg = (s.stderr || s.stdout).trim().split('\n').slice(-3).join(' | ');
        return fail(name, `wasm-shell disagrees: ${msg}`);
      }
    }
    passed++;
  });
  if (!opts.keep) rmSync(tmp, { recursive: true, force: true });
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  return failed ? 1 : 0;
}

main().then((code) => process.exit(code), (e) => {
  process.stderr.write(`run.mjs: ${e.stack || e}\n`);
  process.exit(2);
});
