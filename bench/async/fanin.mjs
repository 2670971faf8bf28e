// fanin.mjs - the fan-in benchmark in JavaScript: PRODUCERS async functions
// send MESSAGES messages through one Channel(64) to one consumer.
import { Channel } from './channel.mjs';

const PRODUCERS = 10;
const MESSAGES = 1000000;
const EACH = MESSAGES / PRODUCERS;

async function produce(out, count) {
  for (let i = 0; i < count; i++) await out.send(i);
}

const ch = new Channel(64);
const t0 = performance.now();
for (let p = 0; p < PRODUCERS; p++) produce(ch, EACH);
let sum = 0;
for (let i = 0; i < MESSAGES; i++) sum += await ch.receive();
const ms = performance.now() - t0;
console.log(`fanin_msgs_per_s ${(MESSAGES / ms) * 1000}`);
process.exitCode = sum === (PRODUCERS * EACH * (EACH - 1)) / 2 ? 0 : 1;
