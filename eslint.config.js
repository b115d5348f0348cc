// @ts-check
import { defineConfig } from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import astro from 'eslint-plugin-astro';
import globals from 'globals';

export default defineConfig(
  {
    // Generated output, and the editors' data and content (checked by `npm run validate`, not linted).
    ignores: ['dist/', '.astro/', '.astro-check/', '.cache/', 'test/.output/', 'test/fixtures/', 'data/', 'content/', 'public/'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  astro.configs.recommended,
  {
    // The JavaScript config files run in Node (TypeScript files get their globals from their types).
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
);
