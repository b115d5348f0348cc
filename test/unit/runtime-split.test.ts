/**
 * Code is split by where it runs: src/lib, src/schemas and src/scripts are browser-safe and are
 * type-checked by src/lib/tsconfig.json without Node's types, so a node: import or a use of
 * `process` there is a compile error, not a grep; Node-only build code lives in src/build.
 */
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/paths.ts';

const tsc = () =>
  spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'src/lib/tsconfig.json')], { cwd: ROOT, encoding: 'utf8' });

describe('the browser-safe tree', () => {
  it('type-checks without Node types', () => {
    const r = tsc();
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('refuses a node: import or process placed in it', () => {
    const probe = join(ROOT, 'src/lib/__node-probe__.ts');
    writeFileSync(probe, "import { readFileSync } from 'node:fs';\nexport const a = readFileSync('x');\nexport const b = process.env.X;\n");
    try {
      const r = tsc();
      expect(r.status).not.toBe(0);
      expect(r.stdout).toContain("src/lib/__node-probe__.ts(1,30): error TS2591: Cannot find name 'node:fs'.");
      expect(r.stdout).toContain("src/lib/__node-probe__.ts(3,18): error TS2591: Cannot find name 'process'.");
    } finally {
      rmSync(probe, { force: true });
    }
  }, 60_000);
});
