/**
 * The daily backup (`npm run backup -- --into PARENT [--keep N]`, run by deploy/dana-rt-backup.timer):
 * a new dated folder `dana-rt-YYYYMMDD-HHMMSS` (UTC) under PARENT for each run, then the oldest
 * complete backups beyond the newest N are deleted.
 *
 * - Only folders named like ours are ever touched; anything else under PARENT stays.
 * - A complete backup has its MANIFEST (written last). A folder without one is a run that failed
 *   or was killed: deleted once a newer complete backup exists, kept otherwise (it may be running).
 * - Nothing is deleted when this run's backup failed: the old ones are all there is.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config';
import { backupTo, type BackupReport } from './backup';
import { MANIFEST } from './backup-manifest';

const NAME = /^dana-rt-\d{8}-\d{6}$/;

export const backupFolderName = (at: Date) => `dana-rt-${at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)}`;

/** Deletes what the retention rule lets go; returns the names deleted. */
export function pruneBackups(parent: string, keep: number): string[] {
  if (keep < 1) throw new Error('keep must be at least 1');
  const ours = fs
    .readdirSync(parent, { withFileTypes: true })
    .filter((e) => e.isDirectory() && NAME.test(e.name))
    .map((e) => ({ name: e.name, complete: fs.existsSync(path.join(parent, e.name, MANIFEST)) }))
    .sort((a, b) => b.name.localeCompare(a.name)); // newest first (the name is the time)
  const complete = ours.filter((b) => b.complete);
  const newestComplete = complete[0]?.name;
  const doomed = [
    ...complete.slice(keep).map((b) => b.name),
    ...ours.filter((b) => !b.complete && newestComplete !== undefined && b.name < newestComplete).map((b) => b.name),
  ];
  for (const name of doomed) fs.rmSync(path.join(parent, name), { recursive: true, force: true });
  return doomed.sort();
}

export async function rotatedBackup(
  source: Pick<Config, 'databasePath' | 'evidenceDir'>,
  parent: string,
  keep: number,
  now: () => Date = () => new Date(),
): Promise<{ report: BackupReport; removed: string[] }> {
  fs.mkdirSync(parent, { recursive: true });
  const report = await backupTo(source, path.join(parent, backupFolderName(now())), now);
  // A backup with missing or damaged files is still written, but is no reason to delete good old ones.
  const removed = report.badFiles ? [] : pruneBackups(parent, keep);
  return { report, removed };
}
