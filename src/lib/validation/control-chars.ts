/**
 * Invisible characters an editor never means to publish: control characters (a vertical tab is
 * what Word writes for Shift+Enter, and a cell copied from it carries one into Excel), the
 * Unicode line and paragraph separators, noncharacters and lone surrogates. XML forbids most of
 * them (one makes an RSS feed unreadable), JavaScript and CSV tools treat the separators as line
 * ends, and none shows on a page. The validator refuses them (E041) and the fixer removes them;
 * tab, line feed and carriage return are ordinary text. Pure and browser-safe.
 */
/* eslint-disable no-control-regex -- finding control characters is what this module's patterns are for */

/** The characters refused in a cell (with the u flag, a lone surrogate is one match). */
export const CONTROL_CHARS =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029\uFDD0-\uFDEF\uFFFE\uFFFF\uD800-\uDFFF\u{1FFFE}\u{1FFFF}\u{2FFFE}\u{2FFFF}\u{3FFFE}\u{3FFFF}\u{4FFFE}\u{4FFFF}\u{5FFFE}\u{5FFFF}\u{6FFFE}\u{6FFFF}\u{7FFFE}\u{7FFFF}\u{8FFFE}\u{8FFFF}\u{9FFFE}\u{9FFFF}\u{AFFFE}\u{AFFFF}\u{BFFFE}\u{BFFFF}\u{CFFFE}\u{CFFFF}\u{DFFFE}\u{DFFFF}\u{EFFFE}\u{EFFFF}\u{FFFFE}\u{FFFFF}\u{10FFFE}\u{10FFFF}]/gu;

/** Of those, the ones that stand for a line break where they come from (Word, web pages, old Mac files). */
const BREAKS = /[\u000B\u000C\u0085\u2028\u2029]/gu;

/** U+000B and the like: the code point of one character, as people look it up. */
export function codePoint(ch: string): string {
  return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

const NAMES: Record<string, string> = {
  '\u0000': '空字符',
  '\u000B': '垂直制表符，Word 中按 Shift+Enter 换行时产生',
  '\u000C': '换页符，Word 中的分页符',
  '\u007F': '删除符',
  '\u0085': '下一行符',
  '\u2028': '行分隔符',
  '\u2029': '段落分隔符',
};

/** A refused character in words: “U+000B（垂直制表符，Word 中按 Shift+Enter 换行时产生）”. */
export function controlName(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  const name =
    NAMES[ch] ??
    (cp >= 0xd800 && cp <= 0xdfff
      ? '不成对的代理字符，文字在复制或转换时被截断'
      : (cp & 0xfffe) === 0xfffe || (cp >= 0xfdd0 && cp <= 0xfdef)
        ? 'Unicode 非字符'
        : '控制字符');
  return `${codePoint(ch)}（${name}）`;
}

/** The distinct refused characters of `s`, in order of first appearance. */
export function controlChars(s: string): string[] {
  return [...new Set(s.match(CONTROL_CHARS) ?? [])];
}

/**
 * `s` without refused characters. With `breaks`, those that stand for a line break become a
 * line feed (for free text, where a line break is allowed), the others are removed.
 */
export function stripControlChars(s: string, breaks = false): string {
  return (breaks ? s.replace(BREAKS, '\n') : s).replace(CONTROL_CHARS, '');
}

/** `s` with each refused character shown as its code point in brackets, for messages: “a[U+000B]b”. */
export function showControlChars(s: string): string {
  return s.replace(CONTROL_CHARS, (ch) => `[${codePoint(ch)}]`);
}
