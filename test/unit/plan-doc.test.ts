import { describe, expect, it } from 'vitest';
import { frontMatterLines, parsePlanMarkdown, planAnchors, planToc, sectionText, splitFrontMatter } from '../../src/lib/plan-doc.ts';

const doc = `## 一、指导思想 {#s1}

全面落实。
第二行接上。

## 三、工作措施 {#s3}

### （四）强化污染防治 {#s3-4}

#### 一是聚力气质提升。 {#s3-4-1}

全面淘汰10蒸吨/小时以下燃煤小锅炉。

::: signature
江阴市顾山镇人民政府

2017年9月25日
:::

## 四、组织保障 {#s4}
`;

describe('parsePlanMarkdown', () => {
  it('reads headings with anchors, paragraphs and role blocks, with their lines', () => {
    const { blocks, issues } = parsePlanMarkdown(doc);
    expect(issues).toEqual([]);
    expect(
      blocks.map((b) => (b.kind === 'heading' ? `h${b.level}#${b.id}:${b.text}@${b.line}` : `p${b.role ? `.${b.role}` : ''}:${b.text}@${b.line}`)),
    ).toEqual([
      'h2#s1:一、指导思想@1',
      'p:全面落实。第二行接上。@3',
      'h2#s3:三、工作措施@6',
      'h3#s3-4:（四）强化污染防治@8',
      'h4#s3-4-1:一是聚力气质提升。@10',
      'p:全面淘汰10蒸吨/小时以下燃煤小锅炉。@12',
      'p.signature:江阴市顾山镇人民政府@15',
      'p.signature:2017年9月25日@17',
      'h2#s4:四、组织保障@20',
    ]);
  });

  it('nests the table of contents and collects anchors', () => {
    const { blocks } = parsePlanMarkdown(doc);
    const toc = planToc(blocks);
    expect(toc.map((e) => e.id)).toEqual(['s1', 's3', 's4']);
    expect(toc[1]?.children[0]?.id).toBe('s3-4');
    expect(toc[1]?.children[0]?.children[0]?.id).toBe('s3-4-1');
    expect([...planAnchors(blocks)]).toEqual(['s1', 's3', 's3-4', 's3-4-1', 's4']);
    expect(sectionText(blocks, 's3-4')).toContain('燃煤小锅炉');
    expect(sectionText(blocks, 's3-4')).not.toContain('组织保障');
    expect(sectionText(blocks, 'nope')).toBeUndefined();
  });

  it('explains every structural mistake in Chinese, with the physical line in the file', () => {
    const bad = ['# 标题 {#t}', '## 没有锚点', '## 大写 {#S1}', '## 一 {#s1}', '## 二 {#s1}', '::: signature', '文字'].join('\n');
    const { issues } = parsePlanMarkdown(bad, 7);
    expect(issues).toEqual([
      { line: 8, message: '标题级别 # 不允许（允许：## 章、### 节、#### 小节）' },
      { line: 9, message: '标题“没有锚点”缺少锚点，请在行末加上 {#锚点}，例如 {#s3-4-2}' },
      { line: 10, message: '锚点“S1”不符合格式（允许：小写字母开头，只含小写字母、数字和连字符 -）' },
      { line: 12, message: '锚点“s1”重复，第 11 行已经使用（锚点必须唯一）' },
      { line: 13, message: '第 13 行开始的“::: signature”块没有用 ::: 结束' },
    ]);
  });

  it('counts front-matter lines so that body lines map to file lines', () => {
    const src = '---\ntitle: x\ndate: 2017-09-25\n---\n\n## 一 {#s1}\n';
    expect(frontMatterLines(src)).toBe(4);
    const { body, bodyLine } = splitFrontMatter(src);
    const { blocks } = parsePlanMarkdown(body, bodyLine);
    expect(blocks[0]?.line).toBe(6);
    expect(src.split('\n')[5]).toBe('## 一 {#s1}');
  });
});
