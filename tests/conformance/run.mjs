#!/usr/bin/env node
// Conformance runner for zena2wat (see ../../README.md and the suite's own README).
//
//   node run.mjs --mode=syntax|check|run --compiler=PATH/zena2wat --dir=DIR/MODE_DIR
//                [--expect=tests/conformance/MODE_DIR.pass] [--update]
//                [--jobs=2] [--timeout=20] [--fail-on-crash] [--filter=SUBSTR]
//                [--target=wasi|js|both]
//
// The suite directory for each mode (default $ZENA_CONFORMANCE_DIR/MODE_DIR): syntax
// -> syntax/, check -> semantics/, run -> execution/.  In modes check and run a
// directory holding a main.zena is one test (named DIR/main.zena, the entry); its
// other .zena files are modules it imports.
//
// Mode syntax: for every *.zena under DIR (recursively, sorted) run
// `zena2wat --dump-ast FILE`.  A file with `// @error: RE` lines must exit non-zero
// with every RE matching some stderr line; any other file must exit 0 and print the
// Module as JSON, which (after selecting @target and stripping location data) must
// deep-equal NAME.ast.json.  Prints `FAIL path: reason` per failure, the pass-list
// verdicts (`REGRESSION path`, `NEW PASS path`) and, last, `N passed, N failed`.
//
// Mode check: `zena2wat --check FILE`.  A file with `// @error: RE` lines must exit
// non-zero with every RE matching (as a regular expression, anywhere) the message of
// some `error:` diagnostic; a file without must exit 0.  Each `// @warning: RE` must
// match some `warning:` diagnostic.
//
// Mode run (needs Node's flags from harness.mjs NODE_FLAGS): compile for each --target
// (default both), assemble with binaryen in-process, run `main` the way
// `zena-run --print-result` does (in a worker thread, with --timeout), and compare:
// `@result` with the result's text (numbers as JavaScript prints them, i64 as digits,
// no result as `undefined`; an i32 1/0 also matches true/false, since a boolean is an
// i32 in Wasm), `@stdout` (`\n` escapes) with the program's stdout, both trimmed, and
// `@throws: wasm` expects a trap or an uncaught Wasm exception.  A test passes when it
// passes on every target.
//
// Exit status: 0 ok; 1 a file listed in --expect failed (or, with --fail-on-crash,
// the compiler crashed/hung on some file); 2 usage or I/O error.

import { accessSync, constants as fsConstants, promises as fsp, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pool, runProcess } from '../e2e/harness.mjs';

const USAGE =
  'usage: run.mjs --mode=syntax|check|run --compiler=PATH --dir=DIR [--expect=FILE] [--update]\n' +
  '               [--jobs=N] [--timeout=SECONDS] [--fail-on-crash] [--filter=SUBSTR]\n' +
  '               [--target=wasi|js|both]';

// The suite subdirectory of each mode.
const MODE_DIRS = { syntax: 'syntax', check: 'semantics', run: 'execution' };

