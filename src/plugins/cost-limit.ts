import { type DocumentNode, type GraphQLSchema, getOperationAST, type OperationDefinitionNode } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { estimateOperationCost } from '../cost/estimate';
import { LIMITS } from '../limits';

export interface OperationCost {
  requested: number;
  limit: number;
}

/** The priced cost of each request's operation, by its GraphQL context (read by the rate limiter). */
const costByContext = new WeakMap<object, OperationCost>();

export function costOfRequest(context: object): OperationCost | undefined {
  return costByContext.get(context);
}

/**
 * Prices already computed in this isolate, by document and then by operation and variables: Yoga's
 * parse cache hands the same DocumentNode for the same text, so a page asked again (a node page
 * for another paper) is priced once per set of variables. A price depends on nothing else (the
 * schema is built once per isolate).
 */
const pricesByDocument = new WeakMap<DocumentNode, Map<string, number>>();
const PRICES_KEPT_PER_DOCUMENT = 100;

function priceOf(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): number {
  let prices = pricesByDocument.get(document);
  if (!prices) {
    prices = new Map();
    pricesByDocument.set(document, prices);
  }
  const key = JSON.stringify([operation.name?.value ?? null, variables]);
  let price = prices.get(key);
  if (price === undefined) {
    price = estimateOperationCost(schema, document, operation, variables);
    if (prices.size >= PRICES_KEPT_PER_DOCUMENT) prices.delete(prices.keys().next().value!);
    prices.set(key, price);
  }
  return price;
}

/**
 * Prices every operation before it runs (src/cost/estimate.ts) and refuses one over the limit
 * with QUERY_TOO_COMPLEX, before any D1 statement. Every answer carries `extensions.cost`.
 */
export function useCostLimit(): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const operation = getOperationAST(args.document, args.operationName);
      if (!operation) return;
      const cost: OperationCost = {
        requested: priceOf(args.schema, args.document, operation, args.variableValues ?? {}),
        limit: LIMITS.maxCost,
      };
      costByContext.set(args.contextValue as object, cost);
      if (cost.requested > cost.limit) {
        setResultAndStopExecution({
          errors: [
            createGraphQLError(
              `This query would cost ${cost.requested} (about that many D1 rows read); the limit is ` +
                `${cost.limit}. Ask for smaller pages (first/last), fewer nested relations, or split it.`,
              { extensions: { code: 'QUERY_TOO_COMPLEX', cost: cost.requested, limit: cost.limit } },
            ),
          ],
          extensions: { cost },
        });
        return;
      }
      return {
        onExecuteDone({ result, setResult }) {
          if (Symbol.asyncIterator in result) return; // CiteQL streams nothing
          setResult({ ...result, extensions: { ...result.extensions, cost } });
        },
      };
    },
  };
}
