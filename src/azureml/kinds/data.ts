/** Data asset (SDK `_schema/assets/data.py`): a named, versioned pointer to a file, folder or MLTable. */
import { ciEnum, lazy, obj, rootMeta, str, version } from '../fields.js';

export const data = lazy(() => obj({
  ...rootMeta(),
  name: str({ nonEmpty: true }),
  version: version().optional(),
  path: str({ nonEmpty: true }),
  type: ciEnum(['uri_file', 'uri_folder', 'mltable']).optional(),
  datastore: str().optional(),
}));
