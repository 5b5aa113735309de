import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseForm } from '../../src/http/forms/parse';

// A schema that names no message of its own must still answer in Indonesian: the fuzz found
// `kind=[a,b]` answered with zod's "Invalid input: expected string, received array".
describe('parseForm: no English from zod', () => {
  const bare = z.object({ kind: z.string().max(5), n: z.number().int(), list: z.array(z.string()) });
  it.each([
    ['a list where one text is expected', { kind: ['a', 'b'], n: 1, list: [] }],
    ['a text longer than its limit', { kind: 'abcdefgh', n: 1, list: [] }],
    ['an object where a number is expected', { kind: 'a', n: { x: 1 }, list: [] }],
    ['a missing field', { n: 1, list: [] }],
    ['a text where a list is expected', { kind: 'a', n: 1, list: 'x' }],
  ])('%s', (_name, input) => {
    const r = parseForm(bare, input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    for (const m of [r.message, ...r.problems, ...Object.values(r.errors)]) {
      expect(m).not.toMatch(/Invalid|expected|received|Too big|Required/i);
      expect(m).toMatch(/tidak/);
    }
  });

  it('keeps a message the schema names itself', () => {
    const r = parseForm(z.object({ a: z.string().min(1, 'Nama wajib diisi.') }), { a: '' });
    expect(r.ok ? '' : r.errors.a).toBe('Nama wajib diisi.');
  });
});
