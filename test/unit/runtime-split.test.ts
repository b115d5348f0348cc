/**
 * Code is split by where it runs: src/lib, src/schemas and src/scripts are browser-safe and are
 * type-checked by src/lib/tsconfig.json without Node's types, so a node: import or a use of
 * `process` there is a compile error, not a grep; Node-only build code lives in src/build.
 */
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/paths.ts';

const CONFIG = join(ROOT, 'src/lib/tsconfig.json');
const PROBE = join(ROOT, 'src/lib/__node-probe__.ts');

/**
 * What `tsc -p src/lib/tsconfig.json` reports, in its format, run in this process. `extra` adds
 * files to the tree in memory only: unit tests run in parallel, and others read src/.
 */
function typeCheck(extra: Record<string, string> = {}, old?: ts.Program, only?: string): { program: ts.Program; output: string } {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    CONFIG,
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => expect.fail(String(d.messageText)) },
  )!;
  const host = ts.createCompilerHost(parsed.options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (f, lang, ...rest) => (f in extra ? ts.createSourceFile(f, extra[f]!, lang) : getSourceFile(f, lang, ...rest));
  host.fileExists = (f) => f in extra || fileExists(f);
  host.readFile = (f) => extra[f] ?? readFile(f);
  const program = ts.createProgram({
    rootNames: [...parsed.fileNames, ...Object.keys(extra)],
    options: parsed.options,
    host,
    oldProgram: old,
    configFileParsingDiagnostics: ts.getConfigFileParsingDiagnostics(parsed),
  });
  // `only`: the diagnostics of that file alone; checking the whole tree again would only repeat the first test.
  const output = ts.formatDiagnostics(ts.getPreEmitDiagnostics(program, only === undefined ? undefined : program.getSourceFile(only)), {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => ROOT,
    getNewLine: () => '\n',
  });
  return { program, output };
}

describe('the browser-safe tree', () => {
  let clean: ts.Program | undefined;

  it('type-checks without Node types', () => {
    const r = typeCheck();
    clean = r.program;
    expect(r.output).toBe('');
  }, 180_000);

  it('refuses a node: import or process placed in it', () => {
    const { output } = typeCheck(
      { [PROBE]: "import { readFileSync } from 'node:fs';\nexport const a = readFileSync('x');\nexport const b = process.env.X;\n" },
      clean,
      PROBE,
    );
    expect(output).toContain("src/lib/__node-probe__.ts(1,30): error TS2591: Cannot find name 'node:fs'.");
    expect(output).toContain("src/lib/__node-probe__.ts(3,18): error TS2591: Cannot find name 'process'.");
  }, 180_000);
});
