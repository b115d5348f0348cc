/**
 * The scoreboard as data (issue #15): one row per indicator with its verdict (the word readers
 * see), whether it met the target by the deadline and now, and the observations they rest on. Published as
 * /data/indicator-progress.csv, -excel.csv and .json, and in datapackage.json as a derived
 * resource, so that every count on the site can be downloaded and reproduced.
 */
import type { IndicatorView } from './indicators.ts';
import { meets } from './progress.ts';
import { DATA_TABLES, type PickRow } from '../schemas/index.ts';
import { column, columnOf, pickColumns, type DerivedTable, type PublishedColumn } from './publishing/published.ts';

const PROGRESS_COLUMNS: readonly PublishedColumn[] = (
  [
    { name: 'indicator', title: '指标编号', description: '指标的编号（indicators.csv 的 id）。', type: 'string' },
    { name: 'name', title: '指标名称', description: '指标的中文名称。', type: 'string' },
    { name: 'unit', title: '单位', description: '数值的单位。', type: 'string' },
    { name: 'comparator', title: '比较方式', description: '>= 表示不低于目标，<= 表示不高于目标。', type: 'string' },
    { name: 'target', title: '目标值', description: '目标值（里程碑类为 100，即完成）。', type: 'number' },
    { name: 'deadline', title: '期限', description: '目标的期限，只写年份或年月的按最后一天计。', type: 'date' },
    {
      name: 'verdict',
      title: '结论',
      description:
        '读者在首页、指标列表、筛选按钮和指标页面上看到的结论，七种之一：按期达标、逾期达标、达标后回落、未达标、进度正常、进度滞后、暂无数据（含义见 /methodology/）。',
      type: 'string',
    },
    {
      name: 'met_by_deadline',
      title: '期限时是否达到目标',
      description: '期限当天或之前最后一个观测值是否达到目标：是或否（期限前没有观测值为否）；期限未到时为空。只是结论所依据的事实之一，不是结论。',
      type: 'string',
    },
    {
      name: 'latest_meets_target',
      title: '最新数值是否达到目标',
      description: '最新一个观测值是否达到目标：是或否；没有观测值时为空。只是结论所依据的事实之一，不是结论。',
      type: 'string',
    },
    { name: 'deadline_date', title: '期限时结论所用观测的时间', description: '期限时的结论所依据的观测值的时间（原样，可能只写年份）。', type: 'string' },
    { name: 'deadline_value', title: '期限时的数值', description: '期限时的结论所依据的观测值。', type: 'number' },
    { name: 'latest_date', title: '最新观测时间', description: '最新一个观测值的时间（原样）。', type: 'string' },
    { name: 'latest_value', title: '最新数值', description: '最新一个观测值。', type: 'number' },
    { name: 'explanation', title: '结论说明', description: '指标页面上显示的结论文字，含所用的数字。', type: 'string' },
  ] as const
).map((c) => column(c));

export const PROGRESS_NOTE =
  '由 indicators.csv 和 observations.csv 在建站时按 /methodology/ 的规则算出（源代码 src/lib/progress.ts），不是人工填写的数据；计算日期为 datapackage.json 的 created。';

/** The scoreboard as a table of /data/ and of datapackage.json. */
export const INDICATOR_PROGRESS: DerivedTable = {
  name: 'indicator-progress',
  columns: PROGRESS_COLUMNS,
  package: {
    kind: 'derived',
    title: '指标完成情况（计算结果）',
    description: `每个指标一行：结论（verdict）、期限时和现在是否达到目标、所依据的观测值。${PROGRESS_NOTE}`,
    primaryKey: ['indicator'],
    foreignKeys: [{ column: 'indicator', table: 'indicators', tableColumn: 'id' }],
    sources: ['indicators.csv', 'observations.csv'],
  },
};

export type ProgressRecord = Record<string, string | number | undefined>;

const yesNo = (b: boolean) => (b ? '是' : '否');

/** What an indicator is and what was concluded from it: the first cells of both downloads. */
function verdictCells({ indicator: ind, progress: p }: Pick<IndicatorView, 'indicator' | 'progress'>): ProgressRecord {
  return {
    indicator: ind.id,
    name: ind.name,
    unit: ind.unit ?? '',
    comparator: p.comparator,
    target: p.target,
    deadline: p.deadline,
    verdict: p.result,
    met_by_deadline: p.deadlinePassed ? yesNo(p.atDeadline === '已达标') : undefined,
    latest_meets_target: p.latest ? yesNo(meets(p.latest.value, p.target, p.comparator)) : undefined,
  };
}

export function progressRecords(views: readonly IndicatorView[]): ProgressRecord[] {
  return views.map((view) => ({
    ...verdictCells(view),
    deadline_date: view.progress.deadlinePoint?.date,
    deadline_value: view.progress.deadlinePoint?.value,
    latest_date: view.progress.latest?.date,
    latest_value: view.progress.latest?.value,
    explanation: view.progress.explanation,
  }));
}

/**
 * One indicator's download (/indicators/<id>.csv): still one table, one row per observation,
 * each row beginning with what the indicator is and what was concluded from it (name, unit,
 * target, comparator, deadline, verdict, whether met by the deadline and now), then the
 * observation. An indicator without observations gets one row with empty observation cells,
 * so its file still says what it measures and that there are no data. Its columns are the
 * scoreboard's and observations.csv's, so a spreadsheet reads them alike in both files: numbers
 * and the deadline (always a whole day) as they are, the observation's date (perhaps only a year)
 * as text.
 */
export const INDICATOR_OBSERVATIONS: DerivedTable = {
  name: 'indicator',
  columns: [
    ...pickColumns(PROGRESS_COLUMNS, [
      'indicator',
      'name',
      'unit',
      'comparator',
      'target',
      'deadline',
      'verdict',
      'met_by_deadline',
      'latest_meets_target',
      'explanation',
    ]),
    ...['date', 'value', 'source', 'source_url', 'note'].map((c) => columnOf(DATA_TABLES.observations, c)),
  ],
};

export type ObservationLike = PickRow<'observations', 'date' | 'value' | 'source' | 'source_url' | 'note'>;

export function indicatorCsvRecords(view: Pick<IndicatorView, 'indicator' | 'progress'> & { observations: readonly ObservationLike[] }): ProgressRecord[] {
  const head: ProgressRecord = { ...verdictCells(view), explanation: view.progress.explanation };
  if (view.observations.length === 0) return [head];
  return view.observations.map((o) => ({ ...head, date: o.date, value: o.value, source: o.source, source_url: o.source_url, note: o.note }));
}
