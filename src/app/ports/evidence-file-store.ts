/**
 * Metadata of the content-addressed evidence files (the bytes live on disk under their SHA-256,
 * in the application's EvidenceStore).
 */

export interface EvidenceFileRow {
  sha256: string;
  size: number;
  mime: string;
  createdAt: string;
}

export interface EvidenceFileStore {
  /** Records a file's metadata unless it is already recorded. */
  ensure(f: Pick<EvidenceFileRow, 'sha256' | 'size' | 'mime'>, now: string): void;
  find(sha256: string): EvidenceFileRow | undefined;
  /** The hashes that start with a two-character prefix (one range of the key). */
  hashesUnder(prefix: string): Set<string>;
  /** Every stored file's hash and size, in hash order (streamed: a city's files never sit in memory). */
  iterate(): Generator<Pick<EvidenceFileRow, 'sha256' | 'size'>>;
  /** The records that use a file, for a message that names them ("kuitansi #3", "RAP #2"). */
  usedBy(sha256: string): string[];
  /** Every stored file's hash. */
  all(): string[];
}
