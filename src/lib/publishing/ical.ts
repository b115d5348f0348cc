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

const encoder = new TextEncoder();
const octets = (s: string) => encoder.encode(s).length;

/**
 * One content line folded at 75 octets (RFC 5545 §3.1): CRLF and a space before each
 * continuation, whose space counts towards its 75. Splits only between characters (code points),
 * never inside a UTF-8 sequence or a surrogate pair. Returns the line with its final CRLF.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const ch of line) {
    const n = octets(ch);
    const limit = parts.length === 0 ? 75 : 74;
    if (size + n > limit) {
      parts.push(current);
      current = '';
      size = 0;
    }
    current += ch;
    size += n;
  }
  parts.push(current);
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
