/**
 * zod compiles object parsers with new Function() unless told not to, and decides so when a
 * schema is created; the site's CSP forbids eval. Import this module before any schema.
 */
import { z } from 'astro/zod';

z.config({ jitless: true });
