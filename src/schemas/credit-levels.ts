import { number, oneOf, text } from './columns.ts';
import { defineTable, type RowOfTable } from './table.ts';

import { RATINGS, type Rating } from './enums.ts';

export { RATINGS, type Rating };

export const creditLevels = defineTable({
  name: 'credit-levels',
  columns: {
    rating: oneOf({ title: '信用等级', description: '五色等级之一。', required: true }, RATINGS),
    label: text({ title: '等级名称', description: '等级的含义，例如 环保诚信、严重失信。', required: true }, 20),
    meaning: text({ title: '说明', description: '这一等级意味着什么，对企业有哪些后果。', required: true }, 500),
    electricity_surcharge: number(
      { title: '差别电价加价', description: '在正常电价基础上每千瓦时加价多少元；0 表示不加价。', required: true },
      { min: 0, max: 10, unit: '元/千瓦时' },
    ),
    sewage_surcharge: number(
      { title: '污水处理费加价', description: '在正常污水处理费基础上每立方米至少加价多少元；0 表示不加价。', required: true },
      { min: 0, max: 100, unit: '元/立方米' },
    ),
    note: text({ title: '依据', description: '加价标准的政策出处。' }, 500),
  },
  primaryKey: ['rating'],
  foreignKeys: [],
});

export type CreditLevel = RowOfTable<typeof creditLevels>;
