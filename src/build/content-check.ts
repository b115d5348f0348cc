/**
 * The rules of the editors' pages (content/pages/*.md and *.mdx): content, not code.
 *
 * - No raw HTML, in .md (tags, comments) or .mdx (lower-case JSX tags): a page is Markdown;
 *   what Markdown cannot say belongs in a component in src/.
 * - In .mdx, only the components of the allow-list (src/lib/content-components.ts), with their
 *   declared props written as literal values. No `export`, no `import` except of those
 *   components (which need none: src/pages/[page].astro hands them to every page), no `{…}`
 *   expression except a comment `{/* … *\/}`, no spread `{...props}`.
 * - Links only to http(s), mailto: and tel: addresses or to relative addresses (no
 *   `javascript:`, `data:` …); no images (the site's Content-Security-Policy allows only its
 *   own images, and a relative image path would make the build read a file outside content/).
 * - Front matter: exactly the flat `title` and `description` of a page (no `layout`, which
 *   would import a file).
 *
 * A page is parsed by satteri, the Markdown/MDX parser Astro itself builds the pages with
 * (@astrojs/markdown-satteri), with the same features, so this check sees the tree the build
 * compiles. satteri keeps the JavaScript of an MDX page as text (an `import` line, a `{…}`
 * expression, a prop's `{…}` value); the little of it a page may hold is a regular language
 * (an import of one default name from one quoted path; a comment; a literal), so those texts
 * are matched in full by anchored grammars: anything else is refused, never guessed at.
 *
 * Runs in Node only (satteri is a native module): in `npm run validate` and before the build
 * (src/build/read-dataset.ts). The in-browser checker checks CSV files and never sees a page.
 */
import { markdownToMdast, mdxToMdast } from 'satteri';
import { readFrontMatter } from '../lib/validation/front-matter.ts';
import { showValue, type IssueCodeId, type ValidationIssue } from '../lib/validation/issues.ts';
import { CONTENT_COMPONENTS, contentComponent, contentComponentList, type ContentComponent, type PropValue } from '../lib/content-components.ts';
import { pageFrontMatter } from './page-front-matter.ts';

export interface PageSource {
  /** Path shown in messages: "content/pages/about.mdx". */
  path: string;
  /**
   * The file's path relative to the project's root (where src/ is), which an import in the page
   * is resolved from; `path` when not given.
   */
  fromRoot?: string;
  text: string;
}

interface Point {
  line: number;
  column: number;
  offset?: number;
}
/** The fields of satteri's mdast nodes this check reads. */
interface Node {
  type: string;
  position?: { start: Point; end: Point };
  children?: Node[];
  value?: string | null;
  url?: string;
  name?: string | null;
  attributes?: Attribute[];
}
interface Attribute {
  type: string;
  name?: string;
  value?: string | null | { type: string; value: string };
}

const ALLOWED_SCHEMES = new Set(['http', 'https', 'mailto', 'tel']);
const FRONT_MATTER_KEYS = Object.keys(pageFrontMatter.shape);

/** Same as Astro's (@astrojs/internal-helpers/frontmatter): what the build removes as front matter. */
const ASTRO_FRONT_MATTER = /(?:^\uFEFF?|^\s*\n)(?:---|\+\+\+)([\s\S]*?\n)(?:---|\+\+\+)/;

const MARKDOWN_HINT = '页面只能用 Markdown 的写法：## 标题、- 列表、**加粗**、[文字](网址)；需要别的格式，请开发人员在 src/ 中加组件';
const CODE_HINT = '页面是内容，不是程序；需要计算或读取数据的，请开发人员写在 src/ 中，按代码审查';
const componentsHint = () => `可以用的组件：${contentComponentList()}，不用 import 就能直接使用`;

