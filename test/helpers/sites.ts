/**
 * The two sites test/global-setup.ts builds. Tests that hold for any correct data run on both;
 * tests that pin values run on the fixture only (see test/helpers/paths.ts).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { FIXTURE_CONTENT, FIXTURE_DATA, SAMPLE_CONTENT, SAMPLE_DATA, SAMPLE_SITE_DIR, SITE_DIR, BUILD_DATE, SAMPLE_BUILD_DATE } from './paths.ts';

export interface BuiltSite {
  /** For test names. */
  name: string;
  /** The built site. */
  dir: string;
  dataDir: string;
  contentDir: string;
  /** The date it was built on (BUILD_DATE); what its date-dependent checks compare with. */
  buildDate: string;
}

export const FIXTURE_SITE: BuiltSite = { name: 'the fixture site', dir: SITE_DIR, dataDir: FIXTURE_DATA, contentDir: FIXTURE_CONTENT, buildDate: BUILD_DATE };
export const SAMPLE_SITE: BuiltSite = {
  name: 'the real-data site',
  dir: SAMPLE_SITE_DIR,
  dataDir: SAMPLE_DATA,
  contentDir: SAMPLE_CONTENT,
  buildDate: SAMPLE_BUILD_DATE,
};
export const BOTH_SITES = [FIXTURE_SITE, SAMPLE_SITE] as const;

/** The rows of a table of a site's data, as the tests read them (PapaParse, header row). */
export function csvRows(site: BuiltSite, table: string): Array<Record<string, string>> {
  return Papa.parse<Record<string, string>>(readFileSync(join(site.dataDir, `${table}.csv`), 'utf8'), { header: true, skipEmptyLines: true }).data;
}

/** The ids of the plans of a site (content/plan/*.md). */
export function planIds(site: BuiltSite): string[] {
  return readdirSync(join(site.contentDir, 'plan'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => f.slice(0, -3))
    .sort();
}

/**
 * Whether a built file is a record's page (a problem, an enterprise, a village, an indicator, a
 * removed problem or enterprise): the pages that show nothing which changes with the build's day
 * or commit (ARCHITECTURE.md, "Record pages"). The villages' noticeboard sheets are dated, per-build pages.
 */
export function isRecordPage(file: string): boolean {
  return RECORD_PAGES.some((r) => r.test(file));
}

const RECORD_PAGES = [
  /^problems\/(?!page\/)[^/]+\/index\.html$/,
  /^credit\/(?!page\/|period\/|schemes\/)[^/]+\/index\.html$/,
  /^villages\/[^/]+\/index\.html$/,
  /^indicators\/(?!status\/)[^/]+\/index\.html$/,
];

/**
 * Pages without the build date in their footer: the records' pages, a commit's page (it shows
 * that commit, whose id may be the data version) and the register's numbered pages (their rows,
 * which flip their flags once, on a deadline).
 */
export function isUndatedPage(file: string): boolean {
  return isRecordPage(file) || /^changes\/[0-9a-f]{7,40}\/index\.html$/.test(file) || /^problems\/page\/\d+\/index\.html$/.test(file);
}
