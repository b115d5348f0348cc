/**
 * Published columns that changed name or meaning, newest first: the dated note on /data/. A
 * reader's script or spreadsheet that names a column breaks when it is renamed, so every such
 * change of a published table gets a row here.
 */
export interface ColumnChange {
  /** The day the change was published (YYYY-MM-DD). */
  date: string;
  /** The files it concerns, as readers know them. */
  files: string;
  /** The column's name now. */
  column: string;
  /** Its name before, when it was renamed. */
  was?: string;
  /** What changed, in words. */
  change: string;
}

const PROGRESS_FILES = 'indicator-progress.csv / .json 和每个指标的 /indicators/<编号>.csv';

export const COLUMN_CHANGES: readonly ColumnChange[] = [
  {
    date: '2026-12-03',
    files: PROGRESS_FILES,
    column: 'verdict',
    was: 'result',
    change: '改名，内容不变：读者在首页、列表和筛选按钮上看到的结论（按期达标、逾期达标、达标后回落、未达标、进度正常、进度滞后、暂无数据）。',
  },
  {
    date: '2026-12-03',
    files: PROGRESS_FILES,
    column: 'met_by_deadline',
    was: 'at_deadline',
    change: '改名并改写取值：原来写“已达标、未达标、暂无数据”，现在只写“是”或“否”（期限未到时为空），以免与结论的用词混淆。',
  },
  {
    date: '2026-12-03',
    files: PROGRESS_FILES,
    column: 'latest_meets_target',
    was: 'status',
    change: '改名并改写取值：原来写“已达标、进度正常、进度滞后、未达标、暂无数据”，现在只写最新数值是否达到目标，“是”或“否”（没有观测值时为空）。',
  },
  {
    date: '2026-12-03',
    files: 'problems.csv / .json',
    column: 'disclosed',
    change: '新增一列（最后一列）：有关部门公开这个问题的日期，可以为空；“问题曝光”页的公开及时性只按这一列计算。',
  },
];
