/**
 * The one way pages, endpoints and components get data. Everything here comes from the
 * validated data set (src/build/read-dataset.ts `validatedDataset`): rows in file order, the
 * plans the validator already parsed, and the views built from them — each computed once per
 * build (and again only when a file changes under the dev server) and shared by every page.
 * Nothing in src/pages or src/components reads files or calls the validator itself
 * (test/unit/layout.test.ts keeps it so).
 */
import { getCollection } from 'astro:content';
import { DATA_TABLES, type DataTableName, type RowOf } from './schemas/index.ts';
import { redactionKeyParts } from './schemas/redactions.ts';
import { redactHistory, type Redacted, type Withholding, type WithheldRecord } from './lib/history/redact.ts';
import type { PlanFrontMatter } from './schemas/plan.ts';
import type { PlanBlock } from './lib/plan-doc.ts';
import type { ValidationResult } from './lib/validation/validate.ts';
import { join } from 'node:path';
import { datasetDirs, validatedDataset } from './build/read-dataset.ts';
import { catalogue as buildCatalogue } from './build/catalogue.ts';
export type { CatalogueEntry } from './build/catalogue.ts';
import { indicatorViews as buildIndicatorViews } from './lib/indicators.ts';
import { scoreboard } from './lib/progress.ts';
import {
  changes,
  compareByName,
  distribution,
  downgraded,
  previousPeriod,
  warningList,
  creditIndex as buildCreditIndex,
  type CreditListRow,
} from './lib/credit.ts';
import { latestByEnterprise, sortedPeriods } from './lib/ratings.ts';
import { disclosureTimeliness, newestFirst, PROBLEMS_PER_PAGE, summarise, summariseTimeliness, TOWN_WIDE_ON_VILLAGE_PAGE } from './lib/problems.ts';
import { levelKey, schemeFor } from './lib/credit-schemes.ts';
import { RATINGS } from './schemas/enums.ts';
import { problemIndex as buildProblemIndex } from './lib/problem-index.ts';
import { dueProblems, dueTargets, nearestDue } from './lib/due.ts';
import { SITE_NAME } from './lib/site.ts';
import { buildDate, config } from './build/config.ts';
import { createHash } from 'node:crypto';
import { INDICATOR_OBSERVATIONS, INDICATOR_PROGRESS, indicatorCsvRecords, progressRecords } from './lib/indicator-progress.ts';
import {
  derivedTable,
  excelCsvContent,
  jsonContent,
  plainCsvContent,
  sourceTable,
  type PackageEntry,
  type PublishedTable,
} from './lib/publishing/published.ts';
import { provideDownloads, type DownloadFile } from './build/downloads.ts';
import { downloadPieces, type DownloadContent } from './lib/publishing/downloads.ts';
import { CREDIT_PERIOD, periodRecords } from './lib/credit-period.ts';
import { chartModel, type ChartModel } from './lib/charts/chart-model.ts';
import { chartImageMeta, chartImageSvg } from './lib/charts/chart-svg.ts';
import { lastChange, readDataHistory } from './build/history/data-history.ts';
import { historyWarmedUp } from './build/history/warm-up.ts';
import { changeLog as buildChangeLog, historyLines, listedRecords, recordLabel, type ChangeEntry, type ChangedRecord } from './lib/history/history-view.ts';
import { verdictChanges, type VerdictChange } from './lib/history/verdict-changes.ts';
import { dayOf, periodLabel } from './lib/dates.ts';
import { keyId, readSnapshot, rowOf, rowsOf, type Snapshot } from './lib/history/record-diff.ts';
import {
  byDate,
  correctionBehind,
  ratingCorrections as buildRatingCorrections,
  recordId,
  responseKey,
  responsesByRecord,
  type ResponseRow,
} from './lib/responses.ts';
import { recordUrl, responseUrl } from './lib/urls.ts';
import { pageKey } from './build/page-keys.ts';
import { KeyedCache, type Holding } from './build/keyed-cache.ts';
export type { ChangeEntry, HistoryLine } from './lib/history/history-view.ts';
import {
  timelineOf,
  timelinesByFirstKey,
  type TimelineGroups,
  type CommitRef,
  type DataHistory,
  type RecordTimeline,
  type TableVersion,
} from './lib/history/record-history.ts';
export type { DataHistory, RecordTimeline, RecordEvent, HistoryCommit, TableChange, TableVersion, CommitRef } from './lib/history/record-history.ts';

/** A value computed from the data set once, and again only when the data set is re-read. */
function perDataset<T>(compute: (d: ValidationResult) => T): () => T {
  let last: { d: ValidationResult; value: T } | undefined;
  return () => {
    const d = validatedDataset();
    if (last?.d !== d) last = { d, value: compute(d) };
    return last.value;
  };
}

/**
 * Like perDataset, for values that depend on one argument (a period, a table). Held to the end of
 * the build unless `holding` lets them go sooner (src/build/keyed-cache.ts).
 */
function perDatasetKeyed<K, T>(compute: (d: ValidationResult, key: K) => T, holding?: Holding): (key: K) => T {
  let seen: ValidationResult | undefined;
  const values = new KeyedCache<K, T>(holding);
  return (key) => {
    const d = validatedDataset();
    if (seen !== d) {
      seen = d;
      values.clear();
    }
    return values.get(key, (k) => compute(d, k));
  };
}

/** The validated data set (throws, with every problem listed, when the data are broken). */
export const dataset = (): ValidationResult => validatedDataset();

const tableRows = perDatasetKeyed((d, name: DataTableName) => (d.tables.get(name)?.rows ?? []).map((r) => r.record));

/** The rows of a table, typed by its schema, in the order of its CSV file. */
export function rows<N extends DataTableName>(name: N): RowOf<N>[] {
  return tableRows(name) as RowOf<N>[];
}

