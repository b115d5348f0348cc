/**
 * Finds Debian's Chromium (or CHROMIUM_PATH) and launches it headless with the flags that
 * keep it off the network. Browser tests skip with a clear message when no browser is found,
 * except in CI, where a missing browser is a failure.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function findChromium(env: Record<string, string | undefined> = process.env): string | undefined {
  const candidates = [env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p): p is string => typeof p === 'string' && p !== '' && existsSync(p));
}

export const MISSING_BROWSER = '没有找到 Chromium，浏览器测试已跳过。安装方法：apt-get install -y chromium fonts-noto-cjk，或设置 CHROMIUM_PATH 指向浏览器。';

export function browserAvailability(): { path?: string; skip: boolean } {
  const path = findChromium();
  if (path) return { path, skip: false };
  if (process.env.CI) throw new Error(`CI 环境必须有浏览器：${MISSING_BROWSER}`);
  console.warn(MISSING_BROWSER);
  return { skip: true };
}

export async function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_FLAGS });
}
