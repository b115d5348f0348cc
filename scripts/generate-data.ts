/**
 * Synthetic data generator for scale tests and the benchmark.
 *
 *   node scripts/generate-data.ts --out DIR [--size S|M|L|P] [--seed 1]
 *        [--villages N] [--enterprises N] [--periods N] [--problems N]
 *        [--indicators N] [--observations N]
 *
 * Writes DIR/data/*.csv and DIR/content/plan/*.md: a complete, valid data set of the chosen
 * size (build it with DATA_DIR=DIR/data CONTENT_DIR=DIR/content). The same seed gives the
 * same files. Text is realistic Chinese built from the vocabulary of the real plan, so the
 * search index is realistic too. Size S copies the shipped sample; P (a province) is ten times L.
 * The largest table, the ratings, is written in chunks as it is drawn, so P is generated in a few
 * hundred MB; the other tables are small enough to hold.
 */
import { closeSync, cpSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { USCC_ALPHABET, usccCheckChar } from '../src/lib/uscc.ts';
import { parsePlanMarkdown, splitFrontMatter } from '../src/lib/plan-doc.ts';
import { toCsv } from '../src/lib/publishing/downloads.ts';
import { CATEGORIES, SOURCE_TYPES, PROBLEM_STATUSES, VERIFIED } from '../src/schemas/problems.ts';
import { RATINGS } from '../src/schemas/credit-levels.ts';
import { columnNames } from '../src/schemas/table.ts';
import { DATA_TABLES, datasets } from '../src/schemas/index.ts';

const ROOT = new URL('..', import.meta.url).pathname;

export interface Sizes {
  villages: number;
  enterprises: number;
  periods: number;
  problems: number;
  indicators: number;
  observations: number;
}

const L: Sizes = { villages: 100, enterprises: 20000, periods: 5, problems: 10000, indicators: 200, observations: 20 };

export type Preset = 'M' | 'L' | 'P';

export const PRESETS: Record<Preset, Sizes> = {
  M: { villages: 30, enterprises: 1000, periods: 4, problems: 1000, indicators: 50, observations: 10 },
  L,
  // A province that adopts the site: ten times L in every table. Periods and observations are
  // per enterprise and per indicator, so they stay; their rows grow with enterprises and indicators.
  P: { ...L, villages: L.villages * 10, enterprises: L.enterprises * 10, problems: L.problems * 10, indicators: L.indicators * 10 },
};

/** A CSV file written a chunk of rows at a time, byte for byte what `toCsv` writes for all the rows at once. */
export class CsvWriter {
  private readonly fd: number;
  private readonly columns: readonly string[];
  private readonly chunkRows: number;
  private chunk: Array<Record<string, unknown>> = [];
  constructor(path: string, columns: readonly string[], chunkRows = 10_000) {
    this.columns = columns;
    this.chunkRows = chunkRows;
    this.fd = openSync(path, 'w');
    writeSync(this.fd, toCsv(columns, []));
  }
  add(row: Record<string, unknown>): void {
    this.chunk.push(row);
    if (this.chunk.length >= this.chunkRows) this.flush();
  }
  private flush(): void {
    if (this.chunk.length === 0) return;
    const text = toCsv(this.columns, this.chunk);
    // toCsv starts with the header line, written once at the top.
    writeSync(this.fd, text.slice(text.indexOf('\n') + 1));
    this.chunk = [];
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/** Small deterministic PRNG (mulberry32). */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
  };
}

const PLACE = [
  '顾',
  '山',
  '红',
  '豆',
  '北',
  '涸',
  '锡',
  '张',
  '东',
  '青',
  '湖',
  '庄',
  '香',
  '赤',
  '岸',
  '陶',
  '耿',
  '巷',
  '西',
  '联',
  '金',
  '曙',
  '光',
  '周',
  '南',
  '河',
  '塘',
  '桥',
  '泾',
  '墅',
];
const VILLAGE_SUFFIX = ['村', '村', '村', '社区'] as const;
export const FIRM = [
  '青禾',
  '澄川',
  '锦澜',
  '恒瑞',
  '德润',
  '华泰',
  '瑞丰',
  '金鼎',
  '天成',
  '新澄',
  '永盛',
  '嘉合',
  '宏达',
  '富源',
  '隆兴',
  '汇通',
  '明远',
  '安澜',
  '卓越',
  '诚信',
];
export const INDUSTRIES = ['化工', '印染', '纺织', '印刷', '电镀', '机械', '家具', '食品', '建材', '塑料制品'] as const;
export const ROADS = ['锦顾路', '红豆路', '顾北路', '振兴路', '工业大道', '环镇路', '新园路', '兴业路'];
const PROBLEM_TEXT: Record<string, string[]> = {
  水: ['河道水体发黑发臭', '雨水排口排放有色废水', '生活污水直排河道', '养殖尾水未经处理排放'],
  大气: ['露天焚烧秸秆和垃圾', '厂区无组织排放刺激性气味', '工地扬尘未落实抑尘措施', '燃煤锅炉冒黑烟'],
  土壤: ['关停企业遗留地块疑似污染', '农田周边堆放工业污泥'],
  固废: ['危险废物露天堆放', '建筑垃圾乱倒乱堆', '一般工业固废未规范贮存'],
  噪声: ['夜间施工噪声扰民', '厂区设备噪声超标'],
  生态: ['占用河道管理范围', '破坏沿河绿化带'],
  辐射: ['基站电磁辐射群众担忧'],
  其他: ['环保设施未正常运行', '未按要求开展自行监测'],
};
export const MEASURES = [
  '责令立即停止违法行为',
  '封堵暗管并完善雨污分流',
  '清运堆放物并恢复原状',
  '安装在线监控设施',
  '落实洒水抑尘和围挡措施',
  '开展清淤截污',
];

export function uscc(i: number): string {
  let body = '91320281';
  let n = i + 1;
  for (let k = 0; k < 9; k++) {
    body += USCC_ALPHABET[(n + k * 7) % 31];
    n = Math.floor(n / 31) + k;
  }
  // Make codes unique by spelling i in base 31 in the last five characters.
  let tail = '';
  let m = i;
  for (let k = 0; k < 5; k++) {
    tail = USCC_ALPHABET[m % 31] + tail;
    m = Math.floor(m / 31);
  }
  body = body.slice(0, 12) + tail;
  return body + usccCheckChar(body);
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const date = (y: number, m: number, d: number) => `${y}-${pad(m, 2)}-${pad(d, 2)}`;

export function periodsList(n: number): string[] {
  const all = ['2017', '2018', '2019-H1', '2019-H2', '2020-H1', '2020-H2', '2021-H1', '2021-H2'];
  return all.slice(0, Math.max(1, Math.min(n, all.length)));
}

/** When each period's ratings were published. */
export const PERIOD_PUBLISHED: Readonly<Record<string, string>> = {
  '2017': '2018-04-20',
  '2018': '2019-04-15',
  '2019-H1': '2019-08-20',
  '2019-H2': '2020-02-25',
  '2020-H1': '2020-08-20',
  '2020-H2': '2021-02-25',
  '2021-H1': '2021-08-20',
  '2021-H2': '2022-02-25',
};
const SCORE: Record<string, number[]> = { 绿色: [11, 12], 蓝色: [6, 8, 10], 黄色: [3, 4, 5], 红色: [1, 2], 黑色: [0, -2] };

/** One enterprise's rating for a period, drawn from `r` (the benchmark's history draws a new period with it too). */
export function ratingRow(r: ReturnType<typeof rng>, uscc: string, period: string) {
  const x = r.next();
  const rating = x < 0.2 ? RATINGS[0] : x < 0.75 ? RATINGS[1] : x < 0.92 ? RATINGS[2] : x < 0.98 ? RATINGS[3] : RATINGS[4];
  const half = period.includes('-H');
  return {
    uscc,
    period,
    rating,
    score: half ? r.pick(SCORE[rating]!) : undefined,
    reason:
      rating === '绿色' || rating === '蓝色' ? '' : r.pick(['废水超标排放被行政处罚', '未按要求开展自行监测', '危险废物管理不规范', '环保设施未正常运行']),
    published: PERIOD_PUBLISHED[period]!,
    publisher: half ? '无锡市生态环境局' : '无锡市环境保护局',
    source_url: `https://example.org/credit/${period}`,
  };
}

export function generate(out: string, sizes: Sizes, seed = 1): void {
  const r = rng(seed);
  rmSync(out, { recursive: true, force: true });
  const dataDir = join(out, 'data');
  const planDir = join(out, 'content', 'plan');
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(planDir, { recursive: true });

  // Plan: the real one, so that indicator quotes and anchors are real.
  const planSource = readFileSync(join(ROOT, 'content/plan/gushan-2017.md'), 'utf8');
  writeFileSync(join(planDir, 'gushan-2017.md'), planSource);
  // The explanatory pages, as shipped: the site reads them from CONTENT_DIR/pages too.
  cpSync(join(ROOT, 'content/pages'), join(out, 'content/pages'), { recursive: true });
  const { body, bodyLine } = splitFrontMatter(planSource);
  const blocks = parsePlanMarkdown(body, bodyLine).blocks;

  // Villages.
  const villages = Array.from({ length: sizes.villages }, (_, i) => {
    const name = `${PLACE[i % PLACE.length]}${PLACE[(i * 7 + 3) % PLACE.length]}${VILLAGE_SUFFIX[i % 4]}`;
    return { id: `v${pad(i + 1, 3)}`, name: `${name}${i >= PLACE.length ? i : ''}`, kind: VILLAGE_SUFFIX[i % 4] };
  });

  // Enterprises and their ratings.
  const enterprises = Array.from({ length: sizes.enterprises }, (_, i) => {
    const industry = r.pick(INDUSTRIES);
    return {
      uscc: uscc(i),
      name: `（示例）${r.pick(FIRM)}${r.pick(FIRM)}${industry}有限公司${i + 1}号`,
      industry,
      village: villages[r.int(villages.length)]!.id,
      address: `顾山镇${r.pick(ROADS)}${1 + r.int(300)}号`,
    };
  });
  const periods = periodsList(sizes.periods);
  // Drawn enterprise by enterprise and written as drawn; only the ratings that get an objection
  // (below) are kept.
  const ratingsFile = new CsvWriter(join(dataDir, 'credit-ratings.csv'), columnNames(DATA_TABLES['credit-ratings']));
  const objected: Array<{ uscc: string; period: string; published: string }> = [];
  for (const e of enterprises)
    for (const p of periods) {
      const row = ratingRow(r, e.uscc, p);
      ratingsFile.add(row);
      // Dated before 2020, so that a build dated from then on accepts them (no answer may postdate the build).
      if ((row.rating === '红色' || row.rating === '黑色') && row.published < '2020-01-01') objected.push(row);
    }
  ratingsFile.close();

  // Problems.
  const perYear = new Map<number, number>();
  const problems = Array.from({ length: sizes.problems }, () => {
    const year = 2017 + r.int(3);
    const seq = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, seq);
    const cats = [...new Set([r.pick(CATEGORIES), ...(r.next() < 0.2 ? [r.pick(CATEGORIES)] : [])])];
    const village = r.next() < 0.9 ? villages[r.int(villages.length)]! : undefined;
    const reportedMonth = 1 + r.int(12);
    const reported = date(year, reportedMonth, 1 + r.int(28));
    const deadline = date(year + (reportedMonth > 9 ? 1 : 0), ((reportedMonth + 2) % 12) + 1, 28);
    const status = year < 2019 ? (r.next() < 0.5 ? '已销号' : '已整改') : r.pick(PROBLEM_STATUSES);
    const closed = status === '已整改' || status === '已销号' ? deadline : undefined;
    const what = r.pick(PROBLEM_TEXT[cats[0]!]!);
    const enterprise = r.next() < 0.3 && enterprises.length ? enterprises[r.int(enterprises.length)] : undefined;
    const fine = r.next() < 0.2 ? 1 + r.int(50) : undefined;
    return {
      id: `GS-${year}-${pad(seq, 4)}`,
      reported,
      source_type: r.pick(SOURCE_TYPES),
      village: village?.id,
      location: `${village?.name ?? '全镇'}${r.pick(ROADS)}附近`,
      categories: cats,
      title: what,
      description: `群众反映${village?.name ?? '镇区'}${what}，影响周边居民生活。经现场核查，${r.pick(['情况属实', '部分属实', '正在进一步核查'])}。`,
      verified: r.pick(VERIFIED),
      enterprise: enterprise?.uscc,
      responsible: r.pick(['顾山镇环保办', '顾山镇城管办', '顾山镇农服中心', `${village?.name ?? '顾山'}村委会`]),
      deadline,
      status,
      closed,
      measures: closed ? r.pick(MEASURES) : '',
      penalty: fine ? `罚款${fine}万元` : '',
      fine_wan: fine,
      source_url: `https://example.org/problems/${year}/${seq}`,
    };
  });

  // Indicators: quotes are real fragments of the plan's paragraphs, so every reference holds.
  let currentSection = 's1';
  const fragments: Array<{ section: string; quote: string }> = [];
  for (const b of blocks) {
    if (b.kind === 'heading') currentSection = b.id;
    else if (/^s\d/.test(currentSection)) {
      for (const sentence of b.text.split(/[。；]/)) if (sentence.length >= 8) fragments.push({ section: currentSection, quote: sentence.slice(0, 24) });
    }
  }
  const indicators = Array.from({ length: sizes.indicators }, (_, i) => {
    const f = fragments[i % fragments.length]!;
    const kind = (['level', 'count', 'milestone'] as const)[i % 3]!;
    return {
      id: `ind-${pad(i + 1, 3)}`,
      plan: 'gushan-2017',
      section: [f.section],
      name: `示例指标${i + 1}：${f.quote.slice(0, 12)}`,
      name_en: `Sample indicator ${i + 1}`,
      kind,
      unit: kind === 'count' ? '个' : '%',
      comparator: kind === 'milestone' ? undefined : '>=',
      target: kind === 'milestone' ? undefined : kind === 'count' ? 10 + r.int(90) : 20 + r.int(70),
      target_date: '2017-12-31',
      baseline: undefined,
      baseline_date: undefined,
      responsible: '顾山镇环保办',
      quote: [f.quote],
      note: '',
    };
  });
  const observations = indicators.flatMap((ind) =>
    Array.from({ length: sizes.observations }, (_, k) => ({
      indicator: ind.id,
      date: `${2000 + k}`,
      value: Math.round(r.next() * 1000) / 10,
      source: `示例：顾山镇${2000 + k}年统计台账`,
      source_url: '',
      note: '',
    })),
  );

  const write = (name: string, cols: readonly string[], rows: ReadonlyArray<Record<string, unknown>>) =>
    writeFileSync(join(dataDir, `${name}.csv`), toCsv(cols, rows));
  write('villages', columnNames(DATA_TABLES.villages), villages);
  write('enterprises', columnNames(DATA_TABLES.enterprises), enterprises);
  cpSync(join(ROOT, 'data/credit-levels.csv'), join(dataDir, 'credit-levels.csv'));
  cpSync(join(ROOT, 'data/credit-schemes.csv'), join(dataDir, 'credit-schemes.csv'));
  write('problems', columnNames(DATA_TABLES.problems), problems);
  write('indicators', columnNames(DATA_TABLES.indicators), indicators);
  write('observations', columnNames(DATA_TABLES.observations), observations);
  // Objections to the red and black ratings published before 2020 and a report on every tenth problem; picked by position,
  // not by the random stream, so that the other tables stay as they were generated before.
  const responses = [
    ...objected.map((x) => ({
      table: 'credit-ratings',
      key: `${x.uscc}+${x.period}`,
      date: x.published,
      party: '企业',
      kind: '异议',
      text: '（示例）企业对评价结果提出异议，请求复核。',
    })),
    ...problems
      .filter((_, i) => i % 10 === 0)
      .map((x) => ({ table: 'problems', key: x.id, date: x.reported, party: '责任单位', kind: '整改报告', text: '（示例）责任单位报告整改进展。' })),
  ].map((x, i) => ({ id: `R-${x.date.slice(0, 4)}-${pad(i + 1, 4)}`, ...x, outcome: '', source_url: '' }));
  write('responses', columnNames(DATA_TABLES.responses), responses);
  write('redactions', columnNames(DATA_TABLES.redactions), []);
  const metaRows = Object.keys(DATA_TABLES).map((table) => ({
    table,
    title: `合成数据：${table}`,
    description: '由 scripts/generate-data.ts 生成的合成数据，用于规模测试。',
    publisher: '顾山镇生态文明建设公开数据项目',
    licence: 'CC-BY-4.0',
    licence_url: 'https://creativecommons.org/licenses/by/4.0/',
    update_frequency: '不定期',
    sample: true,
    source: '合成数据',
  }));
  writeFileSync(
    join(dataDir, 'datasets.csv'),
    toCsv(
      columnNames(datasets),
      metaRows.map((m) => ({ ...m, sample: '是' })),
    ),
  );
}

/** Size S: the shipped sample, copied. */
export function copySample(out: string): void {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'content'), { recursive: true });
  cpSync(join(ROOT, 'data'), join(out, 'data'), { recursive: true });
  cpSync(join(ROOT, 'content/plan'), join(out, 'content/plan'), { recursive: true });
  cpSync(join(ROOT, 'content/pages'), join(out, 'content/pages'), { recursive: true });
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      size: { type: 'string', default: 'M' },
      seed: { type: 'string', default: '1' },
      villages: { type: 'string' },
      enterprises: { type: 'string' },
      periods: { type: 'string' },
      problems: { type: 'string' },
      indicators: { type: 'string' },
      observations: { type: 'string' },
    },
  });
  if (!values.out) {
    console.error('用法：node scripts/generate-data.ts --out 文件夹 [--size S|M|L] [--seed 1] [--enterprises N …]');
    process.exit(2);
  }
  if (values.size === 'S') copySample(values.out);
  else {
    const preset = PRESETS[values.size as Preset] ?? PRESETS.M;
    const sizes: Sizes = { ...preset };
    for (const k of Object.keys(sizes) as Array<keyof Sizes>) if (values[k]) sizes[k] = Number(values[k]);
    generate(values.out, sizes, Number(values.seed));
  }
  console.log(`已生成：${values.out}`);
}