export interface Plan {
  id: string;
  /** Path of the source file, e.g. content/plan/gushan-2017.md. */
  path: string;
  text: string;
  meta: PlanFrontMatter;
  blocks: PlanBlock[];
}

/** Every plan document, newest first, as the validator parsed it (the only parse). */
export const plans = perDataset((d): Plan[] =>
  [...d.plans.values()]
    // The validator reports a plan without valid front matter, so a validated set has it.
    .map((p) => ({ id: p.id, path: p.path, text: p.text, meta: p.meta!, blocks: p.blocks }))
    .sort((a, b) => b.meta.date.getTime() - a.meta.date.getTime() || (a.id < b.id ? -1 : 1)),
);

/** Plans by id. */
export const planById = perDataset(() => new Map(plans().map((p) => [p.id, p])));

/** Each plan's headings' text by id (an indicator page names the sections it quotes without scanning the plan). */
export const planHeadings = perDataset(
  () => new Map(plans().map((p) => [p.id, new Map(p.blocks.flatMap((b) => (b.kind === 'heading' ? [[b.id, b.text] as const] : [])))])),
);

/** Explanatory pages of content/pages (about, methodology, …), rendered by Astro. */
export const pages = () => getCollection('pages');

/** Village names by id. */
export const villageNames = perDataset(() => new Map(rows('villages').map((v) => [v.id, v.name])));

/** Every indicator with its observations and computed progress, as of the build date. */
export const indicatorViews = perDataset(() => buildIndicatorViews(rows('indicators'), rows('observations'), buildDate()));

/** The indicators' progress counted by status (the home page, the indicator list, village pages), once a build. */
export const indicatorScoreboard = perDataset(() => {
  const views = indicatorViews();
  return scoreboard(
    views.map((v) => v.progress),
    views.filter((v) => v.stopped).length,
  );
});

/** Each indicator's view by id: a page or file of one indicator looks it up rather than scanning the list. */
export const indicatorViewById = perDataset(() => new Map(indicatorViews().map((v) => [v.indicator.id, v])));

/** Each indicator's chart model, by id: drawn by its page's SVG, Chart.js, its chart image and its embed. */
export const indicatorCharts = perDataset(
  () =>
    new Map<string, ChartModel>(
      indicatorViews().map((v) => [
        v.indicator.id,
        chartModel({ kind: v.indicator.kind, unit: v.indicator.unit, target: v.progress.target, deadline: v.indicator.target_date, points: v.observations }),
      ]),
    ),
);

/**
 * The standalone chart image of an indicator (/indicators/<id>/chart.svg): the chart with its
 * title, target, deadline, verdict, source, licence, the site's name, the page's address and
 * the build date. `url` is the indicator page's absolute address.
 */
export function indicatorChartImage(id: string, url: string): string {
  const view = indicatorViewById().get(id)!;
  const meta = catalogue().find((e) => e.name === 'observations')?.meta;
  return chartImageSvg(indicatorCharts().get(id)!, chartImageMeta({ view, dataset: meta, siteName: SITE_NAME, url, date: buildDate() }));
}

/** What the catalogue, the downloads and datapackage.json need about each table. */
export const catalogue = perDataset((d) => buildCatalogue(d));

/**
 * Every table published at /data/ — as <name>.csv, <name>-excel.csv, <name>.json — and in
 * datapackage.json, in the package's order: the tables of data/, then those derived from them.
 * A new derived table is one more entry here: a declaration (src/lib/publishing/published.ts
 * `DerivedTable`) with its records.
 */
export const publishedTables = perDataset((): PublishedTable[] => {
  const tables = [
    ...catalogue().map((e) => sourceTable(e.def, e.rows, e.bytes, { meta: e.meta, lastChange: e.lastChange })),
    derivedTable(INDICATOR_PROGRESS, progressRecords(indicatorViews())),
  ];
  const seen = new Set<string>();
  for (const t of tables) {
    if (seen.has(t.name)) throw new Error(`two published tables are named ${t.name}: their files at /data/ would collide`);
    seen.add(t.name);
  }
  return tables;
});

/** The published table of that name (a table of data/ or a derived one). */
export function publishedTable(name: string): PublishedTable {
  const t = publishedTables().find((x) => x.name === name);
  if (!t) throw new Error(`no published table ${name}`);
  return t;
}

/** The tables of datapackage.json, with the SHA-256 of each one's plain CSV. */
export const packageResources = perDataset(() =>
  publishedTables()
    .filter((t): t is PublishedTable & { package: PackageEntry } => t.package !== undefined)
    .map((table) => ({ table, sha256: createHash('sha256').update(table.csv).digest('hex') })),
);

/** One indicator's observations with its verdicts (/indicators/<id>.csv). */
export const indicatorTable = perDatasetKeyed((_d, id: string) => derivedTable(INDICATOR_OBSERVATIONS, indicatorCsvRecords(indicatorViewById().get(id)!)));

/** The latest rating of each enterprise, by USCC. */
export const latestRatings = perDataset(() => latestByEnterprise(rows('credit-ratings')));

/** The problem register, newest first, and its summary counts. */
export const problemRegister = perDataset(() => {
  const problems = newestFirst(rows('problems'));
  return { problems, summary: summarise(problems, buildDate()), villages: rows('villages') };
});

/**
 * What a page of the register shows of the data beyond the summary (which only its first page
 * shows): its rows, the count and the filters' choices. For a numbered page this is also its
 * key's inputs (src/pages/problems/page/[n].astro), so an edit renders again only the page
 * holding that row, unless it changes the count, the villages or the years.
 */
