/** Replaced at build time by esbuild's `define`; read from package.json when running from source. */
declare const __AML_SCAFFOLD_VERSION__: string | undefined;

export const VERSION: string =
  typeof __AML_SCAFFOLD_VERSION__ === 'string' ? __AML_SCAFFOLD_VERSION__ : '0.0.0-dev';
