// loader.mjs - instantiate a module compiled by `zena2wat --target=js`.
//
// Works unchanged in Node (>= 26) and in browsers: no Node-only imports; the host is
// detected at run time through globalThis.
//
//   import { instantiate } from './loader.mjs';
//   const { instance, run } = await instantiate(fetch('prog.wasm'), {
//     imports: { host: { now: () => Date.now() } },  // for @external("host", "now")
//     stdout: (text) => ..., stderr: (text) => ...,   // optional
//   });
//   const result = await run();                       // calls exports.main()
//
// instantiate(source, options) takes the module as bytes (ArrayBuffer, typed array,
// Node Buffer), a Response (or a Promise of one, e.g. fetch(...)) or a compiled
// WebAssembly.Module, and resolves to
//   { instance, module, run, resultType }
// where run() calls the exported `main` and returns a Promise of its result (a number,
// a BigInt for i64, undefined for none, an opaque reference for a String), and
// resultType is main's Wasm result type read from the binary: 'void', 'i32', 'i64',
// 'f32', 'f64', 'ref', 'multi', or undefined when unknown (a Module was passed in).
//
// Console output: the compiled module calls the import zena.write(fd, ptr, len) with
// one whole line of UTF-8 text (including its '\n') in the exported memory, fd 1 for
// stdout and 2 for stderr.  The loader decodes it and calls options.stdout(text) or
// options.stderr(text) with that text, newline included.  The defaults write to
// process.stdout/process.stderr in Node, and to console.log/console.error (without the
// trailing newline) elsewhere.  User imports are merged with the loader's own:
// options.imports.zena may add names, but `zena.write` is always the loader's.
//
// Async code (the task runtime, runtime-wat/async_js.wat): main runs on a JSPI stack
// of its own and each task on another; the other `zena.*` imports are the loader's.
// An async host function, `@external("host", "f") declare async function f(...): T`,
// is given in options.imports as a JS function returning a promise (the loader wraps
// it in WebAssembly.Suspending); numbers, booleans and Strings cross as JS values.
// run() rejects with the error of a trap in any task, with a JS Error for an uncaught
// Zena Error (see below), and with a ZenaExit for a deadlock or too many live tasks
// (its message is printed on stderr first; nothing is printed after it).  In Node,
// the js target must run without --experimental-wasm-wasmfx (see tools/zena-run.mjs).

const hostProcess = () => {
  const p = globalThis.process;
  return p && p.versions && typeof p.versions.node === 'string' ? p : null;
};

function defaultWriter(fd) {
  return (text) => {
    const p = hostProcess();
    if (p) {
      (fd === 2 ? p.stderr : p.stdout).write(text);
    } else {
      const line = text.endsWith('\n') ? text.slice(0, -1) : text;
      (fd === 2 ? console.error : console.log)(line);
    }
  };
}

async function compileSource(source) {
  source = await source;
  if (source instanceof WebAssembly.Module) return { module: source, bytes: null };
  let bytes;
  if (typeof Response === 'function' && source instanceof Response) {
    if (!source.ok) throw new Error(`cannot load ${source.url || 'module'}: HTTP ${source.status}`);
    bytes = new Uint8Array(await source.arrayBuffer());
  } else if (source instanceof ArrayBuffer) {
    bytes = new Uint8Array(source);
  } else if (ArrayBuffer.isView(source)) {
    bytes = new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
  } else {
    throw new TypeError('instantiate: expected Wasm bytes, a Response or a WebAssembly.Module');
  }
  return { module: await WebAssembly.compile(bytes), bytes };
}

