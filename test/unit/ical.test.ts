/**
 * The iCalendar encoder (src/lib/publishing/ical.ts), read back by ical.js, a calendar parser
 * none of us wrote: lines folded at 75 octets without splitting a character, CRLF, TEXT escaped,
 * and no text — however hostile — able to add a property or an event of its own.
 */
import fc from 'fast-check';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { foldLine, icsCalendar, icsText, type CalendarEvent } from '../../src/lib/publishing/ical.ts';

const STAMP = new Date('2026-01-14T16:00:00Z');
const event = (over: Partial<CalendarEvent> = {}): CalendarEvent => ({
  uid: 'problem-GS-2019-008-20260131@example.org',
  date: '2026-01-31',
  summary: '整改期限：雨水排口晴天排水（GS-2019-008）',
  description: '东村 · 待整改 · 整改期限 2026-01-31',
  url: 'https://example.org/gushan/problems/GS-2019-008/',
  ...over,
});
const calendar = (events: CalendarEvent[]) => icsCalendar({ name: '顾山镇：到期事项', prodId: '-//顾山镇//到期事项//ZH', stamp: STAMP, events });
const parse = (ics: string) => new ICAL.Component(ICAL.parse(ics) as unknown[]);
const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');

describe('icsCalendar', () => {
  it('writes a calendar with the properties calendar apps need, one all-day event per deadline', () => {
    const ics = calendar([event()]);
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    const cal = parse(ics);
    expect(cal.getFirstPropertyValue('calscale')).toBe('GREGORIAN');
    expect(cal.getFirstPropertyValue('x-wr-calname')).toBe('顾山镇：到期事项');
    expect(cal.getFirstPropertyValue('prodid')).toBe('-//顾山镇//到期事项//ZH');
    const [vevent] = cal.getAllSubcomponents('vevent');
    const e = new ICAL.Event(vevent);
    expect(e.uid).toBe('problem-GS-2019-008-20260131@example.org');
    expect(e.startDate.isDate).toBe(true);
    expect(e.startDate.toString()).toBe('2026-01-31');
    expect(e.endDate.toString()).toBe('2026-02-01');
    expect(e.summary).toBe('整改期限：雨水排口晴天排水（GS-2019-008）');
    expect(vevent!.getFirstPropertyValue('url')).toBe('https://example.org/gushan/problems/GS-2019-008/');
    expect(String(vevent!.getFirstPropertyValue('dtstamp'))).toBe('2026-01-14T16:00:00Z');
    expect(ics).toContain('\r\nDTSTART;VALUE=DATE:20260131\r\nDTEND;VALUE=DATE:20260201\r\n');
  });

  it('ends an all-day event on the next day across months and years', () => {
    const ics = calendar([event({ date: '2026-12-31' }), event({ date: '2028-02-28' })]);
    expect(ics).toContain('DTEND;VALUE=DATE:20270101');
    expect(ics).toContain('DTEND;VALUE=DATE:20280229');
  });
});

