/** Binds use cases written as (s, ...args) to one Services, so the web holds the use cases and never s. */
import type { Services } from '../services';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type UseCase = (s: Services, ...args: any[]) => unknown;
type Bound<F> = F extends (s: Services, ...args: infer A) => infer R ? (...args: A) => R : never;

export function bindTo<T extends Record<string, UseCase>>(s: Services, useCases: T): { [K in keyof T]: Bound<T[K]> } {
  const out: Record<string, unknown> = {};
  for (const [name, f] of Object.entries(useCases)) out[name] = (...args: unknown[]) => f(s, ...args);
  return out as { [K in keyof T]: Bound<T[K]> };
}
