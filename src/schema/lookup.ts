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

/** `namespace:value` or an identifier URL, or an error that shows the accepted forms. */
export function externalIdArgument(input: string, argName = 'externalId'): ExternalIdRef {
  const ref = parseExternalId(input);
  if (!ref) {
    throw badUserInput(
      `"${argName}" must be "namespace:value" (e.g. "acl:P08-1001", "openalex:W2741809807", "doi:10.1000/xyz") ` +
        `or an identifier URL (e.g. "https://aclanthology.org/P08-1001"); got "${input}"`,
    );
  }
  return ref;
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
