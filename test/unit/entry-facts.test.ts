import { describe, expect, it } from 'vitest';
import { bankTransferFacts, factsDiffer, factsText, receiptFacts, trancheFacts } from '../../src/domain/ledger/entry-facts';

const receipt = { id: 9, rtId: 3, date: '2026-08-04', category: 'ADM', description: 'ATK', vendor: 'Toko Maju', notaNumber: 'N-1', amount: 150_000, evidence: ['bb', 'aa'] };

describe('entry facts: the business facts an entry carries under its hash', () => {
  it('write keys in one fixed order and lists sorted, so the same facts give the same text', () => {
    expect(factsText(receiptFacts(receipt))).toBe('{"kind":"receipt","receipt":9,"rt":3,"date":"2026-08-04","category":"ADM","description":"ATK","vendor":"Toko Maju","nota":"N-1","amount":150000,"evidence":["aa","bb"]}');
    expect(factsText(receiptFacts({ ...receipt, evidence: ['aa', 'bb'] }))).toBe(factsText(receiptFacts(receipt)));
    expect(receiptFacts({ ...receipt, notaNumber: null }).nota).toBeNull();
    const lines = [{ category: 'SOS', description: 'Santunan', amount: 2 }, { category: 'ADM', description: 'b', amount: 5 }, { category: 'ADM', description: 'a', amount: 7 }, { category: 'ADM', description: 'a', amount: 3 }];
    expect(trancheFacts({ id: 4, rtId: 3, lines }).lines).toEqual([['ADM', 'a', 3], ['ADM', 'a', 7], ['ADM', 'b', 5], ['SOS', 'Santunan', 2]]);
    expect(factsText(bankTransferFacts({ trancheId: 4, rtId: 3, batchId: 2, bankAccount: '1234567890' }))).toBe('{"kind":"bank_transfer","tranche":4,"rt":3,"batch":2,"bankAccount":"1234567890"}');
    expect(factsText(null)).toBe('null');
  });

  it.each([
    ['rtId', 4, 'RT'], ['date', '2026-08-05', 'tanggal'], ['category', 'SOS', 'kategori'], ['description', 'ATK!', 'uraian'],
    ['vendor', 'Toko Lain', 'toko/penyedia'], ['notaNumber', 'N-2', 'nomor nota'], ['amount', 150_001, 'jumlah'], ['evidence', ['aa'], 'berkas bukti'], ['id', 10, 'kuitansi'],
  ] as const)('names a changed %s', (field, value, name) => {
    expect(factsDiffer(receiptFacts(receipt), receiptFacts({ ...receipt, [field]: value }))).toEqual([name]);
  });

  it('agrees on equal facts and names the other kinds\' fields', () => {
    expect(factsDiffer(receiptFacts(receipt), receiptFacts({ ...receipt }))).toEqual([]);
    const t = trancheFacts({ id: 4, rtId: 3, lines: [{ category: 'ADM', description: 'a', amount: 3 }] });
    expect(factsDiffer(t, trancheFacts({ id: 4, rtId: 3, lines: [{ category: 'ADM', description: 'a', amount: 4 }] }))).toEqual(['baris RBB']);
    expect(factsDiffer(t, trancheFacts({ id: 5, rtId: 3, lines: [{ category: 'ADM', description: 'a', amount: 3 }] }))).toEqual(['pencairan']);
    const b = bankTransferFacts({ trancheId: 4, rtId: 3, batchId: 2, bankAccount: '1234567890' });
    expect(factsDiffer(b, { ...b, bankAccount: '9999999999' })).toEqual(['rekening tujuan']);
    expect(factsDiffer(b, { ...b, batch: 3 })).toEqual(['berkas bank']);
    expect(factsDiffer(b, t)).toEqual(['jenis']);
  });
});
