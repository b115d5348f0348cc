/** Writes a built site's compressed copies, then its files for the host, all from one set of rules. */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { headerRules, headersFile } from './rules.ts';
import { NGINX_BROTLI_CONF, nginxConf } from './nginx.ts';
import { compressOutput, type AheadResult, type CompressResult } from './compress.ts';
import { csvFoldersOf, entriesOf } from './entries.ts';

export async function writeHostFiles(out: string, base: string, ahead?: AheadResult): Promise<CompressResult> {
  // Compressed copies first: they are files of the site too, and the rules cover every file.
  const compressed = await compressOutput(out, ahead ? { ahead } : {});
  const rules = headerRules(base, entriesOf(out));
  await writeFile(join(out, '_headers'), headersFile(rules, csvFoldersOf(out)));
  await writeFile(join(out, '_nginx.conf'), nginxConf(rules, { base }));
  await writeFile(join(out, '_nginx-brotli.conf'), NGINX_BROTLI_CONF);
  return compressed;
}

/** The base path a built site was built for: the path of the first rule of its `_headers`. */
export function builtBase(out: string): string {
  const first = readFileSync(join(out, '_headers'), 'utf8').split('\n', 1)[0] ?? '';
  if (!first.startsWith('/') || !first.endsWith('/')) throw new Error(`${join(out, '_headers')} does not start with the base path`);
  return first;
}
