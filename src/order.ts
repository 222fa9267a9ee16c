/**
 * String order by UTF-16 code unit (not localeCompare): the same on every machine, and no ICU collator
 * to start up. Paths in trees, manifests and reports are sorted with it.
 */
export const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
