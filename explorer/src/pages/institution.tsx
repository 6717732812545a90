/** `/institution/<id>` (a CiteQL id or `ror:…`): its authors, the institutions it writes with, its papers. */
import { query } from '../api';
import { count, EntityPaperList, ExternalIds, Facts, paperCount, Section } from '../components/entity';
import { usePageTitle } from '../components/page-title';
import { PagedList } from '../components/paged-list';
import { LookupView } from '../components/status';
import { href, institutionLookup } from '../router';
import type { ExternalIdData, Page, PaperItemData } from '../types';

interface AuthorEdge {
  node: { id: string; name: string; paperCount: number };
}

interface CollaboratorEdge {
  sharedPaperCount: number;
  node: { id: string; name: string; country: string | null };
}

interface InstitutionData {
  id: string;
  name: string;
  country: string | null;
  type: string | null;
  ror: string | null;
  paperCount: number;
  citationCount: number;
  externalIds: ExternalIdData[];
  authors: Page<AuthorEdge> & { totalCount: number };
  collaborators: Page<CollaboratorEdge> & { totalCount: number };
  papers: Page<{ node: PaperItemData }> & { totalCount: number };
}

export function InstitutionPage({ id }: { id: string }) {
  return (
    <LookupView
      document="InstitutionPage"
      variables={institutionLookup(id)}
      what="the institution"
      unknown={`No institution has the id "${id}" in CiteQL.`}
      pick={(data: { institution: InstitutionData | null }) => data.institution}
    >
      {(institution) => <InstitutionView institution={institution} />}
    </LookupView>
  );
}

function InstitutionView({ institution }: { institution: InstitutionData }) {
  usePageTitle(institution.name);
  const { id } = institution;
  return (
    <article class="entity-page">
      <p class="kind">Institution</p>
      <h1>{institution.name}</h1>
      <Facts
        entries={[
          ['Country', institution.country],
          ['Type', institution.type],
          ['Papers', count(institution.paperCount)],
          ['Citations', count(institution.citationCount)],
          ['Identifiers', institution.externalIds.length > 0 ? <ExternalIds ids={institution.externalIds} /> : null],
        ]}
      />
      <Section id="authors" title="Authors">
        <PagedList
          first={institution.authors}
          empty="No authors."
          total={institution.authors.totalCount}
          noun="authors"
          class="item-list compact"
          itemKey={(edge) => edge.node.id}
          item={(edge) => (
            <>
              <a href={href.author(edge.node.id)}>{edge.node.name}</a>{' '}
              <span class="muted">{paperCount(edge.node.paperCount)}</span>
            </>
          )}
          more={async (after) =>
            (await query<{ institution: { authors: Page<AuthorEdge> } }>('InstitutionAuthors', { id, after }))
              .institution.authors
          }
        />
      </Section>
      <Section id="collaborators" title="Institutions on the same papers">
        <PagedList
          first={institution.collaborators}
          empty="No other institutions on its papers."
          total={institution.collaborators.totalCount}
          noun="institutions"
          class="item-list compact"
          itemKey={(edge) => edge.node.id}
          item={(edge) => (
            <>
              <a href={href.institution(edge.node.id)}>{edge.node.name}</a>
              {edge.node.country && <span class="muted"> ({edge.node.country})</span>}{' '}
              <span class="muted">{paperCount(edge.sharedPaperCount)} together</span>
            </>
          )}
          more={async (after) =>
            (
              await query<{ institution: { collaborators: Page<CollaboratorEdge> } }>('InstitutionCollaborators', {
                id,
                after,
              })
            ).institution.collaborators
          }
        />
      </Section>
      <Section id="papers" title="Papers">
        <EntityPaperList entityId={id} papers={institution.papers} />
      </Section>
    </article>
  );
}
