import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPage, resolveImport, urlScheme } from '../../src/build/content-check.ts';
import { CONTENT_COMPONENTS } from '../../src/lib/content-components.ts';
import { formatIssue } from '../../src/lib/validation/issues.ts';
import { reportGithub } from '../../src/build/report.ts';
import { FIXTURE_CONTENT, ROOT } from '../helpers/paths.ts';

const FM = '---\ntitle: 标题\ndescription: 说明\n---\n\n';
const check = (path: string, body: string, fromRoot?: string) =>
  checkPage({ path, text: FM + body, ...(fromRoot ? { fromRoot } : {}) }).map((i) => `${i.code} ${formatIssue(i)}`);
const codes = (path: string, body: string) => checkPage({ path, text: FM + body }).map((i) => i.code);

describe('the pages of the site', () => {
  for (const [name, dir] of [
    ['content/pages', join(ROOT, 'content/pages')],
    ['test/fixtures/valid/content/pages', join(FIXTURE_CONTENT, 'pages')],
  ] as const) {
    it(`pass as they are (${name})`, () => {
      const files = readdirSync(dir).filter((f) => /\.mdx?$/.test(f));
      expect(files.length).toBeGreaterThan(0);
      for (const f of files) expect(checkPage({ path: `${name}/${f}`, text: readFileSync(join(dir, f), 'utf8') }), f).toEqual([]);
    });
  }

  it('are parsed by the same satteri as Astro builds them with', () => {
    const astros = createRequire(join(ROOT, 'node_modules/@astrojs/markdown-satteri/package.json')).resolve('satteri');
    expect(createRequire(join(ROOT, 'src/build/content-check.ts')).resolve('satteri')).toBe(astros);
  });

  it('use the allow-listed components, each in its file', () => {
    for (const c of CONTENT_COMPONENTS) expect(existsSync(join(ROOT, c.path)), c.path).toBe(true);
    // src/pages/[page].astro hands exactly these to every page (its map is typed by the names too).
    const route = readFileSync(join(ROOT, 'src/pages/[page].astro'), 'utf8');
    const map = /const components = \{([^}]*)\}/
      .exec(route)?.[1]
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    expect(map).toEqual(CONTENT_COMPONENTS.map((c) => c.name));
    for (const c of CONTENT_COMPONENTS) expect(route).toContain(`import ${c.name} from '../${c.path.replace(/^src\//, '')}';`);
  });
});

describe('raw HTML', () => {
  it('is refused in a .md page, block and inline, comments included, with file:line:column and the tag', () => {
    expect(check('content/pages/a.md', '文字 <span style="color:red">红</span>\n\n<div>\n块\n</div>\n')).toEqual([
      'E100 content/pages/a.md:6:4：页面里不能写 HTML 标签“<span style="color:red">”（页面只能用 Markdown 的写法：## 标题、- 列表、**加粗**、[文字](网址)；需要别的格式，请开发人员在 src/ 中加组件）',
      'E100 content/pages/a.md:6:29：页面里不能写 HTML 标签“</span>”（页面只能用 Markdown 的写法：## 标题、- 列表、**加粗**、[文字](网址)；需要别的格式，请开发人员在 src/ 中加组件）',
      'E100 content/pages/a.md:8:1：页面里不能写 HTML 标签“<div>⏎块⏎</div>”（页面只能用 Markdown 的写法：## 标题、- 列表、**加粗**、[文字](网址)；需要别的格式，请开发人员在 src/ 中加组件）',
    ]);
  });

  it('is refused in an .mdx page as a lower-case tag, with the way to a fixed anchor for a heading', () => {
    expect(check('content/pages/a.mdx', '<h3 id="x">标题</h3>\n\n<details open>更多</details>\n')).toEqual([
      'E100 content/pages/a.mdx:6:1：页面里不能写 HTML 标签“<h3 id="x">标题</h3>”（要给标题加固定的锚点，请写 <SectionHeading id="锚点">标题</SectionHeading>）',
      'E100 content/pages/a.mdx:8:1：页面里不能写 HTML 标签“<details open>更多</details>”（页面只能用 Markdown 的写法：## 标题、- 列表、**加粗**、[文字](网址)；需要别的格式，请开发人员在 src/ 中加组件）',
    ]);
  });

  it('is not seen in code, escaped text or entities, which the page shows as text', () => {
    expect(check('content/pages/a.md', '`<script>` 和 \\<b> 和 &lt;i&gt;\n\n```html\n<meta http-equiv="refresh">\n```\n\n    <iframe>\n')).toEqual([]);
    expect(check('content/pages/a.mdx', '`<script>` 和 \\<b> 和 \\{x\\}\n\n```\n{process.env.X}\n```\n')).toEqual([]);
  });

  it('lines and columns stay right after CRLF line ends and a byte-order mark (columns count UTF-16 units, as editors do)', () => {
    const text = `\ufeff${FM.replace(/\n/g, '\r\n')}第一段\r\n\r\n中文😀 <b>x</b>\r\n`;
    expect(checkPage({ path: 'p.md', text }).map((i) => [i.line, i.char])).toEqual([
      [8, 6],
      [8, 10],
    ]);
  });
});

