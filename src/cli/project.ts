/**
 * The commands that generate and write a project, loaded together by main.ts: they share the generator,
 * the templates and the writer, and one bundle carries that code once. `list` prints the same frameworks,
 * targets, serving modes and extras the generator is built from, so it comes along.
 */
export { runAdd } from './add.js';
export { runInit } from './init.js';
export { runList } from './list.js';
export { runUpdate } from './update.js';
