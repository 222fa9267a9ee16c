/** The bundle's entry point (scripts/build.mjs): run the command line; `main` sets the exit code. */
import { main } from './main.js';

void main(process.argv);
