/**
 * The plan documents in content/plan/ use a deliberately small Markdown dialect, so that the
 * text stays word for word and every section has an anchor that never changes:
 *
 *   ## 一、指导思想 {#s1}          heading (levels 2–4) with a stable ASCII anchor
 *   paragraph text                  one paragraph per block, separated by blank lines
 *   ::: signature … :::             a block of paragraphs with a role (e.g. the issuer's signature)
 *
 * This module parses that dialect into blocks. It has no Astro imports so that the build,
 * the `validate` command and the unit tests share it.
 */

export type HeadingLevel = 2 | 3 | 4;

export interface PlanHeading {
  kind: 'heading';
  level: HeadingLevel;
  id: string;
  text: string;
  line: number;
}

export interface PlanParagraph {
  kind: 'paragraph';
  text: string;
  /** Set for paragraphs inside a `::: role` block. */
  role?: string;
  line: number;
}

export type PlanBlock = PlanHeading | PlanParagraph;

export interface PlanIssue {
  line: number;
  message: string;
}

/** What parsePlanMarkdown finds in a plan body. */
export interface PlanParse {
  blocks: PlanBlock[];
  issues: PlanIssue[];
}

export interface TocEntry {
  id: string;
  text: string;
  level: HeadingLevel;
  children: TocEntry[];
}

export const ANCHOR_PATTERN = /^[a-z][a-z0-9-]*$/;
const HEADING = /^(#{1,6})\s+(.*?)\s*$/;
const ANCHOR_SUFFIX = /\s*\{#([^}]*)\}\s*$/;
const FENCE_OPEN = /^:::\s*([a-z][a-z0-9-]*)\s*$/;
const FENCE_CLOSE = /^:::\s*$/;

/**
 * Parses a plan body. `lineOffset` is the number of physical lines before the body in the
 * file (the front matter), so that reported line numbers point into the real file.
 */
export function parsePlanMarkdown(body: string, lineOffset = 0): PlanParse {
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  const blocks: PlanBlock[] = [];
  const issues: PlanIssue[] = [];
  const seen = new Map<string, number>();
  let role: string | undefined;
  let roleLine = 0;
  let para: string[] = [];
  let paraLine = 0;

  const flush = () => {
    if (para.length === 0) return;
    const block: PlanParagraph = { kind: 'paragraph', text: para.join(''), line: paraLine };
    if (role) block.role = role;
    blocks.push(block);
    para = [];
  };

  lines.forEach((raw, i) => {
    const line = i + 1 + lineOffset;
    const text = raw.trim();
    if (text === '') return flush();
    if (FENCE_CLOSE.test(text) && role) {
      flush();
      role = undefined;
      return;
    }
    const fence = FENCE_OPEN.exec(text);
    if (fence) {
      flush();
      if (role) issues.push({ line, message: `“::: ${fence[1]}”块不能嵌套在第 ${roleLine} 行开始的块中` });
      role = fence[1];
      roleLine = line;
      return;
    }
    const h = HEADING.exec(text);
    if (h) {
      flush();
      const hashes = h[1] ?? '';
      let title = h[2] ?? '';
      const level = hashes.length;
      const anchor = ANCHOR_SUFFIX.exec(title);
      const id = anchor?.[1]?.trim() ?? '';
      if (anchor) title = title.slice(0, anchor.index).trim();
      if (level < 2 || level > 4) {
        issues.push({ line, message: `标题级别 ${hashes} 不允许（允许：## 章、### 节、#### 小节）` });
        return;
      }
      if (!anchor) {
        issues.push({ line, message: `标题“${title}”缺少锚点，请在行末加上 {#锚点}，例如 {#s3-4-2}` });
        return;
      }
      if (!ANCHOR_PATTERN.test(id)) {
        issues.push({ line, message: `锚点“${id}”不符合格式（允许：小写字母开头，只含小写字母、数字和连字符 -）` });
        return;
      }
      const first = seen.get(id);
      if (first !== undefined) {
        issues.push({ line, message: `锚点“${id}”重复，第 ${first} 行已经使用（锚点必须唯一）` });
        return;
      }
      seen.set(id, line);
      blocks.push({ kind: 'heading', level: level as HeadingLevel, id, text: title, line });
      return;
    }
    if (para.length === 0) paraLine = line;
    para.push(text);
  });
  flush();
  if (role) issues.push({ line: roleLine, message: `第 ${roleLine} 行开始的“::: ${role}”块没有用 ::: 结束` });
  return { blocks, issues };
}

/** Nests headings into a table of contents (level 2 → 3 → 4). */
export function planToc(blocks: readonly PlanBlock[]): TocEntry[] {
  const root: TocEntry[] = [];
  const stack: TocEntry[] = [];
  for (const b of blocks) {
    if (b.kind !== 'heading') continue;
    const entry: TocEntry = { id: b.id, text: b.text, level: b.level, children: [] };
    while (stack.length > 0 && (stack[stack.length - 1]?.level ?? 0) >= b.level) stack.pop();
    const parent = stack[stack.length - 1];
    (parent ? parent.children : root).push(entry);
    stack.push(entry);
  }
  return root;
}

export function planAnchors(blocks: readonly PlanBlock[]): Set<string> {
  return new Set(blocks.flatMap((b) => (b.kind === 'heading' ? [b.id] : [])));
}

/** The text of the section that an anchor opens, up to the next heading of the same or a higher level. */
export function sectionText(blocks: readonly PlanBlock[], id: string): string | undefined {
  const start = blocks.findIndex((b) => b.kind === 'heading' && b.id === id);
  const head = blocks[start];
  if (!head || head.kind !== 'heading') return undefined;
  const parts = [head.text];
  for (const b of blocks.slice(start + 1)) {
    if (b.kind === 'heading' && b.level <= head.level) break;
    parts.push(b.text);
  }
  return parts.join('\n');
}

export interface PlanSection {
  /** The heading's anchor; "" for the text before the first heading. */
  id: string;
  heading: string;
  /** The heading and the paragraphs up to the next heading of any level (so no text is in two sections). */
  text: string;
}

/**
 * The plan cut at every heading, for the search index: each section is a result of its own, so
 * that a long plan is not outranked by thousands of short record pages for its own words.
 */
export function planSections(blocks: readonly PlanBlock[]): PlanSection[] {
  const out: PlanSection[] = [];
  let current: PlanSection | undefined;
  for (const b of blocks) {
    if (b.kind === 'heading') {
      current = { id: b.id, heading: b.text, text: b.text };
      out.push(current);
    } else if (current) current.text += `\n${b.text}`;
    else out.push((current = { id: '', heading: '', text: b.text }));
  }
  return out;
}

/** Number of physical lines taken by a front-matter block at the start of a file. */
export function frontMatterLines(source: string): number {
  const m = /^---\r?\n[\s\S]*?\r?\n---(?:\r?\n|$)/.exec(source);
  return m ? m[0].split(/\r?\n/).length - 1 : 0;
}

/** Splits a file into front matter (raw) and body. */
export function splitFrontMatter(source: string): { frontMatter: string; body: string; bodyLine: number } {
  const n = frontMatterLines(source);
  const lines = source.split(/\r?\n/);
  return { frontMatter: lines.slice(0, n).join('\n'), body: lines.slice(n).join('\n'), bodyLine: n };
}
