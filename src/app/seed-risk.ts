/** The demo's early-warning desk: every grantee's risk flags computed once the story is told. */
import { refreshAll } from './risk-refresh';
import type { Services } from './services';

export function seedRisk(s: Services): number {
  return refreshAll(s).refreshed;
}
