import { createRequire } from 'node:module';
import type Handlebars from 'handlebars';
// The runtime alone: rendering a compiled template needs neither the parser nor the code generator.
import runtime from 'handlebars/runtime.js';
import { precompiledSpec } from '../templates/store.js';

/**
 * An isolated Handlebars: strict (a missing field throws), no HTML escaping (we emit YAML, Python,
 * Markdown), and only the helpers registered here.
 *
 * `${{ ... }}` belongs to Azure ML and GitHub Actions. Templates write it as is; `protect` escapes it
 * before compiling so Handlebars passes it through untouched.
 *
 * The bundled CLI renders templates precompiled at build time (scripts/build.mjs) with the Handlebars
 * runtime only; the compiler is loaded on demand for any template that was not (tests run from source).
 */
const hb = (runtime as typeof Handlebars).create();

const helpers: Record<string, (...args: unknown[]) => unknown> = {
  eq: (a, b) => a === b,
  ne: (a, b) => a !== b,
  and: (...args) => args.slice(0, -1).every(Boolean),
  or: (...args) => args.slice(0, -1).some(Boolean),
  not: (a) => !a,
  includes: (list, x) => Array.isArray(list) && list.includes(x),
  json: (x) => JSON.stringify(x),
  py: (x) => JSON.stringify(String(x)),
};
for (const [name, fn] of Object.entries(helpers)) hb.registerHelper(name, fn as Handlebars.HelperDelegate);

const knownHelpers = Object.fromEntries(Object.keys(helpers).map((k) => [k, true]));

export function protect(source: string): string {
  return source.replace(/\$\{\{/g, '$\\{{');
}

/** Template source → the JavaScript source of its compiled form (a template spec, which the build bundles). */
export function precompile(source: string): string {
  const compiler = createRequire(import.meta.url)('handlebars') as typeof Handlebars;
  return compiler.precompile(protect(source), { strict: true, noEscape: true, knownHelpers, knownHelpersOnly: true }) as string;
}

/** A compiled template spec (from `precompile`) as a function of the context, with our helpers. */
export function templateOf(spec: object): Handlebars.TemplateDelegate {
  return hb.template(spec as Parameters<typeof hb.template>[0]);
}

const compiled = new Map<string, Handlebars.TemplateDelegate>();

/** Render template `key`: its build-time compiled form in the bundled CLI, else `source()` compiled now. */
export function renderTemplate(key: string, source: () => string, context: object): string {
  let template = compiled.get(key);
  if (!template) {
    template = templateOf(precompiledSpec(key) ?? new Function(`return (${precompile(source())});`)());
    compiled.set(key, template);
  }
  return template(context);
}
