// End-to-end tests: compile each tests/e2e/NAME.zena, run it on both targets and
// compare with what `zena-run` would print and return (see README.md here).
//
//   node --experimental-wasm-wasmfx --no-turboshaft-wasm-load-elimination --no-warnings \
//     run.mjs [--compiler=PATH] [--dir=DIR] [--target=wasi|js|both] [--filter=SUB,...]
//             [--jobs=N] [--timeout=SECONDS] [--via=PATH/zena-run] [--list]
//
// By default everything happens in this one process: zena2wat is spawned, binaryen's
// JS API assembles, worker threads run the modules through tools/zena-run.mjs.  The
// Node flags are process-wide and differ by target (zena-run.mjs nodeFlags): the
// modules of the target this process was not started for run in processes of their
// own (run-e2e.sh runs this file once per target, each with its flags).  With
// --via=ZENA_RUN each test instead runs the zena-run script itself (slow: ~1 s a run;
// the make check wrapper does this for a few tests to cover the script).
// Prints `FAIL name [target]: reason` per failure, then `N passed, N failed` (one per
// test and target).  Exit status: 0 all passed, 1 a failure, 2 usage or setup error.

import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  Assembler, EXIT_INTERNAL, RunnerPool, TOP_SRCDIR, compile, flagsFit, nodeFlags, pool, runProcess,
  shortDiff,
} from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const USAGE =
  'usage: run.mjs [--compiler=PATH] [--dir=DIR] [--target=wasi|js|both] [--filter=SUB,...]\n' +
  '               [--jobs=N] [--timeout=SECONDS] [--via=PATH/zena-run] [--list]';

