import { date, number, oneOf, period, text, url, uscc } from './columns.ts';
import { RATINGS } from './credit-levels.ts';
import { defineTable, type RowOfTable } from './table.ts';

/**
 * A rating's score is checked against the bands of the scheme its period falls under, across
 * tables (src/lib/validation/credit-schemes.ts), so this table has no row rule of its own.
 */
export const creditRatings = defineTable({
  name: 'credit-ratings',
  title: '信用评价',
  columns: {
    uscc: uscc({ title: '统一社会信用代码', description: '被评价企业，对应 enterprises.csv 的 uscc。', required: true }),
    period: period({
      title: '评价期',
      description: '年度（2018）或半年度（2019-H1、2019-H2），与评价期最后一天有效的评价办法（credit-schemes.csv）的评价周期一致。',
      required: true,
    }),
    rating: oneOf({ title: '信用等级', description: '五色等级。', required: true }, RATINGS),
    score: number(
      { title: '得分', description: '按评价办法的分制打的分（例如 12分制，2019 年起）；不打分的办法留空。' },
      { integer: true, min: -99, max: 12, unit: '分' },
    ),
    reason: text({ title: '评价理由', description: '定级或降级的主要原因。' }, 500),
    published: date({ title: '发布日期', description: '评价结果公布的日期。', required: true }),
    publisher: text({ title: '发布机关', description: '公布评价结果的机关。', required: true }, 100),
    source_url: url({ title: '来源网址', description: '评价结果公告的网址。' }),
  },
  primaryKey: ['uscc', 'period'],
  foreignKeys: [
    { column: 'uscc', table: 'enterprises', tableColumn: 'uscc' },
    { column: 'rating', table: 'credit-levels', tableColumn: 'rating' },
  ],
});

export type CreditRating = RowOfTable<typeof creditRatings>;
