/**
 * Decoding CSV files the way editors produce them. UTF-8 (with or without the BOM that
 * Excel's "CSV UTF-8" writes) is accepted. Files saved by Excel or WPS as plain "CSV" on a
 * Chinese Windows are GBK/GB18030; they are recognised so the editor can be told how to
 * re-save them, instead of seeing mojibake.
 */

export type Decoded =
  | { ok: true; text: string; bom: boolean }
  | { ok: false; encoding: 'gb18030' | 'utf-16' | 'unknown'; line: number; sample: string };

const UTF8_BOM = [0xef, 0xbb, 0xbf];

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Offset of the first byte that is not part of a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need = 0;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) need = 2;
    else if (b >= 0xf0 && b <= 0xf4) need = 3;
    else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return -1;
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
    const at = Math.max(0, firstInvalidUtf8(body));
    const line = lineAt(body, at);
    // Show the offending line as GB18030 would read it, so the editor recognises it.
    let start = at;
    while (start > 0 && body[start - 1] !== 0x0a) start--;
    let end = at;
    while (end < body.length && body[end] !== 0x0a && body[end] !== 0x0d) end++;
    let encoding: 'gb18030' | 'unknown' = 'unknown';
    let sample = '';
    try {
      const gb = new TextDecoder('gb18030', { fatal: true }).decode(body);
      // Most GB18030 text that is not UTF-8 decodes to CJK ideographs.
      if (/[\u4e00-\u9fff]/.test(gb)) encoding = 'gb18030';
      sample = new TextDecoder('gb18030').decode(body.subarray(start, end)).slice(0, 40);
    } catch {
      sample = new TextDecoder('utf-8').decode(body.subarray(start, end)).slice(0, 40);
    }
    return { ok: false, encoding, line, sample };
  }
}
