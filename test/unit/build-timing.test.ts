import { describe, expect, it } from 'vitest';
import { astroDuration, buildTiming, formatTiming, routeOf } from '../../scripts/build-timing.ts';

const LOG = `02:29:03 [gushan:validate-data] 数据检查通过：8 个表，134312 行，1 个计划文件（2100 毫秒）
02:29:04 [build] ✓ Completed in 4.67s.
\x1b[32m generating static routes \x1b[39m
02:29:14   ├─ /404.html (+127ms) 
02:29:15   ├─ /credit/index.json (+134ms) 
02:29:15   ├─ /credit/913202813M0P00GE2W/index.html (+3ms) 
02:29:15   ├─ /credit/91320281NW1P00HMM1/index.html (+5ms) 
02:29:15   ├─ /problems/GS-2017-001/index.html (+2ms) 
02:29:15   ├─ /data/problems.csv (+40ms) 
02:30:20   ├─ /index.html (+111ms) 
02:30:21 ✓ Completed in 1m 15s.

02:30:21 [build] ✓ Completed in 1m 16s.
02:31:09 [gushan-pagefind] 已为 30925 个页面（其中 30000 个在生成页面期间读取）和 23 个计划章节建立搜索索引（页面生成后 45069 毫秒：读取其余页面 30000，建立并写入 13000，压缩 2069）
02:31:23 [gushan-size-report] 页面大小（1500 毫秒）：
`;

describe('build timing from the output of astro build', () => {
  it('reads Astro durations', () => {
    expect(astroDuration('1m 15s')).toBe(75);
    expect(astroDuration('24.51s')).toBeCloseTo(24.51);
    expect(astroDuration('891ms')).toBeCloseTo(0.891);
  });
  it('names routes the way the size report names page types', () => {
    expect(routeOf('/credit/913202813M0P00GE2W/index.html')).toBe('/credit/*');
    expect(routeOf('/index.html')).toBe('/');
    expect(routeOf('/404.html')).toBe('404');
    expect(routeOf('/data/problems.csv')).toBe('/data/*.csv');
    expect(routeOf('/credit/index.json')).toBe('/credit/*.json');
  });
  it('splits the wall time into steps and sums pages by route, slowest first', () => {
    const t = buildTiming(LOG, 150);
    expect(t.steps).toEqual({ 'data check': 2.1, pages: 75, 'search index after the pages': 45.1, 'size report': 1.5, other: 26.3 });
    expect(t.routes.map((r) => [r.route, r.pages, r.ms])).toEqual([
      ['/credit/*.json', 1, 134],
      ['404', 1, 127],
      ['/', 1, 111],
      ['/data/*.csv', 1, 40],
      ['/credit/*', 2, 8],
      ['/problems/*', 1, 2],
    ]);
    expect(t.routes.find((r) => r.route === '/credit/*')).toMatchObject({ maxMs: 5, maxPage: '/credit/91320281NW1P00HMM1/index.html' });
    expect(formatTiming('L', t, 2)).toBe(
      'L steps: data check 2.1s, pages 75s, search index after the pages 45.1s, size report 1.5s, other 26.3s\n' +
        "L pages by route (Astro's per-page times; pages are built several at a time, so the times overlap and add up to more than the pages step: read them as shares):\n| route | pages | s | share | ms per page | slowest ms |\n| --- | --- | --- | --- | --- | --- |\n" +
        '| /credit/*.json | 1 | 0.1 | 32 % | 134.00 | 134 (/credit/index.json) |\n| 404 | 1 | 0.1 | 30 % | 127.00 | 127 (/404.html) |',
    );
  });
  it('reads the data check’s time when it took tables from the build before', () => {
    const log = LOG.replace('（2100 毫秒）', '（1100 毫秒；其中 9 个表与上次构建时相同，沿用上次的检查结果）');
    expect(buildTiming(log, 150).steps['data check']).toBe(1.1);
  });

  it('names the bundling, the record index, the downloads and the compressed copies when the build reports them', () => {
    const log = `${LOG}02:29:02 [vite] ✓ built in 1.63s
02:29:03 [vite] ✓ built in 605ms
02:31:10 [gushan-downloads] 下载文件：写出 2 个（data/problems.csv、data/problems.json），43 个与上次构建相同而保留（4100 毫秒）
02:31:25 [gushan-record-index] 记录索引：records-index/ 共 1152 个文件，7600 KB（3200 毫秒）
02:31:40 [gushan-hosting] 压缩 30100 个文件（400.0 MB → gzip 60.1 MB，br 50.2 MB），0 个未变，删除 0 个过期的压缩文件；14.5 s
`;
    expect(buildTiming(log, 150).steps).toEqual({
      'data check': 2.1,
      pages: 75,
      'search index after the pages': 45.1,
      'size report': 1.5,
      'bundling (Vite)': 2.2,
      'record index': 3.2,
      'downloads after the pages': 4.1,
      'compressed copies': 14.5,
      other: 2.3,
    });
  });

  it('counts of the downloads, written on a thread during the pages, only the wait after them', () => {
    const log = `${LOG}02:31:10 [gushan-downloads] 下载文件：写出 45 个（data/villages.csv、credit/period/2017.csv），0 个与上次构建相同而保留（另一线程写了 4802 毫秒，生成页面期间开始；页面生成后等待 1200 毫秒）
`;
    expect(buildTiming(log, 150).steps['downloads after the pages']).toBe(1.2);
  });
});
