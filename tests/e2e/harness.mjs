// harness.mjs - compile, assemble and run Zena programs in one Node process, for the
// end-to-end runner (tests/e2e/run.mjs) and the conformance runner's check/run modes.
//
// - compile(): spawns zena2wat (fast, and it may crash: kept out of process).
// - Assembler: binaryen's JS API in-process (parseText, setFeatures from
//   $ZENA_WASM_FEATURES - never "all" -, validate, emitBinary); ~100x faster than
//   spawning wasm-as per module.
// - RunnerPool: runs modules through tools/zena-run.mjs (the engine behind zena-run,
//   so the semantics are the same) in worker threads with a timeout; a program's
//   stdout/stderr go to temporary files (WASI writes to real file descriptors).
// Node must run with the flags in NODE_FLAGS (they are process-wide).

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

const here = path.dirname(fileURLToPath(import.meta.url));
export const TOP_SRCDIR = path.resolve(here, '../..');
export {
  NODE_FLAGS, EXIT_TRAP, EXIT_INTERNAL, nodeFlags, flagsFit,
} from '../../tools/zena-run.mjs';

export const DEFAULT_FEATURES =
  '--enable-gc --enable-reference-types --enable-stack-switching --enable-exception-handling ' +
  '--enable-tail-call --enable-bulk-memory --enable-multivalue --enable-sign-ext ' +
  '--enable-nontrapping-float-to-int --enable-mutable-globals';

// ---------------------------------------------------------------------------
// zena2wat

// Resolves to { code, signal, timedOut, stdout, stderr } or { spawnError }.
export function runProcess(cmd, args, { cwd, timeout = 20, env = process.env, input } = {}) {
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn(cmd, args, { cwd, env, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    } catch (e) {
      resolve({ spawnError: e.message });
      return;
    }
    const out = [];
    const err = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeout * 1000);
    child.stdout.on('data', (b) => out.push(b));
    child.stderr.on('data', (b) => err.push(b));
    if (input !== undefined) child.stdin.end(input);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ spawnError: e.message });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        code, signal, timedOut,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}

// Runs fn on every item, at most `jobs` at a time; resolves to the results in order.
export async function pool(items, jobs, fn) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, items.length) }, worker));
  return results;
}

export function compile(compiler, file, { target = 'wasi', cwd, timeout } = {}) {
  return runProcess(compiler, [`--target=${target}`, file], { cwd, timeout });
}

// ---------------------------------------------------------------------------
// binaryen

const FEATURE_NAMES = {
  'gc': 'GC', 'reference-types': 'ReferenceTypes', 'stack-switching': 'StackSwitching',
  'exception-handling': 'ExceptionHandling', 'tail-call': 'TailCall',
  'bulk-memory': 'BulkMemory', 'bulk-memory-opt': 'BulkMemoryOpt', 'multivalue': 'Multivalue',
  'sign-ext': 'SignExt', 'nontrapping-float-to-int': 'NontrappingFPToInt',
  'mutable-globals': 'MutableGlobals', 'simd': 'SIMD128', 'relaxed-simd': 'RelaxedSIMD',
  'extended-const': 'ExtendedConst', 'strings': 'Strings', 'multimemory': 'MultiMemory',
  'memory64': 'Memory64', 'threads': 'Atomics', 'fp16': 'FP16',
  'call-indirect-overlong': 'CallIndirectOverlong', 'shared-everything': 'SharedEverything',
};

// Turns "--enable-gc --enable-tail-call ..." into binaryen's feature mask.
export function featureMask(binaryen, flags) {
  let mask = 0;
  for (const flag of flags.split(/\s+/).filter(Boolean)) {
    const m = /^--enable-(.+)$/.exec(flag);
    const name = m && FEATURE_NAMES[m[1]];
    if (!name || binaryen.Features[name] === undefined) {
      throw new Error(`unknown or unsupported feature flag '${flag}' (ZENA_WASM_FEATURES; never -all)`);
    }
    mask |= binaryen.Features[name];
  }
  // binaryen's --enable-bulk-memory turns on bulk-memory-opt as well
  if (mask & binaryen.Features.BulkMemory) mask |= binaryen.Features.BulkMemoryOpt;
  return mask;
}

// binaryen's JS module: beside $ZENA_WASM_AS (node_modules/binaryen/bin/wasm-as),
// else node_modules/binaryen of the source tree.
export async function loadBinaryen() {
  const candidates = [];
  if (process.env.ZENA_WASM_AS) candidates.push(path.resolve(path.dirname(process.env.ZENA_WASM_AS), '../index.js'));
  candidates.push(path.join(TOP_SRCDIR, 'node_modules/binaryen/index.js'));
  let lastError;
  for (const file of candidates) {
    try {
      return (await import(pathToFileURL(file).href)).default;
    } catch (e) {
      lastError = e;
    }
  }
  throw new Error(`cannot load binaryen (run npm ci, or set ZENA_WASM_AS): ${lastError?.message}`);
}

