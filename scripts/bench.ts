/**
 * npm run bench [-- --sizes S,M,L] [--json bench-results.json] [--history 200] [--history-only] [--search]
 *
 * Generates data sets of three sizes (S: the sample; M: 1,000 enterprises and 1,000
 * problems; L: 20,000 enterprises × 5 periods, 10,000 problems, 200 indicators × 20
 * observations, 100 villages), then for each measures validation time, build time with the
 * search index, CPU time (user and kernel) and peak memory of the build's process tree, page
 * count, size of dist/, size of the search index, the largest HTML page and the JavaScript per
 * page type, and where the build's time went: its
 * steps and its pages by route (scripts/build-timing.ts). As peers it builds, in the same run,
 * a bare Astro project of the same page count (scripts/bare-astro.ts) and times a minimal Node
 * script writing the same number of HTML files, and reports the build's ratio to each: this
 * machine's speed varies from run to run, a ratio to a peer measured beside it much less.
 *
 * With --history N, it also makes a synthetic git history over each data set (the data set,
 * then N commits of a few rows each: scripts/bench-history.ts) and measures what reading the
 * records' history adds to a build (src/build/history/data-history.ts, in a process of its own): wall
 * time and peak memory with an empty diff cache (cold: the first build) and with the cache
 * filled (warm: every later build). --history-only skips the site build.
 *
 * It then starts the dev server on each data set and times what an editor waits for: an
 * enterprise renamed in its CSV file, until its page shows the new name (scripts/bench-dev.ts).
 *
 * It weighs the pre-compressed copies per page type and times each compression level on a
 * sample of the site's text files (scripts/bench-compress.ts).
 *
 * With --search, it runs sampled queries in Chromium on each built site (scripts/bench-search.ts):
 * whether each finds its own page first / in the top 3 or 5, and the bytes one query fetches.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PRESETS, copySample, generate } from './generate-data.ts';
import { appendCommit, makeHistory } from './bench-history.ts';
import { benchSearch, printSearchBench, type SearchBench } from './bench-search.ts';
import { siteSizes } from '../src/integrations/size-report.ts';
import { summarise } from '../src/build/size-report.ts';
import { buildTiming, formatTiming } from './build-timing.ts';
import { writeBareAstro } from './bare-astro.ts';
import { measure as measureCommand, type Measured } from './measure.ts';
import { benchDev } from './bench-dev.ts';
import { benchCompress, printCompressBench } from './bench-compress.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const WORK = process.env.BENCH_DIR || '/tmp/gushan-bench';

function dirStats(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      const s = statSync(p);
      if (s.isDirectory()) walk(p);
      else {
        files++;
        bytes += s.size;
      }
    }
  };
  if (existsSync(dir)) walk(dir);
  return { files, bytes };
}

/** Runs a command from the project root (scripts/measure.ts: peak memory of the whole process tree). */
function measure(cmd: string[], env: Record<string, string>): Promise<Measured> {
  return measureCommand(cmd, { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', ...env }, ROOT);
}

interface CpuSeconds {
  total: number;
  user: number;
  system: number;
}

/** A measured command's CPU time, rounded, or null without /proc. */
function cpuOf(m: Measured): CpuSeconds | null {
  if (!m.cpu) return null;
  const r = (n: number) => Number(n.toFixed(1));
  return { total: r(m.cpu.userSeconds + m.cpu.systemSeconds), user: r(m.cpu.userSeconds), system: r(m.cpu.systemSeconds) };
}

const cpuText = (c: CpuSeconds | null) => (c ? `CPU ${c.total}s, of it kernel ${c.system}s` : 'CPU time unknown');

/** The floor: a fresh Node process that only writes the same number of small HTML files. */
function floor(pages: number): number {
  const dir = join(WORK, 'floor');
  rmSync(dir, { recursive: true, force: true });
  const script = `const fs=require('node:fs');for(let i=0;i<${pages};i++){const d=${JSON.stringify(dir)}+'/'+i;fs.mkdirSync(d,{recursive:true});fs.writeFileSync(d+'/index.html','<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>第'+i+'页</title><h1>第'+i+'页</h1></html>')}`;
  const started = performance.now();
  spawnSync(process.execPath, ['-e', script]);
  const seconds = (performance.now() - started) / 1000;
  rmSync(dir, { recursive: true, force: true });
  return seconds;
}

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: 'S,M,L' },
    json: { type: 'string', default: join(ROOT, 'bench-results.json') },
    history: { type: 'string', default: '0' },
    'history-only': { type: 'boolean', default: false },
    search: { type: 'boolean', default: false },
  },
});
const results: Record<string, unknown>[] = [];
const historyCommits = Number(values.history);
const historyRows: Record<string, unknown>[] = [];
const searchRows: Array<{ size: string } & SearchBench> = [];

