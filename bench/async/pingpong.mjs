// pingpong.mjs - the ping-pong benchmark as a JavaScript developer would
// write it: async functions and a Promise-based channel (see channel.mjs).
import { Channel } from './channel.mjs';

const ROUNDS = 1000000;

async function ponger(ping, pong, rounds) {
  for (let i = 0; i < rounds; i++) {
    const v = await ping.receive();
    await pong.send(v + 1);
  }
}

const ping = new Channel();
const pong = new Channel();
ponger(ping, pong, ROUNDS);
const t0 = performance.now();
let v = 0;
for (let i = 0; i < ROUNDS; i++) {
  await ping.send(v);
  v = await pong.receive();
}
const ms = performance.now() - t0;
console.log(`pingpong_ns ${(ms * 1e6) / ROUNDS}`);
process.exitCode = v === ROUNDS ? 0 : 1;
