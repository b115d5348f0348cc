import { number, oneOf, slug, text } from './columns.ts';
import { columnTitle, defineTable, type RuleIssue, type RowOfTable } from './table.ts';

import { RATINGS, type Rating } from './enums.ts';

export { RATINGS, type Rating };

/** Wording that points at a column of the table ("本列数值为…"), which a page cannot show. */
const COLUMN_REFERENCE = /[本该此]列/;

/**
 * data/credit-levels.csv: one row per scheme and colour. The score band sits here, beside the
 * consequences, because a band is a fact of the same scheme-and-colour pair: a table of its own
 * would repeat the key and need the same references checked twice.
 */
export const creditLevels = defineTable({
  name: 'credit-levels',
  title: '信用等级',
  columns: {
    scheme: slug({ title: '评价办法', description: '这一行适用的评价办法，对应 credit-schemes.csv 的 id。', required: true }, 'jiangsu-2019'),
    rating: oneOf({ title: '信用等级', description: '五色等级之一。', required: true }, RATINGS),
    label: text({ title: '等级名称', description: '等级的含义，例如 环保诚信、严重失信。', required: true }, 20),
    meaning: text({ title: '说明', description: '这一等级意味着什么，对企业有哪些后果。', required: true }, 500),
    electricity_surcharge: number(
      { title: '差别电价加价', description: '在正常电价基础上每千瓦时加价多少元；0 表示不加价。', required: true },
      { min: 0, max: 10, unit: '元/千瓦时' },
    ),
    sewage_surcharge: number(
      { title: '污水处理费加价', description: '在正常污水处理费基础上每立方米至少加价多少元；0 表示不加价。', required: true },
      { min: 0, max: 100, unit: '元/立方米' },
    ),
    score_min: number(
      { title: '最低得分', description: '按这个办法打分时，这一等级的最低得分；没有下限（例如黑色）或不打分的办法留空。' },
      { integer: true, min: -99, max: 100, unit: '分' },
    ),
    score_max: number(
      { title: '最高得分', description: '按这个办法打分时，这一等级的最高得分；不打分的办法留空。' },
      { integer: true, min: -99, max: 100, unit: '分' },
    ),
    note: text({ title: '依据', description: '加价标准的政策出处。' }, 500),
  },
  primaryKey: ['scheme', 'rating'],
  foreignKeys: [{ column: 'scheme', table: 'credit-schemes', tableColumn: 'id' }],
  rules(row) {
    const issues: RuleIssue[] = [];
    if (row.score_min !== undefined && row.score_max !== undefined && row.score_max < row.score_min) {
      issues.push({
        column: 'score_max',
        code: 'E072',
        value: String(row.score_max),
        message: `最高得分 ${row.score_max} 小于最低得分 ${row.score_min}（最高得分不能小于最低得分）`,
      });
    }
    // These texts are shown on their own on the credit pages, where no column is in sight:
    // "本列数值为最低加价标准" told a resident nothing.
    for (const column of ['meaning', 'note'] as const) {
      const text = row[column];
      const said = text?.match(COLUMN_REFERENCE)?.[0];
      if (text === undefined || said === undefined) continue;
      issues.push({
        column,
        code: 'E032',
        value: text,
        message: `${columnTitle(creditLevels, column)}中写了“${said}”：这段文字单独显示在网页上，读者看不到表格的列，不知道“${said}”指什么（请直接写出所指的内容，例如把“本列数值为最低加价标准”改成“每立方米至少加价 0.6 元”）`,
      });
    }
    return issues;
  },
});

export type CreditLevel = RowOfTable<typeof creditLevels>;