export function problemRegisterPage(page: number) {
  const { problems, summary, villages } = problemRegister();
  return {
    page,
    pages: Math.max(1, Math.ceil(problems.length / PROBLEMS_PER_PAGE)),
    total: summary.total,
    shown: problemIndex().slice((page - 1) * PROBLEMS_PER_PAGE, page * PROBLEMS_PER_PAGE),
    villages: villages.map(({ id, name }) => ({ id, name })),
    years: summary.byYear.map(([y]) => y),
  };
}

/** The compact index the register's browser filter fetches. */
export const problemIndex = perDataset(() => buildProblemIndex(rows('problems'), villageNames(), buildDate()));

/** What is due (/due/, the calendar files): unfinished problems by deadline against the build date. */
export const dueView = perDataset(() => dueProblems(problemIndex(), buildDate()));

/** A village's problems by deadline (its page and calendar); town-wide problems are the village ''. */
export const villageDue = perDatasetKeyed((_d, village: string) => dueProblems(problemsByVillage().get(village) ?? [], buildDate()));
/** The town-wide deadlines every village's calendar repeats (nearestDue): chosen once a build, not once per calendar. */
export const villageCalendarTownWide = perDataset(() => nearestDue(villageDue(''), TOWN_WIDE_ON_VILLAGE_PAGE));

/** The register's rows by village ('' for the town-wide ones), grouped once: village pages and sheets look theirs up. */
export const problemsByVillage = perDataset(() => Map.groupBy(problemIndex(), (p) => p.village));

/** Enterprises by village, grouped once. */
export const enterprisesByVillage = perDataset(() => Map.groupBy(rows('enterprises'), (e) => e.village));

/** Each enterprise's ratings (file order) and the problems naming it, grouped once: its page looks them up. */
export const ratingsByEnterprise = perDataset(() => Map.groupBy(rows('credit-ratings'), (r) => r.uscc));
export const problemsByEnterprise = perDataset(() => Map.groupBy(rows('problems'), (p) => p.enterprise ?? ''));

/** Plan targets whose deadline has not passed, nearest first. */
export const dueTargetsView = perDataset(() => dueTargets(indicatorViews(), buildDate()));

/** The compact index the enterprise list's browser filter fetches. */
export const creditIndex = perDataset(() => buildCreditIndex(rows('enterprises'), rows('credit-ratings'), villageNames()));

/** The tables of data/ one period's table is computed from: the key of its downloads (sourceFilesKey). */
export const CREDIT_PERIOD_SOURCES = ['credit-ratings', 'enterprises', 'villages'] as const satisfies readonly DataTableName[];

/** The files of a period's table: its CSV and its CSV for Excel (src/pages/credit/period/). */
const CREDIT_PERIOD_FILES = 2;

/**
 * One period's ratings joined with enterprise name, industry and village (the download of
 * /credit/period/<p>/): its columns and plain CSV, which both of its files are written from. The
 * records are not kept, and the CSV only until both files have it.
 */
export const creditPeriodTable = perDatasetKeyed(
  (_d, period: string): Pick<PublishedTable, 'name' | 'columns' | 'csv'> => {
    const { name, columns, csv } = derivedTable(CREDIT_PERIOD, periodRecords(period, rows('credit-ratings'), rows('enterprises'), villageNames()));
    return { name, columns, csv };
  },
  { uses: CREDIT_PERIOD_FILES },
);

/**
 * The rating schemes with their colours' rows (in the order of the colours), the periods rated
 * under each, and the scheme and colour row a rating of a period was given under. Validation has
 * made sure every period has a scheme and every rating its scheme's row.
 */
export const creditSchemes = perDataset(() => {
  const schemes = rows('credit-schemes');
  const levels = rows('credit-levels');
  const byKey = new Map(levels.map((l) => [levelKey(l.scheme, l.rating), l]));
  const periods = ratingPeriods();
  const schemeOf = (period: string) => schemeFor(period, schemes)!;
  return {
    list: [...schemes]
      .sort((a, b) => (a.valid_from < b.valid_from ? -1 : 1))
      .map((scheme) => ({
        scheme,
        levels: RATINGS.flatMap((r) => byKey.get(levelKey(scheme.id, r)) ?? []),
        periods: periods.filter((p) => schemeOf(p).id === scheme.id),
      })),
    schemeOf,
    levelOf: (period: string, rating: string) => byKey.get(levelKey(schemeOf(period).id, rating)),
  };
});
export type CreditSchemeRow = RowOf<'credit-schemes'>;

/** Rating periods, oldest first. */
export const ratingPeriods = perDataset(() => sortedPeriods(rows('credit-ratings')));

/** Enterprises by USCC, and the industries in sort order: shared by every period's view. */
const enterpriseLookup = perDataset(() => ({
  byUscc: new Map(rows('enterprises').map((e) => [e.uscc, e])),
  industries: [...new Set(rows('enterprises').map((e) => e.industry))].sort(),
}));

/** Each enterprise's place in the name order of the lists (compareByName), sorted once rather than once a period. */
const enterpriseNameOrder = perDataset(() => new Map([...rows('enterprises')].sort(compareByName).map((e, i) => [e.uscc, i])));

/**
 * Everything the credit list pages show for one period (the latest when none is given),
 * computed once per period: the numbered list pages share it. Only the two asked for last are
 * held: the numbered pages ask for the latest in a row, each period's page once.
 */