/** Checks one page; returns its problems in file order. */
export function checkPage(src: PageSource): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const lines = lineStarts(src.text);
  const at = (offset: number): { line: number; char: number } => {
    let lo = 0;
    let hi = lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lines[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, char: offset - lines[lo]! + 1 };
  };
  const add = (code: IssueCodeId, message: string, where: { line: number; char?: number } | undefined, value?: string) => {
    const i: ValidationIssue = { code, file: src.path, message };
    if (where) {
      i.line = where.line;
      if (where.char !== undefined) i.char = where.char;
    }
    if (value !== undefined) i.value = value;
    issues.push(i);
  };

  checkFrontMatter(src.text, add);

  // The body as the build compiles it: the front matter blanked out, so lines and columns stay.
  const fm = ASTRO_FRONT_MATTER.exec(src.text);
  const body = fm ? src.text.slice(0, fm.index) + fm[0].replace(/[^\r\n]/g, ' ') + src.text.slice(fm.index + fm[0].length) : src.text;
  const mdx = src.path.toLowerCase().endsWith('.mdx');
  let root: Node;
  try {
    const features = { gfm: true, frontmatter: false };
    root = (mdx ? mdxToMdast(body, { features }) : markdownToMdast(body, { features })) as unknown as Node;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const m = /^(\d+):(\d+):\s*([\s\S]*)$/.exec(message);
    const where = m ? { line: Number(m[1]), char: Number(m[2]) } : undefined;
    const near = where ? (body.split(/\r\n|\r|\n/)[where.line - 1] ?? '').slice(Math.max(0, where.char - 2)) : '';
    add('E105', `${syntaxHint(m ? m[3]! : message, near)}（解析器的原话：${showValue(m ? m[3]! : message, 120)}）`, where);
    return issues;
  }

  const pointAt = (node: Node) => (node.position ? { line: node.position.start.line, char: node.position.start.column } : undefined);
  const sourceOf = (node: Node) =>
    node.position?.start.offset !== undefined && node.position.end.offset !== undefined
      ? body.slice(node.position.start.offset, node.position.end.offset)
      : String(node.value ?? '');

  const walk = (node: Node): void => {
    switch (node.type) {
      case 'html': {
        const html = String(node.value ?? '').trim();
        if (html.startsWith('<!--')) {
          add(
            'E100',
            `页面里不能写 HTML 注释“${showValue(html)}”（注释在页面上看不见，却会原样发布在网页的源代码里；不想发布的文字请删掉）`,
            pointAt(node),
            html,
          );
        } else {
          add('E100', `页面里不能写 HTML 标签“${showValue(html)}”（${MARKDOWN_HINT}）`, pointAt(node), html);
        }
        break;
      }
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement':
        checkElement(node, pointAt(node), sourceOf(node), add);
        break;
      case 'mdxFlowExpression':
      case 'mdxTextExpression': {
        const code = String(node.value ?? '');
        if (!COMMENT_ONLY.test(code)) {
          add(
            'E101',
            `页面里不能写表达式“{${showValue(code.trim())}}”（花括号中的内容会在生成网站时当作程序运行；${CODE_HINT}。要显示花括号本身，请写成 \\{ 和 \\}）`,
            pointAt(node),
            `{${code}}`,
          );
        }
        break;
      }
      case 'mdxjsEsm':
        checkEsm(String(node.value ?? ''), node.position?.start.offset ?? 0, src.fromRoot ?? src.path, at, add);
        break;
      case 'link':
      case 'definition': {
        const url = String(node.url ?? '');
        const scheme = urlScheme(url);
        if (scheme !== undefined && !ALLOWED_SCHEMES.has(scheme)) {
          add(
            'E103',
            `链接地址“${showValue(url)}”不允许（允许：以 http:// 或 https:// 开头的网址、mailto: 邮件地址、tel: 电话号码，或本站内的相对地址，例如 ../plan/gushan-2017/）`,
            pointAt(node),
            url,
          );
        }
        break;
      }
      case 'image':
      case 'imageReference':
        add(
          'E103',
          `页面里不能插入图片“${showValue(sourceOf(node))}”（网站只显示本站自己的图片，页面文件夹中也不能放图片；需要图片请联系开发人员）`,
          pointAt(node),
          sourceOf(node),
        );
        break;
      case 'yaml':
      case 'toml':
        add('E104', '文件头只能写在文件最开头的两行 --- 之间', pointAt(node));
        break;
    }
    for (const child of node.children ?? []) walk(child);
  };
  walk(root);
  return issues;
}

type Add = (code: IssueCodeId, message: string, where: { line: number; char?: number } | undefined, value?: string) => void;

/** A `{…}` that holds only whitespace and block comments (`{/* 备注 *\/}`): no code runs. */
const COMMENT_ONLY = /^(?:\s|\/\*(?:[^*]|\*(?!\/))*\*\/)*$/;

/** A literal prop value inside `{…}`: a number, true, false, null or a quoted string without escapes. */
const LITERAL = /^\s*(?:(-?\d+(?:\.\d+)?)|(true|false|null)|'([^'\\\r\n]*)'|"([^"\\\r\n]*)")\s*$/;

function literalValue(code: string): { ok: true; value: PropValue } | { ok: false } {
  const m = LITERAL.exec(code);
  if (!m) return { ok: false };
  if (m[1] !== undefined) return { ok: true, value: Number(m[1]) };
  if (m[2] !== undefined) return { ok: true, value: m[2] === 'true' ? true : m[2] === 'false' ? false : null };
  return { ok: true, value: m[3] ?? m[4] ?? '' };
}

