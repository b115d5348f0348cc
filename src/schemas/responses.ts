import { date, oneOf, pattern, text, url } from './columns.ts';
import { defineTable, type RuleIssue, type RowOfTable } from './table.ts';

import { RESPONSE_KINDS, RESPONSE_OUTCOMES, RESPONSE_PARTIES, RESPONSE_TABLES, REVIEW_KIND } from './enums.ts';

export const RESPONSE_ID = /^R-\d{4}-\d{3,}$/;

/**
 * data/responses.csv: the other side of a record — an enterprise's objection, a responsible
 * unit's report, the authority's review result — dated, next to the record it answers. That the
 * key names an existing record of `table` is checked against the other tables in
 * src/lib/validation/validate.ts (a key of two columns is written with +, as in redactions.csv).
 */
export const responses = defineTable({
  name: 'responses',
  title: '异议与回应',
  columns: {
    id: pattern(
      { title: '回应编号', description: '这条异议或回应的唯一编号：R-年份-序号，例如 R-2019-001。', required: true },
      RESPONSE_ID,
      'R-四位年份-三位以上序号，例如 R-2019-001',
    ),
    table: oneOf({ title: '回应的数据表', description: '被回应的记录所在的数据表（不带 .csv）：问题、企业或信用评价。', required: true }, RESPONSE_TABLES),
    key: pattern(
      {
        title: '回应的记录',
        description: '被回应的记录的编号，照它在表中的写法；信用评价写 企业代码+评价期，例如 91320281MA1W2X3Y4Q+2019-H2。',
        required: true,
      },
      /^[0-9A-Za-z一-鿿]+(?:[-+][0-9A-Za-z一-鿿]+)*$/,
      '记录的编号，例如 GS-2019-004；信用评价写 企业代码+评价期，例如 91320281MA1W2X3Y4Q+2019-H2',
    ),
    date: date({ title: '日期', description: '提出异议、作出说明或公布复核结果的日期；不能晚于网站生成的日期。', required: true }),
    party: oneOf({ title: '回应方', description: '谁提出或作出这条回应。', required: true }, RESPONSE_PARTIES),
    kind: oneOf({ title: '类型', description: '异议、说明、整改报告或复核结果。', required: true }, RESPONSE_KINDS),
    text: text({ title: '内容', description: '异议、说明或结果的内容，照原文摘录或概括。', required: true }, 20000),
    outcome: oneOf({ title: '复核结论', description: '复核的结论：维持、更正或撤销原记录；只有类型为“复核结果”时填写，并且必须填写。' }, RESPONSE_OUTCOMES),
    source_url: url({ title: '来源网址', description: '异议、说明或复核结果原文的网址。' }),
  },
  primaryKey: ['id'],
  foreignKeys: [],
  rules(row) {
    const issues: RuleIssue[] = [];
    if (row.kind === REVIEW_KIND && row.outcome === undefined) {
      issues.push({ column: 'outcome', code: 'E082', value: '', message: `类型是“${REVIEW_KIND}”，必须填写复核结论（允许：${RESPONSE_OUTCOMES.join('、')}）` });
    }
    if (row.kind !== REVIEW_KIND && row.outcome !== undefined) {
      issues.push({
        column: 'outcome',
        code: 'E082',
        value: row.outcome,
        message: `类型是“${row.kind}”，复核结论“${row.outcome}”必须为空（只有类型为“${REVIEW_KIND}”时填写复核结论）`,
      });
    }
    return issues;
  },
});

export type Response = RowOfTable<typeof responses>;
