/**
 * The Nu Html Checker (the W3C validator, npm vnu-jar, run with the machine's Java) judges every
 * page of both built sites. It is independent of our own html-validate rules, and stricter about
 * document structure (it caught module scripts written after </html>).
 */
import { spawnSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import Papa from 'papaparse';
// tableschema-js (frictionlessdata): a second Table Schema implementation, not ours.
import tableschema from 'tableschema';
import { listFiles, readHtml } from '../helpers/html.ts';
import { ROOT, SITE_BASE } from '../helpers/paths.ts';
import { BOTH_SITES } from '../helpers/sites.ts';

const JAR = join(ROOT, 'node_modules/vnu-jar/build/dist/vnu.jar');
const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
const noJava = java.error !== undefined && !process.env.CI;

interface VnuMessage {
  type: string;
  url: string;
  lastLine?: number;
  message: string;
}

describe.skipIf(noJava)('the Nu Html Checker', () => {
  if (java.error) it('needs a Java runtime (apt-get install -y default-jre-headless)', () => expect(java.error).toBeUndefined());
  // One run over both sites: the JVM starts once. A short run is cheapest with the quick compiler
  // alone and the serial collector; the checker's verdicts do not depend on either.
  let messages: VnuMessage[] | undefined;
  const checked = (): VnuMessage[] => {
    if (messages) return messages;
    const args = ['-Xss4m', '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-jar', JAR, '--errors-only', '--format', 'json', '--skip-non-html'];
    const r = spawnSync('java', [...args, ...BOTH_SITES.map((s) => s.dir)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(r.error).toBeUndefined();
    messages = (JSON.parse(r.stderr || r.stdout || '{"messages":[]}') as { messages: VnuMessage[] }).messages;
    return messages;
  };
  for (const site of BOTH_SITES) {
    it(`finds no error on any page of ${site.name}`, () => {
      const errors = checked()
        .filter((m) => m.type === 'error' || m.type === 'non-document-error')
        .map((m) => ({ m, path: relative(site.dir, new URL(m.url).pathname) }))
        .filter(({ path }) => !path.startsWith('..'))
        .map(({ m, path }) => `${path}:${m.lastLine ?? '?'} ${m.message}`);
      expect(errors).toEqual([]);
    }, 240_000);
  }
});

describe('canonical links', () => {
  for (const site of BOTH_SITES) {
    it(`point only to pages that exist on ${site.name} (each to itself; an embed to its indicator page), and the 404 page has none`, () => {
      const pages = listFiles(site.dir).filter((f) => f.endsWith('.html'));
      expect(pages.length).toBeGreaterThan(10);
      const wrong: string[] = [];
      for (const p of pages) {
        const href = readHtml(site.dir, p).querySelector('link[rel=canonical]')?.getAttribute('href');
        if (p === '404.html') {
          if (href !== undefined) wrong.push(`404.html: ${href}`);
          continue;
        }
        const path = href ? new URL(href).pathname : '';
        const file = join(site.dir, decodeURIComponent(path.slice(SITE_BASE.length)), path.endsWith('/') ? 'index.html' : '');
        // An embed page is a framed copy of its indicator page, which is the canonical one.
        const self = p.replace(/^embed\/(indicators\/[^/]+\/index\.html)$/, '$1');
        if (!href || !path.startsWith(SITE_BASE) || !existsSync(file) || relative(site.dir, file) !== self) wrong.push(`${p}: ${href}`);
      }
      expect(wrong).toEqual([]);
    });
  }
});

/** The List Field of the Table Schema 2.0 text, missing from the profile's field oneOf. */
const LIST_FIELD = {
  type: 'object',
  title: 'List Field',
  required: ['name', 'type'],
  properties: {
    name: { type: 'string' },
    title: { type: 'string' },
    description: { type: 'string' },
    type: { enum: ['list'] },
    format: { enum: ['default'] },
    delimiter: { type: 'string' },
    itemType: { enum: ['string', 'integer', 'boolean', 'number', 'datetime', 'date', 'time'] },
    constraints: {
      type: 'object',
      properties: { required: { type: 'boolean' }, minLength: { type: 'integer' }, maxLength: { type: 'integer' } },
      additionalProperties: false,
    },
  },
};

/** Adds the List Field to every list of field kinds (the `oneOf` whose members are titled "… Field"). */
function withListField(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withListField);
  if (node && typeof node === 'object') {
    const o = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, withListField(v)]));
    const kinds = o.oneOf;
    if (Array.isArray(kinds) && kinds.some((k) => (k as { title?: string }).title === 'String Field')) o.oneOf = [...kinds, LIST_FIELD];
    return o;
  }
  return node;
}