export const creditView = perDatasetKeyed(
  (_d, period: string | undefined) => {
    const ratings = rows('credit-ratings');
    const villages = rows('villages');
    const periods = ratingPeriods();
    const latest = periods.at(-1)!;
    const p = period ?? latest;
    const { byUscc, industries } = enterpriseLookup();
    const names = villageNames();
    const rank = enterpriseNameOrder();
    const changed = changes(ratings, p, periods);
    const list: CreditListRow[] = changed
      .map((c) => {
        const e = byUscc.get(c.current.uscc)!;
        return {
          uscc: e.uscc,
          name: e.name,
          industry: e.industry,
          village: e.village,
          villageName: names.get(e.village) ?? e.village,
          rating: c.current.rating,
          change: c.change,
        };
      })
      .sort((a, b) => rank.get(a.uscc)! - rank.get(b.uscc)!);
    return {
      periods,
      latest,
      period: p,
      previous: previousPeriod(periods, p),
      byUscc,
      villages,
      industries,
      list,
      warn: warningList(ratings, p),
      down: downgraded(ratings, p, changed),
      distribution: distribution(ratings, p, periods),
    };
  },
  { recent: 2 },
);

export type CreditView = ReturnType<typeof creditView>;

/**
 * The source files behind a page (data tables and other files such as a plan) and the date the
 * newest of them last changed: the last commit of the first-parent history that touched it, else its
 * modification time (src/build/history/data-history.ts lastChange).
 */
export function sourceFiles(tables: readonly string[], files: readonly string[] = []): { sources: string[]; updated: string | undefined } {
  const { dataDir, contentDir } = datasetDirs();
  const all = [
    ...tables.map((t) => ({ shown: `data/${t}.csv`, path: join(dataDir, `${t}.csv`) })),
    ...files.map((f) => ({ shown: f, path: f.startsWith('content/') ? join(contentDir, f.slice('content/'.length)) : f })),
  ];
  return {
    sources: all.map((s) => s.shown),
    updated: all
      .map((s) => lastChange(s.path))
      .sort()
      .at(-1),
  };
}

/**
 * The data's history from git (src/build/history/data-history.ts): every commit that changed the records
 * of DATA_DIR, oldest first, with each record's timeline and each file's versions; or
 * `{ available: false, reason }` (a shallow clone, no git, not a repository), which pages show
 * as a note. Read once per data set; diffs are cached on disk by file version, so a rebuild
 * reads only new versions. Await it: `const history = await dataHistory();`.
 */
export const dataHistory = perDataset(async (): Promise<DataHistory> => (await redactedHistory()).history);

/** The rows of redactions.csv as rules (src/lib/history/redact.ts), with their lines. */
export const redactionRules = perDataset((d): Withholding[] =>
  (d.tables.get('redactions')?.rows ?? []).flatMap(({ line, record }) => {
    const r = record as RowOf<'redactions'>;
    const key = redactionKeyParts(r.key, DATA_TABLES[r.table].primaryKey.length);
    if (!key) return []; // the validator refuses it
    return [
      {
        table: r.table,
        key,
        ...(r.column !== undefined ? { column: r.column } : {}),
        ...(r.until !== undefined ? { until: r.until } : {}),
        reason: r.reason,
        line,
      },
    ];
  }),
);

/**
 * The history as git has it, with redactions.csv applied (src/lib/history/redact.ts): read once per data
 * set. Nothing else reads the history, so no page, feed or index sees a withheld value. A rule
 * that withholds nothing is reported once in the build log.
 */
const redactedHistory = perDataset(async (d): Promise<Redacted> => {
  // A build compares the versions on another thread while the data is checked: read from its cache.
  await historyWarmedUp();
  const raw = await readDataHistory({ dataDir: datasetDirs().dataDir });
  const current = new Map<string, Snapshot>();
  const now = (table: string, key: readonly string[]) => {
    let snap = current.get(table);
    if (!snap) {
      // This module's own table definitions: the validated set may come from another bundle (the integration's).
      snap = readSnapshot(DATA_TABLES[table as DataTableName], d.tables.get(table)?.bytes);
      current.set(table, snap);
    }
    return snap.ok ? rowOf(snap, keyId(key))?.values : undefined;
  };
  const result = redactHistory(raw, redactionRules(), now);
  const file = d.tables.get('redactions')?.file ?? 'data/redactions.csv';
  for (const r of result.unmatched) {
    console.warn(
      `${file}:${r.line}：在数据的修改历史中没有找到要隐去的内容（${r.table} 表 ${r.key.join('+')}${r.column ? ` 的 ${r.column} 列` : ' 整条记录'}${r.until ? `，${r.until} 以前` : ''}），这一行现在不起作用；请检查 table、key、column 是否写对`,
    );
  }
  return result;
});

/** Records with withheld values, by table and keyId, and why (a record withheld as a whole keeps only its key, dates and reason). */
export async function withheldRecord(table: DataTableName, key: string | readonly string[]): Promise<WithheldRecord | undefined> {
  return (await redactedHistory()).records.get(table)?.get(keyId(typeof key === 'string' ? [key] : key));
}

/** The timeline of one record (first appeared, changes, removed), or undefined without history. */
export async function recordHistory(table: DataTableName, key: string | readonly string[]): Promise<RecordTimeline | undefined> {
  return timelineOf(await dataHistory(), table, key);
}

/** Records of a table that were removed from the data, with their last content (for their pages marked 已删除). */
export const removedRecords = perDatasetKeyed(async (_d, table: DataTableName): Promise<RecordTimeline[]> => {
  const history = await dataHistory();
  if (!history.available) return [];
  return [...(history.records.get(table)?.touched() ?? [])].filter((t) => t.removed !== undefined);
});

/** What a list's RemovedList shows of its table's removed records (each one's last row and removal): part of the list page's key. */
export async function removedListKeyInputs(table: 'problems' | 'enterprises') {
  return (await removedRecords(table)).map((t) => [t.key, t.removed]);
}

/** The first key of each removed record of a table, as a set (the change log asks per record). */
const removedKeys = perDatasetKeyed(async (_d, table: DataTableName) => new Set((await removedRecords(table)).map((t) => t.key[0] ?? '')));

