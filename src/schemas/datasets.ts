import { oneOf, text, url, yesNo } from './columns.ts';
import { UPDATE_FREQUENCIES } from './enums.ts';
import { defineTable, type RowOfTable } from './table.ts';

export const DATA_TABLE_NAMES = [
  'villages',
  'indicators',
  'observations',
  'problems',
  'enterprises',
  'credit-ratings',
  'credit-levels',
  'credit-schemes',
  'responses',
  'redactions',
] as const;
export type DataTableName = (typeof DATA_TABLE_NAMES)[number];

/** data/datasets.csv: one row of human metadata per data table. */
export const datasets = defineTable({
  name: 'datasets',
  title: '数据集说明',
  columns: {
    table: oneOf({ title: '数据表', description: '数据表的文件名（不带 .csv）。', required: true }, DATA_TABLE_NAMES),
    title: text({ title: '标题', description: '数据集的中文标题。', required: true }, 100),
    description: text({ title: '说明', description: '数据集包含什么、怎样使用。', required: true }, 2000),
    publisher: text({ title: '发布者', description: '负责这份数据的单位。', required: true }, 100),
    licence: text({ title: '许可', description: '数据的使用许可，例如 CC-BY-4.0。', required: true }, 50),
    licence_url: url({ title: '许可网址', description: '许可全文的网址。' }),
    update_frequency: oneOf(
      {
        title: '更新频率',
        description: '按规定多久更新一次。每月、每季度、每半年、每年：超过期限没有更新，网站会写明“已 N 个月未更新”；不定期和“……时更新”不设期限。',
        required: true,
      },
      UPDATE_FREQUENCIES,
    ),
    sample: yesNo({ title: '是否示例数据', description: '“是”表示这些记录是演示用的虚构示例。', required: true }),
    source: text({ title: '来源说明', description: '数据从哪里来。' }, 1000),
  },
  primaryKey: ['table'],
  foreignKeys: [],
});

export type Dataset = RowOfTable<typeof datasets>;
