/**
 * /due/ and a village's due section in a real browser at 320, 375 and 1280 px: the cards fit the
 * screen (no sideways scrolling), and the calendar is served as text/calendar.
 */
import { describe, expect, it } from 'vitest';
import { browserAvailability } from '../helpers/browser.ts';
import { siteInBrowser } from '../helpers/site-browser.ts';

const browserPath = browserAvailability();

describe.skipIf(browserPath.skip)('what is due, in a browser', () => {
  const site = siteInBrowser();

  it('fits /due/ and a village page at 320, 375 and 1280 px', async () => {
    const failures: string[] = [];
    for (const width of [320, 375, 1280]) {
      const page = await site.browser.newPage({ viewport: { width, height: 800 } });
      for (const path of ['due/', 'villages/dongcun/']) {
        await page.goto(site.server.root + path);
        const { scroll, screen, cards, outside } = await page.evaluate(() => {
          const screen = document.documentElement.clientWidth;
          const items = [...document.querySelectorAll('.due-item')];
          return {
            scroll: document.documentElement.scrollWidth,
            screen,
            cards: items.length,
            outside: items
              .filter((li) => li.getBoundingClientRect().right > screen + 1 || li.scrollWidth > li.clientWidth + 1)
              .map((li) => li.textContent?.trim().slice(0, 20)),
          };
        });
        if (scroll > screen) failures.push(`/${path} at ${width} px: ${scroll} px wide`);
        if (cards === 0) failures.push(`/${path} at ${width} px: no cards`);
        for (const o of outside) failures.push(`/${path} at ${width} px: card “${o}” past the screen`);
      }
      await page.close();
    }
    expect(failures).toEqual([]);
  });

  it('serves the calendar files as text/calendar in UTF-8', async () => {
    for (const path of ['due.ics', 'villages/dongcun/due.ics']) {
      const res = await fetch(site.server.root + path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toBe('text/calendar; charset=utf-8');
      expect((await res.text()).startsWith('BEGIN:VCALENDAR\r\n'), path).toBe(true);
    }
  });
});
