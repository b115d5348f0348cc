/**
 * How values are shown to readers: labels, icons and CSS classes of statuses and ratings, one
 * place for components and browser code alike. It imports no table definition, so browser bundles stay small.
 * Colour never carries meaning alone: every badge also shows its text (and an icon).
 */
import type { IndicatorKind, ProblemStatus, Rating } from '../schemas/enums.ts';
import type { ScoreStatus } from './progress.ts';
import type { RatingChange } from './ratings.ts';

export const PROBLEM_STATUS_DISPLAY: Record<ProblemStatus, { icon: string; cls: string }> = {
  待整改: { icon: '○', cls: 'todo' },
  整改中: { icon: '◐', cls: 'doing' },
  已整改: { icon: '●', cls: 'done' },
  已销号: { icon: '✔', cls: 'closed' },
};

/** One line on what each status means, shown where statuses appear and on the methodology page. */
export const PROBLEM_STATUS_EXPLANATION: Record<ProblemStatus, string> = {
  待整改: '问题已经核实交办，整改还没有开始。',
  整改中: '正在整改，整改措施还没有全部完成。',
  已整改: '责任单位已完成整改措施，还没有通过验收销号。',
  已销号: '整改经验收合格，问题已经销号，不再跟踪。',
};

/** The lateness flags of the register: icon and CSS class. */
export const LATENESS_DISPLAY: Record<'逾期未完成' | '逾期完成', { icon: string; cls: string }> = {
  逾期未完成: { icon: '⚠', cls: 'overdue-flag' },
  逾期完成: { icon: '△', cls: 'closed-late-flag' },
};

export const RATING_CLASS: Record<Rating, string> = { 绿色: 'green', 蓝色: 'blue', 黄色: 'yellow', 红色: 'red', 黑色: 'black' };

/**
 * Icon, CSS class and URL slug (/indicators/status/<slug>/) of each scoreboard class. A late
 * result has its own icon and colour, never the on-time green.
 */
export const SCORE_DISPLAY: Record<ScoreStatus, { icon: string; cls: string; slug: string }> = {
  按期达标: { icon: '✔', cls: 'met', slug: 'met' },
  逾期达标: { icon: '◷', cls: 'met-late', slug: 'met-late' },
  达标后回落: { icon: '↘', cls: 'slipped', slug: 'slipped' },
  未达标: { icon: '✘', cls: 'missed', slug: 'missed' },
  进度正常: { icon: '➜', cls: 'on-track', slug: 'on-track' },
  进度滞后: { icon: '⚠', cls: 'behind', slug: 'behind' },
  暂无数据: { icon: '?', cls: 'no-data', slug: 'no-data' },
};

/** What each scoreboard class means, for the counts and the status pages. */
export const SCORE_MEANING: Record<ScoreStatus, string> = {
  按期达标: '期限时已达到目标且至今保持，或期限未到已提前达到',
  逾期达标: '期限时未达到，期限之后才达到',
  达标后回落: '期限时已达到，但最新数值又回落到目标以外',
  未达标: '期限已过，期限时和现在都没有达到',
  进度正常: '期限未到，按期限均匀推进不落后',
  进度滞后: '期限未到，落后于均匀推进的进度',
  暂无数据: '还没有观测数据',
};

export const INDICATOR_KIND_LABEL: Record<IndicatorKind, string> = { level: '水平（比例或数量）', count: '完成个数', milestone: '里程碑（完成进度 0–100%）' };

/** A rating compared with the enterprise's previous period. */
export const CHANGE_LABEL: Record<RatingChange, string> = {
  upgraded: '升级',
  downgraded: '降级',
  unchanged: '不变',
  new: '新参评',
};

/**
 * What a colour costs the enterprise, worded as what happens to it: "电价：不加价",
 * "污水处理费：每立方米至少加价 0.6 元". Used by the scheme table and the enterprise page.
 */
export function creditConsequences(l: { electricity_surcharge: number; sewage_surcharge: number }): Array<{ label: string; text: string }> {
  return [
    { label: '电价', text: l.electricity_surcharge > 0 ? `每千瓦时加价 ${l.electricity_surcharge} 元` : '不加价' },
    { label: '污水处理费', text: l.sewage_surcharge > 0 ? `每立方米至少加价 ${l.sewage_surcharge} 元` : '不加价' },
  ];
}

/**
 * The note of a colour when it says where the surcharge comes from; undefined when it only
 * repeats the consequence ("不加价。"), which would otherwise read like a legal basis.
 */
export function creditNote(l: { note?: string | undefined }): string | undefined {
  const note = l.note?.trim();
  return note && !/^不加价[。.]?$/.test(note) ? note : undefined;
}

/** Shown where a problem has no village: it concerns the whole town. */
export const WHOLE_TOWN = '全镇';

/** What the date beside a search result is, by result type (Pagefind meta `type`). */
export const SEARCH_DATE_LABEL: Record<string, string> = { 计划原文: '成文', 指标: '最新观测', 问题: '曝光', 企业: '评价发布' };

/** In place of the day a data file last changed, when git cannot tell it (a shallow clone, an unbelievable commit date). */
export const UPDATED_UNKNOWN = '未知（浅克隆或提交日期不可信，没有可靠的修改日期）';

/** How the history names an empty cell in "old → new". */
export const HISTORY_EMPTY_VALUE = '（空）';

/** What happened to a record in a commit, as the history lists it. */
export const HISTORY_KIND_LABEL: Record<'added' | 'readded' | 'changed' | 'removed', string> = {
  added: '首次公开',
  readded: '重新公开',
  changed: '修改',
  removed: '删除',
};

/** What a change-log entry did to a table's records, as a word per record. */
export const CHANGE_KIND_LABEL: Record<'added' | 'changed' | 'removed', string> = {
  added: '新增',
  changed: '修改',
  removed: '删除',
};

/** A record removed from the data, on its kept page, in lists and in the search index. */
export const REMOVED_LABEL = '已删除';
