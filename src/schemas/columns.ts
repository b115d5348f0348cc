/**
 * Column builders for the CSV tables. Each builder returns a column: its metadata (Chinese
 * title, description, type, allowed values, pattern) and the parser that turns one raw cell (a
 * string) into a typed value, so that validation messages, the data catalogue,
 * datapackage.json, the in-browser checker and the row types all read one definition.
 */
import { showValue, type IssueCodeId } from '../lib/validation/issues.ts';
import { DAY, PARTIAL_DATE, PERIOD, isRealDate, isRealPartialDate } from '../lib/dates.ts';
import { USCC_ALPHABET, USCC_PATTERN, usccCheckChar, usccProblem } from '../lib/uscc.ts';
import { controlChars, controlName } from '../lib/validation/control-chars.ts';

export type CellResult<T> = { ok: true; value: T } | { ok: false; code: IssueCodeId; message: string };

/** Frictionless Table Schema field types used by the tables. */
export type FieldType = 'string' | 'number' | 'integer' | 'date' | 'boolean' | 'array';

export interface ColumnInfo {
  title: string;
  description: string;
  required?: boolean;
}

export interface ColumnMeta extends Required<ColumnInfo> {
  type: FieldType;
  /** Table Schema format, e.g. "uri". */
  format?: string;
  enum?: readonly string[];
  /** Several values from `enum` separated by ";". */
  list?: boolean;
  /** Regular expression the raw text must match (Table Schema `pattern`). */
  pattern?: string;
  /** What the allowed text looks like, in Chinese, for people. */
  allowed: string;
  minimum?: number;
  maximum?: number;
  /** Longest text allowed, in characters (keys: KEY_MAX_LENGTH). */
  maxLength?: number;
  unit?: string;
  /** Parses a raw cell: empty, control characters and stray spaces first, then the column's own check. */
  parse: (raw: string) => CellResult<unknown>;
}

/** A column built here: its metadata, and a parser typed by the value a valid cell holds. */
export interface Column<T> extends ColumnMeta {
  parse: (raw: string) => CellResult<T>;
}

const ok = <T>(value: T): CellResult<T> => ({ ok: true, value });
const fail = (code: IssueCodeId, message: string): CellResult<never> => ({ ok: false, code, message });
const q = (v: string) => `“${showValue(v)}”`;

type Out<T, R> = R extends true ? T : T | undefined;
type Opts<R extends boolean | undefined> = ColumnInfo & { required?: R };

function column<T, R extends boolean | undefined>(
  info: Opts<R>,
  meta: Omit<ColumnMeta, keyof ColumnInfo | 'parse'>,
  parse: (raw: string) => CellResult<T>,
): Column<Out<T, R>> {
  const required = info.required ?? false;
  const full = (raw: string): CellResult<T | undefined> => {
    if (raw === '') return required ? fail('E030', `不能为空（必填：${info.title}）`) : ok(undefined);
    const controls = controlChars(raw);
    if (controls.length > 0) {
      const named = controls.slice(0, 3).map(controlName).join('、');
      return fail('E041', `${q(raw)}中有看不见的控制字符 ${named}${controls.length > 3 ? ' 等' : ''}（允许：文字、数字、空格和换行，不能有控制字符）`);
    }
    if (raw.trim() !== raw) return fail('E040', `${q(raw)}开头或结尾有空格（请删除多余的空格）`);
    return parse(raw);
  };
  const col: Column<T | undefined> = { ...meta, title: info.title, description: info.description, required, parse: full };
  // An empty cell of a required column fails, so its parse never yields undefined: `required`
  // narrows the type to T, which TypeScript cannot follow through the generic R.
  return col as Column<Out<T, R>>;
}

export function text<R extends boolean | undefined = undefined>(info: Opts<R>, maxLength = 20000) {
  return column(info, { type: 'string', allowed: `任意文字（不超过 ${maxLength} 字）`, maxLength }, (raw) =>
    raw.length > maxLength ? fail('E034', `文字太长（${raw.length} 字，允许：不超过 ${maxLength} 字）`) : ok(raw),
  );
}

/**
 * Codes and names used in addresses and file names (ids, slugs) are at most this long: a longer
 * one makes a file name the file system refuses (ENAMETOOLONG) and an address nobody can cite.
 */
export const KEY_MAX_LENGTH = 64;

