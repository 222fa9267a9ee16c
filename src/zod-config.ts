/**
 * zod's global settings, imported before any schema is built (zod reads them when a schema is built).
 *
 * The schemas use `zod/mini`, whose module evaluates in a fraction of the classic API's time. Classic zod
 * installs two defaults on its first schema that mini leaves to the caller:
 * - the English messages: without a locale, every issue zod words itself reads "Invalid input". Imported
 *   by name, since `z.locales.en` would bundle every locale.
 * - the memoizer, for recursive schemas parsing cyclic input. None of ours is recursive (each `lazy()`
 *   only defers a plain tree, and `forward` starts a fresh parse), so it could change no result; it would
 *   only walk every container on its first parse (~0.5 ms to check a command job). Left out; a schema
 *   that refers to itself would need `memoizer: z.memoizer()` here.
 * Mini objects never compile a parser with `new Function`, so classic's `jitless` setting is moot.
 */
import { en } from 'zod/locales';
import * as z from 'zod/mini';

z.config(en());
