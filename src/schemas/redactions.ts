import { date, oneOf, pattern, text } from './columns.ts';
import { defineTable, type RowOfTable } from './table.ts';

/** Tables whose past values a row of redactions.csv can withhold: every table with records (not the metadata, not itself). */
export const REDACTABLE_TABLES = ['villages', 'indicators', 'observations', 'problems', 'enterprises', 'credit-ratings', 'credit-levels', 'responses'] as const;

/**
 * data/redactions.csv: past values withheld from every output (history, removed records' pages,
 * the change log, feeds, search, `npm run diff`, JSON) without rewriting git. It never holds the
 * withheld text itself; the current value of a field is never withheld (the CSV download stays
 * byte-identical to git). Checked against the other tables in src/lib/validation/validate.ts; applied to the
 * history in src/lib/history/redact.ts.
 */
export const redactions = defineTable({
  name: 'redactions',
  title: '隐去的旧内容',
  columns: {
    table: oneOf({ title: '数据表', description: '要隐去内容的数据表的文件名（不带 .csv），例如 problems。', required: true }, REDACTABLE_TABLES),
    key: pattern(
      {
        title: '记录编号',
        description: '那条记录的编号，照它在表中的写法；编号由两列组成时用 + 连接，例如 91320281MA1W2X3Y4Q+2019-H1（企业代码+评价期）。',
        required: true,
      },
      /^[0-9A-Za-z一-鿿]+(?:[-+][0-9A-Za-z一-鿿]+)*$/,
      '记录的编号，例如 GS-2019-004；两列组成的编号用 + 连接，例如 91320281MA1W2X3Y4Q+2019-H1',
    ),
    column: pattern(
      { title: '列', description: '要隐去的列名（英文，例如 description）；留空表示隐去整条记录（这条记录必须已经从表中删除）。' },
      /^[a-z][a-z0-9_]*$/,
      '英文列名，例如 description；留空表示整条记录',
    ),
    until: date({ title: '截止日期', description: '只隐去在这一天（北京时间，按提交日期）或以前提交的版本中的旧值；留空表示隐去所有与现在不同的旧值。' }),
    reason: text({ title: '原因', description: '向读者说明为什么隐去，例如 个人信息、行政处罚决定已撤销。网站上显示为“已隐去：原因”。', required: true }, 100),
  },
  primaryKey: ['table', 'key', 'column'],
  foreignKeys: [],
});

export type Redaction = RowOfTable<typeof redactions>;

/** The key columns' values of a redaction's `key`: a two-column key is written with `+` between its values. */
export function redactionKeyParts(key: string, width: number): string[] | undefined {
  const parts = width === 1 ? [key] : key.split('+');
  return parts.length === width ? parts : undefined;
}