/** Reading the history of a synthetic repository over a data set: cold (empty cache), then warm. */
async function benchHistory(size: string, dataRoot: string): Promise<void> {
  const repo = join(WORK, `history-${size}`);
  const cache = join(WORK, `history-cache-${size}`);
  const makeSeconds = makeHistory(dataRoot, repo, historyCommits);
  rmSync(cache, { recursive: true, force: true });
  const read = async () => {
    const m = await measure([process.execPath, 'scripts/bench-history.ts', '--read', join(repo, 'data'), '--cache', cache], {});
    if (!m.ok) throw new Error(`history read failed for ${size}:\n${m.output.slice(-2000)}`);
    const inner = JSON.parse(
      m.output
        .trim()
        .split('\n')
        .find((l) => l.startsWith('{'))!,
    ) as { seconds: number; cpuSeconds: number; commits: number; records: number; versions: number; blobsRead: number; cacheHits: number; rssMb: number };
    return {
      wallSeconds: Number(m.seconds.toFixed(2)),
      readSeconds: Number(inner.seconds.toFixed(2)),
      cpuSeconds: Number(inner.cpuSeconds.toFixed(2)),
      peakMemoryMb: m.peakMb === undefined ? Math.round(inner.rssMb) : Math.round(m.peakMb),
      blobsRead: inner.blobsRead,
      cacheHits: inner.cacheHits,
      commits: inner.commits,
      records: inner.records,
    };
  };
  const cold = await read();
  const warm = await read();
  const cacheMb = Number((dirStats(cache).bytes / 1024 / 1024).toFixed(1));
  appendCommit(repo);
  const oneNew = await read();
  const row = { size, commits: historyCommits, makeSeconds: Number(makeSeconds.toFixed(1)), cacheMb, cold, warm, oneNew };
  historyRows.push(row);
  console.log(
    `${size} history (${historyCommits} commits, ${cold.records} records): cold ${cold.readSeconds}s (CPU ${cold.cpuSeconds}s, wall ${cold.wallSeconds}s, peak ${cold.peakMemoryMb} MB, ${cold.blobsRead} versions read), warm ${warm.readSeconds}s (wall ${warm.wallSeconds}s, peak ${warm.peakMemoryMb} MB, ${warm.blobsRead} read), one new commit ${oneNew.readSeconds}s (${oneNew.blobsRead} read), cache ${row.cacheMb} MB`,
  );
}

for (const size of values.sizes.split(',')) {
  const dataRoot = join(WORK, `data-${size}`);
  const out = join(WORK, `dist-${size}`);
  if (size === 'S') copySample(dataRoot);
  else generate(dataRoot, PRESETS[size as 'M' | 'L'], 1);
  if (historyCommits > 0) await benchHistory(size, dataRoot);
  if (values['history-only']) continue;
  const env = { DATA_DIR: join(dataRoot, 'data'), CONTENT_DIR: join(dataRoot, 'content'), OUT_DIR: out, BUILD_DATE: '2026-01-15' };
  const validate = await measure([process.execPath, 'src/cli/validate.ts'], env);
  if (!validate.ok) throw new Error(`validate failed for ${size}:\n${validate.output.slice(0, 2000)}`);
  rmSync(out, { recursive: true, force: true });
  const build = await measure([process.execPath, 'node_modules/astro/bin/astro.mjs', 'build'], env);
  if (!build.ok) throw new Error(`build failed for ${size}:\n${build.output.slice(-4000)}`);
  const sizes = siteSizes(out, '/');
  const pages = sizes.pages.length;
  const index = dirStats(join(out, 'pagefind'));
  const dist = dirStats(out);
  const largest = [...sizes.pages].sort((a, b) => b.bytes - a.bytes)[0]!;
  const floorSeconds = floor(pages);
  const timing = buildTiming(build.output, build.seconds);
  const bareDir = join(WORK, 'bare-astro');
  writeBareAstro(bareDir, ROOT, pages);
  const bare = await measure([process.execPath, 'node_modules/astro/bin/astro.mjs', 'build', '--root', bareDir], {});
  if (!bare.ok) throw new Error(`bare Astro build failed:\n${bare.output.slice(-2000)}`);
  const bareHtml = dirStats(join(bareDir, 'dist'));
  rmSync(bareDir, { recursive: true, force: true });
  const dev = await benchDev(ROOT, dataRoot);
  const compression = benchCompress(out);
  printCompressBench(size, compression);
  const row = {
    size,
    validateSeconds: Number(validate.seconds.toFixed(2)),
    buildSeconds: Number(build.seconds.toFixed(1)),
    peakMemoryMb: build.peakMb === undefined ? null : Math.round(build.peakMb),
    // CPU time of the build's process tree (Node and Pagefind's program): on 2 cores the build
    // cannot take less wall time than half of it; the kernel's part (mostly writing files) is
    // what varies most between runs on this machine.
    cpuSeconds: cpuOf(build),
    pages,
    distMb: Number((dist.bytes / 1024 / 1024).toFixed(1)),
    distFiles: dist.files,
    searchIndexMb: Number((index.bytes / 1024 / 1024).toFixed(1)),
    searchIndexFiles: index.files,
    largestHtml: { path: largest.path, kb: Number((largest.bytes / 1024).toFixed(1)) },
    jsPerPageTypeKbGzip: Object.fromEntries(
      summarise(sizes.pages).map((t) => [t.type, { initial: Number((t.jsInitialGzip / 1024).toFixed(1)), lazy: Number((t.jsLazyGzip / 1024).toFixed(1)) }]),
    ),
    floorSeconds: Number(floorSeconds.toFixed(2)),
    ratioToFloor: Number((build.seconds / floorSeconds).toFixed(1)),
    bareAstro: {
      seconds: Number(bare.seconds.toFixed(1)),
      cpuSeconds: cpuOf(bare),
      peakMemoryMb: bare.peakMb === undefined ? null : Math.round(bare.peakMb),
      pages,
      averageHtmlKb: Number((bareHtml.bytes / Math.max(1, bareHtml.files) / 1024).toFixed(1)),
    },
    ratioToBareAstro: Number((build.seconds / bare.seconds).toFixed(2)),
    averageHtmlKb: Number((sizes.pages.reduce((n, p) => n + p.bytes, 0) / Math.max(1, pages) / 1024).toFixed(1)),
    timing,
    compression,
    devServer: { startSeconds: Number(dev.startSeconds.toFixed(1)), oneRowEditSeconds: Number(dev.editSeconds.toFixed(1)) },
  };
  results.push(row);
  if (values.search) {
    const s = await benchSearch(dataRoot, out);
    searchRows.push({ size, ...s });
    printSearchBench(size, s);
  }
  console.log(
    `${size} dev server (npm run dev): first enterprise page after ${row.devServer.startSeconds}s; an enterprise renamed in its CSV file shows on its page ${row.devServer.oneRowEditSeconds}s after the save`,
  );
  console.log(
    `${size}: validate ${row.validateSeconds}s, build ${row.buildSeconds}s (${cpuText(row.cpuSeconds)}), peak ${row.peakMemoryMb} MB, ${pages} pages (${row.averageHtmlKb} KB average), dist ${row.distMb} MB (${row.distFiles} files), index ${row.searchIndexMb} MB (${row.searchIndexFiles} files), largest ${row.largestHtml.path} ${row.largestHtml.kb} KB; bare Astro ${row.bareAstro.seconds}s (${cpuText(row.bareAstro.cpuSeconds)}) for ${pages} pages of ${row.bareAstro.averageHtmlKb} KB (×${row.ratioToBareAstro}), floor ${row.floorSeconds}s (×${row.ratioToFloor})`,
  );
  console.log(formatTiming(size, timing));
}

