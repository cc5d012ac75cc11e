// Small readers for deploy/*.bicep and .env.example, enough for the deploy tests. There is no Bicep compiler
// on this machine (it is a .NET tool, not on npm), so the tests read the source text.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
export const readRepoFile = (...parts: string[]): string => readFileSync(join(ROOT, ...parts), 'utf8');

/** Source without // comments (Bicep has no other single-line comment form). */
export function stripComments(bicep: string): string {
  return bicep
    .split('\n')
    .map((line) => line.replace(/(^|\s)\/\/.*$/, ''))
    .join('\n');
}

const TOP_LEVEL = /^(?:var|resource|module|param|output|targetScope|@|type|func)\b/;

/** The text of a top-level `var NAME = …` up to the next top-level declaration. */
export function varBlock(bicep: string, name: string): string | undefined {
  const lines = stripComments(bicep).split('\n');
  const start = lines.findIndex((l) => new RegExp(`^var\\s+${name}\\s*=`).test(l));
  if (start < 0) return undefined;
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((l) => TOP_LEVEL.test(l));
  return [lines[start], ...(end < 0 ? rest : rest.slice(0, end))].join('\n');
}

/** Names of the top-level vars whose name ends in "Settings" (the app-setting groups), in order. */
export function settingsVars(bicep: string): string[] {
  return [...stripComments(bicep).matchAll(/^var\s+([A-Za-z0-9_]+Settings)\s*=/gm)].map((m) => m[1]).filter((n) => n !== 'appSettings');
}

/** Keys of the object literal(s) in a var block: `  NAME: value` lines. */
export function objectKeys(block: string): string[] {
  return [...block.matchAll(/^\s+([A-Za-z_][A-Za-z0-9_]*)\s*:/gm)].map((m) => m[1]);
}

/** Every app-setting name the Bicep can set, from all "*Settings" vars. */
export function bicepAppSettings(bicep: string): string[] {
  return settingsVars(bicep).flatMap((v) => objectKeys(varBlock(bicep, v) ?? ''));
}

/** Keys in a .env.example, including documented-but-commented ones (`# KEY=value`). */
export function envExampleKeys(text: string): string[] {
  const keys = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*#?\s*(?:export\s+)?([A-Z][A-Za-z0-9_]*)=/.exec(line);
    if (m) keys.add(m[1]);
  }
  return [...keys];
}