describe('code in an MDX page', () => {
  it('is refused however it is written: ESM after an import, a named or namespace import, an import attribute, a side-effect import', () => {
    const allowed = "import SectionHeading from '../../src/components/SectionHeading.astro'";
    expect(check('content/pages/a.mdx', `${allowed}; globalThis.x = 1\n`)).toEqual([
      'E101 content/pages/a.mdx:6:73：页面里不能写程序代码“globalThis.x = 1”（页面是内容，不是程序；需要计算或读取数据的，请开发人员写在 src/ 中，按代码审查）',
    ]);
    for (const line of [
      "import * as all from '../../src/components/SectionHeading.astro'",
      "import { SectionHeading } from '../../src/components/SectionHeading.astro'",
      "import '../../src/lib/evil.ts'",
      "import SectionHeading from '../../src/components/SectionHeading.astro' with { type: 'json' }",
      "import SectionHeading from '../../src/components/SectionHeading.astro?raw'",
      "import SectionHeading from '../../src/components/SectionHEADING.astro'",
      'import SectionHeading from "/src/components/SectionHeading.astro"',
      "import SectionHeading from 'src/components/SectionHeading.astro'",
      "import SectionHeading from '../../src/components/SectionHeading.astro' /* */",
      'export default function Layout() {}',
      "export { default } from '../../src/components/SectionHeading.astro'",
    ]) {
      expect(codes('content/pages/a.mdx', `${line}\n`), line).toEqual(['E101']);
    }
  });

  it('accepts the import of an allow-listed component by its path from the page, and says what to write otherwise', () => {
    expect(
      check(
        'content/pages/a.mdx',
        'import SectionHeading from \'../../src/components/SectionHeading.astro\';\nimport ProblemStatusLegend from "../../src/components/./ProblemStatusLegend.astro"\n\n<ProblemStatusLegend />\n',
      ),
    ).toEqual([]);
    expect(check('content/pages/a.mdx', "import SectionHeading from '../../src/components/SectionHeading.astro'\n", 'test/x/content/pages/a.mdx')).toEqual([
      "E101 content/pages/a.mdx:6:1：import SectionHeading 的路径“../../src/components/SectionHeading.astr…”不是组件 src/components/SectionHeading.astro（应写成 import SectionHeading from '../../../../src/components/SectionHeading.astro'，也可以删掉这一行：SectionHeading 不用 import 就能直接使用）",
    ]);
    // Outside the project there is no path to suggest.
    expect(check('/tmp/c/pages/a.mdx', "import SectionHeading from './SectionHeading.astro'\n", '../../tmp/c/pages/a.mdx')).toEqual([
      'E101 /tmp/c/pages/a.mdx:6:1：import SectionHeading 的路径“./SectionHeading.astro”不是组件 src/components/SectionHeading.astro（也可以删掉这一行：SectionHeading 不用 import 就能直接使用）',
    ]);
  });

  it('allows a comment in braces and literal prop values, and nothing else in braces', () => {
    expect(check('content/pages/a.mdx', '{/* 备注 */}\n\n文字 {  /* a */ /* b */ }\n\n<SectionHeading id={"fine"}>标题</SectionHeading>\n')).toEqual([]);
    for (const body of [
      '{/* a */ x /* b */}',
      '{`${1}`}',
      '{"text"}',
      '{// 备注\n}',
      '{(() => 1)()}',
      '<SectionHeading id={"a" + "b"}>t</SectionHeading>',
      "<SectionHeading id={'a\\x62'}>t</SectionHeading>",
      '<SectionHeading id={`samples`}>t</SectionHeading>',
    ]) {
      expect(codes('content/pages/a.mdx', `${body}\n`), body).toEqual(['E101']);
    }
    // A spread is refused, and the id it would have given is missing.
    expect(codes('content/pages/a.mdx', '<SectionHeading {...{ id: "x" }}>t</SectionHeading>\n')).toEqual(['E101', 'E102']);
  });

  it('refuses Astro’s directives on a component (set:html would write raw HTML, client:* would ship a script)', () => {
    expect(
      check('content/pages/a.mdx', '<SectionHeading id="a" set:html="<script>x</script>">t</SectionHeading>\n\n<ProblemStatusLegend client:load />\n'),
    ).toEqual([
      'E102 content/pages/a.mdx:6:1：组件 SectionHeading 没有属性 set:html（它的属性：id；写法：<SectionHeading id="samples">哪些数据是示例</SectionHeading>）',
      'E102 content/pages/a.mdx:8:1：组件 ProblemStatusLegend 没有属性 client:load（它没有属性；写法：<ProblemStatusLegend />）',
    ]);
  });

  it('a component inside a component is checked too', () => {
    expect(check('content/pages/a.mdx', '<SectionHeading id="a">标题 <Evil /> {x}</SectionHeading>\n')).toEqual([
      'E102 content/pages/a.mdx:6:27：页面里没有组件 Evil（可以用的组件：ProblemStatusLegend（问题整改状态的图例）、SectionHeading（带固定锚点的二级标题，其他页面可以链接到 #锚点），不用 import 就能直接使用）',
      'E101 content/pages/a.mdx:6:36：页面里不能写表达式“{x}”（花括号中的内容会在生成网站时当作程序运行；页面是内容，不是程序；需要计算或读取数据的，请开发人员写在 src/ 中，按代码审查。要显示花括号本身，请写成 \\{ 和 \\}）',
    ]);
    expect(codes('content/pages/a.mdx', '<Foo.Bar />\n\n<x:y />\n\n<>片段</>\n')).toEqual(['E102', 'E100', 'E102']);
  });

  it('is text in a .md page, which the build does not run', () => {
    expect(check('content/pages/a.md', "import fs from 'node:fs'\n\nexport const x = 1\n\n{process.env.X} <Legend x={fetch()} />\n")).toEqual([
      'E100 content/pages/a.md:10:17：页面里不能写 HTML 标签“<Legend x={fetch()} />”（页面只能用 Markdown 的写法：## 标题、- 列表、**加粗**、[文字](网址)；需要别的格式，请开发人员在 src/ 中加组件）',
    ]);
  });

  it('an MDX page that cannot be read is one message at the place, in Chinese', () => {
    expect(check('content/pages/a.mdx', '温度 <30 度\n')).toEqual([
      'E105 content/pages/a.mdx:6:4：“<” 后面不是组件的标签：在 .mdx 页面里，小于号要写成 \\<，链接用 [文字](网址)，HTML 标签不能用（解析器的原话：Unexpected character after `<`, expected a valid JSX tag (note: to create a link in MDX, use `[text](url)`) (mdx-jsx:une…）',
    ]);
    expect(check('content/pages/a.mdx', '<SectionHeading id="a">标题</Section>\n')).toEqual([
      'E105 content/pages/a.mdx:6:26：组件的开始标签和结束标签没有配对（例如 <SectionHeading …> 要以 </SectionHeading> 结束）（解析器的原话：Unexpected closing tag `</Section>`, expected corresponding closing tag for `<SectionHeading>` (6:1) (mdx-jsx:unexpected…）',
    ]);
    expect(check('content/pages/a.mdx', '集合 {1, 2\n')).toEqual([
      'E105 content/pages/a.mdx:6:4：“{” 没有对应的“}”：在 .mdx 页面里，花括号要写成 \\{ 和 \\}（解析器的原话：Unexpected end of file in expression, expected a corresponding closing brace for `{` (mdx-jsx:unexpected-character)）',
    ]);
  });
});