/** Days from each problem's `reported` to the authority's disclosure (`disclosed`), and their summary. */
export const problemTimeliness = perDataset(() => {
  const list = disclosureTimeliness(rows('problems'));
  return { list, byId: new Map(list.map((t) => [t.id, t])), summary: summariseTimeliness(list, rows('problems').length) };
});

/** A table's timelines by first key column, indexed once per data set (record pages look theirs up). */
const relatedIndex = perDatasetKeyed(async (_d, table: DataTableName) => timelinesByFirstKey(await dataHistory(), table));

/** Timelines of a table's records whose first key column is `first` (an enterprise's ratings, an indicator's observations), oldest key first. */
export async function relatedHistory(table: DataTableName, first: string): Promise<RecordTimeline[]> {
  return (await relatedIndex(table)).get(first) ?? [];
}

/** The change log of /changes/ and /changes.xml: commits newest first, with their page, counts and records. */
export const changeLog = perDataset(async () => buildChangeLog(await dataHistory()));

/** The change log's entries by commit id, so that a page finds the entries of its commits without reading the log. */
export const changeEntries = perDataset(async () => new Map((await changeLog()).map((e) => [e.commit.id, e])));

/**
 * Per commit, its edits that turned an indicator's status, a problem's status or an enterprise's
 * colour (src/lib/history/verdict-changes.ts), which the change log and its feed put first.
 */
export const verdictChangesByCommit = perDataset(async (d): Promise<Map<string, VerdictChange[]>> => {
  const history = await dataHistory();
  if (!history.available) return new Map();
  const raw = (table: DataTableName) => {
    const snap = readSnapshot(DATA_TABLES[table], d.tables.get(table)?.bytes);
    return new Map(snap.ok ? [...rowsOf(snap)].map(([k, r]) => [k, r.values]) : []);
  };
  const titles = new Map(rows('problems').map((p) => [p.id, p.title]));
  const names = new Map(rows('enterprises').map((e) => [e.uscc, e.name]));
  return verdictChanges({
    commits: history.commits,
    records: history.records,
    current: { indicators: raw('indicators'), observations: raw('observations') },
    problemTitle: (id) => titles.get(id),
    enterpriseName: (uscc) => names.get(uscc),
  });
});

/** A version a citation names: a commit, its own page's address (src/lib/urls.ts commitUrl) and its day. */
export interface CitedVersion {
  commit: string;
  /** The commit's address under /changes/, when it changed the data. */
  address: string | undefined;
  /** Its first 12 characters: what a citation prints (git's own abbreviation grows with the repository). */
  short: string;
  day: string;
}

export const citedVersion = async (c: CommitRef): Promise<CitedVersion> => ({
  commit: c.id,
  address: (await changeEntries()).get(c.id)?.address,
  short: c.id.slice(0, 12),
  day: dayOf(c.date),
});

/**
 * The version of a record a citation names: the newest commit that changed the record or one of
 * its related records (an enterprise's ratings, an indicator's observations); undefined without
 * history. It changes only when they do, as the record's page does.
 */
export async function recordVersion(table: DataTableName, key: string, related?: DataTableName): Promise<CitedVersion | undefined> {
  return newestVersion([await recordHistory(table, key), ...(related ? await relatedHistory(related, key) : [])]);
}

/** The newest commit that changed any of these timelines, as a citation names it; undefined without history. */
async function newestVersion(timelines: ReadonlyArray<RecordTimeline | undefined>): Promise<CitedVersion | undefined> {
  const newest = newestCommit(timelines);
  return newest && citedVersion(newest);
}

/** The newest commit of the timelines' events, or of the commits given (the first of equally new ones). */
function newestCommit(timelines: ReadonlyArray<RecordTimeline | undefined>, commits: ReadonlyArray<CommitRef | undefined> = []): CommitRef | undefined {
  let newest: CommitRef | undefined;
  for (const c of commits) if (c && (!newest || c.date > newest.date)) newest = c;
  for (const t of timelines) for (const e of t?.events ?? []) if (!newest || e.commit.date > newest.date) newest = e.commit;
  return newest;
}

/** The newest commit that changed a town-wide problem (every village page lists them): found once, not once a village. */
const townWideNewest = perDataset(async () => {
  const history = await dataHistory();
  return newestCommit((problemsByVillage().get('') ?? []).map((p) => timelineOf(history, 'problems', p.id)));
});

/**
 * The version of a village's page: the newest commit that changed the village, its problems,
 * the town-wide problems, its enterprises or their ratings. Like a record's, it changes only
 * when what the page lists does.
 */
export async function villageVersion(id: string): Promise<CitedVersion | undefined> {
  const history = await dataHistory();
  const own = newestCommit([timelineOf(history, 'villages', id), ...(problemsByVillage().get(id) ?? []).map((p) => timelineOf(history, 'problems', p.id))]);
  const enterprises = enterprisesByVillage().get(id) ?? [];
  const ratings = await relatedIndex('credit-ratings');
  // In the order the page lists them, so that of two equally new commits the same one is named.
  const newest = newestCommit(
    [...enterprises.map((e) => timelineOf(history, 'enterprises', e.uscc)), ...enterprises.flatMap((e) => ratings.get(e.uscc) ?? [])],
    [own, await townWideNewest()],
  );
  return newest && citedVersion(newest);
}

/** The version of the whole data set a build publishes: the commit it was built from (HEAD), as datapackage.json names it. */
export const dataVersion = perDataset(async (): Promise<CitedVersion | undefined> => {
  const history = await dataHistory();
  return history.available ? citedVersion(history.head) : undefined;
});

