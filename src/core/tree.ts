/** A project in memory: relative POSIX path → content (text, or bytes for binary files). */
export type FileTree = Map<string, string | Uint8Array>;
