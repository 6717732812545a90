import { YearCount } from './refs';

YearCount.implement({
  description: 'A count for one publication year (null: papers whose year is unknown).',
  fields: (t) => ({
    year: t.exposeInt('year', { nullable: true }),
    count: t.exposeInt('count'),
  }),
});