/** Whether a record has a page on this site: a current row, or a removed problem or enterprise (kept, marked 已删除). */
export const recordPageExists = perDataset(() => {
  const ids = new Map<string, Set<string>>([
    ['problems', new Set(rows('problems').map((p) => p.id))],
    ['enterprises', new Set(rows('enterprises').map((e) => e.uscc))],
    ['credit-ratings', new Set(rows('enterprises').map((e) => e.uscc))],
    ['indicators', new Set(rows('indicators').map((i) => i.id))],
    ['observations', new Set(rows('indicators').map((i) => i.id))],
    ['villages', new Set(rows('villages').map((v) => v.id))],
  ]);
  const exists = async (table: string, key: readonly string[]): Promise<boolean> => {
    if (table === 'responses') {
      const target = await responseTarget(key[0] ?? '');
      return target !== undefined && exists(target.table, target.key);
    }
    const first = key[0] ?? '';
    if (ids.get(table)?.has(first)) return true;
    const owner = table === 'credit-ratings' ? 'enterprises' : table;
    if (owner !== 'problems' && owner !== 'enterprises') return false;
    return (await removedKeys(owner)).has(first);
  };
  return exists;
});

/** The versions of a table's file, newest first (date, commit, path in the repository); empty without history. */
export async function tableVersions(table: DataTableName): Promise<TableVersion[]> {
  const history = await dataHistory();
  if (!history.available) return [];
  return [...(history.versions.get(table) ?? [])].reverse();
}

/**
 * How a record is named in the change log: a problem by id and title, an enterprise, indicator
 * or village by its name (a rating or an observation with its period or date), from the
 * current rows or, for a record no longer there, its last published content.
 */
export const recordName = perDataset(() => {
  const names = new Map<string, Map<string, string>>([
    ['problems', new Map(rows('problems').map((p) => [p.id, `${p.id} ${p.title}`]))],
    ['enterprises', new Map(rows('enterprises').map((e) => [e.uscc, e.name]))],
    ['indicators', new Map(rows('indicators').map((i) => [i.id, i.name]))],
    ['villages', new Map(rows('villages').map((v) => [v.id, v.name]))],
  ]);
  const owner: Record<string, string> = { 'credit-ratings': 'enterprises', observations: 'indicators' };
  const nameOf = async (table: string, key: readonly string[]): Promise<string> => {
    if (table === 'responses') {
      // "R-2019-001 异议：（示例）甲乙化工 2019年上半年": the response and the record it answers.
      const target = await responseTarget(key[0] ?? '');
      return target ? `${key[0] ?? ''} ${target.kind}：${await nameOf(target.table, target.key)}` : recordLabel(table, key);
    }
    const first = key[0] ?? '';
    const base = owner[table] ?? table;
    let name = names.get(base)?.get(first);
    if (name === undefined) {
      const history = await dataHistory();
      const last = history.available ? history.records.get(base)?.get(first)?.removed?.last : undefined;
      if (last) name = base === 'problems' ? `${first} ${last.title ?? ''}`.trim() : (last.name ?? undefined);
    }
    if (name === undefined) return recordLabel(table, key);
    if (table === 'credit-ratings') return `${name} ${periodLabel(key[1] ?? '')}`;
    if (table === 'observations') return `${name} ${key[1] ?? ''}`;
    return name;
  };
  return nameOf;
});

/** Each record's responses (data/responses.csv), in date order. */
const responseIndex = perDataset(() => responsesByRecord(rows('responses')));

/** The responses to one record (a problem, an enterprise, a rating by uscc and period), in date order. */
export const responsesOf = (table: 'problems' | 'enterprises' | 'credit-ratings', key: readonly string[]): ResponseRow[] =>
  responseIndex().get(recordId(table, key)) ?? [];

/** A response shown on an enterprise's page: which of its records it answers, when not the enterprise itself. */
export interface ShownResponse {
  response: ResponseRow;
  /** "2019年上半年评价", "GS-2019-004 标题"; undefined for the page's own record. */
  about?: string;
  /** The answered record's page, when it is another page (a problem's). */
  href?: string;
}

/** An enterprise's responses, its ratings' and its problems', in date order. */
export function enterpriseResponses(uscc: string): ShownResponse[] {
  const shown: ShownResponse[] = responsesOf('enterprises', [uscc]).map((response) => ({ response }));
  for (const r of ratingsByEnterprise().get(uscc) ?? [])
    for (const response of responsesOf('credit-ratings', [r.uscc, r.period])) shown.push({ response, about: `${periodLabel(r.period)}评价` });
  for (const p of problemsByEnterprise().get(uscc) ?? [])
    for (const response of responsesOf('problems', [p.id])) shown.push({ response, about: `${p.id} ${p.title}`, href: recordUrl('problems', [p.id]) });
  return shown.sort((a, b) => byDate(a.response, b.response));
}

/** The reviews that corrected a rating, by the rating's key, for the note next to the rating's change. */
export const ratingCorrections = perDataset(() => buildRatingCorrections(rows('responses')));

const responsesById = perDataset(() => new Map(rows('responses').map((r) => [r.id, r])));

/**
 * The record a response answers, by the response's id: from responses.csv, or from the history
 * for a response since removed (the change log still names it).
 */
export async function responseTarget(id: string): Promise<{ table: string; key: string[]; kind: string } | undefined> {
  const row = responsesById().get(id);
  if (row) return { table: row.table, key: responseKey(row), kind: row.kind };
  const history = await dataHistory();
  const last = history.available ? history.records.get('responses')?.get(id)?.removed?.last : undefined;
  return last?.table && last.key
    ? { table: last.table, key: responseKey({ table: last.table as ResponseRow['table'], key: last.key }), kind: last.kind ?? '' }
    : undefined;
}

