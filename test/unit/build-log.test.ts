/** Astro's log written in batches (src/build/build-log.ts): the same text as Astro's own destination, fewer writes, nothing lost. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters as plain } from 'node:util';
import type { AstroLoggerMessage } from 'astro';
import astroDestination from 'astro/logger/node';
import { batchedLog, BATCH_CHARS, BATCH_MS, type LogStreams } from '../../src/build/build-log.ts';

/** Streams that record each write, in order across both. */
function recorder() {
  const calls: { stream: 'out' | 'err'; text: string }[] = [];
  const streams: LogStreams = {
    out: { write: (text: string) => calls.push({ stream: 'out', text }) },
    err: { write: (text: string) => calls.push({ stream: 'err', text }) },
  };
  const text = (stream: 'out' | 'err') =>
    calls
      .filter((c) => c.stream === stream)
      .map((c) => c.text)
      .join('');
  return { calls, streams, text };
}

const event = (level: AstroLoggerMessage['level'], label: string | null, message: string, newLine = true): AstroLoggerMessage => ({
  level,
  label,
  message,
  newLine,
});

/** What a build logs: its steps, pages (a path, then its time), an integration's lines, a warning, an error. */
const CORPUS: AstroLoggerMessage[] = [
  event('info', 'SKIP_FORMAT', '\n generating static routes '),
  event('info', null, '  ├─ /credit/91320281MA1X000001/index.html', false),
  event('info', null, '  ├─ /problems/GS-2019-004/index.html', false),
  event('info', 'SKIP_FORMAT', ' (+6.75ms) '),
  event('info', 'SKIP_FORMAT', ' (+12ms) '),
  event('info', 'build', '✓ Completed in 51.82s.'),
  event('info', 'gushan-downloads', '下载文件：写出 45 个（data/villages.csv、data/villages.json），0 个与上次构建相同而保留（3561 毫秒）'),
  event('info', null, ''),
  event('info', 'vite', 'line one\nline two'),
  event('warn', 'gushan:validate-data', '没有设置 SITE_URL（网站的正式网址）'),
  event('warn', null, 'a warning without a label'),
  event('info', 'build', 'after the warning'),
  event('error', 'build', 'data/problems.csv 第 3 行：状态“整改中 ”不是允许的值'),
  event('error', null, 'an error without a label'),
  event('info', 'build', 'Complete!'),
  event('debug', 'build', 'a debug line'),
];

