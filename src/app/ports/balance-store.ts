/**
 * Balances per RT, kelurahan and kecamatan, read from the per-account balance cache (kept in
 * the posting transaction and checked against the postings by `npm run verify`).
 */

export interface RtMoney {
  undrawn: number;
  /** Approved tranches the bank has not paid yet ("menunggu transfer"): not spendable. */
  transit: number;
  /** What the bank has paid into the RT's account, less verified spending. */
  cash: number;
  spent: number;
  /** Cash returned to Kas Daerah at year end. */
  returned: number;
  /** Undrawn allocation that lapsed at year end. */
  lapsed: number;
  /** undrawn + transit + cash + spent + returned + lapsed: what the RT was given this year. */
  allocated: number;
}

/** The money of an area (a kelurahan, a kecamatan, the city) and how many of its RTs hold accounts. */
export type AreaMoney = RtMoney & { rtCount: number };

/** The sum on one RT's accounts of one kind and category. */
export interface RtAccountSum {
  rtId: number;
  kind: string;
  category: string | null;
  amount: number;
}

export interface BalanceStore {
  ofRt(year: number, rtId: number): RtMoney;
  perRtOfKelurahan(year: number, kelurahanCode: string): Map<number, RtMoney>;
  /** Sums per kelurahan of a kecamatan: every programme's grantees, or one programme's (the public pages: OPS). */
  perKelurahanOfKecamatan(year: number, kecamatanCode: string, programme?: string): Map<string, AreaMoney>;
  /** Sums per kecamatan: every programme's grantees, or one programme's (the public pages: OPS). */
  perKecamatan(year: number, programme?: string): Map<string, AreaMoney>;
  /** Grants apart: sums per programme (OPS, PKK, …), grantee kind (rt, rw) and kecamatan, of the city's accounts. */
  perKindAndKecamatan(year: number): Array<{ programme: string; kind: 'rt' | 'rw'; kecamatanCode: string; money: AreaMoney }>;
  /** Spending per category of an RT (from the spending accounts). */
  spentByCategory(year: number, rtId: number): Map<string, number>;
  /**
   * Per RT of a kelurahan, sums by account kind and category from the postings dated before a
   * day (the LPJ "to a chosen month"), not from the cache.
   */
  kelurahanAsOf(year: number, kelurahanCode: string, before: string): RtAccountSum[];
  /** The same as kelurahanAsOf for a whole year, from the per-account balance cache (no posting is read). */
  kelurahanNow(year: number, kelurahanCode: string): RtAccountSum[];
  city(year: number): AreaMoney;
}
