/** `astro build` leaves Vite's dependency optimizer out; `astro dev` keeps it (src/integrations/no-dep-optimizer.ts). */
import { describe, expect, it } from 'vitest';
import type { AstroIntegration } from 'astro';
import type { Plugin } from 'vite';
import noDepOptimizer, { noDepOptimizerPlugin } from '../../src/integrations/no-dep-optimizer.ts';

type Setup = NonNullable<AstroIntegration['hooks']['astro:config:setup']>;

/** The Vite plugins the integration adds for a command. */
function pluginsFor(command: 'build' | 'dev' | 'preview' | 'sync'): unknown[] {
  const added: unknown[] = [];
  const setup = noDepOptimizer().hooks['astro:config:setup'] as Setup;
  const updateConfig = (c: { vite?: { plugins?: unknown[] } }) => (added.push(...(c.vite?.plugins ?? [])), {});
  void setup({ command, updateConfig } as unknown as Parameters<Setup>[0]);
  return added;
}

describe("the dependency optimizer in Astro's build", () => {
  it('is left out of every environment, after the entries Astro added', () => {
    const plugin = noDepOptimizerPlugin();
    expect(plugin.enforce).toBe('post');
    const options = { optimizeDeps: { include: ['astro > html-escaper', 'astro/runtime/client/dev-toolbar/entrypoint.js'], exclude: ['astro:*'] } };
    const hook = plugin.configEnvironment as (name: string, o: typeof options) => void;
    hook('client', options);
    expect(options.optimizeDeps).toEqual({ include: [], exclude: ['astro:*'], noDiscovery: true });
    const bare: { optimizeDeps?: object } = {};
    (plugin.configEnvironment as (name: string, o: typeof bare) => void)('ssr', bare);
    expect(bare.optimizeDeps).toEqual({ include: [], noDiscovery: true });
  });

  it('only for `astro build`: the dev server keeps it', () => {
    expect(pluginsFor('build').map((p) => (p as Plugin).name)).toEqual(['gushan:no-dep-optimizer']);
    expect(pluginsFor('dev')).toEqual([]);
    expect(pluginsFor('preview')).toEqual([]);
  });
});
