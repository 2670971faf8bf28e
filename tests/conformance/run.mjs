#!/usr/bin/env node
// Conformance runner for zena2wat (see ../../README.md and the suite's own README).
//
//   node run.mjs --mode=syntax --compiler=PATH/zena2wat --dir=DIR/syntax
//                [--expect=tests/conformance/syntax.pass] [--update]
//                [--jobs=2] [--timeout=20] [--fail-on-crash] [--filter=SUBSTR]
//
// Mode syntax: for every *.zena under DIR (recursively, sorted) run
// `zena2wat --dump-ast FILE`.  A file with `// @error: RE` lines must exit non-zero
// with every RE matching some stderr line; any other file must exit 0 and print the
// Module as JSON, which (after selecting @target and stripping location data) must
// deep-equal NAME.ast.json.  Prints `FAIL path: reason` per failure, the pass-list
// verdicts (`REGRESSION path`, `NEW PASS path`) and, last, `N passed, N failed`.
//
// Exit status: 0 ok; 1 a file listed in --expect failed (or, with --fail-on-crash,
// the compiler crashed/hung on some file); 2 usage or I/O error.

import { spawn } from 'node:child_process';
import { accessSync, constants as fsConstants, promises as fsp, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const USAGE =
  'usage: run.mjs --mode=syntax --compiler=PATH --dir=DIR [--expect=FILE] [--update]\n' +
  '               [--jobs=N] [--timeout=SECONDS] [--fail-on-crash] [--filter=SUBSTR]';

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
      case 'help': process.stdout.write(USAGE + '\n'); process.exit(0); break;
      default: die(`unknown option --${name}\n${USAGE}`);
    }
  }
  if (!opts.dir && process.env.ZENA_CONFORMANCE_DIR) {
    opts.dir = path.join(process.env.ZENA_CONFORMANCE_DIR, opts.mode);
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
  return new Promise((resolve) => {
    const env = {
      ...process.env,
      // Make a sanitizer report distinguishable from an ordinary compile error (exit 1).
      ASAN_OPTIONS: withSanitizerExitCode(process.env.ASAN_OPTIONS, 86),
      UBSAN_OPTIONS: withSanitizerExitCode(process.env.UBSAN_OPTIONS, 86),
    };
    let child;
    try {
      child = spawn(compiler, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (err) {
      resolve({ spawnError: err.message });
      return;
    }
    const out = [];
    const err = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutSec * 1000);
    child.stdout.on('data', (b) => out.push(b));
    child.stderr.on('data', (b) => err.push(b));
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ spawnError: e.message });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        code,
        signal,
        timedOut,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
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

async function pool(items, jobs, fn) {
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
  if (opts.mode !== 'syntax') die(`mode '${opts.mode}' is not implemented yet (only syntax)`);
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

  let files = listZenaFiles(opts.dir);
  if (opts.filter) files = files.filter((f) => f.includes(opts.filter));
  const results = await pool(files, opts.jobs, async (rel) => {
    try {
      return await checkSyntaxFile(opts, rel);
    } catch (e) {
      return { status: 'fail', reason: `runner error: ${e.message}` };
    }
  });

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
