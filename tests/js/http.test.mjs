// http.test.mjs - async host functions doing real HTTP (tests/js/README.md).
//
// fetch_users.zena (the seed's first example) fetches /users/ID from a server
// this test starts on 127.0.0.1, from four spawned tasks at once.  Each reply
// takes DELAY ms: the bodies must come back in order, and the four requests must
// overlap in time (the whole run well under two DELAYs, not four).
// Exit: 0 passed, 1 failed.

import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { instantiate } from '../../runtime-wat/loader.mjs';
import { buildJs } from './build.mjs';

const DELAY = 1000; // long enough that a loaded machine's own delays stay well under it
const here = path.dirname(fileURLToPath(import.meta.url));

const fail = (msg) => {
  console.log(`FAIL: ${msg}`);
  process.exitCode = 1;
};

const bytes = await buildJs(path.join(here, 'fetch_users.zena'));
let inFlight = 0;
let maxInFlight = 0;
const server = http.createServer((req, res) => {
  inFlight++;
  maxInFlight = Math.max(maxInFlight, inFlight);
  setTimeout(() => {
    inFlight--;
    res.end(`user ${req.url.split('/').pop()} of ${req.url}`);
  }, DELAY);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address();

let out = '';
const program = await instantiate(bytes, {
  imports: {
    env: {
      fetch: async (url) => (await fetch(url)).text(),
      serverPort: () => port,
    },
  },
  stdout: (text) => { out += text; },
});
const start = performance.now();
try {
  await program.run();
} catch (e) {
  fail(`run() rejected: ${e?.stack || e}`);
}
const ms = performance.now() - start;
server.close();

const want = [1, 2, 3, 4].map((id) => `user ${id} of /users/${id}\n`).join('');
if (out !== want) fail(`output ${JSON.stringify(out)}, expected ${JSON.stringify(want)}`);
if (maxInFlight !== 4) fail(`at most ${maxInFlight} requests were in flight at once, expected 4`);
if (ms >= 2 * DELAY) fail(`took ${Math.round(ms)} ms: the requests did not overlap (one takes ${DELAY})`);
if (!process.exitCode) {
  console.log(`ok: 4 concurrent requests in ${Math.round(ms)} ms (one takes ${DELAY} ms)`);
}
