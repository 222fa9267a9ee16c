import { describe, expect, it } from 'vitest';
import { parseSpec, SpecError, unsupportedReasons } from '../../src/spec/schema.js';

describe('spec defaults', () => {
  it('fills every default for a name-only spec', () => {
    expect(parseSpec({ name: 'demo' })).toEqual({
      name: 'demo',
      framework: 'sklearn',
      target: 'online',
      serving: 'script',
      device: 'cpu',
      compute: 'cpu-cluster',
      instanceType: 'Standard_D4ds_v5',
      nodes: 1,
      processesPerNode: 1,
      extras: [],
      ci: 'github',
      k8sCompute: 'k8s-compute',
      deployInstanceType: 'Standard_D4ds_v5',
      pinActions: 'tag',
      training: 'pipeline',
    });
  });

  it('uses a GPU cluster and GPU SKU for GPU frameworks, and counts GPUs per node', () => {
    const s = parseSpec({ name: 'p', framework: 'pytorch', instanceType: 'Standard_NC64as_T4_v3' });
    expect(s).toMatchObject({ device: 'gpu', compute: 'gpu-cluster', processesPerNode: 4 });
    expect(parseSpec({ name: 'p', framework: 'pytorch' }).instanceType).toBe('Standard_NC4as_T4_v3');
  });

  it('gives Triton a GPU deployment SKU', () => {
    expect(parseSpec({ name: 'p', serving: 'triton' }).deployInstanceType).toBe('Standard_NC4as_T4_v3');
  });

  it('de-duplicates extras and sorts them in display order', () => {
    const s = parseSpec({ name: 'p', extras: [] });
    expect(s.extras).toEqual([]);
  });
});

describe('spec rules', () => {
  const reason = (fields: Record<string, unknown>) => {
    try {
      parseSpec({ name: 'demo', ...fields });
      return undefined;
    } catch (e) {
      expect(e).toBeInstanceOf(SpecError);
      return (e as Error).message;
    }
  };

  it.each([
    ['1abc', 'starts with a digit'],
    ['a'.repeat(25), 'too long'],
    ['my_proj', 'underscore'],
    ['ends-', 'trailing hyphen'],
    ['dou--ble', 'double hyphen'],
    ['a b', 'space'],
    ['x${{ github.token }}', 'Actions expression'],
  ])('rejects the name %j (%s)', (name) => {
    expect(reason({ name })).toMatch(/^invalid --name: must be letters, digits and single hyphens/);
  });

  it('accepts a 24-character name', () => {
    expect(reason({ name: `a${'b'.repeat(23)}` })).toBeUndefined();
  });

  it('names the valid values of an unknown enum', () => {
    expect(reason({ framework: 'caffe' })).toBe('invalid --framework: "caffe" is not one of sklearn, pytorch, tensorflow, keras, rllib');
  });

  it.each([
    [{ framework: 'sklearn', nodes: 2 }, /scikit-learn trains on a single node/],
    [{ framework: 'rllib', serving: 'mlflow' }, /Ray RLlib has none/],
    [{ framework: 'rllib', serving: 'triton' }, /does not have/],
    [{ serving: 'triton', target: 'batch' }, /online and kubernetes targets only/],
    [{ serving: 'mlflow', target: 'none' }, /needs a deployment target/],
    [{ framework: 'pytorch', serving: 'mlflow', target: 'batch' }, /MLflow batch deployments read CSV/],
    [{ target: 'batch', compute: 'serverless' }, /batch deployments run on a compute cluster/],
    [{ framework: 'sklearn', device: 'gpu' }, /does not use a GPU/],
    [{ compute: 'a' }, /invalid --compute/],
    [{ workspace: 'w s' }, /invalid --workspace/],
    [{ resourceGroup: 'rg.' }, /invalid --resource-group/],
    [{ instanceType: 'Standard DS3' }, /invalid --instance-type/],
  ])('rejects %j with a reason', (fields, pattern) => {
    expect(reason(fields)).toMatch(pattern);
  });

  it('accepts serverless compute and the documented distributed combinations', () => {
    expect(reason({ compute: 'serverless' })).toBeUndefined();
    expect(reason({ framework: 'pytorch', nodes: 2 })).toBeUndefined();
    expect(reason({ framework: 'tensorflow', nodes: 3 })).toBeUndefined();
    expect(reason({ framework: 'rllib', nodes: 2 })).toBeUndefined();
  });

  it('reports every reason of a spec, not only the first', () => {
    const s = { ...parseSpec({ name: 'x', training: 'job' }), framework: 'rllib' as const, serving: 'triton' as const, target: 'batch' as const };
    expect(unsupportedReasons(s)).toHaveLength(2);
  });
});
