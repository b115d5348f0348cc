import { describe, expect, it } from 'vitest';
import { correctionBehind, ratingCorrections, responseKey, responsesByRecord, recordId, type ResponseRow } from '../../src/lib/responses.ts';

const row = (r: Partial<ResponseRow> & Pick<ResponseRow, 'id' | 'date'>): ResponseRow => ({
  table: 'credit-ratings',
  key: '91110000600037341L+2019-H1',
  party: '企业',
  kind: '异议',
  text: '（示例）',
  ...r,
});

describe('responses next to their records', () => {
  const objection = row({ id: 'R-2019-001', date: '2019-09-02' });
  const review = row({ id: 'R-2019-002', date: '2019-10-15', party: '生态环境部门', kind: '复核结果', outcome: '更正' });
  const upheld = row({ id: 'R-2019-003', date: '2019-10-15', key: '91110000600037341L+2018', kind: '复核结果', outcome: '维持' });

  it('reads a rating’s key as uscc and period, and lists a record’s responses in date order', () => {
    expect(responseKey(review)).toEqual(['91110000600037341L', '2019-H1']);
    expect(responseKey(row({ id: 'R-1', date: '2019-01-01', table: 'problems', key: 'GS-2017-001' }))).toEqual(['GS-2017-001']);
    const by = responsesByRecord([review, upheld, objection]);
    expect(by.get(recordId('credit-ratings', ['91110000600037341L', '2019-H1']))?.map((r) => r.id)).toEqual(['R-2019-001', 'R-2019-002']);
  });

  it('notes a review only next to a change of the rating it corrected, made on or after the review’s day', () => {
    const corrections = ratingCorrections([objection, review, upheld]);
    expect([...corrections.values()].map((r) => r.id)).toEqual(['R-2019-002']);
    const line = { table: 'credit-ratings', key: ['91110000600037341L', '2019-H1'], kind: 'changed', day: '2019-10-20' };
    expect(correctionBehind(corrections, line)?.id).toBe('R-2019-002');
    expect(correctionBehind(corrections, { ...line, day: '2019-10-01' })).toBeUndefined();
    expect(correctionBehind(corrections, { ...line, kind: 'added' })).toBeUndefined();
    expect(correctionBehind(corrections, { ...line, key: ['91110000600037341L', '2018'] })).toBeUndefined();
  });
});
