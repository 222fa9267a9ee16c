/**
 * Environment (facts §4; SDK `_schema/assets/environment.py`): the registered asset, the inline
 * (anonymous) form used in jobs and deployments, and the `environment:` field that takes either.
 */
import * as z from 'zod/mini';
import {
  ciEnum,
  forward,
  int,
  isPlainObject,
  lazy,
  obj,
  once,
  opt,
  refined,
  rootMeta,
  rule,
  scalarMap,
  str,
  typeName,
  version,
} from '../fields.js';
import { environmentName } from '../names.js';
import { conda } from './conda.js';

const route = lazy(() => obj({ path: str(), port: int({ min: 1, max: 65535 }) }));

/** A path to a conda YAML, or the conda content inline (SDK: `UnionField([Raw, Str])`). */
export const condaFile = lazy(() => refined((v, ctx) => {
  if (typeof v === 'string') return;
  if (isPlainObject(v)) return forward(conda, v, ctx);
  ctx.addIssue({ code: 'custom', message: `expected a path to a conda file or an inline conda mapping, got ${typeName(v)}` });
}));

const envFields = once(() => ({
  image: opt(str({ nonEmpty: true })),
  build: opt(obj({ path: str({ nonEmpty: true }), dockerfile_path: opt(str()) })),
  conda_file: opt(condaFile),
  os_type: opt(ciEnum(['linux', 'windows'])),
  inference_config: opt(obj({ liveness_route: route, readiness_route: route, scoring_route: route })),
  datastore: opt(str()),
  version: opt(version()),
  description: opt(str()),
  tags: opt(scalarMap()),
}));

/** facts §4: exactly one of image/build; conda_file only combines with image. */
function imageOrBuild(v: Record<string, unknown>, ctx: z.core.$RefinementCtx<unknown>) {
  const hasImage = v.image !== undefined;
  const hasBuild = v.build !== undefined;
  if (hasImage && hasBuild) {
    ctx.addIssue({ code: 'custom', path: ['build'], message: 'an environment needs exactly one of image or build, not both' });
  } else if (!hasImage && !hasBuild) {
    ctx.addIssue({ code: 'custom', message: 'an environment needs exactly one of image or build (neither is set)' });
  } else if (hasBuild && v.conda_file !== undefined) {
    const message = 'conda_file can only be combined with image; with build, install packages in the Dockerfile';
    ctx.addIssue({ code: 'custom', path: ['conda_file'], message });
  }
}

const condaHints = {
  channels: 'conda channels belong in the conda file referenced by conda_file',
  dependencies: 'conda dependencies belong in the conda file referenced by conda_file',
};

/** Inline environment: the SDK drops `name`/`version` with a warning, so they are allowed. */
export const inlineEnvironment = lazy(() => rule(obj({ ...envFields(), name: opt(str()) }, { hints: condaHints }), imageOrBuild));

export const environment = lazy(() => rule(
  obj({ ...rootMeta(), ...envFields(), name: environmentName() }, { hints: condaHints }),
  imageOrBuild,
));

const REF_HINT =
  'use azureml:<name>:<version>, azureml:<name>@latest, azureml://registries/<registry>/environments/<name>/..., ' +
  'or an inline mapping with image or build';

/** `environment:` in jobs and deployments: a reference string or an inline environment. */
export const environmentField = lazy(() => refined((v, ctx) => {
  if (typeof v === 'string') {
    // `file:` is the older local-file form (facts §1.5); kept valid, path-checked in cross-file.
    if (!/^(azureml:|file:)/i.test(v.trim())) ctx.addIssue({ code: 'custom', message: `"${v}" is not an environment reference (${REF_HINT})` });
    return;
  }
  if (isPlainObject(v)) return forward(inlineEnvironment, v, ctx);
  ctx.addIssue({ code: 'custom', message: `expected an environment reference or mapping, got ${typeName(v)} (${REF_HINT})` });
}));
