import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { HyperFormula } from 'hyperformula';

const require = createRequire(import.meta.url);
/** The package's CommonJS entry as installed (patched by pnpm). */
const entry = require.resolve('hyperformula');
/** The UMD bundle shipped inside the same package: pnpm's patch leaves it as published. */
const bundle = join(dirname(entry), '..', 'dist', 'hyperformula.js');

/** Whether a file of HyperFormula carries the shopplan patch (its marker comment). */
export function isPatched(file: 'installed' | 'bundle'): boolean {
  const path = file === 'bundle' ? bundle : join(dirname(entry), 'DependencyGraph', 'Graph.js');
  return readFileSync(path, 'utf8').includes('shopplan patch');
}

/**
 * HyperFormula exactly as published, same version as the engine's: the
 * package's own `dist/` bundle, which pnpm's patch does not touch. Throws if
 * that ever stops holding (a patch that reaches dist/ would make the
 * before/after comparison meaningless).
 */
export function loadUnpatchedHyperFormula(): typeof HyperFormula {
  if (isPatched('bundle')) throw new Error(`${bundle} carries the shopplan patch: it is no longer an unpatched copy`);
  const mod = require(bundle) as { HyperFormula: typeof HyperFormula };
  return mod.HyperFormula;
}
