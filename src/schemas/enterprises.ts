import { slug, text, uscc } from './columns.ts';
import { defineTable, type RowOfTable } from './table.ts';

export const enterprises = defineTable({
  name: 'enterprises',
  title: '企业名录',
  columns: {
    uscc: uscc({ title: '统一社会信用代码', description: '18 位统一社会信用代码（GB 32100-2015），校验码必须正确。', required: true }),
    name: text({ title: '企业名称', description: '企业全称。示例数据中的企业名称均为虚构。', required: true }, 100),
    industry: text({ title: '行业', description: '企业所属行业，例如 化工、印染、纺织、印刷、电镀、机械。', required: true }, 30),
    village: slug({ title: '所在村（社区）', description: '企业所在村（社区）的编号，对应 villages.csv 的 id。', required: true }),
    address: text({ title: '地址', description: '企业生产经营地址。' }, 200),
  },
  primaryKey: ['uscc'],
  foreignKeys: [{ column: 'village', table: 'villages', tableColumn: 'id' }],
});

export type Enterprise = RowOfTable<typeof enterprises>;
