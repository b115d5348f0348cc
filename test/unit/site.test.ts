import { describe, expect, it } from 'vitest';
import { joinBase } from '../../src/lib/urls.ts';
import { formatDateZh } from '../../src/lib/dates.ts';
import { buildDate, repoUrl } from '../../src/build/config.ts';

describe('joinBase', () => {
  it('joins root and sub-folder bases with site paths', () => {
    expect(joinBase('/', '')).toBe('/');
    expect(joinBase('/', 'plan/')).toBe('/plan/');
    expect(joinBase('/gushan/', '/plan/gushan-2017/')).toBe('/gushan/plan/gushan-2017/');
    expect(joinBase('/gushan', 'data/villages.csv')).toBe('/gushan/data/villages.csv');
  });
});

describe('site facts', () => {
  it('uses BUILD_DATE when given, else today in China Standard Time', () => {
    expect(buildDate({ BUILD_DATE: '2026-01-15' })).toBe('2026-01-15');
    expect(buildDate({}, new Date('2026-03-01T17:30:00Z'))).toBe('2026-03-02');
    expect(buildDate({ BUILD_DATE: 'tomorrow' }, new Date('2026-03-01T01:00:00Z'))).toBe('2026-03-01');
  });
  it('formats ISO dates the Chinese way', () => {
    expect(formatDateZh('2017-09-25')).toBe('2017年9月25日');
    expect(formatDateZh('2018-06')).toBe('2018年6月');
    expect(formatDateZh('2019')).toBe('2019年');
  });
  it('shows a repository link only for http(s) URLs', () => {
    expect(repoUrl({ REPO_URL: 'https://example.org/gushan' })).toBe('https://example.org/gushan');
    expect(repoUrl({ REPO_URL: 'javascript:alert(1)' })).toBeUndefined();
    expect(repoUrl({})).toBeUndefined();
  });
});
