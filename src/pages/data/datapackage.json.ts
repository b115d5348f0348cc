import type { APIRoute } from 'astro';
import { dataHistory, packageResources } from '../../data.ts';
import { dataPackage } from '../../lib/publishing/datapackage.ts';
import { SITE_NAME } from '../../lib/site.ts';
import { buildDate } from '../../build/config.ts';
import { absoluteUrl, homeUrl } from '../../lib/urls.ts';

export const GET: APIRoute = async ({ site }) => {
  const history = await dataHistory();
  const pkg = dataPackage({
    name: 'gushan-eco-data',
    title: SITE_NAME,
    description: '顾山镇《2017年生态文明建设实施方案》的目标、指标观测值、突出环境问题和企业环境信用评价数据。标为 sample 的数据集是演示用的虚构示例。',
    homepage: absoluteUrl(homeUrl(), site),
    created: buildDate(),
    commit: history.available ? { id: history.head.id, date: history.head.date } : undefined,
    resources: packageResources(),
  });
  return new Response(`${JSON.stringify(pkg, null, 2)}\n`, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
