// run.mjs - the async benchmarks (bench/README.md): each Zena program in this
// directory on --target=wasi (stack switching) and --target=js (JSPI) next to
// its JavaScript version, on the same Node, medians of several runs; prints a
// report and asserts nothing.
//
//   node bench/async/run.mjs ZENA2WAT [RUNS]
//
// raw_switch.wat (run by raw_switch.mjs) measures the floor in the same run:
// one suspend/resume round trip; raw_jspi.wat (raw_jspi.mjs) the js target's:
// one JSPI suspend/resume on a resolved promise.  Every program prints `KEY VALUE` lines, timed inside the program (the Zena
// ones through the host.mjs imports), so Node's start and the compilation of
// the module are not counted.  Zena and JavaScript runs alternate, so that a
// change of load on the machine hits both alike.  Needs ZENA_NODE,
// ZENA_WASM_AS and ZENA_WASM_FEATURES (tools/env.sh).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NODE_FLAGS, nodeFlags } from '../../tools/zena-run.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const runner = join(here, '../../tools/zena-run.mjs');
const [zena2wat, runsArg] = process.argv.slice(2);
const runs = Number(runsArg || 5);
const node = process.env.ZENA_NODE || process.execPath;
const features = (process.env.ZENA_WASM_FEATURES || '').split(/\s+/).filter(Boolean);
const BENCHES = ['pingpong', 'fanin', 'spawn_park'];
const TASKS = 30000; // spawn_park's tasks per round

// Assembles wat into DIR/NAME.wasm: its path.
function assemble(wat, name, dir) {
  const wasm = join(dir, `${name}.wasm`);
  execFileSync(node, [process.env.ZENA_WASM_AS, ...features, wat, '-o', wasm]);
  return wasm;
}

// Compiles NAME.zena once for target: the path of its .wasm.
function build(name, target, dir) {
  const wat = join(dir, `${name}.${target}.wat`);
  execFileSync(zena2wat, [`--target=${target}`, '-o', wat, join(here, `${name}.zena`)]);
  return assemble(wat, `${name}.${target}`, dir);
}

// Runs a program once: its KEY VALUE lines as an object.
function measure(args, label) {
  const r = spawnSync(node, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) {
    throw new Error(`${label} failed (status ${r.status}): ${r.stderr || r.stdout}`);
  }
  const out = {};
  for (const line of r.stdout.split('\n')) {
    const m = /^(\w+) (\S+)$/.exec(line);
    if (m) out[m[1]] = Number(m[2]);
  }
  return out;
}

function median(values) {
  const v = [...values].sort((a, b) => a - b);
  return v.length ? v[Math.floor((v.length - 1) / 2)] : NaN;
}

// results[lang][key] = the list of values over the runs; lang is wasi, jspi
// (Zena on --target=js) or js (plain JavaScript).
function runAll(wasms, raw) {
  const results = { wasi: {}, jspi: {}, js: {} };
  const add = (lang, out) => {
    for (const [k, v] of Object.entries(out)) (results[lang][k] ||= []).push(v);
  };
  for (let i = 0; i < runs; i++) {
    add('wasi', measure([...NODE_FLAGS, join(here, 'raw_switch.mjs'), raw.wasi], 'raw_switch'));
    add('jspi', measure([...nodeFlags('js'), join(here, 'raw_jspi.mjs'), raw.jspi], 'raw_jspi'));
    for (const name of BENCHES) {
      for (const [lang, target] of [['wasi', 'wasi'], ['jspi', 'js']]) {
        add(lang, measure([...nodeFlags(target), runner, `--target=${target}`,
          `--imports=${join(here, 'host.mjs')}`, wasms[target][name]], `${name}.zena (${target})`));
      }
      add('js', measure([...NODE_FLAGS, join(here, `${name}.mjs`)], `${name}.mjs`));
    }
  }
  return results;
}

const fmt = (v, digits = 0) => (Number.isFinite(v)
  ? v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
  : 'n/a');
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');