describe('datapackage.json against the official Data Package 2.0 profile', () => {
  const profile = withListField(JSON.parse(readFileSync(join(ROOT, 'test/fixtures/standards/datapackage-2.0.json'), 'utf8'))) as object;
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:\S+$/i);
  ajv.addFormat('email', /^\S+@\S+$/);
  ajv.addFormat('textarea', /[\s\S]*/);
  const validate = ajv.compile(profile);

  for (const site of BOTH_SITES) {
    const pkg = JSON.parse(readFileSync(join(site.dir, 'data/datapackage.json'), 'utf8'));

    it(`is valid on ${site.name}`, () => {
      validate(pkg);
      expect(validate.errors ?? []).toEqual([]);
      expect(pkg.created).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00\+08:00$/);
    });

    it(`declares patterns only on string fields, as whole-value patterns every published cell of ${site.name} matches`, () => {
      let checked = 0;
      for (const r of pkg.resources as Array<{
        name: string;
        path?: string;
        schema: { fields: Array<{ name: string; type: string; constraints?: { pattern?: string } }> };
      }>) {
        // The published file (a derived resource such as the scoreboard has no file in data/).
        const rows = Papa.parse<Record<string, string>>(readFileSync(join(site.dir, 'data', r.path ?? `${r.name}.csv`), 'utf8').replace(/^\uFEFF/, ''), {
          header: true,
          skipEmptyLines: true,
        }).data;
        for (const f of r.schema.fields) {
          const pattern = f.constraints?.pattern;
          if (!pattern) continue;
          expect(f.type, `${r.name}.${f.name}`).toBe('string');
          expect(pattern, `${r.name}.${f.name}`).not.toMatch(/^\^|\$$|\(\?:|\\d/);
          // XML Schema patterns match the whole value; this subset reads the same in JavaScript.
          const whole = new RegExp(`^(?:${pattern})$`, 'u');
          for (const row of rows) {
            const v = row[f.name] ?? '';
            if (v === '') continue;
            expect(whole.test(v), `${r.name}.${f.name} = ${v}`).toBe(true);
            checked++;
          }
        }
      }
      expect(checked).toBeGreaterThan(20);
    });
  }
});

describe('every CSV against its declared Table Schema, read by tableschema-js (frictionlessdata)', () => {
  for (const site of BOTH_SITES) {
    it(`casts every row of every table of ${site.name}`, async () => {
      const pkg = JSON.parse(readFileSync(join(site.dir, 'data/datapackage.json'), 'utf8'));
      const report: string[] = [];
      let cast = 0;
      for (const r of pkg.resources as Array<{ name: string; path: string; schema: { fields: Array<Record<string, unknown>> } }>) {
        // tableschema-js implements Table Schema 1, which has no list type: read lists as strings.
        const fields = r.schema.fields.map((f) => (f.type === 'list' ? { ...f, type: 'string', delimiter: undefined, itemType: undefined } : f));
        // Typed as returning a Schema, it returns a Promise of one (tableschema-js index.d.ts is wrong here).
        const schema = await (tableschema.Schema.load({ ...r.schema, fields }) as unknown as Promise<tableschema.Schema>);
        const text = readFileSync(join(site.dir, 'data', r.path), 'utf8').replace(/^\uFEFF/, '');
        const [header, ...rows] = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
        expect(header, r.name).toEqual(fields.map((f) => f.name));
        for (const [k, row] of rows.entries()) {
          try {
            schema.castRow(row);
            cast++;
          } catch (e) {
            const errors = (e as { errors?: Array<{ message: string }> }).errors ?? [e as Error];
            report.push(`${r.path} row ${k + 1}: ${errors.map((x) => x.message).join('; ')}`);
          }
        }
      }
      expect(report).toEqual([]);
      expect(cast).toBeGreaterThan(20);
    });
  }
});