export async function instantiate(source, { imports = {}, stdout, stderr } = {}) {
  const { module, bytes } = await compileSource(source);
  const out = stdout || defaultWriter(1);
  const err = stderr || defaultWriter(2);
  const decoder = new TextDecoder();
  let instance = null;
  let stopped = false; // a fatal error or a trap in a task: no more output
  const text = (ptr, len) =>
    decoder.decode(new Uint8Array(instance.exports.memory.buffer, ptr >>> 0, len >>> 0));
  const write = (fd, ptr, len) => {
    if (!stopped) (fd === 2 ? err : out)(text(ptr, len));
  };
  const tasks = new TaskRuntime(() => instance.exports, {
    text,
    exit(message) {
      err(message + '\n');
      stopped = true;
    },
    stop() { stopped = true; },
  });
  const allImports = {
    ...tasks.wrapHostFunctions(module, imports),
    zena: { ...(imports.zena || {}), ...tasks.imports, write },
  };
  instance = await WebAssembly.instantiate(module, allImports);
  const run = async () => {
    const main = instance.exports.main;
    if (typeof main !== 'function') throw new Error('the module has no exported function "main"');
    try {
      // with the task runtime, main runs on a JSPI stack of its own
      return await (instance.exports.zena_task_entry ? tasks.run(main) : main());
    } catch (e) {
      // an uncaught Zena Error: a JS Error that says what it was, the Wasm
      // exception itself as its cause
      const message = errorMessage(e, instance.exports);
      if (message === null) throw e;
      throw new Error(`uncaught Error: ${message}`, { cause: e });
    }
  };
  const results = bytes ? exportResultTypes(bytes, 'main') : null;
  let resultType;
  if (results) resultType = results.length === 0 ? 'void' : results.length === 1 ? results[0] : 'multi';
  return { instance, module, run, resultType };
}

// A fatal runtime error (a deadlock, too many live tasks): the message was
// printed on stderr; status is the exit status the wasi target would give.
export class ZenaExit extends Error {
  constructor(message, status) {
    super(message);
    this.name = 'ZenaExit';
    this.status = status;
  }
}

// The js side of the task runtime (runtime-wat/async_js.wat explains the
// protocol): each task runs on a worker, a JSPI stack entered through the
// promising export zena_task_entry; the stack that runs hands the run to
// another through a Suspending import and waits, on a promise, until that
// one hands it back by parking or going idle.  Exactly one stack runs at a
// time, in the order of the Wasm ready queue.
class TaskRuntime {
  constructor(exports, { text, exit, stop }) {
    this.exports = exports;  // the instance's exports, once there is one
    this.parked = new Map(); // a parked task -> resolves its park promise
    this.idle = [];          // resolve the promises idle workers wait on
    this.waiting = [];       // stacks that handed the run on, the last on top
    this.wakeIdle = null;    // resolves the scheduler's zena.wait
    this.fail = null;        // rejects run(): a trap in a task
    this.exitError = null;   // a fatal runtime error (ZenaExit), once one happened
    this.stop = stop;
    let entry = null;
    const handBack = () => this.handBack();
    this.imports = {
      start: new WebAssembly.Suspending(() => this.handOff(() => {
        entry ||= WebAssembly.promising(exports().zena_task_entry);
        entry().catch((e) => this.failed(e));
      })),
      reuse: new WebAssembly.Suspending(() => this.handOff(() => this.idle.pop()())),
      switch: new WebAssembly.Suspending((t) => this.handOff(() => this.resumeParked(t))),
      park: new WebAssembly.Suspending((t) => {
        handBack();
        return this.park(t);
      }),
      // t parks and the parked task next runs instead, on behalf of
      // whoever waits for t to hand back
      park_to: new WebAssembly.Suspending((t, next) => {
        this.resumeParked(next);
        return this.park(t);
      }),
      idle: new WebAssembly.Suspending(() => {
        handBack();
        return new Promise((resolve) => this.idle.push(resolve));
      }),
      now: () => performance.now(),
      wait: new WebAssembly.Suspending((ms) => new Promise((resolve) => {
        const timer = ms >= 0 ? setTimeout(() => this.idleOver(), Math.ceil(ms)) : null;
        this.wakeIdle = () => { clearTimeout(timer); resolve(); };
      })),
      // the module traps right after this: run() rejects with a ZenaExit
      exit: (status, ptr, len) => {
        const message = text(ptr, len);
        exit(message);
        this.exitError = new ZenaExit(message, status);
      },
    };
  }

  // The running stack hands the run on (go resumes or starts another) and
  // waits until it is handed back: at once if go ran a new worker whose
  // task parked without handing on (then the caller does not suspend),
  // else through a promise.  A new worker that traps never hands back, and
  // its trap rejects run().
  handOff(go) {
    const waiter = { resume: null, done: false };
    this.waiting.push(waiter);
    go();
    if (waiter.done) return undefined;
    return new Promise((resolve) => { waiter.resume = resolve; });
  }

  // A promise that resolves when t is switched to again.
  park(t) {
    return new Promise((resolve) => this.parked.set(t, resolve));
  }

