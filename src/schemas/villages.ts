import { oneOf, slug, text } from './columns.ts';
import { defineTable, type RowOfTable } from './table.ts';

export const VILLAGE_KINDS = ['村', '社区'] as const;

export const villages = defineTable({
  name: 'villages',
  title: '村（社区）',
  columns: {
    id: slug({ title: '编号', description: '村（社区）的英文编号，用在网址中，例如 hongdou。', required: true }),
    name: text({ title: '名称', description: '村（社区）的中文名称。', required: true }, 50),
    kind: oneOf({ title: '类型', description: '村或社区。', required: true }, VILLAGE_KINDS),
  },
  primaryKey: ['id'],
  foreignKeys: [],
});

export type Village = RowOfTable<typeof villages>;
