/**
 * What the build knows about the templates: every key, and each `.hbs` template compiled to a
 * Handlebars template spec (JavaScript, so V8's code cache covers it), and the sha256 of every other
 * template (the manifest records it for each copied file). scripts/build.mjs replaces this
 * module in the bundle; running from source it is empty and templates are compiled when first used.
 */
export interface BundledTemplates {
  /** The folder of the bundle, which has templates/ beside it. */
  readonly dir: string;
  keys: string[];
  specs: Record<string, object>;
  /** The sha256 of every template copied as it is (not .hbs), of its content as the store reads it. */
  hashes: Record<string, string>;
}

export const BUNDLED: BundledTemplates | undefined = undefined;
