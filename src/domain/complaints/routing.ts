/**
 * Who answers a complaint at each step.
 *
 * Invariants:
 * - the kelurahan's step goes to its active lurah, else (no lurah set up) its active treasurer;
 * - the kecamatan's step goes to an active pengawas whose kecamatan list holds the RT's
 *   kecamatan; with none, to the city's;
 * - the city's step goes to an active pengawas of the whole city, else an admin;
 * - among several candidates the first by username is chosen (the same data, the same choice);
 *   with no candidate at all the step has no named user, and every official whose scope covers
 *   the complaint still sees it in the inbox.
 */
import type { Role } from '../access';
import type { ComplaintLevel } from './complaint';

export interface Official {
  id: number;
  username: string;
  role: Role;
  kelurahanCode: string | null;
  /** null = the whole city. */
  kecamatanCodes: string[] | null;
  active: boolean;
}

export interface Assignment {
  userId: number | null;
  /** The role that holds the step (also when no user of it exists). */
  role: Role;
}

const first = (xs: Official[]) => [...xs].sort((a, b) => a.username.localeCompare(b.username))[0];

export function assigneeFor(level: ComplaintLevel, where: { kelurahanCode: string; kecamatanCode: string }, officials: readonly Official[]): Assignment {
  const active = officials.filter((o) => o.active);
  if (level === 0) {
    const lurah = first(active.filter((o) => o.role === 'lurah' && o.kelurahanCode === where.kelurahanCode));
    if (lurah) return { userId: lurah.id, role: 'lurah' };
    const bendahara = first(active.filter((o) => o.role === 'bendahara' && o.kelurahanCode === where.kelurahanCode));
    return { userId: bendahara?.id ?? null, role: bendahara ? 'bendahara' : 'lurah' };
  }
  if (level === 1) {
    const desk = first(active.filter((o) => o.role === 'pengawas' && o.kecamatanCodes !== null && o.kecamatanCodes.includes(where.kecamatanCode)));
    if (desk) return { userId: desk.id, role: 'pengawas' };
  }
  const city = first(active.filter((o) => o.role === 'pengawas' && o.kecamatanCodes === null));
  if (city) return { userId: city.id, role: 'pengawas' };
  const admin = first(active.filter((o) => o.role === 'admin'));
  return { userId: admin?.id ?? null, role: 'admin' };
}