describe('links and images', () => {
  it('reads a scheme as a browser does', () => {
    expect(urlScheme('JaVaScRiPt:alert(1)')).toBe('javascript');
    expect(urlScheme(' \u0001javascript:x')).toBe('javascript');
    expect(urlScheme('java\tscr\nipt:x')).toBe('javascript');
    expect(urlScheme('https://example.org/')).toBe('https');
    expect(urlScheme('../plan/gushan-2017/#s1')).toBeUndefined();
    expect(urlScheme('//evil.example/')).toBeUndefined();
    expect(urlScheme('java%0ascript:x')).toBeUndefined(); // a relative path, as browsers read it
  });

  it('refuses javascript: in a link with entities, in an autolink and in a definition; allows http(s), mailto:, tel: and relative links', () => {
    expect(codes('content/pages/a.md', '[a](&#106;avascript:alert(1)) [b](<javascript:alert(1)>) [c][d]\n\n[d]: <JAVASCRIPT:x> "t"\n')).toEqual([
      'E103',
      'E103',
      'E103',
    ]);
    expect(codes('content/pages/a.mdx', '[a](javascript:alert(1))\n')).toEqual(['E103']);
    expect(
      check(
        'content/pages/a.md',
        '[a](https://x.example/) [b](http://x.example/) [c](mailto:a@x.example) [d](tel:123) [e](../data/) [f](#s1) <https://x.example/> www.x.example a@x.example\n',
      ),
    ).toEqual([]);
  });

  it('refuses images, inline and by reference', () => {
    expect(codes('content/pages/a.md', '![a](https://x.example/a.png) ![b][i]\n\n[i]: ./b.png\n')).toEqual(['E103', 'E103']);
  });
});

