/**
 * `astro build` only: Vite's dependency optimizer is left out. Before a build, Astro's content
 * sync starts a Vite dev server of its own that serves no request, and Astro's own entries
 * (its dev toolbar, html-escaper) keep that server's optimizer bundling them, into a cache of
 * its own. With cold caches, as a fresh clone and the bench build, that held the build 1–2 s
 * before the first page (README, "Scale"). The build itself does not use the optimizer, and the
 * dev server (`astro dev`) keeps it: it is what lets the browser load its dependencies.
 */
import type { AstroIntegration } from 'astro';
import type { Plugin } from 'vite';

/** The Vite plugin: every environment's optimizer gets no entries and discovers none. */
export const noDepOptimizerPlugin = (): Plugin => ({
  name: 'gushan:no-dep-optimizer',
  // After Astro's plugins, which add the entries.
  enforce: 'post',
  configEnvironment(_name, options) {
    options.optimizeDeps = { ...options.optimizeDeps, noDiscovery: true, include: [] };
  },
});

export default function noDepOptimizer(): AstroIntegration {
  return {
    name: 'gushan:no-dep-optimizer',
    hooks: {
      'astro:config:setup': ({ command, updateConfig }) => {
        if (command === 'build') updateConfig({ vite: { plugins: [noDepOptimizerPlugin()] } });
      },
    },
  };
}
