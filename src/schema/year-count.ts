import { builder } from '../builder';

/** A count per year of something (`parent_id`: the paper or keyword it belongs to). */
export interface YearCountShape {
  parent_id: number;
  year: number | null;
  count: number;
}

export const YearCount = builder.objectRef<YearCountShape>('YearCount').implement({
  description: 'A count for one publication year (null: papers whose year is unknown).',
  fields: (t) => ({
    year: t.exposeInt('year', { nullable: true }),
    count: t.exposeInt('count'),
  }),
});
