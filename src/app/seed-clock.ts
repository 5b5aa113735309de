/** The demo seed tells a story over months: the same services, read at another time. */
import type { Services } from './services';

export function at<S extends Services>(s: S, iso: string): S {
  const clock = () => new Date(iso);
  return { ...s, now: clock, audit: s.auditAt(clock) };
}