function checkElement(node: Node, where: { line: number; char: number } | undefined, source: string, add: Add): void {
  const name = node.name ?? '';
  const tag = showValue(source.split(/\r?\n/)[0] ?? '', 60);
  if (name === '') {
    add('E102', `页面里不能写空标签“<>”（${componentsHint()}）`, where, tag);
    return;
  }
  if (!/^[A-Z]/.test(name)) {
    const heading = /^h[1-6]$/.test(name) && (node.attributes ?? []).some((a) => a.name === 'id');
    const hint = heading ? '要给标题加固定的锚点，请写 <SectionHeading id="锚点">标题</SectionHeading>' : MARKDOWN_HINT;
    add('E100', `页面里不能写 HTML 标签“${tag}”（${hint}）`, where, tag);
    return;
  }
  const component = contentComponent(name);
  if (!component) {
    add('E102', `页面里没有组件 ${name}（${componentsHint()}）`, where, tag);
    return;
  }
  const seen = new Set<string>();
  for (const a of node.attributes ?? []) {
    if (a.type !== 'mdxJsxAttribute' || a.name === undefined) {
      const code = typeof a.value === 'string' ? a.value : '';
      add('E101', `组件 ${name} 不能写“{${showValue(code)}}”（属性只能一个一个写成 名字="值"；${CODE_HINT}）`, where, `{${code}}`);
      continue;
    }
    const prop = component.props[a.name];
    if (!prop) {
      const props = Object.keys(component.props);
      add(
        'E102',
        `组件 ${name} 没有属性 ${a.name}（${props.length ? `它的属性：${props.join('、')}` : '它没有属性'}；写法：${component.example}）`,
        where,
        a.name,
      );
      continue;
    }
    seen.add(a.name);
    let value: PropValue;
    if (a.value === null || a.value === undefined) value = true;
    else if (typeof a.value === 'string') value = a.value;
    else {
      const lit = literalValue(a.value.value);
      if (!lit.ok) {
        add(
          'E101',
          `组件 ${name} 的属性 ${a.name} 只能写固定的值，不能写表达式“{${showValue(a.value.value)}}”（写法：${component.example}；${CODE_HINT}）`,
          where,
          `{${a.value.value}}`,
        );
        continue;
      }
      value = lit.value;
    }
    if (!prop.accepts(value)) {
      add('E102', `组件 ${name} 的属性 ${a.name} 的值“${showValue(String(value))}”不对（允许：${prop.allowed}）`, where, String(value));
    }
  }
  for (const [p, rule] of Object.entries(component.props)) {
    if (rule.required && !seen.has(p)) add('E102', `组件 ${name} 缺少属性 ${p}（写法：${component.example}）`, where, tag);
  }
}

/** One `import Name from 'path'` (or "path"), optionally ended by a semicolon. */
const IMPORT = /import[ \t]+([A-Za-z_$][\w$]*)[ \t]+from[ \t]+(?:'([^'\\\r\n]*)'|"([^"\\\r\n]*)")[ \t]*;?[ \t]*/y;
const LINE_END = /\r?\n|$/y;
const SPACE = /\s*/y;

/**
 * An MDX page's ESM block (its `import`/`export` lines, as satteri keeps them: text), read
 * statement by statement with the import grammar; the first text that is not such an import
 * is reported and the rest of the block is not read (it cannot be split reliably).
 */
function checkEsm(code: string, start: number, path: string, at: (offset: number) => { line: number; char: number }, add: Add): void {
  let i = 0;
  for (;;) {
    SPACE.lastIndex = i;
    SPACE.exec(code);
    i = SPACE.lastIndex;
    if (i >= code.length) return;
    IMPORT.lastIndex = i;
    const m = IMPORT.exec(code);
    const where = at(start + i);
    const line = code.slice(i).split(/\r?\n/)[0] ?? '';
    if (!m) {
      if (/^export\b/.test(line)) add('E101', `页面里不能写 export（“${showValue(line)}”：${CODE_HINT}）`, where, line);
      else if (/^import\b/.test(line)) add('E101', `页面里不能这样 import（“${showValue(line)}”；${componentsHint()}）`, where, line);
      else add('E101', `页面里不能写程序代码“${showValue(line)}”（${CODE_HINT}）`, where, line);
      return;
    }
    LINE_END.lastIndex = IMPORT.lastIndex;
    if (!LINE_END.exec(code)) {
      const rest = code.slice(IMPORT.lastIndex).split(/\r?\n/)[0] ?? '';
      add('E101', `页面里不能写程序代码“${showValue(rest)}”（${CODE_HINT}）`, at(start + IMPORT.lastIndex), rest);
      return;
    }
    const [, name, single, double] = m;
    const from = single ?? double ?? '';
    const component = contentComponent(name!);
    const wanted = component && relativeImport(path, component);
    if (!component) {
      add(
        'E101',
        `页面里不能 import “${showValue(from)}”（只能使用本站为页面准备的组件：${contentComponentList()}，它们不用 import 就能直接使用；${CODE_HINT}）`,
        where,
        line.trim(),
      );
    } else if (resolveImport(path, from) !== component.path) {
      add(
        'E101',
        `import ${name} 的路径“${showValue(from)}”不是组件 ${component.path}（${wanted ? `应写成 import ${name} from '${wanted}'，` : ''}也可以删掉这一行：${name} 不用 import 就能直接使用）`,
        where,
        line.trim(),
      );
    }
    i = IMPORT.lastIndex;
  }
}

