// raw_jspi.mjs - times raw_jspi.wat (the path of its .wasm is the argument):
// a million JSPI suspend/resume round trips, after a warm-up.  Prints
// `raw_jspi_ns` per round trip.  Runs without --experimental-wasm-wasmfx, as the
// js target does (tools/zena-run.mjs).
import { readFileSync } from 'node:fs';

const ROUNDS = 1000000;
const resolved = Promise.resolve();
const { instance } = await WebAssembly.instantiate(readFileSync(process.argv[2]), {
  bench: { yield: new WebAssembly.Suspending(() => resolved) },
});
const run = WebAssembly.promising(instance.exports.run);
await run(ROUNDS / 10);
const t0 = performance.now();
await run(ROUNDS);
console.log(`raw_jspi_ns ${((performance.now() - t0) * 1e6) / ROUNDS}`);
