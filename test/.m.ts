import { launchChromium } from '/work/wt-14/test/helpers/browser.ts';
import { serveStatic } from '/work/wt-14/test/helpers/static-server.ts';
import { findBrokenRuns, firstRecordY } from '/work/wt-14/test/helpers/narrow-text.ts';
const dir = process.argv[2];
const paths = process.argv.slice(3);
const server = await serveStatic(dir, '/gushan/');
const browser = await launchChromium('/usr/bin/chromium');
for (const w of [320, 375])
  for (const p of paths) {
    const page = await browser.newPage({ viewport: { width: w, height: 800 } });
    await page.goto(server.root + p);
    await page.waitForLoadState('networkidle');
    const h = await page.evaluate(() => document.documentElement.scrollHeight);
    const broken = await page.evaluate(findBrokenRuns);
    const y1 = await page.evaluate(firstRecordY, 'tbody tr[data-id], tbody tr[data-uscc]');
    console.log(w, p, 'height', h, 'first', y1, 'broken', broken.length, JSON.stringify(broken.slice(0, 6)));
    if (process.env.SHOT) await page.screenshot({ path: `/tmp/shot14-${w}-${p.replace(/\//g, '_') || 'home'}.png`, fullPage: true });
    await page.close();
  }
await browser.close();
await server.close();
