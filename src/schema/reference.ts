import { Paper, Reference } from './refs';

Reference.implement({
  description: 'One entry of a reference list, kept whether or not the cited work is in CiteQL.',
  fields: (t) => ({
    position: t.exposeInt('position', { description: '1-based place in the reference list.' }),
    rawText: t.exposeString('raw_text', {
      nullable: true,
      description: 'The entry as printed, when the source had it.',
    }),
    sourceDatabase: t.exposeString('source_database', {
      nullable: true,
      description: 'The database the entry was found in (e.g. "Springer Journals Database"), when known.',
    }),
    citedPaper: t.field({
      type: Paper,
      nullable: true,
      description: 'The cited paper; null while that work is not in CiteQL.',
      // The row came with the page (an object is used as is; an id would be loaded): no statement.
      resolve: (reference) => reference.cited_paper,
    }),
    citedExternalId: t.exposeString('cited_external_id', {
      nullable: true,
      description: 'The cited work\'s identifier as "namespace:value", as the source gave it.',
    }),
    title: t.exposeString('title', { nullable: true, description: 'Parsed title of the cited work.' }),
    authors: t.exposeString('authors', { nullable: true, description: 'Parsed authors of the cited work.' }),
    year: t.exposeInt('year', { nullable: true }),
    venue: t.exposeString('venue', { nullable: true }),
    doi: t.exposeString('doi', { nullable: true }),
  }),
});
