/** `word` as a single POSIX shell word (quoted only when needed), safe to paste into a terminal. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_./@%+=:,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
