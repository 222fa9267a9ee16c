/**
 * zod's global settings, imported before any schema is built (zod reads them when a schema is built).
 *
 * `jitless`: without it zod compiles a JavaScript function (`new Function`) for each object schema the
 * first time it parses with it. That pays off over thousands of parses in a long-lived server; a CLI run
 * parses each schema a handful of times, on a cold start, and the compiled functions cannot be kept in
 * V8's code cache. Measured: it halves init's self-check. Results are the same either way.
 */
import * as z from 'zod';

z.config({ jitless: true });
