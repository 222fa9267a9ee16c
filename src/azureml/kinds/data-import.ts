/** Data import (SDK `_schema/_data_import`; "CLI (v2) data import YAML schema"): a source copied into a data asset. */
import * as z from 'zod/mini';
import { byType, ciEnum, lazy, obj, opt, rootMeta, str, version } from '../fields.js';

const source = lazy(() => byType({
  database: obj({ type: z.unknown(), connection: str({ nonEmpty: true }), query: str({ nonEmpty: true }) }),
  file_system: obj({ type: z.unknown(), connection: str({ nonEmpty: true }), path: str({ nonEmpty: true }) }),
}, { what: 'import source' }));

export const dataImport = lazy(() => obj({
  ...rootMeta(),
  name: str({ nonEmpty: true }),
  version: opt(version()),
  type: opt(ciEnum(['mltable', 'uri_folder'])),
  path: str({ nonEmpty: true }),
  source,
}));
