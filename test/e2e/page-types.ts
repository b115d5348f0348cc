/**
 * Every page type of the site, with up to three generated pages of each kind, for the
 * site-wide quality gates (accessibility, no-JavaScript reading, requests, CSP). They run on
 * the fixture site (test/fixtures/valid), so essentials may name its rows.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SITE_DIR } from '../helpers/paths.ts';

function generated(dir: string, exclude: string[] = []): string[] {
  const full = join(SITE_DIR, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !exclude.includes(d.name) && existsSync(join(full, d.name, 'index.html')))
    .map((d) => `${dir}/${d.name}/`)
    .sort()
    .slice(0, 3);
}

export interface PageType {
  path: string;
  /** Text the page must show with JavaScript off (its essential content). */
  essential: string;
}

export function pageTypes(): PageType[] {
  const fixed: PageType[] = [
    { path: '', essential: '方案目标完成情况' },
    { path: 'plan/', essential: '顾山镇2017年生态文明建设实施方案' },
    { path: 'plan/gushan-2017/', essential: '全镇生态红线区域保护面积不低于国土面积的20%' },
    { path: 'plan/mini/', essential: '完成10个村庄生活污水处理设施建设' },
    { path: 'indicators/', essential: '生态红线区域保护面积占国土面积比例' },
    { path: 'indicators/status/missed/', essential: '耕地保有量' },
    { path: 'indicators/status/on-track/', essential: '建成区绿化覆盖率' },
    { path: 'indicators/class3-rivers/', essential: '33.3%' },
    { path: 'embed/indicators/class3-rivers/', essential: '逾期达标' },
    { path: 'problems/', essential: '企业偷排废水' },
    { path: 'problems/GS-2017-001/', essential: '夜间有废水排入河道' },
    { path: 'credit/', essential: '（示例）丙丁印染有限公司' },
    { path: 'credit/91110108551385082Q/', essential: '偷排废水,被立案查处' },
    { path: 'villages/beicun/', essential: '（示例）戊己电镀有限公司' },
    { path: 'villages/beicun/notice/', essential: '村务公开栏' },
    { path: 'due/', essential: '本月到期' },
    { path: 'data/', essential: 'datapackage.json' },
    { path: 'changes/', essential: '数据修改记录' },
    { path: 'data/errors/', essential: 'E031' },
    { path: 'data/check/', essential: '在线检查数据文件' },
    { path: 'search/', essential: '搜索' },
    { path: 'about/', essential: '哪些数据是示例' },
    { path: 'methodology/', essential: '匀速推进线' },
    { path: 'no-such-page/', essential: '页面不存在' },
  ];
  const kinds = [
    ...generated('indicators', ['status']),
    ...generated('problems'),
    ...generated('credit'),
    ...generated('villages'),
    ...generated('changes', ['page']),
  ];
  return [...fixed, ...kinds.filter((path) => !fixed.some((f) => f.path === path)).map((path) => ({ path, essential: '' }))];
}