function die(msg) {
  process.stderr.write(`run.mjs: ${msg}\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const opts = {
    mode: 'syntax',
    compiler: process.env.ZENA2WAT || '',
    dir: '',
    expect: '',
    update: false,
    jobs: 2,
    timeout: 20,
    failOnCrash: false,
    filter: '',
    targets: ['wasi', 'js'],
  };
  for (const arg of argv) {
    const m = /^--([a-z-]+)(?:=(.*))?$/s.exec(arg);
    if (!m) die(`unexpected argument '${arg}'\n${USAGE}`);
    const [, name, value] = m;
    const need = () => {
      if (value === undefined || value === '') die(`--${name} needs a value`);
      return value;
    };
    switch (name) {
      case 'mode': opts.mode = need(); break;
      case 'compiler': opts.compiler = need(); break;
      case 'dir': opts.dir = need(); break;
      case 'expect': opts.expect = need(); break;
      case 'update': opts.update = true; break;
      case 'jobs': opts.jobs = Math.max(1, parseInt(need(), 10) || 1); break;
      case 'timeout': opts.timeout = Math.max(1, Number(need()) || 20); break;
      case 'fail-on-crash': opts.failOnCrash = true; break;
      case 'filter': opts.filter = need(); break;
      case 'target': {
        const t = need();
        if (t === 'both') opts.targets = ['wasi', 'js'];
        else if (t === 'wasi' || t === 'js') opts.targets = [t];
        else die('--target must be wasi, js or both');
        break;
      }
      case 'help': process.stdout.write(USAGE + '\n'); process.exit(0); break;
      default: die(`unknown option --${name}\n${USAGE}`);
    }
  }
  if (!Object.hasOwn(MODE_DIRS, opts.mode)) die(`unknown mode '${opts.mode}' (syntax, check or run)`);
  if (!opts.dir && process.env.ZENA_CONFORMANCE_DIR) {
    opts.dir = path.join(process.env.ZENA_CONFORMANCE_DIR, MODE_DIRS[opts.mode]);
  }
  if (!opts.compiler) die('--compiler is required');
  if (!opts.dir) die('--dir is required');
  if (opts.update && !opts.expect) die('--update needs --expect');
  if (opts.update && opts.filter) die('--update cannot be combined with --filter');
  return opts;
}

// ---------------------------------------------------------------------------
// Test discovery and directives

function listZenaFiles(root) {
  const out = [];
  const walk = (rel) => {
    const abs = path.join(root, rel);
    for (const ent of readdirSync(abs, { withFileTypes: true })) {
      const r = rel ? `${rel}/${ent.name}` : ent.name;
      if (ent.isDirectory()) walk(r);
      else if (ent.name.endsWith('.zena')) out.push(r);
    }
  };
  walk('');
  return out.sort(cmpStr);
}

// Modes check and run: like listZenaFiles, but a directory holding main.zena is a
// single test, DIR/main.zena.
function listTests(root) {
  const out = [];
  const walk = (rel) => {
    const abs = path.join(root, rel);
    const ents = readdirSync(abs, { withFileTypes: true });
    if (rel && ents.some((e) => e.isFile() && e.name === 'main.zena')) {
      out.push(`${rel}/main.zena`);
      return;
    }
    for (const ent of ents) {
      const r = rel ? `${rel}/${ent.name}` : ent.name;
      if (ent.isDirectory()) walk(r);
      else if (ent.name.endsWith('.zena')) out.push(r);
    }
  };
  walk('');
  return out.sort(cmpStr);
}

function cmpStr(a, b) {
  return a < b ? -1 : a > b ? 1 : 0; // code-unit order, same as `LC_ALL=C sort`
}

// `// @name: value` anywhere on a line (directives may trail code).
const DIRECTIVE = /\/\/\s*@([A-Za-z][\w-]*)\s*(?::(.*))?$/;

function readDirectives(text) {
  const list = [];
  for (const line of text.split(/\r?\n/)) {
    const m = DIRECTIVE.exec(line);
    if (m) list.push({ name: m[1], value: (m[2] ?? '').trim() });
  }
  return list;
}

// ---------------------------------------------------------------------------
// AST normalisation and comparison

const LOCATION_KEYS = new Set(['loc', 'inferredType', 'inferredTypeArguments']);
const MODULE_KEYS = new Set(['path', 'isStdlib', 'source', 'imports', 'exports', 'diagnostics']);

function isNode(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && 'type' in v;
}

// Returns a copy without location data (see the conformance README).
export function strip(value) {
  if (Array.isArray(value)) return value.map(strip);
  if (value === null || typeof value !== 'object') return value;
  const isModule = value.type === 'Module';
  const out = {};
  for (const [k, v] of Object.entries(value)) {
    if (LOCATION_KEYS.has(k)) continue;
    if ((k === 'start' || k === 'end') && !isNode(v)) continue;
    if (isModule && MODULE_KEYS.has(k)) continue;
    out[k] = strip(v);
  }
  return out;
}

function show(v) {
  let s = v === undefined ? '(missing)' : JSON.stringify(v);
  if (s.length > 70) s = s.slice(0, 67) + '...';
  return s;
}

function kind(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function jsonPath(base, key) {
  if (typeof key === 'number') return `${base}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${base}.${key}` : `${base}[${JSON.stringify(key)}]`;
}

// Returns null when equal, else a description of the first difference.
export function firstDiff(expected, actual, where = '$') {
  const ke = kind(expected);
  const ka = kind(actual);
  if (ke !== ka) return `${where}: expected ${show(expected)}, got ${show(actual)}`;
  if (ke === 'array') {
    const n = Math.min(expected.length, actual.length);
    for (let i = 0; i < n; i++) {
      const d = firstDiff(expected[i], actual[i], jsonPath(where, i));
      if (d) return d;
    }
    if (expected.length !== actual.length) {
      const i = n;
      return `${jsonPath(where, i)}: expected ${show(expected[i])}, got ${show(actual[i])}` +
        ` (array length ${expected.length} vs ${actual.length})`;
    }
    return null;
  }
  if (ke === 'object') {
    // A differing node type says more than any field below it.
    if (expected.type !== actual.type) {
      return `${jsonPath(where, 'type')}: expected ${show(expected.type)}, got ${show(actual.type)}`;
    }
    for (const k of Object.keys(expected)) {
      if (!Object.hasOwn(actual, k)) {
        return `${jsonPath(where, k)}: expected ${show(expected[k])}, got (missing)`;
      }
      const d = firstDiff(expected[k], actual[k], jsonPath(where, k));
      if (d) return d;
    }
    for (const k of Object.keys(actual)) {
      if (!Object.hasOwn(expected, k)) {
        return `${jsonPath(where, k)}: expected (missing), got ${show(actual[k])}`;
      }
    }
    return null;
  }
  if (expected !== actual) return `${where}: expected ${show(expected)}, got ${show(actual)}`;
  return null;
}

function selectTarget(module, target) {
  switch (target) {
    case 'module':
      return { value: module };
    case 'statement': {
      const body = module?.body;
      if (!Array.isArray(body) || body.length === 0) return { error: 'Module has no body[0]' };
      return { value: body[0] };
    }
    case 'expression': {
      const body = module?.body;
      if (!Array.isArray(body) || body.length === 0) return { error: 'Module has no body[0]' };
      if (!body[0] || typeof body[0] !== 'object' || !('expression' in body[0])) {
        return { error: `body[0] (${show(body[0]?.type)}) has no expression` };
      }
      return { value: body[0].expression };
    }
    default:
      return { error: `unknown @target '${target}'` };
  }
}

// ---------------------------------------------------------------------------
// Running the compiler

const SANITIZER_RE = /^(==\d+==\s*ERROR: (Address|Leak|Memory|Thread)Sanitizer|SUMMARY: (Address|Undefined|Leak)\w*Sanitizer|.*: runtime error: )/m;

function withSanitizerExitCode(envValue, code) {
  return envValue ? `${envValue}:exitcode=${code}` : `exitcode=${code}`;
}

function runCompiler(compiler, args, timeoutSec) {
  // Make a sanitizer report distinguishable from an ordinary compile error (exit 1).
  const env = {
    ...process.env,
    ASAN_OPTIONS: withSanitizerExitCode(process.env.ASAN_OPTIONS, 86),
    UBSAN_OPTIONS: withSanitizerExitCode(process.env.UBSAN_OPTIONS, 86),
  };
  return runProcess(compiler, args, { timeout: timeoutSec, env });
}

function firstLine(s) {
  const line = s.split('\n').find((l) => l.trim() !== '') ?? '';
  return line.length > 100 ? line.slice(0, 97) + '...' : line;
}

// Returns a reason when the run was a crash/hang rather than a normal exit.
function crashReason(r, timeoutSec) {
  if (r.spawnError) return `cannot run compiler: ${r.spawnError}`;
  if (r.timedOut) return `CRASH: timed out after ${timeoutSec}s`;
  if (r.signal) return `CRASH: killed by ${r.signal}`;
  if (r.code === 86 || SANITIZER_RE.test(r.stderr)) {
    const m = SANITIZER_RE.exec(r.stderr);
    return `CRASH: sanitizer error${m ? ': ' + firstLine(r.stderr.slice(m.index)) : ''}`;
  }
  if (r.code !== 0 && r.code !== 1 && r.code !== 2) return `CRASH: exit status ${r.code}`;
  return null;
}

async function checkSyntaxFile(opts, rel) {
  const file = path.join(opts.dir, rel);
  const text = readFileSync(file, 'utf8');
  const directives = readDirectives(text);
  if (directives.some((d) => d.name === 'skip')) return { status: 'skip' };
  const errors = directives.filter((d) => d.name === 'error').map((d) => d.value);
  const targets = directives.filter((d) => d.name === 'target').map((d) => d.value);
  const target = targets.length ? targets[0] : 'module';

  const r = await runCompiler(opts.compiler, ['--dump-ast', file], opts.timeout);
  const crash = crashReason(r, opts.timeout);
  if (crash) return { status: 'fail', reason: crash, crash: true };

  if (errors.length) {
    if (r.code === 0) return { status: 'fail', reason: 'expected a parse error, but exit status was 0' };
    const lines = r.stderr.split(/\r?\n/);
    for (const src of errors) {
      let re;
      try {
        re = new RegExp(src);
      } catch (e) {
        return { status: 'fail', reason: `bad @error regex /${src}/: ${e.message}` };
      }
      if (!lines.some((l) => re.test(l))) {
        return {
          status: 'fail',
          reason: `no stderr line matches /${src}/ (stderr: ${show(firstLine(r.stderr))})`,
        };
      }
    }
    return { status: 'pass' };
  }

  if (r.code !== 0) {
    return { status: 'fail', reason: `exit status ${r.code}: ${firstLine(r.stderr)}` };
  }
  const snapFile = file.replace(/\.zena$/, '.ast.json');
  let snapshot;
  try {
    snapshot = JSON.parse(await fsp.readFile(snapFile, 'utf8'));
  } catch (e) {
    return { status: 'fail', reason: `cannot read snapshot ${path.basename(snapFile)}: ${e.message}` };
  }
  let module;
  try {
    module = JSON.parse(r.stdout);
  } catch (e) {
    return { status: 'fail', reason: `stdout is not JSON: ${e.message}` };
  }
  if (!isNode(module) || module.type !== 'Module') {
    return { status: 'fail', reason: `stdout is not a Module (type ${show(module?.type)})` };
  }
  const sel = selectTarget(strip(module), target);
  if (sel.error) return { status: 'fail', reason: sel.error };
  const diff = firstDiff(strip(snapshot), sel.value);
  if (diff) return { status: 'fail', reason: `AST mismatch at ${diff}` };
  return { status: 'pass' };
}

// ---------------------------------------------------------------------------
// Mode check

const DIAGNOSTIC = /^(.*?):(\d+):(\d+): (error|warning): (.*)$/;

function diagnostics(stderr, severity) {
  const out = [];
  for (const line of stderr.split(/\r?\n/)) {
    const m = DIAGNOSTIC.exec(line);
    if (m && m[4] === severity) out.push(m[5]);
  }
  return out;
}

// `LINE:COL: message` of the first error diagnostic, else the first stderr line.
function firstError(stderr) {
  for (const line of stderr.split(/\r?\n/)) {
    const m = DIAGNOSTIC.exec(line);
    if (m && m[4] === 'error') return `${m[2]}:${m[3]}: ${m[5]}`;
  }
  return firstLine(stderr);
}

// A directive's pattern: a regular expression, or (when it does not compile) a substring.
function matcher(src) {
  try {
    const re = new RegExp(src);
    return (s) => re.test(s);
  } catch {
    return (s) => s.includes(src);
  }
}

async function checkSemanticsFile(opts, rel) {
  const file = path.join(opts.dir, rel);
  const directives = readDirectives(readFileSync(file, 'utf8'));
  if (directives.some((d) => d.name === 'skip')) return { status: 'skip' };
  const want = (name) => directives.filter((d) => d.name === name).map((d) => d.value);
  const errors = want('error');
  const warnings = want('warning');

  const r = await runCompiler(opts.compiler, ['--check', file], opts.timeout);
  const crash = crashReason(r, opts.timeout);
  if (crash) return { status: 'fail', reason: crash, crash: true };

  const gotErrors = diagnostics(r.stderr, 'error');
  if (errors.length) {
    if (r.code === 0) return { status: 'fail', reason: 'expected an error, but exit status was 0' };
    for (const src of errors) {
      if (!gotErrors.some(matcher(src))) {
        return {
          status: 'fail',
          reason: `no error matches /${src}/ (first error: ${show(gotErrors[0] ?? firstLine(r.stderr))})`,
        };
      }
    }
  } else if (r.code !== 0) {
    return { status: 'fail', reason: `exit status ${r.code}: ${firstError(r.stderr)}` };
  }
  const gotWarnings = diagnostics(r.stderr, 'warning');
  for (const src of warnings) {
    if (!gotWarnings.some(matcher(src))) return { status: 'fail', reason: `no warning matches /${src}/` };
  }
  return { status: 'pass' };
}

// ---------------------------------------------------------------------------
// Mode run

function unescapeDirective(s) {
  return s.replace(/\\([nt"\\])/g, (_, c) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
}

function resultMatches(expected, text, type) {
  if (text === expected) return true;
  // A boolean main returns an i32; the Wasm signature cannot tell it from a number.
  return type === 'i32' && ((expected === 'true' && text === '1') || (expected === 'false' && text === '0'));
}

async function runExecutionOnce(opts, ctx, file, target, expect) {
  const c = await runCompiler(opts.compiler, [`--target=${target}`, file], opts.timeout);
  const crash = crashReason(c, opts.timeout);
  if (crash) return { reason: crash, crash: true };
  if (c.code !== 0) return { reason: `compile error: ${firstError(c.stderr)}` };
  const a = await ctx.assembler.assemble(c.stdout);
  if (a.error) return { reason: `invalid WAT: ${a.error}` };
  const r = await ctx.pool.run(a.bytes, { target, wantResult: true, name: path.basename(file), env: {} });
  if (r.timedOut) return { reason: `timed out after ${opts.timeout}s` };
  if (r.crashed) return { reason: r.crashed };
  if (expect.throws) {
    if (!r.error || r.error.kind === 'internal') {
      return { reason: r.error ? r.error.message : `expected a Wasm exception, main returned ${r.resultText}` };
    }
  } else if (r.error) {
    return { reason: `${r.error.kind}: ${r.error.message}` };
  } else if (expect.result !== undefined && !resultMatches(expect.result, r.resultText, r.resultType)) {
    return { reason: `result ${show(r.resultText)}, expected ${show(expect.result)}` };
  }
  if (expect.stdout !== undefined && r.stdout.trim() !== expect.stdout.trim()) {
    return { reason: `stdout ${show(r.stdout.trim())}, expected ${show(expect.stdout.trim())}` };
  }
  return null;
}

async function checkExecutionFile(opts, ctx, rel) {
  const file = path.join(opts.dir, rel);
  const directives = readDirectives(readFileSync(file, 'utf8'));
  if (directives.some((d) => d.name === 'skip')) return { status: 'skip' };
  const one = (name) => directives.find((d) => d.name === name)?.value;
  const expect = {
    result: one('result'),
    stdout: one('stdout') === undefined ? undefined : unescapeDirective(one('stdout')),
    throws: one('throws'),
  };
  for (const target of opts.targets) {
    const f = await runExecutionOnce(opts, ctx, file, target, expect);
    if (f) return { status: 'fail', reason: `[${target}] ${f.reason}`, crash: f.crash };
  }
  return { status: 'pass' };
}

// ---------------------------------------------------------------------------

function readPassList(file) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if (e.code === 'ENOENT') return [];
    die(`cannot read ${file}: ${e.message}`);
  }
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  try {
    if (!statSync(opts.dir).isDirectory()) die(`${opts.dir} is not a directory`);
  } catch (e) {
    die(`cannot read ${opts.dir}: ${e.message}`);
  }

  try {
    accessSync(opts.compiler, fsConstants.X_OK);
  } catch (e) {
    die(`compiler ${opts.compiler} is not executable: ${e.message}`);
  }

  let files = opts.mode === 'syntax' ? listZenaFiles(opts.dir) : listTests(opts.dir);
  if (opts.filter) files = files.filter((f) => f.includes(opts.filter));
  const ctx = {};
  if (opts.mode === 'run') {
    // Loaded only here: binaryen takes a second or two to start.
    const { Assembler, RunnerPool } = await import('../e2e/harness.mjs');
    try {
      ctx.assembler = await Assembler.create();
    } catch (e) {
      die(e.message);
    }
    ctx.pool = new RunnerPool(opts.jobs, opts.timeout);
  }
  const check = {
    syntax: (rel) => checkSyntaxFile(opts, rel),
    check: (rel) => checkSemanticsFile(opts, rel),
    run: (rel) => checkExecutionFile(opts, ctx, rel),
  }[opts.mode];
  let results;
  try {
    results = await pool(files, opts.jobs, async (rel) => {
      try {
        return await check(rel);
      } catch (e) {
        return { status: 'fail', reason: `runner error: ${e.message}` };
      }
    });
  } finally {
    ctx.pool?.close();
  }

  const passed = [];
  let failed = 0;
  let skipped = 0;
  let crashed = 0;
  files.forEach((rel, i) => {
    const r = results[i];
    if (r.status === 'pass') passed.push(rel);
    else if (r.status === 'skip') skipped++;
    else {
      failed++;
      if (r.crash) crashed++;
      console.log(`FAIL ${rel}: ${r.reason}`);
    }
  });

  let regressions = 0;
  if (opts.expect) {
    const expected = readPassList(opts.expect);
    const expectedSet = new Set(expected);
    const passedSet = new Set(passed);
    const present = new Set(files);
    for (const rel of expected) {
      if (!present.has(rel)) {
        if (!opts.filter) console.log(`MISSING ${rel} (listed in ${path.basename(opts.expect)}, not in the suite)`);
      } else if (!passedSet.has(rel)) {
        regressions++;
        console.log(`${opts.update ? 'REMOVED' : 'REGRESSION'} ${rel}`);
      }
    }
    for (const rel of passed) {
      if (!expectedSet.has(rel)) console.log(`NEW PASS ${rel}`);
    }
    if (opts.update) {
      writeFileSync(opts.expect, passed.map((p) => p + '\n').join(''));
      console.log(`updated ${opts.expect}: ${passed.length} passing files`);
    }
  }

  if (skipped) console.log(`skipped: ${skipped} (@skip)`);
  if (crashed) console.log(`crashes: ${crashed} (compiler crashed, hung or hit a sanitizer error)`);
  if (regressions && !opts.update) {
    console.log(`regressions: ${regressions} file(s) listed in ${path.basename(opts.expect)} now fail`);
  }
  console.log(`${passed.length} passed, ${failed} failed`);

  let status = 0;
  if (regressions && !opts.update) status = 1;
  if (crashed && opts.failOnCrash) status = 1;
  process.exitCode = status;
}

main().catch((e) => {
  process.stderr.write(`run.mjs: ${e.stack || e}\n`);
  process.exit(2);
});
