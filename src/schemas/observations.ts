import { number, partialDate, slug, text, url } from './columns.ts';
import { defineTable, type RowOfTable } from './table.ts';
import { INDICATOR_VALUE_RANGE } from './indicators.ts';

export const observations = defineTable({
  name: 'observations',
  title: '指标观测值',
  columns: {
    indicator: slug({ title: '指标编号', description: '观测值所属的指标，对应 indicators.csv 的 id。', required: true }, 'red-line-area'),
    date: partialDate({ title: '时间', description: '观测值对应的时间：年、年-月或年-月-日。', required: true }),
    value: number({ title: '数值', description: '观测值，单位与指标相同；里程碑类指标写 1 表示已完成，0 表示未完成。', required: true }, INDICATOR_VALUE_RANGE),
    source: text({ title: '来源', description: '数据来源（文件、公报或报告的名称）。', required: true }, 300),
    source_url: url({ title: '来源网址', description: '来源的网址。' }),
    note: text({ title: '备注', description: '补充说明。' }, 20000),
  },
  primaryKey: ['indicator', 'date'],
  foreignKeys: [{ column: 'indicator', table: 'indicators', tableColumn: 'id' }],
});

export type Observation = RowOfTable<typeof observations>;
