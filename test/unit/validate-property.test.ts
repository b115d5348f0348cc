import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VALID } from '../helpers/fixtures.ts';
import { validateDataset, type PlanSource } from '../../src/lib/validation/validate.ts';
import { ALL_TABLES } from '../../src/schemas/index.ts';
import { ISSUE_CODES } from '../../src/lib/validation/issues.ts';

/**
 * Random damage to valid CSV files: deleted and inserted characters, stray quotes, swapped
 * columns, truncation, binary bytes. Whatever happens, the validator must answer with
 * located messages and never throw.
 */
const files = new Map(ALL_TABLES.map((t) => [t.name, readFileSync(join(VALID, 'data', `${t.name}.csv`))]));
const plans: PlanSource[] = readdirSync(join(VALID, 'content/plan'))
  .filter((f) => f.endsWith('.md'))
  .map((f) => ({ id: f.slice(0, -3), path: `content/plan/${f}`, text: readFileSync(join(VALID, 'content/plan', f), 'utf8') }));
const names = [...files.keys()];

type Mutation = (bytes: Uint8Array, a: number, b: number) => Uint8Array;
const at = (bytes: Uint8Array, a: number) => (bytes.length === 0 ? 0 : a % bytes.length);
const MUTATIONS: Record<string, Mutation> = {
  delete: (x, a, b) => new Uint8Array([...x.subarray(0, at(x, a)), ...x.subarray(at(x, a) + (b % 8) + 1)]),
  insert: (x, a, b) =>
    new Uint8Array([...x.subarray(0, at(x, a)), ...new TextEncoder().encode(['"', ',', '\n', '\r', '水', ';', ' '][b % 7]!), ...x.subarray(at(x, a))]),
  quote: (x, a) => new Uint8Array([...x.subarray(0, at(x, a)), 34, ...x.subarray(at(x, a))]),
  binary: (x, a, b) => new Uint8Array([...x.subarray(0, at(x, a)), b % 256, (b * 7) % 256, 0, ...x.subarray(at(x, a))]),
  truncate: (x, a) => x.subarray(0, at(x, a)),
  swapColumns: (x, a, b) => {
    const lines = new TextDecoder().decode(x).split('\n');
    return new TextEncoder().encode(
      lines
        .map((l) => {
          const cells = l.split(',');
          const i = a % Math.max(1, cells.length);
          const j = b % Math.max(1, cells.length);
          [cells[i], cells[j]] = [cells[j]!, cells[i]!];
          return cells.join(',');
        })
        .join('\n'),
    );
  },
};

describe('validator under random damage', () => {
  it('never throws and always locates its messages', () => {
    let damagedRuns = 0;
    fc.assert(
      fc.property(
        fc.array(fc.record({ table: fc.constantFrom(...names), kind: fc.constantFrom(...Object.keys(MUTATIONS)), a: fc.nat(100000), b: fc.nat(100000) }), {
          minLength: 1,
          maxLength: 6,
        }),
        (mutations) => {
          const damaged = new Map<string, Uint8Array | undefined>(files);
          for (const m of mutations) damaged.set(m.table, MUTATIONS[m.kind]!(damaged.get(m.table)!, m.a, m.b));
          const result = validateDataset({ dataDir: 'data', files: damaged, tables: ALL_TABLES, plans });
          if (result.issues.length > 0) damagedRuns++;
          for (const i of result.issues) {
            expect(Object.keys(ISSUE_CODES)).toContain(i.code);
            expect(i.file).toMatch(/^(data\/[a-z-]+\.csv|content\/plan\/[a-z0-9-]+\.md)$/);
            expect(i.message.length).toBeGreaterThan(5);
            if (i.code !== 'E001' && i.code !== 'E075') expect(i.line, `${i.code} ${i.message}`).toBeGreaterThanOrEqual(1);
          }
        },
      ),
      { numRuns: 400, seed: 20171 },
    );
    // The mutations must actually break things most of the time, or the test proves nothing.
    expect(damagedRuns).toBeGreaterThan(200);
    // 400 validations of the whole fixture: seconds alone, more beside the site's builds on two cores.
  }, 120_000);
});
