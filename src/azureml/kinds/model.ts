/**
 * Model asset (facts §5; SDK `_schema/assets/model.py`) and the inline (anonymous) model used in
 * deployments, plus the deployment `model:` field that takes a reference or an inline model.
 */
import {
  anyMap,
  ciEnum,
  forward,
  isPlainObject,
  lazy,
  list,
  obj,
  once,
  opt,
  refined,
  rootMeta,
  scalarMap,
  str,
  typeName,
  version,
} from '../fields.js';

const modelFields = once(() => ({
  type: opt(ciEnum(['custom_model', 'mlflow_model', 'triton_model'])),
  path: opt(str({ nonEmpty: true })),
  version: opt(version()),
  description: opt(str()),
  tags: opt(scalarMap()),
  properties: opt(anyMap()),
  flavors: opt(anyMap()),
  stage: opt(str()),
  utc_time_created: opt(str()),
  job_name: opt(str()),
  intellectual_property: opt(anyMap()),
  // registry models (learn.microsoft.com reference-yaml-model): the deployment template used by default, and the suggested ones
  default_deployment_template: opt(obj({ asset_id: str({ nonEmpty: true }) })),
  allowed_deployment_templates: opt(list(obj({ asset_id: str({ nonEmpty: true }) }))),
}));

export const model = lazy(() => obj({ ...rootMeta(), ...modelFields(), name: str({ nonEmpty: true }) }));

export const inlineModel = lazy(() => obj({ ...modelFields(), name: opt(str()) }));

const REF_HINT = 'use azureml:<name>:<version>, azureml:<name>@latest, azureml://registries/..., or an inline mapping with path';

/** Deployment `model:`: a registered reference or an inline model (no bare local paths). */
export const modelField = lazy(() => refined((v, ctx) => {
  if (typeof v === 'string') {
    if (!/^azureml:/i.test(v.trim())) ctx.addIssue({ code: 'custom', message: `"${v}" is not a model reference (${REF_HINT})` });
    return;
  }
  if (isPlainObject(v)) return forward(inlineModel, v, ctx);
  ctx.addIssue({ code: 'custom', message: `expected a model reference or mapping, got ${typeName(v)} (${REF_HINT})` });
}));
