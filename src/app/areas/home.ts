/** The homes' "perlu tindakan" and work summaries, and the menu's counts. */
import { readChairHome } from '../read-chair-home';
import { menuBadges, readWorkSummary } from '../read-work';
import type { Services } from '../services';
import { bindTo } from './bind';

export function homeArea(s: Services) {
  return bindTo(s, { readChairHome, readWorkSummary, menuBadges });
}