export class Assembler {
  static async create(flags = process.env.ZENA_WASM_FEATURES || DEFAULT_FEATURES) {
    const binaryen = await loadBinaryen();
    return new Assembler(binaryen, featureMask(binaryen, flags), flags);
  }

  constructor(binaryen, mask, flags) {
    this.binaryen = binaryen;
    this.mask = mask;
    this.flags = flags;
  }

  // Resolves to { bytes } or { error } (binaryen's parse error, or its validator's
  // messages, which only the wasm-as command prints in a capturable way).
  async assemble(wat) {
    let module;
    try {
      module = this.binaryen.parseText(wat);
    } catch (e) {
      return { error: `wasm-as: ${String(e?.message ?? e).trim()}` };
    }
    try {
      module.setFeatures(this.mask);
      if (module.validate()) return { bytes: module.emitBinary() };
    } finally {
      module.dispose();
    }
    return { error: `wasm-as: invalid module: ${await this.validatorMessage(wat)}` };
  }

  async validatorMessage(wat) {
    const wasmAs = process.env.ZENA_WASM_AS;
    if (!wasmAs) return 'binaryen validation failed';
    const r = await runProcess(process.execPath, [wasmAs, ...this.flags.split(/\s+/).filter(Boolean), '-', '-o', '/dev/null'], { input: wat });
    const line = (r.stderr || r.stdout || '').split('\n').find((l) => l.trim()) ?? '';
    return line || 'binaryen validation failed';
  }
}

// ---------------------------------------------------------------------------
// Running modules in worker threads

const WORKER = path.join(here, 'worker.mjs');

let workerIds = 0;

class Runner {
  constructor(dir) {
    this.dir = dir;
    this.worker = null;
    this.pending = null;
  }

  start() {
    const w = new Worker(WORKER, { workerData: { dir: this.dir, id: workerIds++ } });
    this.worker = w;
    w.unref();
    // Events of a worker already replaced (terminated after a timeout) are ignored.
    w.on('message', (msg) => { if (this.worker === w) this.settle(msg); });
    w.on('error', (e) => { if (this.worker === w) this.settle({ crashed: `worker error: ${e?.stack || e}` }); });
    w.on('exit', (code) => {
      if (this.worker !== w) return;
      this.worker = null;
      this.settle({ crashed: `worker exited with status ${code}` });
    });
  }

  settle(msg) {
    const p = this.pending;
    if (!p) return;
    this.pending = null;
    clearTimeout(p.timer);
    p.resolve(msg);
  }

  // Resolves to { status, stdout, stderr, resultText, resultType, error } or
  // { timedOut: true } / { crashed: message }.
  run(bytes, opts, timeout) {
    if (!this.worker) this.start();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        const w = this.worker;
        this.settle({ timedOut: true });
        if (w) w.terminate();
        this.worker = null;
      }, timeout * 1000);
      this.pending = { resolve, timer };
      this.worker.postMessage({ bytes, opts });
    });
  }

  close() {
    if (this.worker) this.worker.terminate();
    this.worker = null;
  }
}

// A fixed set of runners; run() waits for a free one.
export class RunnerPool {
  constructor(size = 1, timeout = 20) {
    this.dir = mkdtempSync(path.join(os.tmpdir(), 'zena-run-'));
    this.all = Array.from({ length: Math.max(1, size) }, () => new Runner(this.dir));
    this.free = [...this.all];
    this.waiting = [];
    this.timeout = timeout;
  }

  async run(bytes, opts = {}) {
    const runner = this.free.pop() ?? (await new Promise((r) => this.waiting.push(r)));
    try {
      return await runner.run(bytes, opts, opts.timeout ?? this.timeout);
    } finally {
      const next = this.waiting.shift();
      if (next) next(runner);
      else this.free.push(runner);
    }
  }

  close() {
    for (const r of this.all) r.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------
// Small text helpers

// The first differing line of two texts, for failure reports.
export function shortDiff(expected, actual) {
  const e = expected.split('\n');
  const a = actual.split('\n');
  for (let i = 0; i < Math.max(e.length, a.length); i++) {
    if (e[i] !== a[i]) {
      const show = (s) => (s === undefined ? '(end of output)' : JSON.stringify(s.length > 80 ? s.slice(0, 77) + '...' : s));
      return `line ${i + 1}: expected ${show(e[i])}, got ${show(a[i])}`;
    }
  }
  return 'outputs differ';
}
