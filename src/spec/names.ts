/**
 * Naming rules for everything a user types or we derive (azureml-facts.md §15).
 * Every free-text option is checked against one of these before anything is planned, so no value can
 * become YAML structure, a shell word or an Actions expression in a generated file.
 */
export interface NameRule {
  pattern: RegExp;
  describe: string;
}

export const projectName: NameRule = {
  // Seeds endpoint names (`<name>-online`, ≤ 32 chars), so it must end alphanumeric and use single hyphens.
  pattern: /^[A-Za-z](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,23}$/,
  describe: 'letters, digits and single hyphens, starting with a letter and ending with a letter or digit, at most 24 characters',
};

export const workspaceName: NameRule = {
  pattern: /^[A-Za-z0-9][A-Za-z0-9_-]{2,32}$/,
  describe: '3-33 characters: letters, digits, hyphens and underscores, starting with a letter or digit',
};


/** Azure ML registries take the workspace rule (the REST API allows more; this is the safe, documented subset). */
export const registryName: NameRule = workspaceName;

export const resourceGroupName: NameRule = {
  pattern: /^[A-Za-z0-9_().-]{0,89}[A-Za-z0-9_()-]$/,
  describe: '1-90 characters: letters, digits, underscores, hyphens, periods and parentheses, not ending with a period',
};

export const computeName: NameRule = {
  // The safe intersection of the documented compute-name rules.
  pattern: /^[A-Za-z][A-Za-z0-9-]{1,14}[A-Za-z0-9]$/,
  describe: '3-16 characters: letters, digits and hyphens, starting with a letter and ending with a letter or digit',
};

export const skuName: NameRule = {
  pattern: /^[A-Za-z][A-Za-z0-9_]{1,63}$/,
  describe: 'an Azure VM size such as Standard_DS3_v2 (letters, digits and underscores)',
};

export function check(rule: NameRule, value: string): string | undefined {
  return rule.pattern.test(value) ? undefined : `must be ${rule.describe}`;
}

