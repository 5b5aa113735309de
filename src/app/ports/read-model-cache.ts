/**
 * Read models kept until the data changes: a report that many people open at once is computed
 * once. An entry is used only while nothing has committed since it was computed, and nothing is
 * kept or used inside a transaction. It holds data, not permissions: callers check access first.
 */
export interface ReadModelCache {
  /** The value kept under key if nothing has committed since, else compute() (kept for next time). */
  remember<T>(key: string, compute: () => T): T;
  /** Drops every entry (for a write that does not go through a transaction). */
  forget(): void;
}
