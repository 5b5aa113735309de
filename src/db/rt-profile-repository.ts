/** RT profiles: one row per RT. */
import { eq } from 'drizzle-orm';
import type { RtProfileRow, RtProfileStore } from '../app/ports';
import type { Db } from './client';
import { rtProfiles } from './schema';

export class RtProfileRepository implements RtProfileStore {
  constructor(private readonly db: Db) {}

  find(rtId: number): RtProfileRow | undefined {
    return this.db.orm.select().from(rtProfiles).where(eq(rtProfiles.rtId, rtId)).get();
  }

  rtsUsingFile(sha256: string): number[] {
    return this.db.orm.select({ rtId: rtProfiles.rtId }).from(rtProfiles).where(eq(rtProfiles.decreeSha256, sha256)).all().map((r) => r.rtId);
  }

  save(row: RtProfileRow): void {
    const { rtId, ...rest } = row;
    this.db.orm.insert(rtProfiles).values(row).onConflictDoUpdate({ target: rtProfiles.rtId, set: rest }).run();
  }
}
