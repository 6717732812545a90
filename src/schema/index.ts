/** Registers every type (side-effect imports) and builds the schema once, at module scope. */
import { builder } from '../builder';
import './paper';
import './paper-cite';
import './authorship';
import './author';
import './institution';
import './keyword';
import './venue';
import './reference';
import './reference-group';
import './paper-network';
import './citation-network';
import './year-count';
import './external-id';
import './autocomplete';
import './resolve';

export const schema = builder.toSchema({ sortSchema: true });
