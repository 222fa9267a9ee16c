/** Data asset (SDK `_schema/assets/data.py`): a named, versioned pointer to a file, folder or MLTable. */
import { ciEnum, lazy, obj, opt, rootMeta, str, version } from '../fields.js';

export const data = lazy(() => obj({
  ...rootMeta(),
  name: str({ nonEmpty: true }),
  version: opt(version()),
  path: str({ nonEmpty: true }),
  type: opt(ciEnum(['uri_file', 'uri_folder', 'mltable'])),
  datastore: opt(str()),
}));
