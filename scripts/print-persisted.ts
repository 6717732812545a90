/** npm run persisted: the registered documents' manifest (sha256 -> operation name) for front ends. */
import { sha256Hex } from '../src/hash';
import { TRUSTED_DOCUMENTS } from '../src/persisted-documents';

const manifest: Record<string, string> = {};
for (const [name, document] of Object.entries(TRUSTED_DOCUMENTS)) manifest[await sha256Hex(document)] = name;
console.log(JSON.stringify(manifest, null, 2));
