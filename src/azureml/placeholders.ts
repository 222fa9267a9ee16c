/**
 * Template placeholders left for a person or a script to fill: `{{NAME}}`, `<NAME>`, `${NAME}`.
 * (`${{…}}` is Azure ML's own binding syntax, never a placeholder.)
 *
 * `{{NAME}}` unquoted is not even valid YAML where a value starts (`name: {{X}}` is a flow mapping in
 * a flow mapping), so before parsing each one is replaced by letters of the same length: positions do
 * not move, and the rest of the file is still checked. Each placeholder inside a value is then
 * reported once, "template placeholder {{NAME}}", at its key path; problems at that path (a name
 * rule, a type) are the placeholder's, not the file's, and are dropped.
 */
import type { Node } from 'yaml';
import * as YAML from 'yaml';
import { dotted, type Problem, type Severity } from './issues.js';
import type { Source } from './source.js';

const MUSTACHE = /(?<!\$)\{\{\s*([^{}\n]{1,80}?)\s*\}\}/g;
const ANGLE = /<\s*([A-Za-z][A-Za-z0-9_ .-]{0,60}?)\s*>/g;
const DOLLAR = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
/** Markup that may appear in descriptions; never a placeholder. */
const HTML = new Set(['a', 'b', 'br', 'code', 'div', 'em', 'h1', 'h2', 'h3', 'h4', 'hr', 'i', 'img', 'li', 'ol', 'p', 'pre', 'span', 'strong', 'sub', 'sup', 'table', 'td', 'th', 'tr', 'u', 'ul']);
/** Keys whose values are shell text, where `${VAR}` and `<file` are the shell's. */
const SHELL_KEYS = new Set(['command', 'args', 'program_arguments']);

interface Found {
  start: number;
  end: number;
  text: string;
  shellLike: boolean;
}

function find(text: string): Found[] {
  const out: Found[] = [];
  for (const m of text.matchAll(MUSTACHE)) out.push({ start: m.index, end: m.index + m[0].length, text: m[0], shellLike: false });
  for (const m of text.matchAll(ANGLE)) {
    if (!HTML.has(m[1].trim().toLowerCase())) out.push({ start: m.index, end: m.index + m[0].length, text: m[0], shellLike: true });
  }
  for (const m of text.matchAll(DOLLAR)) out.push({ start: m.index, end: m.index + m[0].length, text: m[0], shellLike: true });
  return out.sort((a, b) => a.start - b.start);
}

/** The text with each `{{…}}` replaced by letters of the same length (see above), and every placeholder found. */
export function maskPlaceholders(text: string): { text: string; found: Found[] } {
  if (!/\{\{|<|\$\{/.test(text)) return { text, found: [] };
  const found = find(text);
  const masked = text.replace(MUSTACHE, (m) => `t${'x'.repeat(m.length - 1)}`);
  return { text: masked, found };
}

/** String values (with their key paths) that contain a placeholder. */
function valuesWith(src: Source, found: Found[]): Array<{ path: (string | number)[]; node: Node; hits: Found[] }> {
  const { isMap, isScalar, isSeq } = YAML;
  const out: Array<{ path: (string | number)[]; node: Node; hits: Found[] }> = [];
  const stack: Array<[Node | null, (string | number)[]]> = [[src.root, []]];
  while (stack.length > 0) {
    const [node, path] = stack.pop()!;
    if (!node) continue;
    if (isMap(node)) for (const p of node.items) stack.push([p.value as Node | null, [...path, isScalar(p.key) ? String(p.key.value) : '?']]);
    else if (isSeq(node)) node.items.forEach((item, i) => stack.push([item as Node | null, [...path, i]]));
    else if (isScalar(node) && typeof node.value === 'string' && node.range) {
      const [a, b] = node.range;
      const shell = SHELL_KEYS.has(String(path[path.length - 1]));
      const hits = found.filter((f) => f.start >= a && f.end <= b && !(shell && f.shellLike));
      if (hits.length) out.push({ path, node, hits });
    }
  }
  return out.reverse();
}

/** One problem per placeholder in a value; `paths` are the key paths whose other problems are dropped. */
export function placeholderProblems(src: Source, found: Found[], strict: boolean): { problems: Problem[]; paths: string[] } {
  if (found.length === 0) return { problems: [], paths: [] };
  const severity: Severity = strict ? 'error' : 'warning';
  const problems: Problem[] = [];
  const paths: string[] = [];
  for (const v of valuesWith(src, found)) {
    paths.push(dotted(v.path));
    for (const h of v.hits) problems.push({ path: dotted(v.path), message: `template placeholder ${h.text}`, ...src.at(h.start), severity });
  }
  return { problems, paths };
}

/** Whether a problem at `path` sits at or under a value that holds a placeholder. */
export const underPlaceholder = (path: string, paths: string[]) => paths.some((p) => path === p || path.startsWith(`${p}.`));
