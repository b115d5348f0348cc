/**
 * Where Astro's log goes (astro.config.mjs `logger`): the same lines Astro's own destination
 * (`astro/logger/node`) prints, written in batches. A build logs two events a page (the page's
 * path, then its time), and Astro's destination writes each one to stdout on its own, with the
 * time of day formatted afresh: at L that held the main thread, which renders the pages, for
 * about 2 s of 31,000 pages (README, "Scale"). Here the time of day is formatted once a second
 * and the lines go out together: when 65,536 characters have gathered, 100 ms after the first of
 * them, before any warning or error, and when the process exits. Warnings and errors are written
 * at once, as Astro writes them (errors to stderr), after the lines before them. What this gives
 * up: a process that never lets its event loop turn again (a page caught in a loop) or that V8
 * aborts (out of memory) leaves its last lines, at most 100 ms of them, unwritten.
 */
import type { AstroLoggerDestination, AstroLoggerMessage } from 'astro';
import colors from 'piccolore';

/** The time of day as Astro's log shows it (astro/dist/core/logger/core.js `dateTimeFormat`). */
const timeOfDay = new Intl.DateTimeFormat([], { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

/** Where the batches and the errors go; process.stdout and process.stderr but in tests. */
export interface LogStreams {
  out: { write(text: string): unknown };
  err: { write(text: string): unknown };
}

/** How much gathers before it is written, and how long the first line of a batch may wait. */
export const BATCH_CHARS = 64 * 1024;
export const BATCH_MS = 100;

export function batchedLog(streams: LogStreams = { out: process.stdout, err: process.stderr }, now: () => number = Date.now): AstroLoggerDestination {
  let pending: string[] = [];
  let pendingLength = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let second = Number.NaN;
  let stamp = '';

  const flush = (): void => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (pending.length === 0) return;
    const text = pending.join('');
    pending = [];
    pendingLength = 0;
    streams.out.write(text);
  };

  /** The prefix Astro's getEventPrefix writes, with the time of day of this second. */
  const prefix = ({ level, label }: AstroLoggerMessage): string => {
    const at = now();
    const s = Math.floor(at / 1000);
    if (s !== second) {
      second = s;
      stamp = timeOfDay.format(new Date(at));
    }
    if (level === 'error' || level === 'warn') {
      const parts = [colors.bold(stamp), `[${level.toUpperCase()}]`, ...(label ? [`[${label}]`] : [])].join(' ');
      return level === 'error' ? colors.red(parts) : colors.yellow(parts);
    }
    return label ? `${colors.dim(stamp)} ${colors.blue(`[${label}]`)}` : colors.dim(stamp);
  };

  const write = (event: AstroLoggerMessage): void => {
    const end = event.newLine ? '\n' : '';
    const text = event.label === 'SKIP_FORMAT' ? event.message + end : `${prefix(event)} ${event.message}${end}`;
    if (event.level === 'error') {
      flush();
      streams.err.write(text);
      return;
    }
    pending.push(text);
    pendingLength += text.length;
    if (event.level === 'warn' || pendingLength >= BATCH_CHARS) flush();
    else if (!timer) timer = setTimeout(flush, BATCH_MS).unref();
  };

  return { write, flush, close: flush };
}

let shared: AstroLoggerDestination | undefined;

/**
 * The destination Astro loads (astro.config.mjs `logger.entrypoint`), written out when the
 * process exits. One per process: the dev server loads it again at every restart.
 */
export default function buildLog(): AstroLoggerDestination {
  if (shared) return shared;
  const log = batchedLog();
  process.on('exit', () => log.flush?.());
  // Before Node prints an uncaught error, so the lines that led to it come first.
  process.on('uncaughtExceptionMonitor', () => log.flush?.());
  shared = log;
  return log;
}
