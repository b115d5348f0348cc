import { describe, expect, it } from 'vitest';
import { checkPlanFrontMatter } from '../../src/schemas/plan.ts';

const plan = { title: '古山镇方案', issuer: '古山镇人民政府', date: '2017-09-25', type: '通知', recipients: '各村（社区）' };

describe('plan front matter', () => {
  it('reads the fields, the date as a Date, and leaves out fields it does not know', () => {
    const r = checkPlanFrontMatter({ ...plan, summary: '', other: 'x' });
    expect(r).toEqual({ ok: true, value: { ...plan, date: new Date('2017-09-25'), summary: '' } });
  });

  it('takes a date as YAML gives it (a Date) or as text', () => {
    const day = new Date('2017-09-25');
    expect(checkPlanFrontMatter({ ...plan, date: day })).toEqual({ ok: true, value: { ...plan, date: day } });
    expect(checkPlanFrontMatter({ ...plan, date: '2017-09-25T08:00:00+08:00' }).ok).toBe(true);
  });

  it('names every field that is missing, empty or not a day, in the order of the fields', () => {
    expect(checkPlanFrontMatter({ ...plan, title: '', date: '2017年3月1日', recipients: undefined, source: 3 })).toEqual({
      ok: false,
      fields: ['title', 'date', 'recipients', 'source'],
    });
    expect(checkPlanFrontMatter({ ...plan, date: new Date('x') })).toEqual({ ok: false, fields: ['date'] });
    expect(checkPlanFrontMatter({})).toEqual({ ok: false, fields: ['title', 'issuer', 'date', 'type', 'recipients'] });
  });
});
