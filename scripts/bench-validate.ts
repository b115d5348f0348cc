/**
 * Validation benchmark: builds a synthetic data set of about 100,000 rows in memory (valid,
 * realistic shapes) and times validateDataset on it. Run: node scripts/bench-validate.ts [rows]
 */
import { readFileSync } from 'node:fs';
import { validateDataset } from '../src/lib/validation/validate.ts';
import { ALL_TABLES } from '../src/schemas/index.ts';
import { USCC_ALPHABET, usccCheckChar } from '../src/lib/uscc.ts';

const total = Number(process.argv[2] ?? 100_000);
let seed = 42;
const rand = (n: number) => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed % n;
};
const csv = (header: string, rows: string[]) => new TextEncoder().encode(`${header}\n${rows.join('\n')}\n`);
const read = (name: string) => new Uint8Array(readFileSync(new URL(`../data/${name}.csv`, import.meta.url)));

const villages = Array.from({ length: 100 }, (_, i) => `v${i},第${i}村,村`);
const nEnt = Math.round(total * 0.2);
const codes = Array.from({ length: nEnt }, (_, i) => {
  const body = `91320281${String(i)
    .padStart(9, '0')
    .split('')
    .map((d) => USCC_ALPHABET[(Number(d) + i) % 31])
    .join('')}`;
  return body + usccCheckChar(body);
});
const enterprises = codes.map((c, i) => `${c},（示例）第${i}号化工有限公司,化工,v${i % 100},顾山镇示例路${i}号`);
const ratings = codes.flatMap((c) => [
  `${c},2019-H1,蓝色,8,,2019-08-20,无锡市生态环境局,https://example.org/c`,
  `${c},2019-H2,黄色,4,超标排放,2020-02-25,无锡市生态环境局,`,
]);
const nProb = total - villages.length - enterprises.length - ratings.length - 1000;
const statuses = ['待整改', '整改中', '已整改', '已销号'];
const problems = Array.from({ length: nProb }, (_, i) => {
  const s = statuses[rand(4)]!;
  const closed = s === '已整改' || s === '已销号' ? '2019-06-30' : '';
  return `GS-2019-${String(i + 1).padStart(6, '0')},2019-03-0${1 + rand(9)},信访举报,v${rand(100)},某村某河,水;大气,河道发黑发臭,"群众反映河道发黑发臭，影响周边居民生活。",属实,${rand(3) === 0 ? codes[rand(nEnt)] : ''},顾山镇环保办,2019-12-31,${s},${closed},清淤截污,,,https://example.org/p/${i},2019-03-20`;
});
const observations = Array.from({ length: 1000 }, (_, i) => `red-line-area,${1000 + i},${20 + (i % 5)},示例来源,,`);

const files = new Map<string, Uint8Array | undefined>([
  ['villages', csv('id,name,kind', villages)],
  ['enterprises', csv('uscc,name,industry,village,address', enterprises)],
  ['credit-ratings', csv('uscc,period,rating,score,reason,published,publisher,source_url', ratings)],
  ['credit-levels', read('credit-levels')],
  ['credit-schemes', read('credit-schemes')],
  [
    'problems',
    csv(
      'id,reported,source_type,village,location,categories,title,description,verified,enterprise,responsible,deadline,status,closed,measures,penalty,fine_wan,source_url,disclosed',
      problems,
    ),
  ],
  ['indicators', read('indicators')],
  ['observations', csv('indicator,date,value,source,source_url,note', observations)],
  ['datasets', read('datasets')],
]);
const plans = [
  { id: 'gushan-2017', path: 'content/plan/gushan-2017.md', text: readFileSync(new URL('../content/plan/gushan-2017.md', import.meta.url), 'utf8') },
];
const rows = villages.length + enterprises.length + ratings.length + problems.length + observations.length;
const bytes = [...files.values()].reduce((n, b) => n + (b?.length ?? 0), 0);

const times: number[] = [];
let issues = 0;
for (let run = 0; run < 3; run++) {
  const t = performance.now();
  const r = validateDataset({ dataDir: 'data', files, tables: ALL_TABLES, plans });
  times.push(performance.now() - t);
  issues = r.issues.length;
}
console.log(
  `rows=${rows} bytes=${(bytes / 1e6).toFixed(1)}MB issues=${issues} runs(ms)=${times.map((t) => t.toFixed(0)).join(',')} best=${Math.min(...times).toFixed(0)}ms`,
);
if (issues > 0) process.exitCode = 1;
