// The output formats on fixed reports: SARIF 2.1.0 fields GitHub code scanning reads, and workflow
// commands with GitHub's escaping.
import { describe, expect, it } from 'vitest';
import { toGithub, toSarif } from '../../src/azureml/formats.js';
import type { FileReport } from '../../src/azureml/lint.js';

const files: FileReport[] = [
  {
    path: 'jobs/train job.yml',
    kind: 'commandJob',
    valid: false,
    errors: [
      { path: 'instance_cont', message: 'unknown key "instance_cont"', line: 4, column: 1, severity: 'error' },
      { path: 'endpoint_name', message: 'template placeholder {{EP}}', line: 2, column: 16, severity: 'warning' },
    ],
  },
  { path: '/abs/env.yml', kind: 'environment', valid: true, errors: [{ path: 'resources.instance_type', message: 'Standard_NC6 is in the NC series, retired on 2023-09-06; use X', line: 1, column: 2, severity: 'warning' }] },
];

describe('SARIF', () => {
  const sarif = JSON.parse(toSarif(files, '9.9.9'));
  it('is version 2.1.0 with one run, the tool, and its rules', () => {
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs).toHaveLength(1);
    expect(sarif.runs[0].tool.driver).toMatchObject({ name: 'aml-scaffold validate', version: '9.9.9' });
    expect(sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(['AML002', 'AML003', 'AML006']);
  });
  it('gives each finding a rule, a level, a message and a region; URIs relative or file:', () => {
    expect(sarif.runs[0].results.map((r: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: object } }[] }) => [r.ruleId, r.level, r.locations[0].physicalLocation.artifactLocation.uri, r.locations[0].physicalLocation.region])).toEqual([
      ['AML003', 'error', 'jobs/train%20job.yml', { startLine: 4, startColumn: 1 }],
      ['AML002', 'warning', 'jobs/train%20job.yml', { startLine: 2, startColumn: 16 }],
      ['AML006', 'warning', 'file:///abs/env.yml', { startLine: 1, startColumn: 2 }],
    ]);
    expect(sarif.runs[0].results[0].message.text).toBe('instance_cont: unknown key "instance_cont"');
  });
});

describe('GitHub workflow commands', () => {
  it('print ::error / ::warning with file, line, col and title, escaping properties and data', () => {
    const withNewline: FileReport[] = [{ path: 'a,b:c.yml', kind: 'model', valid: false, errors: [{ path: '', message: 'bad\nvalue 100%', line: 1, column: 1, severity: 'error' }] }];
    expect(toGithub(withNewline).split('\n')[0]).toBe('::error file=a%2Cb%3Ac.yml,line=1,col=1,title=aml-scaffold validate (model)::bad%0Avalue 100%25');
    expect(toGithub(files).trimEnd().split('\n')).toEqual([
      '::error file=jobs/train job.yml,line=4,col=1,title=aml-scaffold validate (commandJob)::instance_cont: unknown key "instance_cont"',
      '::warning file=jobs/train job.yml,line=2,col=16,title=aml-scaffold validate (commandJob)::endpoint_name: template placeholder {{EP}}',
      '::warning file=/abs/env.yml,line=1,col=2,title=aml-scaffold validate (environment)::resources.instance_type: Standard_NC6 is in the NC series, retired on 2023-09-06; use X',
      '2 files checked: 1 valid, 1 invalid',
    ]);
  });
});
