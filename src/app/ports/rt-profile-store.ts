/** RT profiles: the Keputusan Lurah that formed the RT and its three officers (users of that RT). */

export interface RtProfileRow {
  rtId: number;
  decreeNumber: string | null;
  /** YYYY-MM-DD */
  decreeDate: string | null;
  /** The decree's file in the evidence store. */
  decreeSha256: string | null;
  decreeName: string | null;
  ketuaUserId: number | null;
  sekretarisUserId: number | null;
  bendaharaUserId: number | null;
  updatedAt: string;
}

export interface RtProfileStore {
  find(rtId: number): RtProfileRow | undefined;
  /** Inserts or replaces the RT's profile. */
  save(row: RtProfileRow): void;
  /** The RTs whose Keputusan Lurah is this file. */
  rtsUsingFile(sha256: string): number[];
}
