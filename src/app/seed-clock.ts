/** The demo seed tells a story over months: the same services, read at another time. */
import { AuditRepository } from '../db/audit-repository';
import type { Services } from './services';

export function at(s: Services, iso: string): Services {
  const clock = () => new Date(iso);
  return { ...s, now: clock, audit: new AuditRepository(s.db, clock) };
}
