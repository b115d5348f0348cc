/** The site project's setup file (vitest.config.ts): no site file starts before the fixture sites exist. */
import { sitesReady } from './sites-ready.ts';

await sitesReady();
