import { number, oneOf, partialDate, slug, text, textList } from './columns.ts';
import { ANCHOR_PATTERN } from '../lib/plan-doc.ts';
import { defineTable, type RuleIssue, type RowOfTable } from './table.ts';
import { INDICATOR_KINDS, UPDATE_FREQUENCIES } from './enums.ts';

export { INDICATOR_KINDS };

export const COMPARATORS = ['>=', '<='] as const;

/**
 * The plausible range of an indicator's values (target, baseline, observations), whatever its
 * unit: shares, areas in 亩 or 万亩, counts. Wide on purpose; it refuses typos of many digits.
 */
export const INDICATOR_VALUE_RANGE = { min: -1_000_000, max: 1_000_000_000 } as const;

export const indicators = defineTable({
  name: 'indicators',
  title: '指标',
  columns: {
    id: slug({ title: '指标编号', description: '指标的英文编号，用在网址中，例如 red-line-area。', required: true }, 'red-line-area'),
    plan: slug(
      { title: '计划文件', description: '设定目标的计划文件名（content/plan/ 中的文件名，不带 .md），例如 gushan-2017。', required: true },
      'gushan-2017',
    ),
    section: textList(
      { title: '章节锚点', description: '目标所在章节的锚点，例如 s3-1；计划在几处提出同一目标时，用英文分号 ; 分隔，与 quote 一一对应。', required: true },
      ANCHOR_PATTERN,
      '计划文件中的章节锚点，例如 s3-1',
    ),
    name: text({ title: '指标名称', description: '中文名称。', required: true }, 100),
    name_en: text({ title: '英文名称', description: 'English name.' }, 200),
    kind: oneOf({ title: '指标类型', description: 'level：比例或数量水平；count：完成个数；milestone：是否完成的里程碑。', required: true }, INDICATOR_KINDS),
    unit: text({ title: '单位', description: '目标值和观测值的单位，例如 %、万亩、个。' }, 20),
    comparator: oneOf({ title: '比较方式', description: '>= 表示不低于目标，<= 表示不高于目标；里程碑可以为空。' }, COMPARATORS),
    target: number({ title: '目标值', description: '计划设定的目标值；里程碑可以为空。' }, INDICATOR_VALUE_RANGE),
    target_date: partialDate({ title: '目标期限', description: '目标应当达到的时间，例如 2017-12-31 或 2017。', required: true }),
    baseline: number({ title: '基线值', description: '计划制定时的水平。' }, INDICATOR_VALUE_RANGE),
    baseline_date: partialDate({ title: '基线时间', description: '基线值对应的时间。' }),
    responsible: text({ title: '责任单位', description: '负责完成目标的单位。' }, 200),
    quote: textList({
      title: '原文',
      description: '计划中设定这一目标的原话，必须逐字出现在 section 指明的章节中；有几处时用英文分号 ; 分隔，顺序与 section 相同。',
      required: true,
    }),
    note: text({ title: '备注', description: '补充说明。' }, 20000),
    frequency: oneOf(
      {
        title: '观测频率',
        description:
          '多久有一个新的观测值，例如 每年。填了每月、每季度、每半年或每年的指标，观测值在期限前中断时，网站会标出“观测中断”；空着或填不定期则不检查。',
      },
      UPDATE_FREQUENCIES,
    ),
  },
  primaryKey: ['id'],
  foreignKeys: [],
  rules(row) {
    const issues: RuleIssue[] = [];
    if (row.kind !== 'milestone' && row.target === undefined) {
      issues.push({ column: 'target', code: 'E073', value: '', message: `指标类型是“${row.kind}”，必须填写目标值（只有 milestone 里程碑可以不填）` });
    }
    if (row.kind !== 'milestone' && row.comparator === undefined) {
      issues.push({ column: 'comparator', code: 'E073', value: '', message: `指标类型是“${row.kind}”，必须填写比较方式（允许：>=、<=）` });
    }
    if (row.section.length !== row.quote.length) {
      issues.push({
        column: 'quote',
        code: 'E076',
        value: row.quote.join(';'),
        message: `section 有 ${row.section.length} 个锚点，quote 有 ${row.quote.length} 段原文，数量必须相同（第几个锚点对应第几段原文）`,
      });
    }
    if (row.baseline !== undefined && row.baseline_date === undefined) {
      issues.push({ column: 'baseline_date', code: 'E030', value: '', message: '填写了基线值，也必须填写基线时间（例如 2016）' });
    }
    return issues;
  },
});

export type Indicator = RowOfTable<typeof indicators>;