  resumeParked(t) {
    const resume = this.parked.get(t);
    this.parked.delete(t);
    resume();
  }

  // The running stack parked or went idle: the one that handed it the run
  // goes on.
  handBack() {
    const waiter = this.waiting.pop();
    if (!waiter) return;
    if (waiter.resume) waiter.resume();
    else waiter.done = true;
  }

  // The scheduler's zena.wait is over: its timer is due, or a host call settled.
  idleOver() {
    const wake = this.wakeIdle;
    this.wakeIdle = null;
    if (wake) wake();
  }

  failed(e) {
    this.stop();
    if (this.fail) this.fail(this.exitError || e);
  }

  // imports with each async host function (an `@external ... declare async
  // function`, marked by an export "zena.async:KINDS:MODULE:NAME", see
  // emit_async.c emit_host_calls) wrapped by hostFunction.
  wrapHostFunctions(module, imports) {
    const kinds = new Map();
    for (const { name } of WebAssembly.Module.exports(module)) {
      const m = /^zena\.async:([^:]*):(.*)$/s.exec(name);
      if (m) kinds.set(m[2], m[1]);
    }
    const out = { ...imports };
    for (const { module: mod, name, kind } of WebAssembly.Module.imports(module)) {
      const k = kind === 'function' && kinds.get(`${mod}:${name}`);
      if (!k) continue;
      const f = imports[mod] && imports[mod][name];
      if (typeof f !== 'function') continue; // instantiation reports it
      out[mod] = { ...out[mod], [name]: this.hostFunction(f, k) };
    }
    return out;
  }

  // An async host function f as a Suspending import, called with the task
  // and the arguments.  The task parks until f's promise settled and the
  // scheduler reaches it; kinds says how values cross ('s' a String, 'b' a
  // boolean, 'n' a number, 'v' none: one per parameter, '>', the result).
  hostFunction(f, kinds) {
    const [params, result] = kinds.split('>');
    const decoder = new TextDecoder();
    const encoder = new TextEncoder();
    const toHost = (k, v) => {
      if (k === 'b') return v !== 0;
      if (k !== 's') return v;
      const e = this.exports();
      const len = e.zena_string_to_memory(v);
      return decoder.decode(new Uint8Array(e.memory.buffer, 16, len));
    };
    const fromHost = (v) => {
      if (result === 'v') return undefined;
      if (result === 'b') return v ? 1 : 0;
      if (result !== 's') return v;
      const e = this.exports();
      const bytes = encoder.encode(String(v));
      const need = Math.ceil((16 + bytes.length) / 65536) - e.memory.buffer.byteLength / 65536;
      if (need > 0) e.memory.grow(need);
      new Uint8Array(e.memory.buffer, 16, bytes.length).set(bytes);
      return e.zena_string_from_memory(bytes.length);
    };
    return new WebAssembly.Suspending(async (t, ...args) => {
      const values = args.map((v, i) => toHost(params[i], v));
      this.handBack();
      let outcome;
      try {
        outcome = { value: await f(...values) };
      } catch (error) {
        outcome = { error };
      }
      this.exports().zena_host_settled(t);
      this.idleOver();
      await this.park(t);
      if (outcome.error) throw outcome.error;
      return fromHost(outcome.value);
    });
  }

  // Runs main on a JSPI stack; a trap in any task rejects the result.
  run(main) {
    const failure = new Promise((_, reject) => { this.fail = reject; });
    const ran = WebAssembly.promising(main)().catch((e) => { throw this.exitError || e; });
    return Promise.race([ran, failure]);
  }
}

