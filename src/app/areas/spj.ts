/** The monthly SPJ: the chair submits, the bendahara verifies or returns. */
import { returnSpj, submitSpj, verifySpj } from '../spj';
import type { Services } from '../services';
import { bindTo } from './bind';

export function spjArea(s: Services) {
  return bindTo(s, { submit: submitSpj, verify: verifySpj, return: returnSpj });
}