describe('front matter', () => {
  it('must come first, be flat and hold exactly title and description', () => {
    const msgs = (text: string) => checkPage({ path: 'p.md', text }).map((i) => `${i.code} ${formatIssue(i)}`);
    expect(msgs('+++\ntitle = "t"\n+++\n\n正文\n')).toEqual([
      'E104 p.md:1：文件第 1 行必须是 ---（文件头开始）（页面文件以 --- 开头，接着写 title: 标题 和 description: 一句话说明，再以 --- 结束）',
    ]);
    expect(msgs('\n---\ntitle: t\ndescription: d\n---\n')).toEqual([
      'E104 p.md:1：文件第 1 行必须是 ---（文件头开始）（页面文件以 --- 开头，接着写 title: 标题 和 description: 一句话说明，再以 --- 结束）',
    ]);
    expect(msgs('---\ntitle: t\ndescription:\n  多行的说明\n---\n')).toEqual([
      'E104 p.md:4：“  多行的说明”不是“字段名: 值”的格式（页面文件以 --- 开头，接着写 title: 标题 和 description: 一句话说明，再以 --- 结束）',
      'E104 p.md:3：文件头的“description”不能为空',
    ]);
    expect(msgs('---\ntitle: t\ndescription: d\nlayout: ../../src/layouts/Evil.astro\n---\n')).toEqual([
      'E104 p.md:4：文件头里不能写“layout”（只能写 title 和 description；layout 会让生成网站时引入别的文件）',
    ]);
  });
});

describe('GitHub annotations', () => {
  it('carry the column of a page’s problem', () => {
    const issues = checkPage({ path: 'content/pages/a.md', text: `${FM}文字 <b>x</b>\n` });
    expect(reportGithub(issues.slice(0, 1), 'https://x.example/data/errors/')).toMatch(/^::error file=content\/pages\/a\.md,line=6,col=4,title=E100 /);
  });
});

describe('resolveImport', () => {
  it('resolves relative specifiers from the page’s folder and leaves bare and absolute ones', () => {
    expect(resolveImport('content/pages/a.mdx', '../../src/components/X.astro')).toBe('src/components/X.astro');
    expect(resolveImport('content/pages/a.mdx', './../.././src/components/X.astro')).toBe('src/components/X.astro');
    expect(resolveImport('content/pages/a.mdx', '../../../src/components/X.astro')).toBe('../src/components/X.astro');
    expect(resolveImport('content/pages/a.mdx', 'node:fs')).toBeUndefined();
    expect(resolveImport('content/pages/a.mdx', '/src/components/X.astro')).toBeUndefined();
  });
});