/** A code or name written in a fixed form (ids, slugs): used in addresses, so at most KEY_MAX_LENGTH characters. */
export function pattern<R extends boolean | undefined = undefined>(info: Opts<R>, re: RegExp, allowed: string) {
  return column(info, { type: 'string', pattern: re.source, allowed, maxLength: KEY_MAX_LENGTH }, (raw) => {
    if (raw.length > KEY_MAX_LENGTH)
      return fail('E043', `${q(raw)}太长（${raw.length} 个字符，允许：不超过 ${KEY_MAX_LENGTH} 个字符；编号用在网址和文件名中）`);
    return re.test(raw) ? ok(raw) : fail('E032', `${q(raw)}格式不对（允许：${allowed}）`);
  });
}

export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export function slug<R extends boolean | undefined = undefined>(info: Opts<R>, example = 'hongdou') {
  return pattern(info, SLUG, `小写英文字母、数字和连字符 -，例如 ${example}`);
}

export function oneOf<const V extends string, R extends boolean | undefined = undefined>(info: Opts<R>, values: readonly V[]) {
  const set = new Set<string>(values);
  return column(info, { type: 'string', enum: values, allowed: values.join('、') }, (raw) =>
    set.has(raw) ? ok(raw as V) : fail('E031', `${q(raw)}不是允许的值（允许：${values.join('、')}）`),
  );
}

export function listOf<const V extends string, R extends boolean | undefined = undefined>(info: Opts<R>, values: readonly V[]) {
  const set = new Set<string>(values);
  return column(info, { type: 'array', enum: values, list: true, allowed: `${values.join('、')}；多个值用英文分号 ; 分隔` }, (raw) => {
    const items = raw.split(';').map((s) => s.trim());
    const bad = items.find((s) => !set.has(s));
    if (bad !== undefined) {
      const shown = bad === '' ? '空值' : q(bad);
      return fail('E031', `${q(raw)}中的${shown}不是允许的值（允许：${values.join('、')}；多个值用英文分号 ; 分隔）`);
    }
    const dup = items.find((s, k) => items.indexOf(s) !== k);
    if (dup !== undefined) return fail('E031', `${q(raw)}中的“${dup}”重复出现（每个值只写一次）`);
    return ok(items as V[]);
  });
}

/** Several free-text or patterned values separated by ";" (e.g. several quotes of one target). */
export function textList<R extends boolean | undefined = undefined>(info: Opts<R>, re?: RegExp, allowedItem = '任意文字') {
  const allowed = `${allowedItem}；多个值用英文分号 ; 分隔`;
  const meta: Omit<ColumnMeta, keyof ColumnInfo | 'parse'> = { type: 'array', list: true, allowed };
  return column(info, meta, (raw) => {
    const items = raw.split(';').map((s) => s.trim());
    if (items.some((s) => s === '')) return fail('E032', `${q(raw)}中有空值（允许：${allowed}；分号前后都要有内容）`);
    const bad = re ? items.find((s) => !re.test(s)) : undefined;
    if (bad !== undefined) return fail('E032', `${q(raw)}中的${q(bad)}格式不对（允许：${allowed}）`);
    return ok(items);
  });
}

/**
 * Every number column declares the range of values that are plausible for it, so that a typo of
 * many digits (or 310 of them, which JavaScript reads as Infinity) is refused, not published.
 */
export interface NumberOpts {
  min: number;
  max: number;
  integer?: boolean;
  unit?: string;
}
const NUMBER = /^-?\d+(?:\.\d+)?$/;
export function number<R extends boolean | undefined = undefined>(info: Opts<R>, o: NumberOpts) {
  const range = `${o.min} 到 ${o.max}`;
  const allowed = `${o.integer ? '整数' : '数字'}，${range}${o.unit ? `（单位：${o.unit}）` : ''}`;
  const meta: Omit<ColumnMeta, keyof ColumnInfo | 'parse'> = { type: o.integer ? 'integer' : 'number', allowed, minimum: o.min, maximum: o.max };
  if (o.unit !== undefined) meta.unit = o.unit;
  return column(info, meta, (raw) => {
    if (!NUMBER.test(raw)) {
      return fail('E033', `${q(raw)}不是数字（允许：${allowed}；只写数字，例如 20 或 0.5，不带单位、百分号和千位分隔符）`);
    }
    const v = Number(raw);
    // Out of range first: 310 digits read as Infinity, which is no integer either.
    if (!Number.isFinite(v) || v < o.min || v > o.max) return fail('E034', `数值 ${showValue(raw)} 超出范围（允许：${range}）`);
    if (o.integer && !Number.isInteger(v)) return fail('E033', `${q(raw)}不是整数（允许：${allowed}）`);
    // -0 is 0: Intl would print it as "-0".
    return ok(v === 0 ? 0 : v);
  });
}

