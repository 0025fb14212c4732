// MySay's own messages, read from the Fluent files, so a test can find a
// button by its words in any shipped language.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const LANGUAGES = ['en', 'ar', 'fa-AF', 'ps', 'ti', 'ckb', 'cy'] as const;
export const RIGHT_TO_LEFT = new Set(['ar', 'fa-AF', 'ps', 'ckb']);

const cache = new Map<string, Map<string, string>>();

function messages(code: string): Map<string, string> {
  let found = cache.get(code);
  if (!found) {
    const file = join(__dirname, '..', '..', 'app', 'locales', code, 'main.ftl');
    found = new Map();
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (/^[#\s.]/.test(line) || !line.includes('=')) continue;
      const at = line.indexOf('=');
      found.set(line.slice(0, at).trim(), line.slice(at + 1).trim());
    }
    cache.set(code, found);
  }
  return found;
}

/** A message in language `code`, with `{ $name }` values put in. */
export function msg(code: string, key: string, values: Record<string, string> = {}): string {
  const text = messages(code).get(key);
  if (text === undefined) throw new Error(`${code} has no message ${key}`);
  return text.replace(/\{ \$([a-z_-]+) \}/g, (_, name: string) => values[name] ?? '');
}

/** As `msg`, as a pattern that ignores the invisible marks Fluent puts
 * around inserted values. */
export function msgPattern(code: string, key: string, values: Record<string, string> = {}): RegExp {
  const text = msg(code, key, values);
  const escaped = [...text].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^[\u2068\u2069]?${escaped.join('[\u2068\u2069]?')}[\u2068\u2069]?$`);
}
