/**
 * npm run bench [-- --sizes M,L] [--json bench-results.json] [--flat] [--no-search]
 *                  [--limit-minutes 60] [--dev] [--compress] [--history-read 200] [--history-only]
 *
 * Builds the site at each size (scripts/generate-data.ts; M: 1,000 enterprises and 1,000
 * problems; L: 20,000 enterprises × 5 periods, 10,000 problems, 200 indicators × 20 observations,
 * 100 villages; P, a province, ten times L: `--sizes M,L,P`, not run by default, as it takes far
 * longer than the others; S, the sample) the way a deployment builds it: from a fresh clone of a
 * git repository holding a year of monthly commits over the data set (scripts/year-history.ts),
 * with cold caches (an empty HISTORY_CACHE_DIR and ASTRO_CACHE_DIR, no node_modules/.astro of an earlier build),
 * incrementally (INCREMENTAL_BUILD=1) as the deploy workflow builds.
 * Then it commits a one-row change in the same clone and builds again with the caches the first
 * build left, as the next deployment would. `--flat` builds the generated folder without git.
 *
 * For each size it measures validation, the full build and the one-row rebuild (wall time, CPU
 * time and peak memory of the build's whole process tree: scripts/measure.ts), pages, the size
 * and file count of the output and of the search indexes, the largest page, JavaScript per page
 * type, where the build's time went (scripts/build-timing.ts), and, in Chromium, the bytes of a
 * first and of a further search query (scripts/bench-search.ts; `--no-search` skips it). As peers
 * it builds, in the same run, a bare Astro project of the same page count (scripts/bare-astro.ts)
 * and times a bare Node script writing as many HTML files; this machine's speed varies from run
 * to run, a ratio to a peer measured beside it much less. It prints a side-by-side table of the
 * sizes with their peers and ratios (scripts/bench-table.ts) and writes everything as JSON.
 *
 * A build that fails or runs past `--limit-minutes` is recorded with the step, the reason and
 * how far it got, and the run goes on with the next size.
 *
 * Extras: `--dev` times what an editor waits for on the dev server (scripts/bench-dev.ts);
 * `--compress` weighs the pre-compressed copies and times each level (scripts/bench-compress.ts);
 * `--history-read N` makes N small commits over each data set (scripts/bench-history.ts) and
 * times reading the history alone, cold, warm and after one new commit (`--history-only`: only that).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PRESETS, copySample, generate, type Preset } from './generate-data.ts';
import { appendCommit, makeHistory, oneRowEdit } from './bench-history.ts';
import { freshClone, makeYearHistory } from './year-history.ts';
import { benchSearch, printSearchBench, type SearchBench } from './bench-search.ts';
import { siteSizes } from '../src/integrations/size-report.ts';
import { summarise } from '../src/build/size-report.ts';
import { buildTiming, formatTiming } from './build-timing.ts';
import { writeBareAstro } from './bare-astro.ts';
import { describePeak, measure as measureCommand, type Measured } from './measure.ts';
import { benchDev } from './bench-dev.ts';
import { benchCompress, printCompressBench } from './bench-compress.ts';
import { sideBySide, type Run, type SizeFigures } from './bench-table.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const WORK = process.env.BENCH_DIR || '/tmp/gushan-bench';
/** The date every build is made on: after the last commit of the synthetic year (2021). */
const BUILD_DATE = '2026-01-15';

/**
 * Where the large folders of earlier runs and steps (outputs, the floor's files, bare Astro) go
 * until the bench ends: moved aside by a rename, deleted last. On this machine's ext4, creating
 * files in the minutes after deleting a hundred thousand took the kernel twice as long (README,
 * "Scale"), and a deployment does not build right after deleting a site's output.
 */
const TRASH = join(WORK, 'trash');
let trashed = 0;
function moveAside(dir: string): void {
  if (!existsSync(dir)) return;
  mkdirSync(TRASH, { recursive: true });
  renameSync(dir, join(TRASH, `${Date.now()}-${trashed++}`));
}

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

const mb = (bytes: number) => Number((bytes / 1024 / 1024).toFixed(1));

