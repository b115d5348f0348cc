import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/paths.ts';

const script = join(ROOT, 'scripts/types-snapshot.ts');
const dirs: string[] = [];
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), 'gushan-types-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('the copy of Astro declarations the type check of npm test reads', () => {
  it('holds every declaration file of .astro/ at the same depth, and nothing else, replacing an older copy', () => {
    const dir = temp();
    mkdirSync(join(dir, '.astro/collections'), { recursive: true });
    writeFileSync(join(dir, '.astro/types.d.ts'), '/// <reference path="content.d.ts" />\n');
    writeFileSync(join(dir, '.astro/content.d.ts'), 'export type ContentConfig = typeof import("../src/content.config.js");\n');
    writeFileSync(join(dir, '.astro/collections/pages.schema.json'), '{}');
    mkdirSync(join(dir, '.astro/integrations/x'), { recursive: true });
    writeFileSync(join(dir, '.astro/integrations/x/types.d.ts'), 'declare const x: 1;\n');
    writeFileSync(join(dir, '.astro/data-store.json'), '{}');
    mkdirSync(join(dir, '.astro-check'));
    writeFileSync(join(dir, '.astro-check/stale.d.ts'), 'declare const stale: 1;\n');
    const r = spawnSync(process.execPath, [script], { cwd: dir, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(dir, '.astro-check/content.d.ts'), 'utf8')).toContain('"../src/content.config.js"');
    expect(readFileSync(join(dir, '.astro-check/types.d.ts'), 'utf8')).toBe('/// <reference path="content.d.ts" />\n');
    expect(readFileSync(join(dir, '.astro-check/integrations/x/types.d.ts'), 'utf8')).toBe('declare const x: 1;\n');
    for (const f of ['stale.d.ts', 'data-store.json', 'collections/pages.schema.json']) expect(existsSync(join(dir, '.astro-check', f)), f).toBe(false);
  });

  it('stops with a message when astro sync has not written the declarations', () => {
    const r = spawnSync(process.execPath, [script], { cwd: temp(), encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe('.astro/types.d.ts 不存在：请先运行 astro sync');
  });
});
