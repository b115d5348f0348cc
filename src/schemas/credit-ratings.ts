import { date, number, oneOf, period, text, url, uscc } from './columns.ts';
import { RATINGS, type Rating } from './credit-levels.ts';
import { defineTable, type RuleIssue, type RowOfTable } from './table.ts';

import { SCORE_BANDS, scoreBandText } from '../lib/ratings.ts';

export { SCORE_BANDS };

export function ratingForScore(score: number): Rating {
  if (score >= 11) return '绿色';
  if (score >= 6) return '蓝色';
  if (score >= 3) return '黄色';
  if (score >= 1) return '红色';
  return '黑色';
}

export const creditRatings = defineTable({
  name: 'credit-ratings',
  title: '信用评价',
  columns: {
    uscc: uscc({ title: '统一社会信用代码', description: '被评价企业，对应 enterprises.csv 的 uscc。', required: true }),
    period: period({ title: '评价期', description: '年度（2018）或半年度（2019-H1、2019-H2）。', required: true }),
    rating: oneOf({ title: '信用等级', description: '五色等级。', required: true }, RATINGS),
    score: number({ title: '得分', description: '12 分制得分（2019 年起）；较早的评价可以为空。' }, { integer: true, min: -99, max: 12, unit: '分' }),
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
  rules(row) {
    const issues: RuleIssue[] = [];
    if (row.score !== undefined) {
      const expected = ratingForScore(row.score);
      if (expected !== row.rating) {
        const range = scoreBandText(row.rating);
        issues.push({
          column: 'score',
          code: 'E074',
          value: String(row.score),
          message: `得分 ${row.score} 对应“${expected}”，与等级“${row.rating}”不符（${row.rating}应为 ${range}）`,
        });
      }
    }
    return issues;
  },
});

export type CreditRating = RowOfTable<typeof creditRatings>;
