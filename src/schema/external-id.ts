import { externalIdUrl } from '../ids';
import { ExternalId } from './refs';

ExternalId.implement({
  description: 'An identifier of the entity in another system (DOI, OpenAlex, ACL Anthology, ORCID, ROR ...).',
  fields: (t) => ({
    namespace: t.exposeString('namespace', {
      description: 'doi, openalex, acl, orcid, ror, mag, pmid, arxiv, issn ...',
    }),
    value: t.exposeString('value', { description: 'The identifier as the source wrote it, without a URL prefix.' }),
    url: t.string({
      nullable: true,
      description: 'A resolvable URL for the identifier, when the namespace has one.',
      resolve: (id) => externalIdUrl(id.namespace, id.value),
    }),
  }),
});
