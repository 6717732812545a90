/** `/institution/<id>` (a CiteQL id or `ror:…`): its authors, the institutions it writes with, its papers. */
import { query } from '../api';
import { count, EntityPaperList, ExternalIds, Facts, Section } from '../components/entity';
import { usePageTitle } from '../components/page-title';
import { PagedList } from '../components/paged-list';
import { NotFoundPage, QueryView } from '../components/status';
import { href, institutionLookup } from '../router';
import type { ExternalIdData, Page, PaperItemData } from '../types';
import { useQuery } from '../use-query';

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
  const state = useQuery<{ institution: InstitutionData | null }>('InstitutionPage', institutionLookup(id));
  const unknown = `No institution has the id "${id}" in CiteQL.`;
  return (
    <QueryView state={state} what="the institution" badId={unknown}>
      {({ institution }) =>
        institution ? <InstitutionView institution={institution} /> : <NotFoundPage what={unknown} />
      }
    </QueryView>
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
        {institution.authors.totalCount === 0 ? (
          <p class="muted">No authors.</p>
        ) : (
          <PagedList
            first={institution.authors}
            total={institution.authors.totalCount}
            noun="authors"
            class="item-list compact"
            itemKey={(edge) => edge.node.id}
            item={(edge) => (
              <>
                <a href={href.author(edge.node.id)}>{edge.node.name}</a>{' '}
                <span class="muted">{edge.node.paperCount === 1 ? '1 paper' : `${edge.node.paperCount} papers`}</span>
              </>
            )}
            more={async (after) =>
              (await query<{ institution: { authors: Page<AuthorEdge> } }>('InstitutionAuthors', { id, after }))
                .institution.authors
            }
          />
        )}
      </Section>
      <Section id="collaborators" title="Institutions on the same papers">
        {institution.collaborators.totalCount === 0 ? (
          <p class="muted">No other institutions on its papers.</p>
        ) : (
          <PagedList
            first={institution.collaborators}
            total={institution.collaborators.totalCount}
            noun="institutions"
            class="item-list compact"
            itemKey={(edge) => edge.node.id}
            item={(edge) => (
              <>
                <a href={href.institution(edge.node.id)}>{edge.node.name}</a>
                {edge.node.country && <span class="muted"> ({edge.node.country})</span>}{' '}
                <span class="muted">
                  {edge.sharedPaperCount === 1 ? '1 paper' : `${edge.sharedPaperCount} papers`} together
                </span>
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
        )}
      </Section>
      <Section id="papers" title="Papers">
        <EntityPaperList entityId={id} papers={institution.papers} />
      </Section>
    </article>
  );
}
