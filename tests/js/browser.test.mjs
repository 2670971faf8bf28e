// browser.test.mjs - the js target in a browser (tests/js/README.md).
//
// Serves a page, runtime-wat/loader.mjs and browser_program.zena compiled for
// --target=js from 127.0.0.1; headless Debian chromium, driven by playwright-core,
// loads the page, which runs the program through the loader and shows its output
// and main's result; the test reads them back and compares with
// browser_program.stdout.  Exit: 0 passed, 1 failed, 77 skipped (no chromium).

import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildJs, TOP_SRCDIR } from './build.mjs';

const CHROMIUM = '/usr/bin/chromium';
const here = path.dirname(fileURLToPath(import.meta.url));

if (!existsSync(CHROMIUM)) {
  console.log(`SKIP: ${CHROMIUM} is not installed (./bootstrap installs it)`);
  process.exit(77);
}
const { chromium } = await import('playwright-core');

const PAGE = `<!doctype html>
<meta charset="utf-8">
<title>zena2wat js target</title>
<pre id="out"></pre>
<script type="module">
  import { instantiate } from './loader.mjs';
  const out = document.getElementById('out');
  try {
    const program = await instantiate(fetch('program.wasm'), {
      stdout: (text) => { out.textContent += text; },
    });
    document.body.dataset.result = String(await program.run());
  } catch (e) {
    document.body.dataset.error = String(e && e.stack || e);
  }
</script>
`;

const files = {
  '/': ['text/html', PAGE],
  '/loader.mjs': ['text/javascript', readFileSync(path.join(TOP_SRCDIR, 'runtime-wat/loader.mjs'))],
  '/program.wasm': ['application/wasm', await buildJs(path.join(here, 'browser_program.zena'))],
};
const server = http.createServer((req, res) => {
  const file = files[req.url];
  res.writeHead(file ? 200 : 404, { 'content-type': file ? file[0] : 'text/plain' });
  res.end(file ? file[1] : 'not found');
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'], // playwright makes a fresh profile
});
let failed = false;
try {
  const page = await browser.newPage();
  const console_ = [];
  page.on('console', (m) => console_.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => console_.push(`pageerror: ${e.message}`));
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.waitForSelector('body[data-result], body[data-error]', { timeout: 30000 });
  const got = await page.evaluate(() => ({
    out: document.getElementById('out').textContent,
    result: document.body.dataset.result,
    error: document.body.dataset.error,
  }));
  const want = readFileSync(path.join(here, 'browser_program.stdout'), 'utf8');
  if (got.error) {
    console.log(`FAIL: run() rejected in the page: ${got.error}`);
    failed = true;
  } else if (got.out !== want || got.result !== '42') {
    console.log(`FAIL: the page shows ${JSON.stringify(got.out)} and result ${got.result}; ` +
      `expected ${JSON.stringify(want)} and 42`);
    failed = true;
  }
  if (failed && console_.length) console.log(`browser console:\n${console_.join('\n')}`);
} finally {
  await browser.close();
  server.close();
}
console.log(failed ? '0 passed, 1 failed' : '1 passed, 0 failed');
process.exitCode = failed ? 1 : 0;
