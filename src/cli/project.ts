/**
 * The commands that generate and write a project, loaded together by main.ts: they share the generator,
 * the templates and the writer, and one entry keeps esbuild from splitting that shared code into many
 * small chunks, each a module to load.
 */
export { runAdd } from './add.js';
export { runInit } from './init.js';
export { runUpdate } from './update.js';