describe("Astro's log, in batches", () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it("writes what Astro's own destination writes, to the same streams, in the same order", () => {
    vi.useFakeTimers({ now: new Date('2026-03-01T08:09:10Z') });
    const astroOut: string[] = [];
    const astroErr: string[] = [];
    const both: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => (astroOut.push(String(s)), both.push(String(s)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => (astroErr.push(String(s)), both.push(String(s)), true));
    const astro = astroDestination({ level: 'debug' });
    for (const e of CORPUS) astro.write(e);
    vi.restoreAllMocks();

    const ours = recorder();
    const log = batchedLog(ours.streams);
    for (const e of CORPUS) log.write(e);
    log.flush?.();
    expect(ours.text('out')).toBe(astroOut.join(''));
    expect(ours.text('err')).toBe(astroErr.join(''));
    expect(ours.calls.map((c) => c.text).join('')).toBe(both.join(''));
    // The corpus has what it should: a time of day, labels, the Chinese lines.
    expect(plain(ours.text('out'))).toContain('[gushan-downloads] 下载文件：写出 45 个');
    expect(plain(ours.text('err'))).toContain('data/problems.csv 第 3 行');
  });

  it('the time of day follows the clock, second by second', () => {
    vi.useFakeTimers({ now: new Date(2026, 2, 1, 8, 9, 10, 900) });
    const ours = recorder();
    const log = batchedLog(ours.streams);
    log.write(event('info', 'build', 'a'));
    vi.setSystemTime(new Date(2026, 2, 1, 8, 9, 11, 50));
    log.write(event('info', 'build', 'b'));
    vi.setSystemTime(new Date(2026, 2, 1, 8, 10, 0, 0));
    log.write(event('info', 'build', 'c'));
    log.flush?.();
    const lines = plain(ours.text('out')).split('\n');
    expect(lines[0]).toMatch(/08:09:10.*\[build\] a$/);
    expect(lines[1]).toMatch(/08:09:11.*\[build\] b$/);
    expect(lines[2]).toMatch(/08:10:00.*\[build\] c$/);
  });

  it("a build's page lines go out in a few writes, every one of them", () => {
    vi.useFakeTimers();
    const ours = recorder();
    const log = batchedLog(ours.streams);
    const pages = 5000;
    for (let i = 0; i < pages; i++) {
      log.write(event('info', null, `  ├─ /credit/9132028${String(i).padStart(11, '0')}/index.html`, false));
      log.write(event('info', 'SKIP_FORMAT', ` (+${i % 20}ms) `));
    }
    log.flush?.();
    const text = ours.text('out');
    expect(text.split('\n').length - 1).toBe(pages);
    for (const i of [0, 1, 2499, 4999]) expect(text).toContain(`/credit/9132028${String(i).padStart(11, '0')}/index.html (+${i % 20}ms) \n`);
    // Astro's own destination makes a write of each event: 10,000 here.
    expect(ours.calls.length).toBeLessThanOrEqual(Math.ceil(text.length / BATCH_CHARS) + 1);
  });

  it('a line waits at most BATCH_MS before it is written', () => {
    vi.useFakeTimers();
    const ours = recorder();
    const log = batchedLog(ours.streams);
    log.write(event('info', 'build', 'waiting'));
    expect(ours.calls).toEqual([]);
    vi.advanceTimersByTime(BATCH_MS - 1);
    expect(ours.calls).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(plain(ours.text('out'))).toMatch(/\[build\] waiting\n$/);
    // Nothing more is written when nothing more came.
    vi.advanceTimersByTime(10 * BATCH_MS);
    expect(ours.calls).toHaveLength(1);
  });

  it('a warning is written at once, and an error after the lines before it', () => {
    vi.useFakeTimers();
    const ours = recorder();
    const log = batchedLog(ours.streams);
    log.write(event('info', 'build', 'first'));
    log.write(event('warn', 'build', 'careful'));
    expect(ours.calls).toHaveLength(1);
    expect(ours.calls[0]!.text).toMatch(/first\n.*careful\n$/s);
    log.write(event('info', 'build', 'second'));
    log.write(event('error', 'build', '出错了'));
    expect(ours.calls.map((c) => c.stream)).toEqual(['out', 'out', 'err']);
    expect(ours.calls[1]!.text).toMatch(/second\n$/);
    expect(ours.calls[2]!.text).toMatch(/出错了\n$/);
  });

  /** A process that logs through the destination Astro loads, then ends as `how` says. */
  const run = (how: string) => {
    const module = fileURLToPath(new URL('../../src/build/build-log.ts', import.meta.url));
    const script = `
      const { default: buildLog } = await import(${JSON.stringify(module)});
      const log = buildLog();
      if (buildLog() !== log) throw new Error('two destinations in one process');
      for (let i = 0; i < 3000; i++) log.write({ level: 'info', label: null, message: '  ├─ /p/' + i + '/index.html', newLine: false }), log.write({ level: 'info', label: 'SKIP_FORMAT', message: ' (+1ms) ', newLine: true });
      log.write({ level: 'info', label: 'build', message: '最后一行', newLine: true });
      ${how}
    `;
    return spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  };

  it.each([
    ['returns', ''],
    ['calls process.exit', 'process.exit(3);'],
    ['throws', "throw new Error('坏了');"],
  ])('nothing is lost when the process %s', (_how, code) => {
    const r = run(code);
    const lines = r.stdout.split('\n').filter(Boolean);
    expect(lines).toHaveLength(3001);
    expect(lines[2999]).toContain('/p/2999/index.html (+1ms)');
    expect(lines[3000]).toMatch(/\[build\] 最后一行$/);
    if (code.startsWith('throw')) {
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain('坏了');
    }
  });
});
