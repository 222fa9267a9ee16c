import { parseDocument } from 'yaml';
import { validateFiles } from '../../src/azureml/lint.js';
import type { FileTree } from '../../src/core/tree.js';

export interface CheckProblem {
  path: string;
  message: string;
}

/** `{{` that is not part of `${{`: a Handlebars tag that escaped rendering. */
const LEFTOVER_OPEN = /(^|[^$])\{\{/;

/**
 * The check every generated tree must pass (tests only; init does not re-check its own output): every
 * YAML parses and passes the Azure ML models (strictly: cross-file paths must exist in the tree), every
 * JSON parses, and no template tag is left over. A problem here is a bug in our templates.
 */
export function checkTree(tree: FileTree): CheckProblem[] {
  const problems: CheckProblem[] = [];
  const yamlFiles: { path: string; text: string }[] = [];
  for (const [path, content] of tree) {
    if (typeof content !== 'string') continue;
    if (LEFTOVER_OPEN.test(content)) problems.push({ path, message: 'a template tag was left unrendered' });
    if (/\.ya?ml$/.test(path)) {
      // Each file is parsed once (parsing is most of this check's cost): a GitHub workflow is never an
      // Azure ML file, so parsing it is its whole check; the others go to the Azure ML models.
      if (path.startsWith('.github/')) syntaxCheck(path, content, problems);
      else yamlFiles.push({ path, text: content });
    } else if (path.endsWith('.json')) {
      try {
        JSON.parse(content);
      } catch (e) {
        problems.push({ path, message: `JSON does not parse: ${(e as Error).message}` });
      }
    }
  }
  const dirs = new Set<string>();
  for (const p of tree.keys()) {
    const parts = p.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
  }
  const exists = (p: string) => tree.has(normalise(p)) || dirs.has(normalise(p));
  const report = validateFiles(yamlFiles, { strict: true, exists });
  for (const file of report.files) {
    // validate reports syntax errors in Azure ML files only; a file it skipped must still parse
    if (file.kind === 'skipped') syntaxCheck(file.path, tree.get(file.path) as string, problems);
    for (const e of file.errors) {
      problems.push({ path: file.path, message: `${e.line}:${e.column} ${e.path} ${e.message}` });
    }
  }
  return problems;
}

function syntaxCheck(path: string, text: string, problems: CheckProblem[]): void {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) problems.push({ path, message: `YAML does not parse: ${doc.errors[0].message}` });
}

/** `a/b/../c/./d/` → `a/c/d` (paths in the tree are relative and POSIX). */
export function normalise(p: string): string {
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}
