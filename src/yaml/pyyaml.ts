/**
 * The `yaml` library's YAML 1.1 schema, adjusted so plain scalars resolve exactly as PyYAML's
 * `safe_load` resolves them (the Azure CLI reads YAML with PyYAML). The library's 1.1 schema differs in:
 * - booleans: PyYAML has yes/no/on/off/true/false in three casings, but not `y` / `n`;
 * - floats: PyYAML needs a dot (`1e3` and `1.0e3` are strings, `1.0e+3` is a float) and a signed
 *   exponent; `.5` is a float but `-.5` a string;
 * - integers: `08` is a string (not octal, not decimal); sexagesimal (`1:20`) starts with 1-9;
 * - dates: `2024-1-2` is a string (month and day need two digits unless a time follows).
 * Regular expressions are PyYAML's own (yaml/resolver.py), anchored.
 */
import type { CollectionTag, ScalarTag } from 'yaml';

const BOOL = /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/;
const BOOL_FALSE = /^(?:no|No|NO|false|False|FALSE|off|Off|OFF)$/;
const INT = /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
const FLOAT =
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const TIMESTAMP =
  /^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$/;

/** `a:b:c` in base 60 (PyYAML: digits are folded most significant first). */
function sexagesimal(text: string, parse: (s: string) => number): number {
  return text.split(':').reduce((acc, part) => acc * 60 + parse(part), 0);
}

/** PyYAML's construct_yaml_int. */
export function pyInt(source: string): number {
  let s = source.replace(/_/g, '');
  let sign = 1;
  if (s[0] === '-' || s[0] === '+') {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s.startsWith('0b')) return sign * parseInt(s.slice(2), 2);
  if (s.startsWith('0x')) return sign * parseInt(s.slice(2), 16);
  if (s[0] === '0') return sign * parseInt(s, 8);
  if (s.includes(':')) return sign * sexagesimal(s, (p) => parseInt(p, 10));
  return sign * parseInt(s, 10);
}

/** PyYAML's construct_yaml_float. */
export function pyFloat(source: string): number {
  let s = source.replace(/_/g, '').toLowerCase();
  let sign = 1;
  if (s[0] === '-' || s[0] === '+') {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  if (s === '.inf') return sign * Infinity;
  if (s === '.nan') return NaN;
  if (s.includes(':')) return sign * sexagesimal(s, Number);
  return sign * Number(s);
}

/**
 * PyYAML's rules for the library's tags: pass as `customTags` with `schema: 'yaml-1.1'`. The
 * library's bool, int and float tags are replaced; its timestamp tag keeps its resolver with
 * PyYAML's pattern; null, merge, binary, omap, pairs and set are the same in both.
 */
type Tag = ScalarTag | CollectionTag;
export function pyyamlTags<T extends Tag | string>(given: T[]): Array<T | Tag> {
  const tags = given.filter((t): t is T & Tag => typeof t !== 'string');
  const scalar = (t: Tag): t is ScalarTag => !('collection' in t) || t.collection === undefined;
  const base = (name: string) => tags.find((t) => t.tag === `tag:yaml.org,2002:${name}` && scalar(t)) as ScalarTag;
  const bool = base('bool');
  const int = base('int');
  const float = base('float');
  const timestamp = base('timestamp');
  const kept = given.filter((t) => typeof t === 'string' || ![bool, int, float, timestamp].some((b) => b && b.tag === t.tag && scalar(t)));
  const mine: ScalarTag[] = [
    { ...bool, identify: (v) => v === true, test: BOOL, resolve: () => true },
    { ...bool, identify: (v) => v === false, test: BOOL_FALSE, resolve: () => false },
    { ...int, test: INT, resolve: pyInt, format: undefined },
    { ...float, test: FLOAT, resolve: pyFloat, format: undefined },
  ];
  if (timestamp) mine.push({ ...timestamp, test: TIMESTAMP });
  return [...mine, ...kept];
}
