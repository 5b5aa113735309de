/**
 * Metadata of the content-addressed evidence files (the bytes live on disk under their SHA-256,
 * in the application's EvidenceStore), with each photo's fingerprint.
 */

export interface EvidenceFileRow {
  sha256: string;
  size: number;
  mime: string;
  createdAt: string;
  /** SHA-256 of the decoded pixels (src/app/image-fingerprint.ts); null for a PDF or a file stored before fingerprints. */
  pixelSha256: string | null;
  /** 64-bit perceptual hash as 16 hex digits; null as pixelSha256. */
  phash: string | null;
  /** The four 16-bit bands of phash, each indexed: the keys of the near-duplicate search. */
  phashBand0: number | null;
  phashBand1: number | null;
  phashBand2: number | null;
  phashBand3: number | null;
}

/** A live receipt (not rejected or reversed) holding a photo, and that photo. */
export interface PhotoOwner {
  receiptId: number;
  rtId: number;
  kelurahanCode: string;
  sha256: string;
  phash: string;
}

export interface EvidenceFileStore {
  /** Records a file's metadata (and a photo's fingerprint) unless it is already recorded. */
  ensure(f: Pick<EvidenceFileRow, 'sha256' | 'size' | 'mime'> & Partial<Pick<EvidenceFileRow, 'pixelSha256' | 'phash'>>, now: string): void;
  find(sha256: string): EvidenceFileRow | undefined;
  /** Bytes of the distinct files an RT's receipts (any status) and plans of a year hold: its storage quota's use. */
  bytesUsedBy(rtId: number, year: number): number;
  /** Where the kept quota use differs from the records recounted (at most `limit` rows each way), for `verify`. */
  usageDrift(limit: number): { missing: UsageRow[]; extra: UsageRow[] };
  /** The hashes that start with a two-character prefix (one range of the key). */
  hashesUnder(prefix: string): Set<string>;
  /** Every stored file's hash and size, in hash order (streamed: a city's files never sit in memory). */
  iterate(): Generator<Pick<EvidenceFileRow, 'sha256' | 'size'>>;
  /** Every photo with a recorded fingerprint, in hash order (streamed). */
  iterateFingerprinted(): Generator<Pick<EvidenceFileRow, 'sha256' | 'mime'> & { pixelSha256: string; phash: string }>;
  /** The records that use a file, for a message that names them ("kuitansi #3", "RAP #2"). */
  usedBy(sha256: string): string[];
  /** Every stored file's hash. */
  all(): string[];
  /** A live receipt anywhere in the city holding a photo with these decoded pixels. */
  livePixelOwner(pixelSha256: string): Omit<PhotoOwner, 'phash'> | undefined;
  /**
   * The distinct perceptual hashes whose band `band` (0–3) is one of `values`: the candidates of a
   * near-duplicate search (the domain keeps those near enough). Read from the band's covering
   * index alone: a city search reads ~1,600 of them per photo, and their rows never.
   */
  phashesInBand(band: number, values: readonly number[]): string[];
  /** The files stored with any of these perceptual hashes (the few a search confirmed). */
  filesWithPhash(phashes: readonly string[]): Array<{ sha256: string; phash: string }>;
  /** The live receipts (not rejected or reversed) holding any of these files. */
  liveOwnersOf(sha256s: readonly string[]): Array<Omit<PhotoOwner, 'phash'>>;
}

/** One file counted in an RT's yearly evidence quota. */
export interface UsageRow {
  rtId: number;
  year: number;
  sha256: string;
  size: number;
}