describe('folding', () => {
  it('keeps every line within 75 octets and splits Chinese text only between characters', () => {
    const long = `整改期限：${'东村河南岸堆积大量生活垃圾，影响河道水质'.repeat(6)}`;
    const ics = calendar([event({ summary: long, description: `😀${long}a` })]);
    const lines = ics.split('\r\n');
    for (const line of lines) expect(utf8(line), line).toBeLessThanOrEqual(75);
    // Each physical line is whole UTF-8: decoding and re-encoding gives the same bytes (no replacement characters).
    for (const line of lines) expect(line).not.toContain('\uFFFD');
    expect(lines.filter((l) => l.startsWith(' ')).length).toBeGreaterThan(4);
    const e = new ICAL.Event(parse(ics).getFirstSubcomponent('vevent')!);
    expect(e.summary).toBe(long);
    expect(e.description).toBe(`😀${long}a`);
  });

  it('folds at exactly 75 octets, the continuation space counting', () => {
    expect(foldLine('a'.repeat(75))).toBe(`${'a'.repeat(75)}\r\n`);
    expect(foldLine('a'.repeat(76))).toBe(`${'a'.repeat(75)}\r\n a\r\n`);
    expect(foldLine('a'.repeat(75 + 74 + 1))).toBe(`${'a'.repeat(75)}\r\n ${'a'.repeat(74)}\r\n a\r\n`);
    // 25 three-octet characters fill 75 octets; the 26th goes to the next line whole.
    expect(foldLine('中'.repeat(26))).toBe(`${'中'.repeat(25)}\r\n 中\r\n`);
    // 74 octets, then a character of 3 that would make 77: it moves whole.
    expect(foldLine(`${'a'.repeat(74)}中`)).toBe(`${'a'.repeat(74)}\r\n 中\r\n`);
  });

  it('folds any text as a fold by UTF-8 bytes does: lines of at most 75 octets, whole characters, nothing lost', () => {
    const encoder = new TextEncoder();
    // The plain definition: count each character's UTF-8 bytes (an unpaired surrogate is written as U+FFFD, 3 bytes).
    const reference = (line: string) => {
      const parts: string[] = [];
      let current = '';
      let size = 0;
      for (const ch of line) {
        const n = encoder.encode(ch).length;
        if (size + n > (parts.length === 0 ? 75 : 74)) {
          parts.push(current);
          current = '';
          size = 0;
        }
        current += ch;
        size += n;
      }
      parts.push(current);
      return `${parts.join('\r\n ')}\r\n`;
    };
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.oneof(fc.constantFrom('a', '中', '😀', 'é', '\uD800', '\uDC00', ' '), fc.string({ unit: 'binary', maxLength: 1 })),
          maxLength: 300,
        }),
        (line) => {
          expect(foldLine(line)).toBe(reference(line));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('the calendar description (X-WR-CALDESC)', () => {
  it('is written only when given, as TEXT, and read back as written', () => {
    expect(calendar([event()])).not.toContain('X-WR-CALDESC');
    const hostile = '东村的整改期限，以及全镇范围的问题中最近到期的 20 个（另有 5 个）。\r\nEND:VCALENDAR\r\nBEGIN:VEVENT;x';
    const ics = icsCalendar({ name: '东村：到期事项', description: hostile, prodId: '-//顾山镇//到期事项//ZH', stamp: STAMP, events: [event()] });
    for (const line of ics.split('\r\n')) expect(utf8(line)).toBeLessThanOrEqual(75);
    const cal = parse(ics);
    // ical.js gives an X- property's value as written (it does not know it is TEXT): escaped, on one line.
    expect(cal.getFirstPropertyValue('x-wr-caldesc')).toBe(icsText(hostile));
    expect(icsText(hostile)).toContain('。\\nEND:VCALENDAR\\nBEGIN:VEVENT\\;x');
    expect(cal.getAllProperties().map((p) => p.name)).toEqual(['version', 'prodid', 'calscale', 'method', 'x-wr-calname', 'x-wr-caldesc']);
    expect(cal.getAllSubcomponents('vevent')).toHaveLength(1);
  });
});

describe('TEXT values', () => {
  it('escapes backslash, semicolon, comma and line breaks', () => {
    expect(icsText('a\\b;c,d\ne\r\nf\rg')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng');
  });

  it('keeps a hostile title from adding properties or events', () => {
    const hostile = 'x\r\nDTSTART:19700101T000000Z\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil;SUMMARY:injected,\nURL:https://evil.example/\u0000\u001b';
    const ics = calendar([event({ summary: hostile, description: hostile })]);
    const cal = parse(ics);
    const events = cal.getAllSubcomponents('vevent');
    expect(events).toHaveLength(1);
    const e = new ICAL.Event(events[0]);
    expect(e.uid).toBe('problem-GS-2019-008-20260131@example.org');
    expect(e.startDate.toString()).toBe('2026-01-31');
    expect(events[0]!.getAllProperties('url').map((p) => p.getFirstValue())).toEqual(['https://example.org/gushan/problems/GS-2019-008/']);
    // The text comes back as it was, less the control characters a calendar value may not hold.
    expect(e.summary).toBe(hostile.replace(/\r\n/g, '\n').replaceAll('\u0000', '').replaceAll('\u001b', ''));
    // No physical line starts a property the encoder did not write.
    const names = ics
      .split('\r\n')
      .filter((l) => l && !l.startsWith(' '))
      .map((l) => /^[A-Z-]+/.exec(l)?.[0]);
    expect(new Set(names)).toEqual(
      new Set([
        'BEGIN',
        'VERSION',
        'PRODID',
        'CALSCALE',
        'METHOD',
        'X-WR-CALNAME',
        'UID',
        'DTSTAMP',
        'DTSTART',
        'DTEND',
        'SUMMARY',
        'DESCRIPTION',
        'URL',
        'TRANSP',
        'END',
      ]),
    );
  });

  it('reads back any text as written (line breaks as \\n, control characters dropped)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 120 }), (s) => {
        const ics = calendar([event({ summary: s })]);
        for (const line of ics.split('\r\n')) expect(utf8(line)).toBeLessThanOrEqual(75);
        const e = new ICAL.Event(parse(ics).getFirstSubcomponent('vevent')!);
        // eslint-disable-next-line no-control-regex -- the encoder drops these
        const expected = s.replace(/\r\n|\r/g, '\n').replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '');
        expect(e.summary).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });
});
