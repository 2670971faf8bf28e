// zena-run.mjs - run a module compiled by zena2wat on Node; the engine behind
// tools/zena-run, and a library for the test runners (tests/e2e, tests/conformance).
//
//   node FLAGS zena-run.mjs [--target=wasi|js] [--print-result] [--imports=MODULE.mjs]
//                           [--name=PROGRAM] FILE.wasm [ARGS...]
//
// FLAGS: nodeFlags(TARGET) below.
//
// wasi: node:wasi (preview1), args [PROGRAM, ...ARGS], the process environment,
//   standard streams passed through.  Without --print-result: wasi.start(instance),
//   whose _start calls main and proc_exit(result) when main returns an i32.  With
//   --print-result: main is called directly (wasi.initialize on a view of the exports
//   without _start, so WASI still gets the memory), its result printed, and the
//   exit status derived from the result as _start would.
// js: runtime-wat/loader.mjs, then main(); ARGS are ignored.
//
// Exit status (both targets): main's i32 result modulo 256, else 0; 134 on a trap or
// an uncaught exception (`zena-run: trap: MESSAGE` / `zena-run: uncaught exception:
// MESSAGE` on stderr); 70 when the module cannot be compiled or linked; 2 usage or a
// fatal error of the task runtime (a deadlock, too many tasks: its own message).
//
// The js target runs without --experimental-wasm-wasmfx: with it, V8 14.6 refuses
// to suspend a JSPI stack that earlier entered a nested promising export from an
// import ("SuspendError: trying to suspend JS frames"), which every task start does.

