import { number, oneOf, text } from './columns.ts';
import { columnTitle, defineTable, type RuleIssue, type RowOfTable } from './table.ts';

import { RATINGS, type Rating } from './enums.ts';

export { RATINGS, type Rating };

/** Wording that points at a column of the table ("本列数值为…"), which a page cannot show. */
const COLUMN_REFERENCE = /[本该此]列/;

export const creditLevels = defineTable({
  name: 'credit-levels',
  title: '信用等级',
  columns: {
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
    note: text({ title: '依据', description: '加价标准的政策出处。' }, 500),
  },
  primaryKey: ['rating'],
  foreignKeys: [],
  rules(row) {
    // These texts are shown on their own on the credit pages, where no column is in sight:
    // "本列数值为最低加价标准" told a resident nothing.
    const issues: RuleIssue[] = [];
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
