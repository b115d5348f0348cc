/**
 * Decoding CSV files the way editors produce them. UTF-8 (with or without the BOM that
 * Excel's "CSV UTF-8" writes) is accepted. Files saved by Excel or WPS as plain "CSV" on a
 * Chinese Windows are GBK/GB18030; they are recognised so the editor can be told how to
 * re-save them, instead of seeing mojibake, and read as GB18030 so that the same pass can
 * report the file's other problems too.
 */

export type Decoded =
  | { ok: true; text: string; bom: boolean }
  | { ok: false; encoding: 'gb18030'; line: number; sample: string; /** The file read as GB18030, to check the rest of it. */ text: string }
  | { ok: false; encoding: 'utf-16' | 'unknown'; line: number; sample: string };

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** Physical line (1-based) of a byte offset, counting LF, CRLF and a lone CR as one line break each, as the CSV reader does. */
function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) {
    if (bytes[i] === 0x0a) line++;
    else if (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a) line++;
  }
  return line;
}

/**
 * The range the byte after a lead byte must fall in (Unicode table 3-7, well-formed UTF-8):
 * E0 needs A0–BF (else an overlong form), ED needs 80–9F (else a UTF-16 surrogate, D800–DFFF),
 * F0 needs 90–BF (overlong), F4 needs 80–8F (beyond U+10FFFF). C0, C1 and F5–FF are never valid.
 */
function secondByteRange(lead: number): [number, number] {
  if (lead === 0xe0) return [0xa0, 0xbf];
  if (lead === 0xed) return [0x80, 0x9f];
  if (lead === 0xf0) return [0x90, 0xbf];
  if (lead === 0xf4) return [0x80, 0x8f];
  return [0x80, 0xbf];
}

/** Length of the well-formed UTF-8 sequence at `i`, or 0 when the bytes there are not one. */
function utf8SequenceAt(bytes: Uint8Array, i: number): number {
  const b = bytes[i]!;
  if (b < 0x80) return 1;
  let need: number;
  if (b >= 0xc2 && b <= 0xdf) need = 1;
  else if (b >= 0xe0 && b <= 0xef) need = 2;
  else if (b >= 0xf0 && b <= 0xf4) need = 3;
  else return 0;
  const [lo, hi] = secondByteRange(b);
  const second = bytes[i + 1];
  if (second === undefined || second < lo || second > hi) return 0;
  for (let k = 2; k <= need; k++) {
    const c = bytes[i + k];
    if (c === undefined || (c & 0xc0) !== 0x80) return 0;
  }
  return need + 1;
}

/**
 * Where the bytes stop being UTF-8: the offset of the first byte that does not begin a
 * well-formed sequence (truncated sequences, stray continuation bytes, overlong forms and
 * encoded surrogates included), or -1; and how many such bytes and how many multi-byte
 * sequences there are, to tell a UTF-8 file with a few bad bytes from a GBK file.
 */
function scanUtf8(bytes: Uint8Array): { first: number; invalid: number; multibyte: number } {
  let first = -1;
  let invalid = 0;
  let multibyte = 0;
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const len = utf8SequenceAt(bytes, i);
    if (len === 0) {
      if (first < 0) first = i;
      invalid++;
      i++;
      continue;
    }
    if (len > 1) multibyte++;
    i += len;
  }
  return { first, invalid, multibyte };
}

export function decodeCsvBytes(bytes: Uint8Array): Decoded {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { ok: false, encoding: 'utf-16', line: 1, sample: '' };
  }
  const bom = UTF8_BOM.every((b, k) => bytes[k] === b);
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
    return { ok: true, text, bom };
  } catch {
    const scan = scanUtf8(body);
    const at = Math.max(0, scan.first);
    const line = lineAt(body, at);
    // Show the offending line as GB18030 would read it, so the editor recognises it.
    let start = at;
    while (start > 0 && body[start - 1] !== 0x0a && body[start - 1] !== 0x0d) start--;
    let end = at;
    while (end < body.length && body[end] !== 0x0a && body[end] !== 0x0d) end++;
    let gbText: string | undefined;
    let sample: string;
    try {
      const gb = new TextDecoder('gb18030', { fatal: true }).decode(body);
      // Most GB18030 text that is not UTF-8 decodes to CJK ideographs. A file that is mostly
      // well-formed UTF-8 (more multi-byte sequences than bad bytes) is UTF-8 with a few bad
      // bytes, not GBK: read as GBK, all its Chinese would turn into mojibake.
      if (/[\u4e00-\u9fff]/.test(gb) && scan.invalid >= scan.multibyte) gbText = gb;
      sample = new TextDecoder('gb18030').decode(body.subarray(start, end)).slice(0, 40);
    } catch {
      sample = new TextDecoder('utf-8').decode(body.subarray(start, end)).slice(0, 40);
    }
    return gbText === undefined ? { ok: false, encoding: 'unknown', line, sample } : { ok: false, encoding: 'gb18030', line, sample, text: gbText };
  }
}
