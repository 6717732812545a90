import { builder } from '../builder';
import type { Context } from '../context';
import { type AuthorRow, authorsOfInstitutions, countAuthorsOfInstitutions } from '../db/author.repository';
import { externalIdsOf } from '../db/external-id.repository';
import {
  type CollaboratorRow,
  collaboratorsOfInstitutions,
  countCollaboratorsOfInstitutions,
  institutionCitationMetrics,
} from '../db/institution.repository';
import type { ListedPaperRow } from '../db/paper.repository';
import { papersOfInstitutions } from '../db/paper-list.repository';
import { exactlyOneArgument, namespacedIdArgument } from './arguments';
import { type Relation, relationConnection, relationCount, requestLoader } from './connection';
import { entityListField } from './entity-list';
import { localIdOf } from './global-id';
import { readsListedPaperColumnsOnly } from './lookahead';
import { entityIdByKey } from './lookups';
import { Author, ExternalId, Institution, Paper } from './refs';

const papersOfInstitution: Relation<ListedPaperRow> = {
  name: 'Institution.papers',
  ...papersOfInstitutions,
};

const authorsOfInstitution: Relation<AuthorRow> = {
  name: 'Institution.authors',
  page: authorsOfInstitutions,
  count: countAuthorsOfInstitutions,
};

const collaboratorsOfInstitution: Relation<CollaboratorRow> = {
  name: 'Institution.collaborators',
  page: collaboratorsOfInstitutions,
  count: countCollaboratorsOfInstitutions,
};

Institution.implement({
  description: 'A university, institute or company that authors are affiliated with.',
  fields: (t) => ({
    name: t.exposeString('name'),
    ror: t.exposeString('ror', { nullable: true, description: 'ROR id (e.g. 01an7q238), when known.' }),
    country: t.exposeString('country', { nullable: true, description: 'ISO 3166-1 alpha-2 country code.' }),
    type: t.exposeString('type', { nullable: true }),
    externalIds: t.loadableGroup({
      type: ExternalId,
      load: (ids: number[], ctx: Context) => externalIdsOf(ctx.db, 'institution', ids),
      group: (row) => row.entity_id,
      resolve: (institution) => institution.id,
    }),
    papers: t.connection({
      type: Paper,
      description: 'Papers with an author affiliated here (on that paper), newest first.',
      resolve: (institution, args, ctx, info) =>
        relationConnection(
          ctx,
          papersOfInstitution,
          institution.id,
          args,
          readsListedPaperColumnsOnly(info, info.fieldNodes, 'node'),
        ),
    }),
    paperCount: t.int({
      description: 'Always papers.totalCount.',
      resolve: (institution, _args, ctx) => relationCount(ctx, papersOfInstitution, institution.id),
    }),
    citationCount: t.int({
      description: 'Citations of papers with an author affiliated here: the sum of their citationCount.',
      resolve: (institution, _args, ctx) =>
        requestLoader(ctx, 'Institution.citationCount', async (ids: number[]) => {
          const metrics = await institutionCitationMetrics(ctx.db, ids);
          return ids.map((id) => metrics.get(id)?.citation_count ?? 0);
        }).load(institution.id),
    }),
    collaborators: t.connection(
      {
        type: Institution,
        description: 'Institutions on the same papers, most shared papers first.',
        resolve: (institution, args, ctx) => relationConnection(ctx, collaboratorsOfInstitution, institution.id, args),
      },
      {},
      {
        fields: (edge) => ({
          sharedPaperCount: edge.int({ resolve: (e) => (e.node as CollaboratorRow).shared_paper_count }),
        }),
      },
    ),
    authors: t.connection({
      type: Author,
      description: 'Authors who gave this affiliation on a paper, most papers first.',
      resolve: (institution, args, ctx) => relationConnection(ctx, authorsOfInstitution, institution.id, args),
    }),
  }),
});

builder.queryField('institution', (t) =>
  t.field({
    type: Institution,
    nullable: true,
    description: 'One institution by exactly one of: CiteQL id, ROR id. Null when unknown.',
    args: { id: t.arg.id(), ror: t.arg.string({ description: 'Bare (01an7q238) or as a URL.' }) },
    resolve: (_root, args, ctx) => {
      if (exactlyOneArgument('institution', args) === 'id') return localIdOf(String(args.id), 'Institution');
      return entityIdByKey(ctx, 'institution', namespacedIdArgument(String(args.ror), 'ror', 'ror').key);
    },
  }),
);

entityListField('institutions', Institution, 'institution');
