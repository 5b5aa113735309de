/** The monthly SPJ: the chair submits or withdraws, the bendahara verifies or returns. */
import { locateSpj, resendSpj, returnSpj, submitSpj, verifySpj, withdrawSpj } from '../spj';
import type { Services } from '../services';
import { bindTo } from './bind';
import { chairWordOfRt } from '../scope';

export function spjArea(s: Services) {
  return bindTo(s, { submit: submitSpj, resend: resendSpj, locate: locateSpj, withdraw: withdrawSpj, verify: verifySpj, return: returnSpj, chairOf: chairWordOfRt });
}
