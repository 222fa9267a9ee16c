// Types for test/bench/bundle.test.ts, which inspects the bundle built with these options.
import type { BuildOptions } from 'esbuild';

export declare const root: string;
export declare function bundleOptions(outdir: string): BuildOptions;