/** The page a changed record of the log links to: its own, or for a response the answered record's, at the response. */
export async function recordLink(table: string, key: readonly string[]): Promise<string | undefined> {
  if (table !== 'responses') return recordUrl(table, key);
  const target = await responseTarget(key[0] ?? '');
  return target ? responseUrl(target.table, target.key, key[0] ?? '') : undefined;
}

/**
 * What a commit's changes show beyond its entry (CommitChanges, in the log and on the commit's
 * page): each listed record's link (none once its page is gone) and name as they are now, and
 * the verdicts the commit turned with their links. A commit's page is keyed on these and its
 * entry, so it is rendered again only when one of them changes. Worked out once per entry: the
 * key, the commit's page and the change log all show it.
 */
export const commitView = perDatasetKeyed(async (_d, e: ChangeEntry) => {
  const exists = recordPageExists();
  const nameOf = recordName();
  const links = new Map<ChangedRecord, string | undefined>();
  const names = new Map<ChangedRecord, string>();
  for (const t of e.tables) {
    for (const r of listedRecords(t).shown) {
      links.set(r, (await exists(t.table, r.key)) ? await recordLink(t.table, r.key) : undefined);
      names.set(r, await nameOf(t.table, r.key));
    }
  }
  const verdicts = await Promise.all(
    ((await verdictChangesByCommit()).get(e.commit.id) ?? []).map(async (v) => ({
      ...v,
      link: (await exists(v.table, [v.id])) ? recordUrl(v.table, [v.id]) : undefined,
    })),
  );
  return { links, names, verdicts };
});

/**
 * The cache key of a commit's page (/changes/<address>/): its entry, without the page of the log
 * it is on (which moves with every newer commit and which the page does not show), and what
 * commitView adds.
 */
export async function commitPageKey(e: ChangeEntry): Promise<string> {
  const { links, names, verdicts } = await commitView(e);
  return recordPageKey('changes/[commit]', { entry: { ...e, page: undefined }, links: [...links.values()], names: [...names.values()], verdicts });
}

/**
 * What every record page shows beyond its own rows: the site's address and base path, the
 * repository links (footer, edit links), the datasets' descriptions (titles, sample flags), the
 * rating schemes and their colours (named beside every rating), and whether the history is
 * available (and why not). Hashed once per build: every page's key holds this hash, not the inputs.
 */
const siteWideKey = perDataset(async () => {
  const history = await dataHistory();
  const { repoUrl, repoBranch } = config();
  return pageKey({
    site: import.meta.env.SITE,
    base: import.meta.env.BASE_URL,
    repoUrl,
    repoBranch,
    datasets: catalogue().map((c) => [c.name, c.meta]),
    schemes: rows('credit-schemes'),
    levels: rows('credit-levels'),
    history: history.available ? true : history.reason,
  });
});

/** The tables whose records a record page shows beside its own (an enterprise's ratings, an indicator's observations). */
const RELATED_TABLES = ['credit-ratings', 'observations'] as const satisfies readonly DataTableName[];
type RelatedTable = (typeof RELATED_TABLES)[number];

/** What record pages' keys read from the history, resolved once, so that keying a page waits for nothing. */
const keyContext = perDataset(async () => {
  const [history, entries, site] = await Promise.all([dataHistory(), changeEntries(), siteWideKey()]);
  const related = new Map<DataTableName, TimelineGroups>();
  for (const t of RELATED_TABLES) related.set(t, await relatedIndex(t));
  return { history, entries, site, related };
});

/** A record page's history part of its key: which record, and the table of its related records. */
export interface KeyHistory {
  table: DataTableName;
  id: string;
  related?: RelatedTable;
}

/**
 * A record's history as its page shows it (RecordChanges, the citation's version): its timeline
 * and its related records' (after redactions), the addresses of their commits' pages and the
 * reviews that corrected a rating.
 */
function historyKeyInputs(ctx: Awaited<ReturnType<typeof keyContext>>, h: KeyHistory) {
  const own = timelineOf(ctx.history, h.table, h.id);
  const others = h.related ? (ctx.related.get(h.related)?.get(h.id) ?? []) : [];
  const commits = new Set<string>();
  for (const t of [own, ...others]) {
    if (!t) continue;
    commits.add(t.firstSeen.id);
    if (t.removed) commits.add(t.removed.commit.id);
    for (const e of t.events) commits.add(e.commit.id);
  }
  const lines = historyLines([...(own ? [{ timeline: own }] : []), ...others.map((timeline) => ({ timeline }))]);
  const corrections = ratingCorrections();
  return {
    own,
    others,
    addresses: [...commits].sort().map((c) => [c, ctx.entries.get(c)?.address]),
    reviews: lines.map((l) => correctionBehind(corrections, l)?.id),
  };
}

/**
 * The cache key of a record's page (src/build/page-keys.ts): its inputs (the page's props and
 * the facts it derives from the build's day that flip once, such as 逾期), its history and the
 * site-wide inputs. Two builds give a page the same key only if it would show the same.
 *
 * Got once per route and called per page without waiting: a route's pages are keyed one after
 * the other, each page's inputs garbage as soon as its key is made, instead of all of them held
 * at once across awaits (at L that was several hundred megabytes at the build's peak).
 */
export async function recordPageKeyer(): Promise<(route: string, inputs: unknown, history?: KeyHistory) => string> {
  const ctx = await keyContext();
  return (route, inputs, history) => pageKey({ route, inputs, history: history && historyKeyInputs(ctx, history), site: ctx.site });
}

/** The key of one record page (recordPageKeyer, for a route with few pages). */
export async function recordPageKey(route: string, inputs: unknown, history?: KeyHistory): Promise<string> {
  return (await recordPageKeyer())(route, inputs, history);
}

