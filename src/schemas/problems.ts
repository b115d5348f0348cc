import { date, listOf, number, oneOf, pattern, slug, text, url, uscc } from './columns.ts';
import { defineTable, type RuleIssue, type RowOfTable } from './table.ts';

import { CATEGORIES, CLOSED_STATUSES, PROBLEM_STATUSES, SOURCE_TYPES, VERIFIED, type ProblemStatus } from './enums.ts';

export { CATEGORIES, SOURCE_TYPES, PROBLEM_STATUSES, VERIFIED, type ProblemStatus };

export const PROBLEM_ID = /^[A-Z]{2,}-\d{4}-\d{3,}$/;

export const problems = defineTable({
  name: 'problems',
  title: '问题清单',
  columns: {
    id: pattern(
      { title: '问题编号', description: '问题的唯一编号：镇代码-年份-序号，例如 GS-2017-001。', required: true },
      PROBLEM_ID,
      '大写字母-四位年份-三位以上序号，例如 GS-2017-001',
    ),
    reported: date({ title: '发现/交办日期', description: '问题被曝光、交办或发现的日期。', required: true }),
    source_type: oneOf({ title: '来源', description: '问题从哪里来。', required: true }, SOURCE_TYPES),
    village: slug({ title: '村（社区）', description: '问题所在村（社区）的编号，对应 villages.csv 的 id；涉及全镇时留空。' }),
    location: text({ title: '地点', description: '问题发生的具体地点。', required: true }, 200),
    categories: listOf({ title: '类别', description: '环境要素类别，可以有多个，用英文分号 ; 分隔。', required: true }, CATEGORIES),
    title: text({ title: '标题', description: '一句话概括问题。', required: true }, 100),
    description: text({ title: '问题描述', description: '问题的具体情况。', required: true }, 20000),
    verified: oneOf({ title: '核查结论', description: '对问题是否属实的核查结论。', required: true }, VERIFIED),
    enterprise: uscc({ title: '涉及企业', description: '涉及企业的统一社会信用代码，对应 enterprises.csv 的 uscc；不涉及企业时留空。' }),
    responsible: text({ title: '责任单位', description: '负责整改的单位。', required: true }, 100),
    deadline: date({ title: '整改期限', description: '要求完成整改的日期。' }),
    status: oneOf({ title: '整改状态', description: '目前的整改进度。', required: true }, PROBLEM_STATUSES),
    closed: date({ title: '完成日期', description: '整改完成或销号的日期；状态为“已整改”或“已销号”时必填，否则必须为空。' }),
    measures: text({ title: '整改措施', description: '采取了哪些整改措施。' }, 20000),
    penalty: text({ title: '处罚情况', description: '对责任主体的处罚。' }, 1000),
    fine_wan: number({ title: '罚款金额', description: '罚款金额，单位万元。' }, { min: 0, max: 100000, unit: '万元' }),
    source_url: url({ title: '来源网址', description: '曝光或交办信息的网址。' }),
    disclosed: date({
      title: '公开日期',
      description:
        '有关部门（生态环境部门、镇政府等）首次公开这个问题的日期，例如发布检查结果、交办或通报的日期；不知道时留空。公开及时性只按这一列计算，不按本站收录的日期。',
    }),
  },
  primaryKey: ['id'],
  foreignKeys: [
    { column: 'village', table: 'villages', tableColumn: 'id' },
    { column: 'enterprise', table: 'enterprises', tableColumn: 'uscc' },
  ],
  rules(row, context) {
    const issues: RuleIssue[] = [];
    const isClosed = CLOSED_STATUSES.includes(row.status);
    if (isClosed && row.closed === undefined) {
      issues.push({ column: 'closed', code: 'E070', value: '', message: `状态是“${row.status}”，必须填写完成日期（格式：年-月-日，例如 2019-06-30）` });
    }
    if (!isClosed && row.closed !== undefined) {
      issues.push({
        column: 'closed',
        code: 'E071',
        value: row.closed,
        message: `状态是“${row.status}”，完成日期“${row.closed}”必须为空（已经完成的，请把状态改为“已整改”或“已销号”）`,
      });
    }
    if (row.closed !== undefined && row.closed < row.reported) {
      issues.push({
        column: 'closed',
        code: 'E072',
        value: row.closed,
        message: `完成日期 ${row.closed} 早于发现日期 ${row.reported}（完成日期不能早于发现日期）`,
      });
    }
    if (row.deadline !== undefined && row.deadline < row.reported) {
      issues.push({
        column: 'deadline',
        code: 'E072',
        value: row.deadline,
        message: `整改期限 ${row.deadline} 早于发现日期 ${row.reported}（整改期限不能早于发现日期）`,
      });
    }
    if (row.disclosed !== undefined && row.disclosed < row.reported) {
      issues.push({
        column: 'disclosed',
        code: 'E072',
        value: row.disclosed,
        message: `公开日期 ${row.disclosed} 早于发现日期 ${row.reported}（问题要先发现，才能公开）`,
      });
    }
    if (row.disclosed !== undefined && context?.today !== undefined && row.disclosed > context.today) {
      issues.push({
        column: 'disclosed',
        code: 'E072',
        value: row.disclosed,
        message: `公开日期 ${row.disclosed} 晚于今天 ${context.today}（公开日期不能是将来的日期，请检查年份和月份）`,
      });
    }
    return issues;
  },
});

export type Problem = RowOfTable<typeof problems>;