function die(msg) {
  process.stderr.write(`run.mjs: ${msg}\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const opts = {
    compiler: process.env.ZENA2WAT || path.resolve(here, '../../zena2wat'),
    dir: here, targets: ['wasi', 'js'], filter: '', jobs: 2, timeout: 20, via: '', list: false,
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
      case 'compiler': opts.compiler = path.resolve(need()); break;
      case 'dir': opts.dir = path.resolve(need()); break;
      case 'target': {
        const t = need();
        if (t === 'both') opts.targets = ['wasi', 'js'];
        else if (t === 'wasi' || t === 'js') opts.targets = [t];
        else die(`--target must be wasi, js or both`);
        break;
      }
      case 'filter': opts.filter = need(); break;
      case 'jobs': opts.jobs = Math.max(1, parseInt(need(), 10) || 1); break;
      case 'timeout': opts.timeout = Math.max(1, Number(need()) || 20); break;
      case 'via': opts.via = path.resolve(need()); break;
      case 'list': opts.list = true; break;
      case 'help': process.stdout.write(USAGE + '\n'); process.exit(0); break;
      default: die(`unknown option --${name}\n${USAGE}`);
    }
  }
  return opts;
}

// ---------------------------------------------------------------------------
// Tests

const DIRECTIVE = /^\s*\/\/\s*@([A-Za-z][\w-]*)\s*(?::(.*))?$/;

function readTest(dir, name) {
  const base = path.join(dir, name);
  const source = readFileSync(`${base}.zena`, 'utf8');
  const directives = {};
  for (const line of source.split(/\r?\n/)) {
    const m = DIRECTIVE.exec(line);
    if (m) directives[m[1]] = (m[2] ?? '').trim();
  }
  const read = (ext, dflt) => (existsSync(base + ext) ? readFileSync(base + ext, 'utf8') : dflt);
  const exitText = read('.exit', '0').trim();
  if (!/^\d+$/.test(exitText)) throw new Error(`${name}.exit: not a number: '${exitText}'`);
  let targets = ['wasi', 'js'];
  if (directives.target) {
    targets = directives.target.split(/[\s,]+/).filter(Boolean);
    for (const t of targets) if (t !== 'wasi' && t !== 'js') throw new Error(`${name}: bad @target '${t}'`);
  }
  return {
    name,
    file: `${name}.zena`,
    stdout: read('.stdout', ''),
    stderr: read('.stderr', ''),
    exit: Number(exitText),
    printResult: 'print-result' in directives,
    args: directives.args ? directives.args.split(/\s+/).filter(Boolean) : [],
    importsFile: existsSync(`${base}.imports.mjs`) ? `${base}.imports.mjs` : '',
    ownProcess: 'own-process' in directives,
    targets,
  };
}

// What `zena-run` prints and returns, computed in this process.
async function runInProcess(ctx, test, target) {
  const c = await compile(ctx.opts.compiler, test.file, { target, cwd: ctx.opts.dir, timeout: ctx.opts.timeout });
  if (c.spawnError) return { failure: `cannot run the compiler: ${c.spawnError}` };
  if (c.timedOut) return { failure: `the compiler timed out after ${ctx.opts.timeout}s` };
  if (c.code === 1 || c.code === 2) return { status: c.code, stdout: '', stderr: c.stderr };
  if (c.code !== 0) {
    return {
      status: EXIT_INTERNAL, stdout: '',
      stderr: c.stderr + `zena-run: zena2wat failed (${c.signal ? 'signal ' + c.signal : 'exit status ' + c.code})\n`,
    };
  }
  const a = await ctx.assembler.assemble(c.stdout);
  if (a.error) {
    return {
      status: EXIT_INTERNAL, stdout: '',
      stderr: `zena-run: wasm-as rejected the output of zena2wat (a compiler bug):\n${a.error}\n`,
    };
  }
  if (test.ownProcess || !flagsFit(target)) return runOwnProcess(ctx, test, target, a.bytes);
  const r = await ctx.pool.run(a.bytes, {
    target, args: test.args, printResult: test.printResult, importsFile: test.importsFile,
    name: test.file, env: {},
  });
  if (r.timedOut) return { failure: `timed out after ${ctx.opts.timeout}s` };
  if (r.crashed) return { failure: r.crashed };
  return r;
}

// A test with `// @own-process` (or for the other target's flags, see the top)
// runs in a Node process of its own: Wasm stacks
// are capped per process (about 32,500), and a test that parks tens of
// thousands of tasks would starve the tests in the other worker threads.
// Creating and freeing that many stacks takes seconds (~0.1 ms each, far more
// on a loaded machine): such a test gets three times the usual time limit.
async function runOwnProcess(ctx, test, target, bytes) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'zena-e2e-'));
  try {
    const wasm = path.join(dir, `${test.name}.wasm`);
    writeFileSync(wasm, bytes);
    const args = [...nodeFlags(target), path.join(TOP_SRCDIR, 'tools/zena-run.mjs'), `--target=${target}`,
      `--name=${test.file}`];
    if (test.printResult) args.push('--print-result');
    if (test.importsFile) args.push(`--imports=${test.importsFile}`);
    args.push(wasm, ...test.args);
    const timeout = ctx.opts.timeout * 3;
    const r = await runProcess(process.execPath, args, { cwd: ctx.opts.dir, timeout });
    if (r.spawnError) return { failure: `cannot run node: ${r.spawnError}` };
    if (r.timedOut) return { failure: `timed out after ${timeout}s` };
    return { status: r.code ?? 128, stdout: r.stdout, stderr: r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function runViaScript(ctx, test, target) {
  const args = [ctx.opts.via, `--target=${target}`];
  if (test.printResult) args.push('--print-result');
  if (test.importsFile) args.push(`--imports=${test.importsFile}`);
  args.push(test.file, ...test.args);
  const r = await runProcess('bash', args, { cwd: ctx.opts.dir, timeout: ctx.opts.timeout * 3 });
  if (r.spawnError) return { failure: `cannot run ${ctx.opts.via}: ${r.spawnError}` };
  if (r.timedOut) return { failure: `timed out after ${ctx.opts.timeout * 3}s` };
  return { status: r.code ?? 128, stdout: r.stdout, stderr: r.stderr };
}

async function check(ctx, test, target) {
  const r = await (ctx.opts.via ? runViaScript(ctx, test, target) : runInProcess(ctx, test, target));
  if (r.failure) return r.failure;
  const problems = [];
  if (r.stdout !== test.stdout) problems.push(`stdout differs: ${shortDiff(test.stdout, r.stdout)}`);
  if (r.stderr !== test.stderr) {
    problems.push(test.stderr === ''
      ? `unexpected stderr: ${JSON.stringify(r.stderr.split('\n').slice(0, 3).join('\n'))}`
      : `stderr differs: ${shortDiff(test.stderr, r.stderr)}`);
  }
  if (r.status !== test.exit) {
    const hint = r.stderr && r.stderr !== test.stderr ? '' : r.stderr.trim() ? ` (${r.stderr.trim().split('\n')[0]})` : '';
    problems.push(`exit status ${r.status}, expected ${test.exit}${hint}`);
  }
  return problems.length ? problems.join('\n    ') : null;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  let names;
  try {
    names = readdirSync(opts.dir).filter((f) => f.endsWith('.zena')).map((f) => f.slice(0, -5)).sort();
  } catch (e) {
    die(`cannot read ${opts.dir}: ${e.message}`);
  }
  if (opts.filter) {
    const parts = opts.filter.split(',').filter(Boolean);
    names = names.filter((n) => parts.some((p) => n.includes(p)));
  }
  if (!opts.via && !existsSync(opts.compiler)) die(`compiler ${opts.compiler} not found: run make first`);
  const tests = [];
  for (const n of names) {
    try {
      tests.push(readTest(opts.dir, n));
    } catch (e) {
      die(e.message);
    }
  }
  const runs = tests.flatMap((t) => t.targets.filter((x) => opts.targets.includes(x)).map((target) => ({ test: t, target })));
  if (opts.list) {
    for (const { test, target } of runs) console.log(`${test.name} [${target}]`);
    return;
  }

  const ctx = { opts };
  if (!opts.via) {
    try {
      ctx.assembler = await Assembler.create();
    } catch (e) {
      die(e.message);
    }
    ctx.pool = new RunnerPool(opts.jobs, opts.timeout);
  }
  let results;
  try {
    results = await pool(runs, opts.jobs, async ({ test, target }) => {
      try {
        return await check(ctx, test, target);
      } catch (e) {
        return `runner error: ${e?.stack || e}`;
      }
    });
  } finally {
    ctx.pool?.close();
  }
  let passed = 0;
  let failed = 0;
  runs.forEach(({ test, target }, i) => {
    if (results[i] === null) passed++;
    else {
      failed++;
      console.log(`FAIL ${test.name} [${target}]: ${results[i]}`);
    }
  });
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

main().catch((e) => {
  process.stderr.write(`run.mjs: ${e?.stack || e}\n`);
  process.exit(2);
});
