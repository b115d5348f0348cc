import { date, oneOf, slug, text, url } from './columns.ts';
import { defineTable, type RuleIssue, type RowOfTable } from './table.ts';

import { PERIOD_KINDS } from './enums.ts';

/**
 * data/credit-schemes.csv: the rules a rating was given under. Jiangsu changed its scheme while
 * the plan ran, so a 2017 rating and a 2019-H2 rating mean different things; a rating belongs to
 * the scheme in force on the last day of its period (src/lib/credit-schemes.ts).
 */
export const creditSchemes = defineTable({
  name: 'credit-schemes',
  title: '信用评价办法',
  columns: {
    id: slug({ title: '编号', description: '评价办法的编号，例如 jiangsu-2019；credit-levels.csv 的 scheme 列引用它。', required: true }, 'jiangsu-2019'),
    name: text({ title: '名称', description: '评价办法的名称，例如 《江苏省企业环保信用评价暂行办法》。', required: true }, 100),
    valid_from: date({ title: '起始日期', description: '评价办法开始适用的日期。', required: true }),
    valid_to: date({ title: '终止日期', description: '评价办法最后适用的日期；仍然有效的留空。' }),
    period_kind: oneOf({ title: '评价周期', description: '年度（评价期写 2018）或半年度（评价期写 2019-H1、2019-H2）。', required: true }, PERIOD_KINDS),
    score_scale: text({ title: '分制', description: '打分的分制，例如 12分制；不打分的办法留空。' }, 20),
    source_url: url({ title: '来源网址', description: '办法原文或权威报道的网址。' }),
    note: text({ title: '备注', description: '办法的要点；哪些内容尚未核实。' }, 1000),
  },
  primaryKey: ['id'],
  foreignKeys: [],
  rules(row) {
    const issues: RuleIssue[] = [];
    if (row.valid_to !== undefined && row.valid_to < row.valid_from) {
      issues.push({
        column: 'valid_to',
        code: 'E072',
        value: row.valid_to,
        message: `终止日期 ${row.valid_to} 早于起始日期 ${row.valid_from}（终止日期不能早于起始日期）`,
      });
    }
    return issues;
  },
});

export type CreditScheme = RowOfTable<typeof creditSchemes>;
