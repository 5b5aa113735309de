/** Metadata of the content-addressed evidence files. */
import { eq } from 'drizzle-orm';
import type { Db } from './client';
import { evidenceFiles } from './schema';

export class EvidenceRepository {
  constructor(private readonly db: Db) {}

  ensure(f: { sha256: string; size: number; mime: string }, now: string): void {
    this.db.orm.insert(evidenceFiles).values({ ...f, createdAt: now }).onConflictDoNothing().run();
  }

  find(sha256: string) {
    return this.db.orm.select().from(evidenceFiles).where(eq(evidenceFiles.sha256, sha256)).get();
  }

  all(): string[] {
    return this.db.orm.select({ sha256: evidenceFiles.sha256 }).from(evidenceFiles).all().map((r) => r.sha256);
  }
}
