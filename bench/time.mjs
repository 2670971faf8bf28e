// time.mjs - runs a command N times and prints the median and fastest wall
// time in milliseconds ("median 12.3 min 11.8"), the command's output
// discarded.  Exits non-zero if any run fails.
//
//   node bench/time.mjs N COMMAND [ARGS...]
import { spawnSync } from 'node:child_process';

const [n, cmd, ...args] = process.argv.slice(2);
const times = [];
for (let i = 0; i < Number(n); i++) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) {
    console.error(`time.mjs: ${cmd} ${args.join(' ')} failed (${r.error || r.status})`);
    process.exit(1);
  }
  times.push(ms);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(`median ${median.toFixed(1)} min ${times[0].toFixed(1)}`);