import { readFileSync, realpathSync, writeSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { WASI } from 'node:wasi';
import {
  instantiate, formatResult, exportResultTypes, errorMessage, ZenaExit,
} from '../runtime-wat/loader.mjs';

export { formatResult };

export const NODE_FLAGS = [
  '--experimental-wasm-wasmfx',
  '--no-turboshaft-wasm-load-elimination',
  '--no-warnings',
];

// The flags a Node process needs to run modules of target (they are process-wide:
// see the top of the file for why js runs without wasmfx).
export function nodeFlags(target) {
  return target === 'js' ? ['--no-warnings'] : NODE_FLAGS;
}

// Whether this process was started with nodeFlags(target).
export function flagsFit(target) {
  return process.execArgv.includes('--experimental-wasm-wasmfx') === (target !== 'js');
}

export const EXIT_TRAP = 134;
export const EXIT_INTERNAL = 70;

// Writes all of text to fd, retrying on EAGAIN (a non-blocking pipe).
export function writeAll(fd, text) {
  const buf = Buffer.from(text, 'utf8');
  let off = 0;
  while (off < buf.length) {
    try {
      off += writeSync(fd, buf, off, buf.length - off);
    } catch (e) {
      if (e.code !== 'EAGAIN') throw e;
    }
  }
}

// What a thrown value means for the program: a trap (RuntimeError, or a stack
// overflow), an uncaught exception (a Wasm exception, or a JS error from an import).
// A Zena Error (see loader.mjs errorMessage; `exports` are the module's) or the
// loader's report of one shows as `uncaught exception: Error: MESSAGE`.
export function classifyError(e, exports = {}) {
  const message = errorMessage(e, exports) ?? errorMessage(e?.cause, exports);
  if (message !== null) return { kind: 'exception', message: `Error: ${message}` };
  if (e instanceof WebAssembly.RuntimeError) return { kind: 'trap', message: e.message };
  if (e instanceof RangeError && /call stack/i.test(e.message)) {
    return { kind: 'trap', message: e.message };
  }
  if (e instanceof WebAssembly.Exception) return { kind: 'exception', message: 'Wasm exception' };
  if (e instanceof Error) return { kind: 'exception', message: `${e.name}: ${e.message}` };
  return { kind: 'exception', message: String(e) };
}

function statusOf(value, resultType) {
  return resultType === 'i32' && typeof value === 'number' ? value & 0xff : 0;
}

function mergeImports(base, extra) {
  const out = { ...base };
  for (const [mod, names] of Object.entries(extra || {})) out[mod] = { ...(out[mod] || {}), ...names };
  return out;
}

// Runs main of the module `bytes`.  Program output goes to the file descriptors
// opts.stdout/opts.stderr (default 1 and 2), so does the --print-result line and the
// `zena-run: ...` diagnostic.  Resolves to
//   { status, value, resultType, resultText, error: null | { kind, message } }
// where error.kind is 'trap', 'exception', 'exit' or 'internal'.  opts.wantResult calls main
// directly (as --print-result does) without printing the result.
export async function runWasm(bytes, opts = {}) {
  const {
    target = 'wasi', args = [], env = {}, imports = {}, printResult = false,
    wantResult = false, stdout = 1, stderr = 2, name = 'main.wasm',
  } = opts;
  const say = (msg) => writeAll(stderr, `zena-run: ${msg}\n`);
  const fail = (kind, message, status) => {
    say(kind === 'internal' ? message : `${kind === 'trap' ? 'trap' : 'uncaught exception'}: ${message}`);
    return { status, value: undefined, resultType: undefined, resultText: undefined, error: { kind, message } };
  };
  const results = exportResultTypes(bytes, 'main');
  const resultType = !results ? undefined : results.length === 0 ? 'void'
    : results.length === 1 ? results[0] : 'multi';
  const callMain = printResult || wantResult;

  let module;
  try {
    module = await WebAssembly.compile(bytes);
  } catch (e) {
    return fail('internal', `cannot compile the module: ${e.message}`, EXIT_INTERNAL);
  }

  let value;
  let exported = {}; // the instance's exports, for formatResult
  if (target === 'wasi') {
    const wasi = new WASI({
      version: 'preview1', args: [name, ...args], env, returnOnExit: true,
      stdin: 0, stdout, stderr,
    });
    let instance;
    try {
      instance = await WebAssembly.instantiate(module, mergeImports(wasi.getImportObject(), imports));
    } catch (e) {
      return fail('internal', `cannot instantiate the module: ${e.message}`, EXIT_INTERNAL);
    }
    // node:wasi wants the exported memory (a module that never prints may have none:
    // lend it an empty one), and wasi.initialize refuses a module that exports
    // _start, so both get a view of the exports.
    const { exports } = instance;
    exported = exports;
    const memory = exports.memory instanceof WebAssembly.Memory
      ? exports.memory : new WebAssembly.Memory({ initial: 0 });
    const entry = callMain ? 'main' : '_start';
    if (typeof exports[entry] !== 'function') {
      return fail('internal', `the module has no exported function "${entry}"`, EXIT_INTERNAL);
    }
    if (callMain) {
      try {
        wasi.initialize({ exports: { memory } });
      } catch (e) {
        return fail('internal', `cannot initialise WASI: ${e.message}`, EXIT_INTERNAL);
      }
    }
    try {
      if (!callMain) {
        const code = wasi.start({ exports: { _start: exports._start, memory } });
        return { status: (code ?? 0) & 0xff, value: undefined, resultType, resultText: undefined, error: null };
      }
      value = exports.main();
    } catch (e) {
      const c = classifyError(e, exports);
      return fail(c.kind, c.message, EXIT_TRAP);
    }
  } else if (target === 'js') {
    let program;
    try {
      program = await instantiate(module, {
        imports,
        stdout: (text) => writeAll(stdout, text),
        stderr: (text) => writeAll(stderr, text),
      });
    } catch (e) {
      return fail('internal', `cannot instantiate the module: ${e.message}`, EXIT_INTERNAL);
    }
    exported = program.instance.exports;
    try {
      value = await program.run();
    } catch (e) {
      if (e instanceof ZenaExit) { // its message is on stderr already
        return { status: e.status, value: undefined, resultType, resultText: undefined,
                 error: { kind: 'exit', message: e.message } };
      }
      const c = classifyError(e, exported);
      return fail(c.kind, c.message, EXIT_TRAP);
    }
  } else {
    return fail('internal', `unknown target '${target}'`, 2);
  }
  const resultText = formatResult(value, resultType, exported);
  if (printResult) writeAll(stdout, resultText + '\n');
  return { status: statusOf(value, resultType), value, resultType, resultText, error: null };
}

// Loads --imports=MODULE.mjs: its default export (or export `imports`) is an import
// object, { module: { name: function, ... }, ... }, merged into what the target provides.
export async function loadImports(file) {
  const mod = await import(pathToFileURL(file).href);
  const value = mod.default ?? mod.imports;
  return typeof value === 'function' ? await value() : value || {};
}

// ---------------------------------------------------------------------------
// Command line

const USAGE =
  'usage: zena-run.mjs [--target=wasi|js] [--print-result] [--imports=MODULE.mjs]\n' +
  '                    [--name=PROGRAM] FILE.wasm [ARGS...]';

async function cli(argv) {
  const opts = { target: 'wasi', printResult: false, imports: {}, name: '' };
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { i++; break; }
    if (!a.startsWith('--') || a === '-') break;
    const m = /^--([a-z-]+)(?:=(.*))?$/s.exec(a);
    const key = m ? m[1] : '';
    const value = m ? m[2] : undefined;
    if (key === 'target' && (value === 'wasi' || value === 'js')) opts.target = value;
    else if (key === 'print-result' && value === undefined) opts.printResult = true;
    else if (key === 'imports' && value) opts.imports = await loadImports(value);
    else if (key === 'name' && value) opts.name = value;
    else if (key === 'help') { process.stdout.write(USAGE + '\n'); return 0; }
    else { process.stderr.write(`zena-run: bad option '${a}'\n${USAGE}\n`); return 2; }
  }
  if (i >= argv.length) { process.stderr.write(USAGE + '\n'); return 2; }
  const file = argv[i];
  let bytes;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    process.stderr.write(`zena-run: cannot read ${file}: ${e.message}\n`);
    return 2;
  }
  // js: the runtime reports its own deadlocks, but not a host promise that never
  // settles; then Node's event loop drains while main waits.
  const drained = () => {
    writeAll(2, 'deadlock: main is still waiting, and nothing is left to wake it ' +
      '(a host promise never settled)\n');
    process.exit(2);
  };
  process.once('beforeExit', drained);
  const r = await runWasm(bytes, {
    target: opts.target, printResult: opts.printResult, imports: opts.imports,
    args: argv.slice(i + 1), env: { ...process.env }, name: opts.name || file,
  });
  process.off('beforeExit', drained);
  return r.status;
}

function invokedDirectly() {
  try {
    return !!process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
  } catch {
    return false;
  }
}
const isMain = invokedDirectly();
if (isMain) {
  cli(process.argv.slice(2)).then(
    (status) => { process.exitCode = status; },
    (e) => {
      process.stderr.write(`zena-run: internal error: ${e && e.stack || e}\n`);
      process.exitCode = EXIT_INTERNAL;
    },
  );
}