function report(results, loadBefore) {
  const m = (lang, key) => median(results[lang][key] || []);
  const range = (lang, key) => {
    const v = results[lang][key] || [];
    return v.length ? `${fmt(Math.min(...v))}..${fmt(Math.max(...v))}` : '-';
  };
  const perTask = (lang, round) => (m(lang, `${round}_ms`) * 1000) / TASKS;
  const rows = [
    ['raw suspend/resume (WAT): ns', 'raw_switch_ns', 0, 'raw_jspi_ns'],
    ['ping-pong: ns per round trip', 'pingpong_ns', 0],
    ['fan-in: messages/s', 'fanin_msgs_per_s', 0],
    ['spawn-and-park, 1st round: ms', 'cold_ms', 1],
    ['spawn-and-park, 2nd round: ms', 'warm_ms', 1],
    ['  RSS, 30,000 parked (1st): MB', 'cold_parked_rss_mb', 0],
    ['  RSS, 30,000 parked (2nd): MB', 'warm_parked_rss_mb', 0],
    ['  peak RSS of the process: MB', 'peak_rss_mb', 0],
  ];
  console.log(`== async: median of ${runs} runs, Zena (wasi, js) and JavaScript alternating`);
  console.log(`Node ${process.versions.node} (V8 ${process.versions.v8}), flags ` +
    `${NODE_FLAGS.join(' ')} (wasi, JavaScript); ${nodeFlags('js').join(' ')} (js/JSPI)`);
  console.log(`load average (1/5/15 min): ${loadBefore} before, ${load()} after`);
  const line = (a, b, c, d, e) =>
    console.log(`  ${a.padEnd(32)} ${b.padStart(12)} ${c.padStart(8)} ${d.padStart(12)}   ${e}`);
  line('', 'wasi', 'js/JSPI', 'JavaScript', 'range over the runs (wasi; js/JSPI; JavaScript)');
  for (const [label, key, digits, jspiKey = key] of rows) {
    line(label, fmt(m('wasi', key), digits), fmt(m('jspi', jspiKey), digits),
      fmt(m('js', key), digits), `${range('wasi', key)}; ${range('jspi', jspiKey)}; ${range('js', key)}`);
  }
  for (const round of ['cold', 'warm']) {
    line(`spawn-and-park, ${round === 'cold' ? '1st' : '2nd'}: us per task`,
      fmt(perTask('wasi', round), 2), fmt(perTask('jspi', round), 2),
      fmt(perTask('js', round), 2), '');
  }
  console.log('  reference (issue 4, Node 26, busy machine): raw suspend/resume round trip 96 ns;');
  console.log('  hand-written WAT ping-pong 252 ns; JavaScript async/await 370 ns; Go 275 ns');
  const pp = m('wasi', 'pingpong_ns');
  const switches = pp / (2 * m('wasi', 'raw_switch_ns'));
  const fan = m('wasi', 'fanin_msgs_per_s') / m('js', 'fanin_msgs_per_s');
  const spawn = perTask('wasi', 'warm') / perTask('js', 'warm');
  const verdict = (value, ok) => (Number.isFinite(value) ? (ok ? 'met' : 'NOT met') : 'n/a');
  console.log('goals:');
  console.log(`  ping-pong under 250 ns per round trip: ${fmt(pp)} ns: ${verdict(pp, pp < 250)}`);
  console.log(`  (the same goal, load-independent) within 1.3x of two raw round trips` +
    ` measured in this run: ${fmt(switches, 2)}x: ${verdict(switches, switches <= 1.3)}`);
  console.log(`  fan-in at least 2x JavaScript: ${fmt(fan, 2)}x: ${verdict(fan, fan >= 2)}`);
  console.log(`  warm spawn-and-park within 2x of JavaScript per task: ${fmt(spawn, 2)}x` +
    ` JavaScript's 2nd round: ${verdict(spawn, spawn <= 2)}`);
  // js/JSPI: a task that parks hands the run straight to the next ready one
  // (see runtime-wat/async_js.wat): one JSPI suspend/resume round trip per
  // hand-off, two per ping-pong round trip.
  const jspiSwitches = m('jspi', 'pingpong_ns') / (2 * m('jspi', 'raw_jspi_ns'));
  console.log(`js/JSPI: ping-pong is ${fmt(jspiSwitches, 2)}x its floor of two JSPI round` +
    ` trips (one per hand-off)`);
}

const dir = mkdtempSync(join(tmpdir(), 'zena-bench-'));
try {
  const loadBefore = load();
  const wasms = {};
  for (const target of ['wasi', 'js']) {
    wasms[target] = Object.fromEntries(BENCHES.map((b) => [b, build(b, target, dir)]));
  }
  const raw = {
    wasi: assemble(join(here, 'raw_switch.wat'), 'raw_switch', dir),
    jspi: assemble(join(here, 'raw_jspi.wat'), 'raw_jspi', dir),
  };
  report(runAll(wasms, raw), loadBefore);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
