// worker.mjs - a worker thread of tests/e2e/harness.mjs's RunnerPool: runs one module
// per message through tools/zena-run.mjs with stdout/stderr in temporary files and
// posts back { status, stdout, stderr, resultText, resultType, error }.
import { closeSync, openSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { loadImports, runWasm } from '../../tools/zena-run.mjs';

const { dir, id } = workerData; // the pool's temporary directory, removed by the pool
let seq = 0;

parentPort.on('message', async ({ bytes, opts }) => {
  const n = seq++;
  const outFile = path.join(dir, `${id}-${n}.out`);
  const errFile = path.join(dir, `${id}-${n}.err`);
  const out = openSync(outFile, 'w+');
  const err = openSync(errFile, 'w+');
  let reply;
  try {
    const imports = opts.importsFile ? await loadImports(opts.importsFile) : {};
    const r = await runWasm(bytes, { ...opts, imports, stdout: out, stderr: err });
    reply = { status: r.status, resultText: r.resultText, resultType: r.resultType, error: r.error };
  } catch (e) {
    reply = { crashed: `runner error: ${e?.stack || e}` };
  } finally {
    closeSync(out);
    closeSync(err);
  }
  reply.stdout = readFileSync(outFile, 'utf8');
  reply.stderr = readFileSync(errFile, 'utf8');
  rmSync(outFile, { force: true });
  rmSync(errFile, { force: true });
  parentPort.postMessage(reply);
});
