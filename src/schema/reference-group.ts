import { referenceGroupKey } from '../db/citation.repository';
import { relationConnection } from './connection';
import { readsListedPaperColumnsOnly } from './lookahead';
import { referencesOfGroup } from './lookups';
import { Reference, ReferenceGroup } from './refs';

ReferenceGroup.implement({
  description:
    'A paper\'s references found in one source database (CNKI\'s "Springer Journals Database — Total: 27 articles").',
  fields: (t) => ({
    sourceDatabase: t.exposeString('source_database', {
      nullable: true,
      description: 'Null for the entries whose source database is unknown.',
    }),
    totalCount: t.int({ description: 'Entries in this group.', resolve: (group) => Number(group.total_count) }),
    references: t.connection({
      type: Reference,
      description: 'The entries of this group, in reference-list order.',
      resolve: (group, args, ctx, info) =>
        relationConnection(
          ctx,
          referencesOfGroup,
          referenceGroupKey(group.paper_id, group.source_database),
          args,
          readsListedPaperColumnsOnly(info, info.fieldNodes, 'citedPaper'),
        ),
    }),
  }),
});
