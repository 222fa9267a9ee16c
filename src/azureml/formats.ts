/**
 * `validate` results in the formats where people read lint results:
 * - `json`: the documented object {"valid", "files": [...]};
 * - `sarif`: SARIF 2.1.0, for GitHub code scanning (`github/codeql-action/upload-sarif`);
 * - `github`: GitHub Actions workflow commands (`::error file=…,line=…,col=…::message`), which the
 *   runner turns into annotations on the pull request.
 * The human text format lives in src/cli/validate.ts (it needs colours).
 */
import type { FileReport } from './lint.js';

export const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];

export function toJson(files: FileReport[], valid: boolean): string {
  return `${JSON.stringify({ valid, files })}\n`;
}

const TOOL_URI = 'https://github.com/aml-scaffold/aml-scaffold#validate';

/** One SARIF rule per kind of finding, so code scanning can group them. */
function ruleOf(message: string): { id: string; name: string } {
  if (message.startsWith('template placeholder')) return { id: 'AML002', name: 'template-placeholder' };
  if (message.startsWith('unknown key')) return { id: 'AML003', name: 'unknown-key' };
  if (message.startsWith('missing')) return { id: 'AML004', name: 'missing-key' };
  if (/ not found \(looked for /.test(message)) return { id: 'AML005', name: 'missing-local-path' };
  if (/ series, (retired|retiring) on /.test(message)) return { id: 'AML006', name: 'retired-vm-size' };
  if (message.startsWith('${{') || /component .* declares no|required input/.test(message)) return { id: 'AML007', name: 'binding' };
  return { id: 'AML001', name: 'schema' };
}

/** A file path as a SARIF artifact URI: relative paths stay relative (to the repository root), absolute ones become file: URIs. */
function uri(path: string): string {
  const posixPath = path.replace(/\\/g, '/');
  const encoded = posixPath.replace(/^\.\//, '').split('/').map(encodeURIComponent).join('/');
  if (posixPath.startsWith('/')) return `file://${encoded}`;
  if (/^[A-Za-z]:\//.test(posixPath)) return `file:///${posixPath.slice(0, 2)}${encoded.slice(encoded.indexOf('/'))}`;
  return encoded;
}

export function toSarif(files: FileReport[], version: string): string {
  const rules = new Map<string, { id: string; name: string }>();
  const results = files.flatMap((f) =>
    f.errors.map((e) => {
      const rule = ruleOf(e.message);
      rules.set(rule.id, rule);
      const text = e.path ? `${e.path}: ${e.message}` : e.message;
      return {
        ruleId: rule.id,
        level: e.severity === 'warning' ? 'warning' : 'error',
        message: { text },
        locations: [{ physicalLocation: { artifactLocation: { uri: uri(f.path) }, region: { startLine: e.line, startColumn: e.column } } }],
      };
    }),
  );
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'aml-scaffold validate',
            informationUri: TOOL_URI,
            version,
            rules: [...rules.values()].sort((a, b) => (a.id < b.id ? -1 : 1)).map((r) => ({ id: r.id, name: r.name, shortDescription: { text: r.name.replace(/-/g, ' ') } })),
          },
        },
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

/** Workflow-command escaping: data (`%`, CR, LF) and properties (also `:` and `,`). */
const escData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escProp = (s: string) => escData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function toGithub(files: FileReport[]): string {
  let out = '';
  for (const f of files) {
    for (const e of f.errors) {
      const command = e.severity === 'warning' ? 'warning' : 'error';
      const text = e.path ? `${e.path}: ${e.message}` : e.message;
      out += `::${command} file=${escProp(f.path)},line=${e.line},col=${e.column},title=${escProp(`aml-scaffold validate (${f.kind})`)}::${escData(text)}\n`;
    }
  }
  const invalid = files.filter((f) => !f.valid).length;
  out += `${files.length} file${files.length === 1 ? '' : 's'} checked: ${files.length - invalid} valid, ${invalid} invalid\n`;
  return out;
}
