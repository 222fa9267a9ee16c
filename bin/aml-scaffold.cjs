#!/usr/bin/env node
'use strict';
// Node >= 22.1 keeps compiled code between runs (Node 20 has no such switch and simply skips it).
require('node:module').enableCompileCache?.();
try {
  require('../dist/cli.cjs');
} catch (e) {
  process.stderr.write(`error: cannot start aml-scaffold (${e.message}); in a clone, run npm run build\n`);
  process.exitCode = 1;
}