/** The path a relative import in `file` (a repository path) points to, or undefined for a bare or absolute one. */
export function resolveImport(file: string, specifier: string): string | undefined {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return undefined;
  const parts = file.split('/').slice(0, -1);
  for (const seg of specifier.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length === 0 || parts[parts.length - 1] === '..') parts.push('..');
      else parts.pop();
    } else parts.push(seg);
  }
  return parts.join('/');
}

/** The relative import of a component from `file`, when both are inside the repository. */
function relativeImport(file: string, component: ContentComponent): string | undefined {
  if (file.startsWith('/') || file.startsWith('../')) return undefined;
  const from = file.split('/').slice(0, -1);
  const to = component.path.split('/');
  let same = 0;
  while (same < from.length && same < to.length - 1 && from[same] === to[same]) same++;
  const up = from.length - same;
  return `${up === 0 ? './' : '../'.repeat(up)}${to.slice(same).join('/')}`;
}

/** The scheme of a URL as a browser reads it (tabs and line breaks removed, outer controls trimmed), lower case; undefined for a relative URL. */
export function urlScheme(url: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  const s = url.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+/, '');
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(s);
  return m ? m[1]!.toLowerCase() : undefined;
}

/** The front matter: present, flat, exactly title and description, both filled in. */
function checkFrontMatter(text: string, add: Add): void {
  const fm = readFrontMatter(text);
  for (const i of fm.issues)
    add('E104', `${i.message}（页面文件以 --- 开头，接着写 title: 标题 和 description: 一句话说明，再以 --- 结束）`, { line: i.line }, undefined);
  if (fm.lines === 0) return;
  const all = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const seen = new Map<string, number>();
  for (let n = 1; n < fm.lines - 1; n++) {
    const key = /^([A-Za-z_][A-Za-z0-9_]*):/.exec(all[n] ?? '')?.[1];
    if (key === undefined) continue;
    const line = n + 1;
    if (!FRONT_MATTER_KEYS.includes(key)) {
      add(
        'E104',
        `文件头里不能写“${showValue(key)}”（只能写 ${FRONT_MATTER_KEYS.join(' 和 ')}${key === 'layout' ? '；layout 会让生成网站时引入别的文件' : ''}）`,
        { line },
        key,
      );
    } else if (seen.has(key)) {
      add('E104', `文件头里“${key}”写了两次（第 ${seen.get(key)} 行已经写过）`, { line }, key);
    } else seen.set(key, line);
  }
  for (const key of FRONT_MATTER_KEYS) {
    const v = fm.data[key];
    if (v === undefined) add('E104', `文件头缺少“${key}”（${key === 'title' ? '页面的标题' : '一句话说明这一页'}）`, { line: 1 }, undefined);
    else if (v.trim() === '') add('E104', `文件头的“${key}”不能为空`, { line: seen.get(key) ?? 1 }, undefined);
  }
}

/** A Chinese explanation of satteri's most common MDX syntax errors; `near` is the source from the character before the error's position. */
function syntaxHint(message: string, near: string): string {
  if (near.startsWith('<!--')) return '.mdx 页面里不能写 HTML 注释 <!-- -->：注释会原样发布在网页的源代码里；不想发布的备注请写成 {/* 备注 */}，或者删掉';
  if (/Unexpected character after `<`|expected a valid JSX tag|before name/.test(message)) {
    return '“<” 后面不是组件的标签：在 .mdx 页面里，小于号要写成 \\<，链接用 [文字](网址)，HTML 标签不能用';
  }
  if (/expected a corresponding closing brace|in expression/.test(message)) {
    return '“{” 没有对应的“}”：在 .mdx 页面里，花括号要写成 \\{ 和 \\}';
  }
  if (/closing tag|end tag|expected a corresponding/.test(message)) {
    return '组件的开始标签和结束标签没有配对（例如 <SectionHeading …> 要以 </SectionHeading> 结束）';
  }
  return '这个 .mdx 页面的写法有错，读不出来';
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return starts;
}

/** The page files' rules for every page. */
export function checkPages(pages: readonly PageSource[]): ValidationIssue[] {
  return pages.flatMap(checkPage);
}

export { CONTENT_COMPONENTS };
