/** Front matter of a plan document in content/plan/<plan>.md. */
export interface PlanFrontMatter {
  /** 文件标题 */
  title: string;
  /** 发文机关 */
  issuer: string;
  /** 成文日期 */
  date: Date;
  /** 文件类型 */
  type: string;
  /** 主送机关 */
  recipients: string;
  /** 内容摘要 */
  summary?: string;
  /** 文本来源说明 */
  source?: string;
}

const REQUIRED_TEXT = ['title', 'issuer', 'type', 'recipients'] as const;
const OPTIONAL_TEXT = ['summary', 'source'] as const;
/** The fields in the order their problems are reported. */
const FIELDS = ['title', 'issuer', 'date', 'type', 'recipients', 'summary', 'source'] as const;

export type PlanFrontMatterResult = { ok: true; value: PlanFrontMatter } | { ok: false; fields: string[] };

/**
 * Checks a plan's front matter: the texts of REQUIRED_TEXT must not be empty, the optional
 * ones must be text when given, and `date` must be a day JavaScript can read (a Date, as YAML
 * gives it, or text such as 2017-09-25). Other fields are left out of the value.
 */
export function checkPlanFrontMatter(data: Readonly<Record<string, unknown>>): PlanFrontMatterResult {
  const get = (key: string): unknown => (Object.hasOwn(data, key) ? data[key] : undefined);
  const bad = new Set<string>();
  const text = (key: string, required: boolean): string | undefined => {
    const v = get(key);
    if (v === undefined && !required) return undefined;
    if (typeof v === 'string' && (v !== '' || !required)) return v;
    bad.add(key);
    return undefined;
  };
  const raw = get('date');
  const date = raw instanceof Date || typeof raw === 'string' ? new Date(raw) : undefined;
  if (date === undefined || Number.isNaN(date.getTime())) bad.add('date');
  const [title, issuer, type, recipients] = REQUIRED_TEXT.map((k) => text(k, true));
  const [summary, source] = OPTIONAL_TEXT.map((k) => text(k, false));
  if (bad.size > 0 || !title || !issuer || !type || !recipients || !date) return { ok: false, fields: FIELDS.filter((f) => bad.has(f)) };
  const value: PlanFrontMatter = { title, issuer, date, type, recipients };
  if (summary !== undefined) value.summary = summary;
  if (source !== undefined) value.source = source;
  return { ok: true, value };
}
