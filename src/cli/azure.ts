/**
 * The commands that work with Azure and GitHub for a generated project, loaded together by main.ts: they
 * share the project reader, the tool runner and the spec schema, and one bundle carries them once.
 */
export { runDoctorCli } from './doctor.js';
export { runProvisionCli } from './provision.js';
