import type { Context } from '../context';
import { type InstitutionOfAuthorshipRow, institutionsOfAuthorships } from '../db/institution.repository';
import { Author, Authorship, Institution } from './refs';

const authorshipKey = (paperId: number, position: number) => `${paperId}:${position}`;

Authorship.implement({
  description: "An author's place on one paper's byline, with the affiliations given on that paper.",
  fields: (t) => ({
    position: t.exposeInt('position', { description: '1-based place in the byline.' }),
    rawName: t.exposeString('raw_name', { description: 'The name as printed on this paper.' }),
    author: t.field({
      type: Author,
      // The row came with the byline: no second statement for the authors.
      resolve: (authorship) => ({
        id: authorship.author_id,
        name: authorship.author_name,
        orcid: authorship.author_orcid,
      }),
    }),
    institutions: t.loadableGroup({
      type: Institution,
      description: "The author's institutions as given on this paper.",
      // One statement for every authorship of every paper in the response.
      load: (keys: string[], ctx: Context) =>
        institutionsOfAuthorships(ctx.db, [...new Set(keys.map((key) => Number(key.split(':')[0])))]),
      // The group callback is typed with the Institution shape; the loaded rows also carry the authorship.
      group: (row) => {
        const { paper_id, position } = row as InstitutionOfAuthorshipRow;
        return authorshipKey(paper_id, position);
      },
      resolve: (authorship) => authorshipKey(authorship.paper_id, authorship.position),
    }),
  }),
});
