/**
 * npm start (after the build): serves the built site the way readers get it — through nginx
 * with the configuration the build wrote when nginx is installed, otherwise through a small
 * Node server that applies the same rules (src/build/hosting/). Both send the CSP, the framing
 * and cache rules and the compressed copies, so a CSP violation shows here, not only online.
 *
 * npm start [-- --port 4321] [--node]   (--node: the Node server even where nginx is installed)
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { config } from '../build/config.ts';
import { builtBase } from '../build/hosting/host-files.ts';
import { findNginx, startNginx } from '../build/hosting/nginx-run.ts';
import { serveSite, type RunningSite } from '../build/hosting/serve.ts';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '4321' }, node: { type: 'boolean', default: false } } });
  const port = Number(values.port);
  const dir = config().outDir;
  if (!existsSync(join(dir, 'index.html')) || !existsSync(join(dir, '_headers')) || !existsSync(join(dir, '_nginx.conf'))) {
    console.error(`${dir} 中没有构建好的网站，请先运行 npm run build。`);
    process.exit(1);
  }
  // The base path the site was built for, whatever BASE_PATH says now.
  const base = builtBase(dir);
  const nginx = values.node ? undefined : findNginx();
  let site: RunningSite;
  if (nginx) {
    site = await startNginx({ dir, base, port, program: nginx });
    console.log(`nginx 正在提供 ${dir}（配置：${join(dir, '_nginx.conf')}）：${site.root}`);
  } else {
    site = await serveSite({ dir, base, port, brotli: true });
    console.log(`Node 服务器正在提供 ${dir}（与 nginx 配置相同的规则${values.node ? '' : '；未找到 nginx'}）：${site.root}`);
  }
  const stop = () => {
    site.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

await main();
