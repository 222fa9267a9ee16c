/**
 * Conda environment file (`conda env create -f`): name, channels, dependencies with an optional
 * nested `pip:` list, prefix, variables. Used for stand-alone conda files and inline `conda_file:`.
 */
import { forward, isPlainObject, lazy, list, obj, opt, refined, rootMeta, scalarMap, str, typeName } from '../fields.js';

const pipBlock = lazy(() => obj({ pip: list(str({ nonEmpty: true })) }));

const dependency = lazy(() => refined((v, ctx) => {
  if (typeof v === 'string') {
    if (v.trim() === '') ctx.addIssue({ code: 'custom', message: 'must not be empty' });
    return;
  }
  if (isPlainObject(v)) {
    forward(pipBlock, v, ctx);
    return;
  }
  const hint = typeof v === 'number' ? ` (quote it: "${v}")` : '';
  ctx.addIssue({ code: 'custom', message: `expected a package spec string or a {pip: [...]} mapping, got ${typeName(v)}${hint}` });
}));

// `$schema`, `description` and `tags` are allowed like everywhere else (conda ignores extra keys with a warning)
export const conda = lazy(() => obj({
  ...rootMeta(),
  name: opt(str()),
  channels: opt(list(str({ nonEmpty: true }))),
  dependencies: opt(list(dependency)),
  prefix: opt(str()),
  variables: opt(scalarMap()),
}));
