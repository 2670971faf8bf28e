// build.mjs - compiles a Zena program for --target=js into Wasm bytes, for the
// tests here (the compiler as $ZENA2WAT or the build's, binaryen's JS API).

import path from 'node:path';
import { Assembler, TOP_SRCDIR, compile } from '../e2e/harness.mjs';

export { TOP_SRCDIR };

// Resolves to the module's bytes; throws with the compiler's diagnostics.
export async function buildJs(file) {
  const compiler = process.env.ZENA2WAT || path.join(TOP_SRCDIR, 'zena2wat');
  const c = await compile(compiler, file, { target: 'js', cwd: path.dirname(file), timeout: 60 });
  if (c.spawnError || c.code !== 0) {
    throw new Error(`zena2wat ${file} failed: ${c.spawnError || c.stderr}`);
  }
  const a = await (await Assembler.create()).assemble(c.stdout);
  if (a.error) throw new Error(a.error);
  return a.bytes;
}
