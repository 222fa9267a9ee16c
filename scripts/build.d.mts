// Types for test/bench/bundle.test.ts, which inspects the bundle built with these options.
import type { BuildOptions, Plugin } from 'esbuild';

export declare const root: string;
export declare function bundleOptions(outdir: string): BuildOptions & { plugins: Plugin[] };
/** Every template key (POSIX paths under templates/), sorted as the CLI lists them. */
export declare function templateKeys(): Promise<string[]>;
/** The JavaScript module the build puts in place of src/templates/bundled.ts. */
export declare function bundledTemplatesModule(): Promise<string>;
/** The libraries built as chunks (dist/vendor/<name>.cjs), by chunk name. */
export declare const CHUNKS: Record<string, string>;
export declare function chunkOptions(outdir: string, name: string): BuildOptions & { plugins: Plugin[] };
