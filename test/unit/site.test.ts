import { describe, expect, it } from 'vitest';
import { joinBase } from '../../src/lib/urls.ts';
import { formatDateZh } from '../../src/lib/dates.ts';
import { buildDate, repoUrl } from '../../src/build/config.ts';
import { EMBED_HEIGHT, embedSnippet, licenceLink } from '../../src/lib/publishing/embed.ts';
import { SITE_LICENCE } from '../../src/lib/site.ts';

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

describe('embed code and licence link (src/lib/publishing/embed.ts)', () => {
  it('offers a frame as wide as the host column and of a fixed height, with no script', () => {
    const code = embedSnippet('https://example.org/embed/indicators/a/?x=1&y=2', '河道"水质"<达标>：指标进展');
    expect(code).toBe(
      `<iframe src="https://example.org/embed/indicators/a/?x=1&amp;y=2" title="河道&quot;水质&quot;&lt;达标>：指标进展" width="100%" height="${EMBED_HEIGHT}" style="border:0;max-width:640px" loading="lazy"></iframe>`,
    );
    expect(code).not.toContain('<script');
  });

  it('links a licence to its own text: licence_url, else the Chinese text of the site licence, else nothing', () => {
    expect(licenceLink({ licence: 'CC0-1.0', licence_url: 'https://creativecommons.org/publicdomain/zero/1.0/' })).toEqual({
      name: 'CC0-1.0',
      url: 'https://creativecommons.org/publicdomain/zero/1.0/',
    });
    expect(licenceLink({ licence: 'CC-BY-4.0' })).toEqual({ name: 'CC-BY-4.0', url: 'https://creativecommons.org/licenses/by/4.0/deed.zh-hans' });
    expect(licenceLink({ licence: 'cc by 4.0', licence_url: '' }).url).toBe(SITE_LICENCE.url);
    expect(licenceLink({ licence: '政府公开信息' })).toEqual({ name: '政府公开信息' });
    expect(licenceLink(undefined)).toEqual({ name: 'CC BY 4.0', url: SITE_LICENCE.url });
  });
});
