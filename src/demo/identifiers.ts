/** Identifiers of demo records: made up, but well formed (check digits included) like real ones. */
import { type ExternalIdRef, makeExternalId } from '../ids';
import { intBetween, type Rng } from './random';

export function idRef(namespace: string, value: string): ExternalIdRef {
  const ref = makeExternalId(namespace, value);
  if (!ref) throw new Error(`cannot build a ${namespace} id from "${value}"`);
  return ref;
}

export function demoPaperId(paperNumber: number): ExternalIdRef {
  return idRef('demo', `P${String(paperNumber).padStart(6, '0')}`);
}

function digits(rng: Rng, count: number): string {
  let text = '';
  for (let index = 0; index < count; index++) text += String(Math.floor(rng() * 10));
  return text;
}

/**
 * An ORCID iD with a correct ISO 7064 11,2 check character. It is drawn below 0000-0001-5000-0007,
 * the first iD ORCID ever issued, so it can never be a real researcher's iD.
 */
export function fakeOrcid(rng: Rng): string {
  const base = `00000001${intBetween(rng, 0, 4)}${digits(rng, 6)}`;
  let total = 0;
  for (const digit of base) total = (total + Number(digit)) * 2;
  const check = (12 - (total % 11)) % 11;
  const all = base + (check === 10 ? 'X' : String(check));
  return `${all.slice(0, 4)}-${all.slice(4, 8)}-${all.slice(8, 12)}-${all.slice(12)}`;
}

/** An ISSN with a correct check digit; drawn again when the check would be "X", to keep NNNN-NNNN. */
export function fakeIssn(rng: Rng): string {
  for (;;) {
    const base = digits(rng, 7);
    let sum = 0;
    for (let index = 0; index < 7; index++) sum += Number(base.charAt(index)) * (8 - index);
    const check = (11 - (sum % 11)) % 11;
    if (check === 10) continue;
    return `${base.slice(0, 4)}-${base.slice(4)}${check}`;
  }
}

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';

/** A ROR id shaped like real ones: "0", six Crockford base-32 characters, a mod 97-10 checksum. */
export function fakeRor(rng: Rng): string {
  const value = Math.floor(rng() * 32 ** 6);
  let body = '';
  for (let rest = value, index = 0; index < 6; index++, rest = Math.floor(rest / 32)) {
    body = CROCKFORD.charAt(rest % 32) + body;
  }
  const checksum = String(98 - ((value * 100) % 97)).padStart(2, '0');
  return `0${body}${checksum}`;
}
