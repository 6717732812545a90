import { institutionsByPosition } from './lookups';
import { Author, Authorship, Institution } from './refs';

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
    institutions: t.field({
      type: [Institution],
      description: "The author's institutions as given on this paper.",
      // One statement for every authorship of every paper in the response, sent with the byline.
      resolve: async (authorship, _args, ctx) =>
        (await institutionsByPosition(ctx, authorship.paper_id)).get(authorship.position) ?? [],
    }),
  }),
});
