/**
 * The graph-relation budget of one request. Statements per request are bounded by batching, but a
 * batched two-hop relation still reads its whole neighbourhood for every parent: co-citation of the
 * 100 most cited AAN papers reads 1.2 million rows in one statement (~0.3 s of D1 time). Each
 * evaluation of a graph relation for one paper (secondary references/citations, co-citation,
 * coupling, similar; a network counts its depth, a path its hop bound) spends one unit; a request
 * that would overspend gets QUERY_TOO_COMPLEX before the statement runs. The node page spends 4-5.
 */
import { tooComplex } from './errors';

const GRAPH_BUDGET_PER_REQUEST = 100;

/** Graph-relation evaluations a request may still make. */
export interface GraphBudget {
  remaining: number;
}

export function newGraphBudget(): GraphBudget {
  return { remaining: GRAPH_BUDGET_PER_REQUEST };
}

/**
 * Spends `units` of the request's budget, or throws without spending when they are not there.
 * Takes any holder of a budget (the request context) so that this module needs nothing from it.
 */
export function spendGraphBudget(ctx: { graphBudget: GraphBudget }, units: number, what: string): void {
  if (units > ctx.graphBudget.remaining) {
    throw tooComplex(
      `${what} would take ${units} graph-relation evaluations and this request has ` +
        `${ctx.graphBudget.remaining} of ${GRAPH_BUDGET_PER_REQUEST} left; ask for fewer papers at once ` +
        '(smaller pages) or split the query into several requests',
      { limit: GRAPH_BUDGET_PER_REQUEST },
    );
  }
  ctx.graphBudget.remaining -= units;
}
