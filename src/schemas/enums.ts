/**
 * The enumerated values of the tables, in the order readers see them. The table definitions
 * build on these; browser code imports them from here so that it does not pull the column
 * parsers and their messages into pages.
 */
export const SOURCE_TYPES = ['中央环保督察', '省级环保督察', '市级督察', '信访举报', '媒体曝光', '网格巡查', '其他'] as const;
export const CATEGORIES = ['水', '大气', '土壤', '固废', '噪声', '生态', '辐射', '其他'] as const;
export const VERIFIED = ['属实', '部分属实', '不属实', '核查中'] as const;
export const PROBLEM_STATUSES = ['待整改', '整改中', '已整改', '已销号'] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];
/** Still being worked on. */
export const OPEN_STATUSES: readonly ProblemStatus[] = ['待整改', '整改中'];
/** Rectified; these need a closed date. */
export const CLOSED_STATUSES: readonly ProblemStatus[] = ['已整改', '已销号'];

/** level: a share or amount; count: things done; milestone: a completion share (0–100 %). */
export const INDICATOR_KINDS = ['level', 'count', 'milestone'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

/** Jiangsu's five colours, from best to worst. */
export const RATINGS = ['绿色', '蓝色', '黄色', '红色', '黑色'] as const;
export type Rating = (typeof RATINGS)[number];

/**
 * How often a dataset or an indicator is updated. The first four are periods the build can
 * check (src/lib/freshness.ts); the others never fall due.
 */
export const UPDATE_FREQUENCIES = ['每月', '每季度', '每半年', '每年', '不定期', '计划调整时更新', '政策调整时更新'] as const;
export type UpdateFrequency = (typeof UPDATE_FREQUENCIES)[number];

/** How often a rating scheme rates: once a year (period 2018) or every half-year (2019-H1, 2019-H2). */
export const PERIOD_KINDS = ['年度', '半年度'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** The tables whose records a row of responses.csv answers. */
export const RESPONSE_TABLES = ['problems', 'enterprises', 'credit-ratings'] as const;
export type ResponseTable = (typeof RESPONSE_TABLES)[number];
/** Who answered. */
export const RESPONSE_PARTIES = ['企业', '责任单位', '村（社区）', '生态环境部门', '其他'] as const;
/** What kind of answer; only a review result (复核结果) has an outcome. */
export const RESPONSE_KINDS = ['异议', '说明', '整改报告', '复核结果'] as const;
export const REVIEW_KIND = '复核结果';
export const RESPONSE_OUTCOMES = ['维持', '更正', '撤销'] as const;