/** Years the data can be about: a year outside them is a typo (0019, 2201), which a chart would draw off its axis. */
export const YEAR_MIN = 1900;
export const YEAR_MAX = 2100;
const yearProblem = (raw: string): CellResult<never> | undefined => {
  const y = Number(raw.slice(0, 4));
  return y < YEAR_MIN || y > YEAR_MAX
    ? fail('E042', `${q(raw)}的年份 ${raw.slice(0, 4)} 不在 ${YEAR_MIN} 到 ${YEAR_MAX} 之间（请检查年份是否写错）`)
    : undefined;
};

export function date<R extends boolean | undefined = undefined>(info: Opts<R>) {
  const allowed = '年-月-日，例如 2019-06-30';
  return column(info, { type: 'date', pattern: DAY.source, allowed }, (raw) => {
    const m = DAY.exec(raw);
    if (!m) return fail('E035', `${q(raw)}不是有效的日期格式（允许：${allowed}）`);
    const year = yearProblem(raw);
    if (year) return year;
    if (!isRealDate(Number(m[1]), Number(m[2]), Number(m[3]))) return fail('E036', `${q(raw)}这个日期不存在（请检查月份和日期）`);
    return ok(raw);
  });
}

/** YYYY, YYYY-MM or YYYY-MM-DD. */
export function partialDate<R extends boolean | undefined = undefined>(info: Opts<R>) {
  const allowed = '年、年-月或年-月-日，例如 2017、2017-12 或 2017-12-31';
  return column(info, { type: 'string', pattern: PARTIAL_DATE.source, allowed }, (raw) => {
    if (!PARTIAL_DATE.test(raw)) return fail('E035', `${q(raw)}不是有效的日期格式（允许：${allowed}）`);
    const year = yearProblem(raw);
    if (year) return year;
    if (!isRealPartialDate(raw)) return fail('E036', `${q(raw)}这个日期不存在（请检查月份和日期）`);
    return ok(raw);
  });
}

/** A rating period: YYYY, YYYY-H1 or YYYY-H2. */
export function period<R extends boolean | undefined = undefined>(info: Opts<R>) {
  const allowed = '年度写 2018，半年度写 2019-H1（上半年）或 2019-H2（下半年）';
  return column(info, { type: 'string', pattern: PERIOD.source, allowed }, (raw) =>
    PERIOD.test(raw) ? (yearProblem(raw) ?? ok(raw)) : fail('E032', `${q(raw)}格式不对（允许：${allowed}）`),
  );
}

export function url<R extends boolean | undefined = undefined>(info: Opts<R>) {
  const allowed = '以 http:// 或 https:// 开头的完整网址';
  return column(info, { type: 'string', format: 'uri', pattern: '^https?://', allowed }, (raw) => {
    let u: URL | undefined;
    try {
      u = new URL(raw);
    } catch {
      u = undefined;
    }
    if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:') || !/^https?:\/\//i.test(raw)) {
      return fail('E037', `${q(raw)}不是允许的网址（允许：${allowed}）`);
    }
    return ok(raw);
  });
}

export function uscc<R extends boolean | undefined = undefined>(info: Opts<R>) {
  const allowed = '18 位统一社会信用代码（数字和大写字母，不含 I、O、S、V、Z），第 18 位校验码正确';
  return column(info, { type: 'string', pattern: USCC_PATTERN.source, allowed }, (raw) => {
    const problem = usccProblem(raw);
    if (problem === 'length') return fail('E038', `${q(raw)}不是 18 位（现在是 ${[...raw].length} 位；允许：${allowed}）`);
    if (problem === 'characters') {
      const bad = [...raw].find((ch) => !USCC_ALPHABET.includes(ch)) ?? '';
      const hint = /[a-z]/.test(bad) ? '，字母要大写' : '';
      return fail('E038', `${q(raw)}含有不允许的字符“${bad}”${hint}（允许：${allowed}）`);
    }
    if (problem === 'check') {
      return fail(
        'E039',
        `${q(raw)}的校验码（第 18 位）应为“${usccCheckChar(raw.slice(0, 17))}”，现在是“${raw[17]}”，代码中可能有抄错的字符，请对照营业执照核对`,
      );
    }
    return ok(raw);
  });
}

export function yesNo<R extends boolean | undefined = undefined>(info: Opts<R>) {
  return column(info, { type: 'boolean', enum: ['是', '否'], allowed: '是、否' }, (raw) =>
    raw === '是' ? ok(true) : raw === '否' ? ok(false) : fail('E031', `${q(raw)}不是允许的值（允许：是、否）`),
  );
}
