/** Argument checks shared by several types; each throws BAD_USER_INPUT before any statement runs. */
import { badUserInput } from '../errors';
import { type ExternalIdRef, makeExternalId, parseExternalId } from '../ids';

/**
 * Root lookups take alternative keys (`paper(id:)`, `paper(doi:)` ...): exactly one must be given,
 * so a query never silently prefers one key over another.
 */
export function exactlyOneArgument<Args extends Record<string, unknown>>(
  field: string,
  args: Args,
): keyof Args & string {
  const given = Object.keys(args).filter((name) => args[name] !== null && args[name] !== undefined);
  const [only] = given;
  if (given.length !== 1 || only === undefined) {
    const names = Object.keys(args)
      .map((name) => `"${name}"`)
      .join(', ');
    const got = given.length > 1 ? ` (got ${given.join(' and ')})` : '';
    throw badUserInput(`${field} takes exactly one of ${names}${got}`);
  }
  return only;
}

/** An identifier of one namespace, bare (`0000-0002-1825-0097`), prefixed or as a URL. */
export function namespacedIdArgument(input: string, namespace: string, argName: string): ExternalIdRef {
  const parsed = parseExternalId(input);
  const ref = parsed?.namespace === namespace ? parsed : makeExternalId(namespace, input);
  if (!ref || (parsed && parsed.namespace !== namespace && parsed.namespace !== 'url' && input.includes('://'))) {
    throw badUserInput(`"${argName}" must be a ${namespace} identifier; got "${input}"`);
  }
  return ref;
}

export function checkRange(value: number, name: string, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw badUserInput(`"${name}" must be between ${min} and ${max} (got ${value})`, { argumentName: name });
  }
}
