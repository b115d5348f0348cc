/**
 * The peer `npm run bench` measures the site against: a bare Astro project (no integrations,
 * one layout, one dynamic route) that builds the same number of pages of about 4 KB of Chinese
 * HTML each, with the same Astro and Node, in the same run. The ratio of the two builds says
 * what the project adds on top of Astro itself, whatever the machine's speed that day.
 */
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const PARAGRAPH =
  '顾山镇生态文明建设实施方案提出，到二〇二〇年全镇生态红线区域占国土面积比例不低于百分之二十，市级河道断面水质达到三类以上比例不低于百分之二十五。';

/** Writes the peer project into `dir`, using the Astro installed at `root`. */
export function writeBareAstro(dir: string, root: string, pages: number): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'src', 'pages', 'p'), { recursive: true });
  mkdirSync(join(dir, 'src', 'layouts'), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  writeFileSync(join(dir, 'package.json'), '{"name":"bare-astro-peer","private":true,"type":"module"}\n');
  writeFileSync(join(dir, 'astro.config.mjs'), 'export default { telemetry: false };\n');
  writeFileSync(
    join(dir, 'src', 'layouts', 'Base.astro'),
    `---\nconst { title } = Astro.props;\n---\n<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>{title}</title></head><body><header><a href="/">首页</a></header><main><slot /></main><footer>示例页脚</footer></body></html>\n`,
  );
  writeFileSync(
    join(dir, 'src', 'pages', 'p', '[n].astro'),
    `---\nimport Base from '../../layouts/Base.astro';\nexport function getStaticPaths() {\n  return Array.from({ length: ${pages} }, (_, i) => ({ params: { n: String(i) }, props: { i } }));\n}\nconst { i } = Astro.props;\nconst rows = Array.from({ length: 16 }, (_, k) => ({ k, text: ${JSON.stringify(PARAGRAPH)}.slice(0, 20 + ((i + k) % 40)) }));\n---\n<Base title={\`第\${i}页\`}>\n  <h1>第{i}页</h1>\n  <p>${PARAGRAPH.repeat(3)}</p>\n  <p>${PARAGRAPH.repeat(3)}</p>\n  <table><tbody>{rows.map((r) => <tr><th>{r.k}</th><td>{r.text}</td></tr>)}</tbody></table>\n</Base>\n`,
  );
}
