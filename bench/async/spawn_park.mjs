// spawn_park.mjs - the spawn-and-park benchmark in JavaScript: TASKS async
// functions park on one channel, are woken and joined; two rounds, as in
// spawn_park.zena (the second with the code already optimized).
import { Channel } from './channel.mjs';

const TASKS = 30000;

async function waiter(gate) {
  return await gate.receive();
}

async function round(name, tasks) {
  const gate = new Channel();
  const joined = [];
  const t0 = performance.now();
  for (let i = 0; i < tasks; i++) joined.push(waiter(gate));
  await null; // let every task reach its receive, as sleep(0) does
  const parked = process.memoryUsage.rss() / 1048576;
  for (let i = 0; i < tasks; i++) await gate.send(i);
  let sum = 0;
  for (let i = 0; i < tasks; i++) sum += await joined[i];
  console.log(`${name}_ms ${performance.now() - t0}`);
  console.log(`${name}_parked_rss_mb ${parked}`);
  return sum;
}

const cold = await round('cold', TASKS);
const warm = await round('warm', TASKS);
console.log(`peak_rss_mb ${process.resourceUsage().maxRSS / 1024}`);
const expected = (TASKS * (TASKS - 1)) / 2;
process.exitCode = cold === expected && warm === expected ? 0 : 1;
