/** Output formats of `npm run validate`: text for people, JSON for programs, GitHub annotations for pull requests. */
import { ISSUE_CODES, formatIssue, type ValidationIssue } from '../lib/validation/issues.ts';
import { absoluteUrl, dataErrorsPath, joinBase, siteLocation } from '../lib/urls.ts';

export type ReportFormat = 'text' | 'json' | 'github';

/** Where the site explains each error code (the messages add #E031): the page as the site built from this environment publishes it. */
export function errorsPageUrl(env: Record<string, string | undefined> = process.env): string {
  const { site, base } = siteLocation(env);
  return absoluteUrl(joinBase(base, dataErrorsPath()), site);
}

export function reportText(issues: readonly ValidationIssue[], summary: string, help = errorsPageUrl()): string {
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
  out.push(`  方括号中是错误代码，每个代码的含义、例子和修改方法见：${help}`);
  return out.join('\n').trimStart();
}

export function reportJson(issues: readonly ValidationIssue[], help = errorsPageUrl()): string {
  return JSON.stringify(
    {
      ok: issues.length === 0,
      count: issues.length,
      issues: issues.map((i) => ({ ...i, title: ISSUE_CODES[i.code].title, text: formatIssue(i), help: `${help}#${i.code}` })),
    },
    null,
    2,
  );
}

/** GitHub workflow commands: `::error file=…,line=…,title=…::message`, escaped as GitHub requires. */
export function reportGithub(issues: readonly ValidationIssue[], help = errorsPageUrl()): string {
  const prop = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/:/g, '%3A').replace(/,/g, '%2C');
  const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  return issues
    .map((i) => {
      const props = [`file=${prop(i.file)}`];
      if (i.line !== undefined) props.push(`line=${i.line}`);
      if (i.line !== undefined && i.char !== undefined) props.push(`col=${i.char}`);
      props.push(`title=${prop(`${i.code} ${ISSUE_CODES[i.code].title}`)}`);
      return `::error ${props.join(',')}::${data(`${formatIssue(i)}（说明：${help}#${i.code}）`)}`;
    })
    .join('\n');
}
