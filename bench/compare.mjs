// compare.mjs - runs several builds of the compiler on one file, interleaved
// (A B C A B C ...), and prints the fastest, 10th and 25th percentile and
// median wall time of each in milliseconds.  Interleaving spreads the VM's
// slow and fast moments evenly over the builds, which back-to-back series of
// runs do not; the output is discarded.  Exits non-zero if a run fails.
//
//   node bench/compare.mjs RUNS FILE COMPILER...
import { spawnSync } from 'node:child_process';

const [runs, file, ...compilers] = process.argv.slice(2);
if (!file || compilers.length === 0) {
  console.error('usage: node bench/compare.mjs RUNS FILE COMPILER...');
  process.exit(2);
}
const times = compilers.map(() => []);
for (let i = 0; i < Number(runs); i++) {
  compilers.forEach((compiler, k) => {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(compiler, [file], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) {
      console.error(`compare.mjs: ${compiler} ${file} failed (${r.error || r.status})`);
      process.exit(1);
    }
    times[k].push(Number(process.hrtime.bigint() - t0) / 1e6);
  });
}
compilers.forEach((compiler, k) => {
  const t = times[k].sort((a, b) => a - b);
  const at = (q) => t[Math.floor(q * (t.length - 1))].toFixed(1);
  console.log(`${compiler}: min ${at(0)} p10 ${at(0.1)} p25 ${at(0.25)} median ${at(0.5)} ms`);
});