const head = [
  'size',
  'validate s',
  'build s',
  'CPU s (kernel s)',
  'peak MB',
  'pages',
  'dist MB',
  'dist files',
  'index MB',
  'index files',
  'largest HTML KB',
  'bare Astro s',
  '× bare Astro',
  'floor s',
  '× floor',
];
console.log(`\n| ${head.join(' | ')} |\n| ${head.map(() => '---').join(' | ')} |`);
for (const r of results as Array<Record<string, never>>) {
  const l = r.largestHtml as unknown as { kb: number };
  const b = r.bareAstro as unknown as { seconds: number };
  const c = r.cpuSeconds as unknown as CpuSeconds | null;
  console.log(
    `| ${[r.size, r.validateSeconds, r.buildSeconds, c ? `${c.total} (${c.system})` : '—', r.peakMemoryMb, r.pages, r.distMb, r.distFiles, r.searchIndexMb, r.searchIndexFiles, l.kb, b.seconds, r.ratioToBareAstro, r.floorSeconds, r.ratioToFloor].join(' | ')} |`,
  );
}
if (historyRows.length > 0) {
  const h = [
    'size',
    'commits',
    'records',
    'cold s',
    'cold CPU s',
    'cold peak MB',
    'warm s',
    'warm peak MB',
    'one new commit s',
    'versions read cold/warm/new',
    'cache MB',
  ];
  console.log(`\nHistory read (added to a build):\n| ${h.join(' | ')} |\n| ${h.map(() => '---').join(' | ')} |`);
  for (const r of historyRows as Array<{
    size: string;
    commits: number;
    cacheMb: number;
    cold: Record<string, number>;
    warm: Record<string, number>;
    oneNew: Record<string, number>;
  }>) {
    console.log(
      `| ${[r.size, r.commits, r.cold.records, r.cold.readSeconds, r.cold.cpuSeconds, r.cold.peakMemoryMb, r.warm.readSeconds, r.warm.peakMemoryMb, r.oneNew.readSeconds, `${r.cold.blobsRead}/${r.warm.blobsRead}/${r.oneNew.blobsRead}`, r.cacheMb].join(' | ')} |`,
    );
  }
}
writeFileSync(
  values.json,
  `${JSON.stringify({ machine: `${process.platform} ${process.arch}, node ${process.version}`, date: new Date().toISOString(), results, history: historyRows, search: searchRows }, null, 2)}\n`,
);
console.log(`\nJSON: ${values.json}`);
