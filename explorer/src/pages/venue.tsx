/** `/venue/<id>` (a CiteQL id or an ISSN): what it is and its papers. */
import { count, EntityPaperList, ExternalIds, Facts, Section } from '../components/entity';
import { usePageTitle } from '../components/page-title';
import { LookupView } from '../components/status';
import { href, venueLookup } from '../router';
import type { ExternalIdData, Page, PaperItemData } from '../types';

interface VenueData {
  id: string;
  name: string;
  type: string | null;
  issn: string | null;
  paperCount: number;
  externalIds: ExternalIdData[];
  papers: Page<{ node: PaperItemData }> & { totalCount: number };
}

export function VenuePage({ id }: { id: string }) {
  return (
    <LookupView
      document="VenuePage"
      variables={venueLookup(id)}
      what="the venue"
      unknown={`No venue has the id "${id}" in CiteQL.`}
      pick={(data: { venue: VenueData | null }) => data.venue}
    >
      {(venue) => <VenueView venue={venue} />}
    </LookupView>
  );
}

function VenueView({ venue }: { venue: VenueData }) {
  usePageTitle(venue.name);
  return (
    <article class="entity-page">
      <p class="kind">Venue</p>
      <h1>{venue.name}</h1>
      <Facts
        entries={[
          ['Type', venue.type],
          ['ISSN', venue.issn],
          ['Papers', count(venue.paperCount)],
          ['Identifiers', venue.externalIds.length > 0 ? <ExternalIds ids={venue.externalIds} /> : null],
          ['Search', <a href={href.search({ venue: venue.id })}>Filter the search by this venue</a>],
        ]}
      />
      <Section id="papers" title="Papers">
        <EntityPaperList entityId={venue.id} papers={venue.papers} />
      </Section>
    </article>
  );
}
