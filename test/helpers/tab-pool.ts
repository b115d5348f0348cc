/**
 * A few browser tabs that page checks take turns on. Opening a tab starts a renderer process
 * (with its fonts) and costs several page loads in an open tab, so a check that
 * visits dozens of pages reuses tabs: each check navigates the tab it gets, and every event
 * listener it adds is removed when it gives the tab back (`use`).
 */
import type { BrowserContext, Page } from 'playwright-core';

export class TabPool {
  private readonly free: Page[] = [];
  private readonly waiting: Array<(page: Page) => void> = [];
  private opened = 0;
  private readonly context: () => BrowserContext;
  private readonly size: number;

  constructor(context: () => BrowserContext, size: number) {
    this.context = context;
    this.size = size;
  }

  /** Runs `check` on a free tab (opening one while fewer than `size` are open), then frees it. */
  async use<T>(check: (page: Page) => Promise<T>): Promise<T> {
    const page = await this.acquire();
    try {
      return await check(page);
    } finally {
      page.removeAllListeners();
      const next = this.waiting.shift();
      if (next) next(page);
      else this.free.push(page);
    }
  }

  private async acquire(): Promise<Page> {
    const page = this.free.pop();
    if (page) return page;
    if (this.opened < this.size) {
      this.opened++;
      return this.context().newPage();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }
}
