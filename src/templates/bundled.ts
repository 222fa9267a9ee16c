/**
 * What the build knows about the templates: every key, and each `.hbs` template compiled to a
 * Handlebars template spec. scripts/build.mjs replaces this module in the bundle; running from source
 * it is empty, and templates are listed from templates/ and compiled when first used.
 */
export interface BundledTemplates {
  /** The folder of the bundle, which has templates/ beside it. */
  readonly dir: string;
  keys: string[];
  specs: Record<string, object>;
}

export const BUNDLED: BundledTemplates | undefined = undefined;
