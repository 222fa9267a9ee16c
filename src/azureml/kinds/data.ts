/** Data asset (SDK `_schema/assets/data.py`): a named, versioned pointer to a file, folder or MLTable. */
import * as z from 'zod/mini';
import { ciEnum, lazy, obj, rootMeta, str, version } from '../fields.js';

export const data = lazy(() => obj({
  ...rootMeta(),
  name: str({ nonEmpty: true }),
  version: z.optional(version()),
  path: str({ nonEmpty: true }),
  type: z.optional(ciEnum(['uri_file', 'uri_folder', 'mltable'])),
  datastore: z.optional(str()),
}));