/** Runs a command from the project root (scripts/measure.ts: peak memory of the whole process tree). */
function measure(cmd: string[], env: Record<string, string>, limitSeconds?: number): Promise<Measured> {
  // As the deploy workflow builds (and the peer too): Rolldown's allocator without transparent huge pages.
  return measureCommand(cmd, { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', MIMALLOC_ALLOW_THP: '0', ...env }, ROOT, limitSeconds);
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

/** Wall time, CPU time and peak memory of a measured command, for the table. */
function runOf(m: Measured): Run {
  return { seconds: Number(m.seconds.toFixed(1)), cpuSeconds: cpuOf(m)?.total ?? null, peakMb: m.peakMb === undefined ? null : Math.round(m.peakMb) };
}

const cpuText = (c: CpuSeconds | null) => (c ? `CPU ${c.total}s, of it kernel ${c.system}s` : 'CPU time unknown');

/** Why a measured command failed, in a line: the time limit, or the end of its output. */
function failure(m: Measured, limitSeconds: number): string {
  if (m.timedOut) return `stopped at the time limit of ${limitSeconds} s`;
  const tail = m.output.trim().split('\n').slice(-3).join(' / ');
  return /heap out of memory|ENOMEM|Killed/.test(m.output) ? `out of memory: ${tail.slice(-300)}` : `failed: ${tail.slice(-300)}`;
}

/** The floor: a fresh Node process that only writes the same number of small HTML files. */
function floor(pages: number): number {
  const dir = join(WORK, 'floor');
  moveAside(dir);
  const script = `const fs=require('node:fs');for(let i=0;i<${pages};i++){const d=${JSON.stringify(dir)}+'/'+i;fs.mkdirSync(d,{recursive:true});fs.writeFileSync(d+'/index.html','<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>第'+i+'页</title><h1>第'+i+'页</h1></html>')}`;
  const started = performance.now();
  spawnSync(process.execPath, ['-e', script]);
  const seconds = (performance.now() - started) / 1000;
  moveAside(dir);
  return seconds;
}

const { values } = parseArgs({
  allowNegative: true,
  options: {
    sizes: { type: 'string', default: 'M,L' },
    json: { type: 'string', default: join(ROOT, 'bench-results.json') },
    flat: { type: 'boolean', default: false },
    search: { type: 'boolean', default: true },
    'limit-minutes': { type: 'string', default: '60' },
    dev: { type: 'boolean', default: false },
    compress: { type: 'boolean', default: false },
    'history-read': { type: 'string', default: '0' },
    'history-only': { type: 'boolean', default: false },
  },
});
const limitSeconds = Number(values['limit-minutes']) * 60;
const results: Record<string, unknown>[] = [];
const figures: SizeFigures[] = [];
const historyCommits = Number(values['history-read']);
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
  const cacheMb = mb(dirStats(cache).bytes);
  appendCommit(repo);
  const oneNew = await read();
  const row = { size, commits: historyCommits, makeSeconds: Number(makeSeconds.toFixed(1)), cacheMb, cold, warm, oneNew };
  historyRows.push(row);
  console.log(
    `${size} history read (${historyCommits} commits, ${cold.records} records): cold ${cold.readSeconds}s (CPU ${cold.cpuSeconds}s, wall ${cold.wallSeconds}s, peak ${cold.peakMemoryMb} MB, ${cold.blobsRead} versions read), warm ${warm.readSeconds}s (wall ${warm.wallSeconds}s, peak ${warm.peakMemoryMb} MB, ${warm.blobsRead} read), one new commit ${oneNew.readSeconds}s (${oneNew.blobsRead} read), cache ${row.cacheMb} MB`,
  );
}

/** Builds one size: generate, history, fresh clone, validate, full build, one-row rebuild, peers, search. */
async function benchSize(size: string): Promise<void> {
  const dataRoot = join(WORK, `data-${size}`);
  const out = join(WORK, `dist-${size}`);
  const fig: SizeFigures = { size, commits: 0, pages: null, build: null, oneRow: null, distMb: null, distFiles: null, search: null, bare: null };
  figures.push(fig);
  const fail = (step: string, reason: string, run?: Run) => {
    fig.failed = { step, reason, ...(run ? { run } : {}) };
    results.push({ size, failed: fig.failed });
    console.log(`${size} did not finish: ${step}: ${reason}`);
  };
  const generated = performance.now();
  if (size === 'S') copySample(dataRoot);
  else generate(dataRoot, PRESETS[size as Preset], 1);
  console.log(`${size}: data set generated in ${((performance.now() - generated) / 1000).toFixed(1)}s`);
  if (historyCommits > 0) await benchHistory(size, dataRoot);
  if (values['history-only']) return;

  // The sample (S) has its own history in this repository; the generated sizes get a year of commits.
  const withHistory = !values.flat && size !== 'S';
  const site = withHistory ? join(WORK, `clone-${size}`) : dataRoot;
  let makeSeconds = 0;
  if (withHistory) {
    const origin = join(WORK, `repo-${size}`);
    const made = makeYearHistory(dataRoot, origin, 1);
    makeSeconds = made.seconds;
    fig.commits = made.commits.length;
    freshClone(origin, site);
    console.log(`${size}: ${made.commits.length} monthly commits made in ${makeSeconds.toFixed(1)}s, built from a fresh clone`);
  }
  // Cold caches: no history cache, no Astro cache of an earlier build.
  const cache = join(WORK, `cache-${size}`);
  rmSync(cache, { recursive: true, force: true });
  const astroCache = join(WORK, `astro-cache-${size}`);
  rmSync(astroCache, { recursive: true, force: true });
  rmSync(join(ROOT, 'node_modules/.astro'), { recursive: true, force: true });
  moveAside(out);
  // Built as the deploy workflow builds: incrementally, so that the one-row rebuild renders only what the row touches.
  const env = {
    DATA_DIR: join(site, 'data'),
    CONTENT_DIR: join(site, 'content'),
    OUT_DIR: out,
    BUILD_DATE,
    HISTORY_CACHE_DIR: cache,
    INCREMENTAL_BUILD: '1',
    ASTRO_CACHE_DIR: astroCache,
  };

  const validate = await measure([process.execPath, 'src/cli/validate.ts'], env, limitSeconds);
  if (!validate.ok) return fail('validate', failure(validate, limitSeconds), runOf(validate));
  console.log(`${size}: validated in ${validate.seconds.toFixed(1)}s`);
  const build = await measure([process.execPath, 'node_modules/astro/bin/astro.mjs', 'build'], env, limitSeconds);
  // What the build printed, for a closer look at where its time went (or where it stopped).
  writeFileSync(join(WORK, `build-${size}.log`), build.output);
  if (!build.ok) return fail('full build', failure(build, limitSeconds), runOf(build));
  fig.build = runOf(build);
  const sizes = siteSizes(out, '/');
  const pages = sizes.pages.length;
  fig.pages = pages;
  const pagefindIndex = dirStats(join(out, 'pagefind'));
  const recordIndex = dirStats(join(out, 'records-index'));
  const dist = dirStats(out);
  fig.distMb = mb(dist.bytes);
  fig.distFiles = dist.files;
  const largest = [...sizes.pages].sort((a, b) => b.bytes - a.bytes)[0]!;
  const timing = buildTiming(build.output, build.seconds);
  console.log(
    `${size}: full build ${fig.build.seconds}s (${cpuText(cpuOf(build))}), peak ${fig.build.peakMb} MB (${describePeak(build.peakAt)}), ${pages} pages`,
  );

  // One row changed and committed in the same clone; built again with what the first build left.
  const changed = withHistory ? appendCommit(site, '2022-01-15T09:00:00+08:00') : oneRowEdit(join(site, 'data'));
  const rebuild = await measure([process.execPath, 'node_modules/astro/bin/astro.mjs', 'build'], env, limitSeconds);
  writeFileSync(join(WORK, `rebuild-${size}.log`), rebuild.output);
  if (rebuild.ok) fig.oneRow = runOf(rebuild);
  else fail('one-row rebuild', failure(rebuild, limitSeconds), runOf(rebuild));
  const rebuildTiming = rebuild.ok ? buildTiming(rebuild.output, rebuild.seconds) : null;
  if (rebuild.ok)
    console.log(
      `${size}: one-row rebuild (${changed}) ${fig.oneRow!.seconds}s (${cpuText(cpuOf(rebuild))}), peak ${fig.oneRow!.peakMb} MB (${describePeak(rebuild.peakAt)})`,
    );

  const floorSeconds = floor(pages);
  const bareDir = join(WORK, 'bare-astro');
  writeBareAstro(bareDir, ROOT, pages);
  const bare = await measure([process.execPath, 'node_modules/astro/bin/astro.mjs', 'build', '--root', bareDir], {}, limitSeconds);
  if (bare.ok) {
    const bareDist = dirStats(join(bareDir, 'dist'));
    fig.bare = { ...runOf(bare), distMb: mb(bareDist.bytes), distFiles: bareDist.files };
  } else console.log(`${size}: bare Astro build ${failure(bare, limitSeconds)}`);
  moveAside(bareDir);

  if (values.search && rebuild.ok) {
    try {
      const search = await benchSearch(site, out);
      searchRows.push({ size, ...search });
      printSearchBench(size, search);
      fig.search = { firstKb: Math.round(search.bytesPerQuery.median / 1024), furtherKb: Math.round(search.bytesPerFurtherQuery.median / 1024) };
    } catch (e) {
      console.log(`${size}: search bench failed: ${(e as Error).message}`);
    }
  }
  const dev = values.dev ? await benchDev(ROOT, dataRoot) : null;
  const compression = values.compress ? benchCompress(out) : null;
  if (compression) printCompressBench(size, compression);
  const row = {
    size,
    historyCommits: fig.commits,
    historyMakeSeconds: Number(makeSeconds.toFixed(1)),
    validateSeconds: Number(validate.seconds.toFixed(2)),
    buildSeconds: fig.build.seconds,
    peakMemoryMb: fig.build.peakMb,
    // CPU time of the build's process tree (Node and Pagefind's program): on 2 cores the build
    // cannot take less wall time than half of it; the kernel's part (mostly writing files) is
    // what varies most between runs on this machine.
    cpuSeconds: cpuOf(build),
    oneRowRebuild: fig.oneRow ? { ...fig.oneRow, cpu: cpuOf(rebuild), changed, timing: rebuildTiming } : null,
    pages,
    distMb: fig.distMb,
    distFiles: fig.distFiles,
    searchIndexMb: mb(pagefindIndex.bytes),
    searchIndexFiles: pagefindIndex.files,
    recordIndexMb: mb(recordIndex.bytes),
    recordIndexFiles: recordIndex.files,
    largestHtml: { path: largest.path, kb: Number((largest.bytes / 1024).toFixed(1)) },
    jsPerPageTypeKbGzip: Object.fromEntries(
      summarise(sizes.pages).map((t) => [t.type, { initial: Number((t.jsInitialGzip / 1024).toFixed(1)), lazy: Number((t.jsLazyGzip / 1024).toFixed(1)) }]),
    ),
    floorSeconds: Number(floorSeconds.toFixed(2)),
    ratioToFloor: Number((build.seconds / floorSeconds).toFixed(1)),
    bareAstro: fig.bare
      ? { ...fig.bare, cpu: cpuOf(bare), averageHtmlKb: Number(((fig.bare.distMb * 1024) / Math.max(1, fig.bare.distFiles)).toFixed(1)) }
      : null,
    ratioToBareAstro: fig.bare ? Number((build.seconds / fig.bare.seconds).toFixed(2)) : null,
    averageHtmlKb: Number((sizes.pages.reduce((n, p) => n + p.bytes, 0) / Math.max(1, pages) / 1024).toFixed(1)),
    timing,
    search: fig.search,
    ...(compression ? { compression } : {}),
    ...(dev ? { devServer: { startSeconds: Number(dev.startSeconds.toFixed(1)), oneRowEditSeconds: Number(dev.editSeconds.toFixed(1)) } } : {}),
  };
  results.push(row);
  if (dev)
    console.log(
      `${size} dev server (npm run dev): first enterprise page after ${dev.startSeconds.toFixed(1)}s; an enterprise renamed in its CSV file shows on its page ${dev.editSeconds.toFixed(1)}s after the save`,
    );
  console.log(
    `${size}: validate ${row.validateSeconds}s, build ${row.buildSeconds}s (${cpuText(row.cpuSeconds)}), peak ${row.peakMemoryMb} MB, one-row rebuild ${fig.oneRow?.seconds ?? '—'}s, ${pages} pages (${row.averageHtmlKb} KB average), dist ${row.distMb} MB (${row.distFiles} files), Pagefind ${row.searchIndexMb} MB (${row.searchIndexFiles} files), record index ${row.recordIndexMb} MB (${row.recordIndexFiles} files), largest ${row.largestHtml.path} ${row.largestHtml.kb} KB; bare Astro ${fig.bare?.seconds ?? '—'}s (${cpuText(cpuOf(bare))}) for ${pages} pages (×${row.ratioToBareAstro ?? '—'}), floor ${row.floorSeconds}s (×${row.ratioToFloor})`,
  );
  console.log(formatTiming(size, timing));
  if (rebuildTiming) console.log(formatTiming(`${size} one-row rebuild`, rebuildTiming, 4));
}

for (const size of values.sizes.split(',')) {
  try {
    await benchSize(size);
  } catch (e) {
    // A step outside the measured commands (generating, git, the output's figures): recorded, and the next size runs.
    const fig = figures.find((f) => f.size === size);
    const reason = (e as Error).message.slice(0, 500);
    if (fig && !fig.failed) fig.failed = { step: 'bench', reason };
    results.push({ size, failed: { step: 'bench', reason } });
    console.log(`${size} did not finish: ${reason}`);
  }
}

// After every measurement: what was moved aside (moveAside) goes now.
rmSync(TRASH, { recursive: true, force: true });

if (!values['history-only']) console.log(`\n${sideBySide(figures)}`);
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
  console.log(`\nHistory read alone:\n| ${h.join(' | ')} |\n| ${h.map(() => '---').join(' | ')} |`);
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
  `${JSON.stringify({ machine: `${process.platform} ${process.arch}, node ${process.version}`, date: new Date().toISOString(), buildDate: BUILD_DATE, results, table: figures, history: historyRows, search: searchRows }, null, 2)}\n`,
);
console.log(`\nJSON: ${values.json}`);
