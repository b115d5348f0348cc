/**
 * The iCalendar (RFC 5545) encoder of the calendar files /due.ics and /villages/<id>/due.ics: one
 * all-day VEVENT per deadline. Written here because the few lines the site needs (TEXT escaping,
 * folding at 75 octets without splitting a UTF-8 character, CRLF) are smaller than a library, and
 * a library that folds by UTF-16 units would split Chinese text. Pure and browser-safe.
 */

/** One deadline as a calendar event: all day on `date`. */
export interface CalendarEvent {
  /** Globally unique and stable from build to build (derived from the record, e.g. id + deadline + @host). */
  uid: string;
  /** YYYY-MM-DD. */
  date: string;
  summary: string;
  description: string;
  /** The record's absolute URL. */
  url: string;
}

export interface Calendar {
  /** X-WR-CALNAME: the name a calendar app shows for the subscription. */
  name: string;
  /** X-WR-CALDESC: what the subscription holds, in words (optional). */
  description?: string;
  /** PRODID: who made the file. */
  prodId: string;
  /** DTSTAMP of every event: when the file was made. */
  stamp: Date;
  events: readonly CalendarEvent[];
}

/** Control characters (CTL) RFC 5545 does not allow in a value; HTAB is allowed, line breaks are escaped before. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000A-\u001F\u007F]/g;

/**
 * A TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, every line break
 * (CRLF, CR or LF) as \n, other control characters dropped, so that no text can end the line
 * and start a property of its own.
 */
export function icsText(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(CONTROL, '');
}

/** A value that is not TEXT (URI, UID): no escaping in the grammar, so control characters are only dropped. */
const plain = (s: string) => s.replace(CONTROL, '');

/** The UTF-8 length of one code point. */
const octets = (cp: number) => (cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4);

/**
 * One content line folded at 75 octets (RFC 5545 §3.1): CRLF and a space before each
 * continuation, whose space counts towards its 75. Splits only between characters (code points),
 * never inside a UTF-8 sequence or a surrogate pair. Returns the line with its final CRLF.
 */
export function foldLine(line: string): string {
  // Most lines are short ASCII (BEGIN, UID, DTSTART…): nothing to count.
  if (line.length <= 75 && !/[^\x20-\x7e]/.test(line)) return `${line}\r\n`;
  const parts: string[] = [];
  let start = 0;
  let size = 0;
  for (let i = 0; i < line.length;) {
    const cp = line.codePointAt(i)!;
    const units = cp > 0xffff ? 2 : 1;
    const n = octets(cp);
    if (size + n > (parts.length === 0 ? 75 : 74)) {
      parts.push(line.slice(start, i));
      start = i;
      size = 0;
    }
    size += n;
    i += units;
  }
  parts.push(line.slice(start));
  return `${parts.join('\r\n ')}\r\n`;
}

/** YYYY-MM-DD → YYYYMMDD (a DATE value). */
const dateValue = (day: string) => day.replaceAll('-', '');

/** The day after a YYYY-MM-DD (an all-day event's DTEND is exclusive). */
function nextDay(day: string): string {
  const t = Date.parse(`${day}T00:00:00Z`) + 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** A UTC DATE-TIME: 20260115T000000Z. */
const utcValue = (d: Date) =>
  d
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');

/** The calendar as an iCalendar file: CRLF line ends, folded lines. */
export function icsCalendar(cal: Calendar): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${icsText(cal.prodId)}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${icsText(cal.name)}`,
  ];
  if (cal.description) lines.push(`X-WR-CALDESC:${icsText(cal.description)}`);
  const stamp = utcValue(cal.stamp);
  for (const e of cal.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${plain(e.uid)}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${dateValue(e.date)}`,
      `DTEND;VALUE=DATE:${dateValue(nextDay(e.date))}`,
      `SUMMARY:${icsText(e.summary)}`,
      `DESCRIPTION:${icsText(e.description)}`,
      `URL:${plain(e.url)}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('');
}