/**
 * The cache key of a published table's files (/data/<name>.csv, -excel.csv and .json; one
 * indicator's CSVs): its columns, the hash of its plain CSV (which the CSV for Excel is written
 * from) and, for a derived table, its records (the JSON's typed values). A table of data/ is
 * parsed from those bytes by code in the route's module graph, so its bytes stand for its records.
 */
export async function publishedTableKey(route: string, t: PublishedTable): Promise<string> {
  return pageKey({
    route,
    name: t.name,
    columns: t.columns,
    csv: csvHash(t),
    records: t.package?.kind === 'source' ? undefined : t.records,
    site: await siteWideKey(),
  });
}

/** A published table's CSV hashed once per build, not once per route serving it (its CSV, CSV for Excel and JSON). */
const csvHashes = new WeakMap<PublishedTable, string>();
function csvHash(t: PublishedTable): string {
  let hash = csvHashes.get(t);
  if (hash === undefined) csvHashes.set(t, (hash = createHash('sha256').update(t.csv).digest('base64url')));
  return hash;
}

type Pieces = Iterable<string | Uint8Array>;

/** The files of every published table, by route: what each is written from. */
const TABLE_FILES = {
  'data/[table].csv': (t: PublishedTable): DownloadContent => plainCsvContent(t),
  'data/[table]-excel.csv': (t: PublishedTable): DownloadContent => excelCsvContent(t),
  'data/[table].json': (t: PublishedTable): DownloadContent => jsonContent(t),
} as const;

/** The files of every rating period, by route. */
const PERIOD_FILES = {
  'credit/period/[period].csv': (period: string): DownloadContent => plainCsvContent(creditPeriodTable(period)),
  'credit/period/[period]-excel.csv': (period: string): DownloadContent => excelCsvContent(creditPeriodTable(period)),
} as const;

/** A published table's file, in pieces: what the dev server sends (the build writes the same content, downloadFiles). */
export const tableFile = (route: keyof typeof TABLE_FILES, name: string): Pieces => downloadPieces(TABLE_FILES[route](publishedTable(name)));

/** A rating period's file, in pieces. */
export const periodFile = (route: keyof typeof PERIOD_FILES, period: string): Pieces => downloadPieces(PERIOD_FILES[route](period));

/**
 * The tables' and periods' files, each with its key: written by the build on a thread of their
 * own during the pages, a piece at a time (src/build/downloads.ts), not by Astro, which holds a
 * response whole.
 */
export async function downloadFiles(): Promise<DownloadFile[]> {
  const files: DownloadFile[] = [];
  for (const t of publishedTables()) {
    for (const route of Object.keys(TABLE_FILES) as (keyof typeof TABLE_FILES)[]) {
      files.push({ path: route.replace('[table]', t.name), key: await publishedTableKey(route, t), content: () => TABLE_FILES[route](t) });
    }
  }
  for (const period of ratingPeriods()) {
    // The CSV first: the period's table is let go once both files have it (creditPeriodTable).
    for (const route of Object.keys(PERIOD_FILES) as (keyof typeof PERIOD_FILES)[]) {
      files.push({
        path: route.replace('[period]', period),
        key: await sourceFilesKey(route, CREDIT_PERIOD_SOURCES, period),
        content: () => PERIOD_FILES[route](period),
      });
    }
  }
  return files;
}
provideDownloads(downloadFiles);

/** The paths of a route serving every published table (its CSV, CSV for Excel or JSON): on the dev server only, a build writes them (downloadFiles). */
export const publishedTablePaths = () => (import.meta.env.DEV ? publishedTables().map((t) => ({ params: { table: t.name }, props: { name: t.name } })) : []);

/** The paths of a route serving each indicator's table (its CSV or CSV for Excel), each with its key. */
export const indicatorTablePaths = (route: string) =>
  Promise.all(
    indicatorViews().map(async (v) => ({
      params: { id: v.indicator.id },
      props: { id: v.indicator.id },
      cacheKey: await publishedTableKey(route, indicatorTable(v.indicator.id)),
    })),
  );

/** The paths of a route serving each rating period's table (its CSV or CSV for Excel): on the dev server only, a build writes them (downloadFiles). */
export const creditPeriodTablePaths = () => (import.meta.env.DEV ? ratingPeriods().map((period) => ({ params: { period }, props: { period } })) : []);

/** The catalogue's entries by table name, for the keys of the pages and downloads each table feeds. */
const catalogueByName = perDataset(() => new Map(catalogue().map((e) => [e.name, e])));

/**
 * The cache key of a numbered list page (/credit/page/<n>/, /problems/page/<n>/): the build's day
 * (the footer, overdue flags, the datasets' freshness), the tables the page shows — their files'
 * hashes and the day each last changed ("数据更新于") — what the route adds (the page number) and
 * the site-wide inputs. The data version is not on these pages (data-version.json names the
 * filtered downloads), so a commit that leaves their tables alone keeps them until the next day.
 */
export async function listPageKey(route: string, tables: readonly DataTableName[], inputs: unknown): Promise<string> {
  const entries = catalogueByName();
  return pageKey({
    route,
    inputs,
    date: buildDate(),
    files: tables.map((t) => [t, entries.get(t)?.sha256, sourceFiles([t]).updated, entries.get(t)?.freshness]),
    site: await siteWideKey(),
  });
}

/**
 * The cache key of a download computed from tables of data/ alone, not from the build's day (one
 * rating period's CSVs): the hashes of those files and what the route adds. Nothing is computed
 * for a download its key finds unchanged.
 */
export async function sourceFilesKey(route: string, tables: readonly DataTableName[], inputs: unknown): Promise<string> {
  const entries = catalogueByName();
  return pageKey({ route, inputs, files: tables.map((t) => [t, entries.get(t)?.sha256]), site: await siteWideKey() });
}
