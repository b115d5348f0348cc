import { afterAll, describe, expect, it } from 'vitest';
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE_CONTENT, FIXTURE_DATA } from '../helpers/paths.ts';
import { freezeDataset, insideDir, shownPath, validatedDataset } from '../../src/build/read-dataset.ts';

const root = mkdtempSync(join(tmpdir(), 'read-dataset-'));
cpSync(FIXTURE_DATA, join(root, 'data'), { recursive: true });
cpSync(FIXTURE_CONTENT, join(root, 'content'), { recursive: true });
const saved = { DATA_DIR: process.env.DATA_DIR, CONTENT_DIR: process.env.CONTENT_DIR };
process.env.DATA_DIR = join(root, 'data');
process.env.CONTENT_DIR = join(root, 'content');
const touch = () => appendFileSync(join(root, 'data', 'villages.csv'), '');
const grow = () => appendFileSync(join(root, 'data', 'villages.csv'), '\n');

afterAll(() => {
  (globalThis as Record<symbol, { frozen: boolean }>)[Symbol.for('gushan.validated-dataset')]!.frozen = false;
  for (const [k, v] of Object.entries(saved))
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  rmSync(root, { recursive: true, force: true });
});

describe('validatedDataset: one validated data set per process', () => {
  it('reads and checks the files once, and again when one changes (the dev server)', () => {
    const first = validatedDataset();
    touch();
    expect(validatedDataset()).toBe(first);
    grow();
    expect(validatedDataset()).not.toBe(first);
  });

  it('is shared by a second copy of the module, as `astro build` loads one for the integrations and one with the pages', async () => {
    // A query string makes Vite load the file as a module of its own; the path is built at run time
    // because TypeScript resolves no module with a query.
    const second = `../../src/build/read-dataset.ts?${'second-copy'}`;
    const copy = (await import(/* @vite-ignore */ second)) as typeof import('../../src/build/read-dataset.ts');
    expect(copy.validatedDataset).not.toBe(validatedDataset);
    expect(copy.validatedDataset()).toBe(validatedDataset());
  });

  it('once frozen for a build, does not look at the files again', () => {
    const before = validatedDataset();
    freezeDataset();
    grow();
    expect(validatedDataset()).toBe(before);
  });
});

describe('insideDir and shownPath: whether a file is under a folder', () => {
  it('counts the folder itself and anything below it, a name starting with two dots included', () => {
    expect(insideDir('/site/data', '/site/data')).toBe(true);
    expect(insideDir('/site/data/problems.csv', '/site/data')).toBe(true);
    expect(insideDir('/site/data/..drafts/problems.csv', '/site/data')).toBe(true);
    expect(shownPath('/site/data/..drafts/problems.csv', '/site')).toBe('data/..drafts/problems.csv');
  });

  it('does not count the parent, a sibling or a folder whose name only begins the same', () => {
    expect(insideDir('/site', '/site/data')).toBe(false);
    expect(insideDir('/site/content/plan/a.md', '/site/data')).toBe(false);
    expect(insideDir('/site/data-old/problems.csv', '/site/data')).toBe(false);
    expect(shownPath('/elsewhere/problems.csv', '/site')).toBe('/elsewhere/problems.csv');
  });
});