// Text for main's result, as `zena-run --print-result` prints it: numbers as JavaScript
// prints them, i64 (a BigInt) as its digits, no result as "undefined".  The compiler
// says what Wasm cannot: a boolean main exports the global `zena_result_boolean`, and
// a String main exports `zena_string_length(s)` and `zena_string_byte(s, i)`.
export function formatResult(value, resultType, exports = {}) {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (exports.zena_result_boolean && typeof value === 'number') {
    return value ? 'true' : 'false';
  }
  if (typeof value === 'bigint' || typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  if (typeof exports.zena_string_length === 'function') {
    const bytes = new Uint8Array(exports.zena_string_length(value));
    for (let i = 0; i < bytes.length; i++) bytes[i] = exports.zena_string_byte(value, i);
    return new TextDecoder().decode(bytes);
  }
  void resultType;
  return '[object]';
}

// The message of an uncaught Zena Error (a WebAssembly.Exception carrying the
// module's exported tag `zena_error`), or null for any other thrown value.  The
// module exports zena_error_length(e) and zena_error_byte(e, i) to read it.
export function errorMessage(e, exports = {}) {
  const tag = exports.zena_error;
  if (!(e instanceof WebAssembly.Exception) || !(tag instanceof WebAssembly.Tag) || !e.is(tag)) {
    return null;
  }
  const error = e.getArg(tag, 0);
  const bytes = new Uint8Array(exports.zena_error_length(error));
  for (let i = 0; i < bytes.length; i++) bytes[i] = exports.zena_error_byte(error, i);
  return new TextDecoder().decode(bytes);
}

// The result types ('i32', 'i64', 'f32', 'f64', 'v128', 'ref') of the function exported
// as `name`, read from the binary; null if there is no such export or the binary is
// not understood.  Knows the GC and stack-switching type encodings.
export function exportResultTypes(bytes, name) {
  try {
    return readExportResults(bytes, name);
  } catch {
    return null;
  }
}

function readExportResults(b, name) {
  let p = 8;
  const fail = () => { throw new Error('bad module'); };
  const byte = () => (p < b.length ? b[p++] : fail());
  const u32 = () => {
    let r = 0, shift = 0, x;
    do {
      x = byte();
      r += (x & 0x7f) * 2 ** shift;
      shift += 7;
    } while (x & 0x80);
    return r;
  };
  const skipLeb = () => { while (byte() & 0x80); };
  const str = () => { const n = u32(); const s = b.subarray(p, p + n); p += n; return s; };
  const valtype = () => {
    const t = byte();
    switch (t) {
      case 0x7f: return 'i32';
      case 0x7e: return 'i64';
      case 0x7d: return 'f32';
      case 0x7c: return 'f64';
      case 0x7b: return 'v128';
      case 0x63: case 0x64: skipLeb(); return 'ref'; // (ref null? heaptype)
      default: return 'ref'; // abbreviated reference types: funcref, externref, ...
    }
  };
  const vec = (f) => { const n = u32(); const a = []; for (let i = 0; i < n; i++) a.push(f()); return a; };
  const fieldtype = () => { const t = b[p]; if (t === 0x78 || t === 0x77) p++; else valtype(); byte(); };
  const comptype = () => {
    const form = byte();
    switch (form) {
      case 0x60: { const params = vec(valtype); const results = vec(valtype); return { params, results }; }
      case 0x5f: vec(fieldtype); return null; // struct
      case 0x5e: fieldtype(); return null; // array
      case 0x5d: u32(); return null; // cont
      default: return fail();
    }
  };
  const subtype = () => {
    const t = b[p];
    if (t === 0x50 || t === 0x4f) { p++; vec(u32); }
    return comptype();
  };
  const limits = () => { const flags = byte(); u32(); if (flags & 1) u32(); };
  if (b.length < 8 || b[0] !== 0 || b[1] !== 0x61 || b[2] !== 0x73 || b[3] !== 0x6d) fail();
  const types = [];
  const funcs = [];
  const want = new TextEncoder().encode(name);
  const same = (s) => s.length === want.length && s.every((c, i) => c === want[i]);
  while (p < b.length) {
    const id = byte();
    const size = u32();
    const end = p + size;
    if (id === 1) {
      const n = u32();
      for (let i = 0; i < n; i++) {
        if (b[p] === 0x4e) { p++; types.push(...vec(subtype)); } else types.push(subtype());
      }
    } else if (id === 2) {
      const n = u32();
      for (let i = 0; i < n; i++) {
        str(); str();
        const kind = byte();
        if (kind === 0) funcs.push(u32());
        else if (kind === 1) { valtype(); limits(); }
        else if (kind === 2) limits();
        else if (kind === 3) { valtype(); byte(); }
        else if (kind === 4) { byte(); u32(); }
        else fail();
      }
    } else if (id === 3) {
      funcs.push(...vec(u32));
    } else if (id === 7) {
      const n = u32();
      for (let i = 0; i < n; i++) {
        const s = str();
        const kind = byte();
        const index = u32();
        if (kind === 0 && same(s)) {
          const ty = types[funcs[index]];
          return ty ? ty.results : null;
        }
      }
      return null;
    }
    p = end;
  }
  return null;
}
