/** Output formats of `npm run validate`: text for people, JSON for programs, GitHub annotations for pull requests. */
import { ISSUE_CODES, formatIssue, type ValidationIssue } from './issues.ts';

export type ReportFormat = 'text' | 'json' | 'github';

export function reportText(issues: readonly ValidationIssue[], summary: string): string {
  if (issues.length === 0) return `✓ ${summary}`;
  const out: string[] = [];
  let file = '';
  for (const i of issues) {
    if (i.file !== file) {
      file = i.file;
      out.push('', `${file}`);
    }
    out.push(`  ${formatIssue(i)} [${i.code}]`);
  }
  const files = new Set(issues.map((i) => i.file)).size;
  out.push('', `✗ 共发现 ${issues.length} 个问题，涉及 ${files} 个文件。每条前面是“文件:行号”，用 Excel/WPS 打开文件找到这一行修改即可。`);
  return out.join('\n').trimStart();
}

export function reportJson(issues: readonly ValidationIssue[]): string {
  return JSON.stringify(
    { ok: issues.length === 0, count: issues.length, issues: issues.map((i) => ({ ...i, title: ISSUE_CODES[i.code].title, text: formatIssue(i) })) },
    null,
    2,
  );
}

/** GitHub workflow commands: `::error file=…,line=…,title=…::message`, escaped as GitHub requires. */
export function reportGithub(issues: readonly ValidationIssue[]): string {
  const prop = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/:/g, '%3A').replace(/,/g, '%2C');
  const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  return issues
    .map((i) => {
      const props = [`file=${prop(i.file)}`];
      if (i.line !== undefined) props.push(`line=${i.line}`);
      props.push(`title=${prop(`${i.code} ${ISSUE_CODES[i.code].title}`)}`);
      return `::error ${props.join(',')}::${data(formatIssue(i))}`;
    })
    .join('\n');
}
