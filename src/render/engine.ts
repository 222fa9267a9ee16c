import Handlebars from 'handlebars';
import { stringify } from 'yaml';

/**
 * An isolated Handlebars: strict (a missing field throws), no HTML escaping (we emit YAML, Python,
 * Markdown), and only the helpers registered here.
 *
 * `${{ ... }}` belongs to Azure ML and GitHub Actions. Templates write it as is; `protect` escapes it
 * before compiling so Handlebars passes it through untouched.
 */
const hb = Handlebars.create();

const helpers: Record<string, (...args: unknown[]) => unknown> = {
  eq: (a, b) => a === b,
  ne: (a, b) => a !== b,
  and: (...args) => args.slice(0, -1).every(Boolean),
  or: (...args) => args.slice(0, -1).some(Boolean),
  not: (a) => !a,
  includes: (list, x) => Array.isArray(list) && list.includes(x),
  json: (x) => JSON.stringify(x),
  // A YAML scalar, quoted whenever the plain form could be read as something else.
  yaml: (x) => stringify(x, { lineWidth: 0 }).trimEnd(),
  py: (x) => JSON.stringify(String(x)),
};
for (const [name, fn] of Object.entries(helpers)) hb.registerHelper(name, fn as Handlebars.HelperDelegate);

const knownHelpers = Object.fromEntries(Object.keys(helpers).map((k) => [k, true]));

export function protect(source: string): string {
  return source.replace(/\$\{\{/g, '$\\{{');
}

const compiled = new Map<string, Handlebars.TemplateDelegate>();

export function renderTemplate(key: string, source: string, context: object): string {
  let template = compiled.get(key);
  if (!template) {
    template = hb.compile(protect(source), { strict: true, noEscape: true, knownHelpers, knownHelpersOnly: true });
    compiled.set(key, template);
  }
  return template(context);
}
