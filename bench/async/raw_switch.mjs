// raw_switch.mjs - times raw_switch.wat (the path of its .wasm is the
// argument): a million suspend/resume round trips, after a warm-up that gets
// the code optimized.  Prints `raw_switch_ns` per round trip.
import { readFileSync } from 'node:fs';

const ROUNDS = 1000000;
const { instance } = await WebAssembly.instantiate(readFileSync(process.argv[2]));
instance.exports.run(ROUNDS / 10);
const t0 = performance.now();
instance.exports.run(ROUNDS);
console.log(`raw_switch_ns ${((performance.now() - t0) * 1e6) / ROUNDS}`);
