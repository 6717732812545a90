/**
 * The GraphiQL page the Worker renders (src/graphiql.ts): it loads GraphiQL from the Worker's own
 * static assets and nothing from elsewhere. test/browser/graphiql.test.ts runs it in Chromium.
 */
import { expect, it } from 'vitest';
import { GRAPHIQL_ASSETS } from '../src/graphiql';
import { NODE_PAGE_QUERY } from '../src/persisted-documents';
import { exports } from './helpers';

it('GET /graphql from a browser is GraphiQL from local assets, opening on the node-page query', async () => {
  const response = await exports.default.fetch('http://citeql.test/graphql', { headers: { accept: 'text/html' } });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/html');
  const html = await response.text();
  expect(html).toContain(`<script src="${GRAPHIQL_ASSETS}/yoga-graphiql.umd.js"></script>`);
  expect(html).toContain(`href="${GRAPHIQL_ASSETS}/graphiql.css"`);
  expect(html).not.toMatch(/https?:\/\//);
  expect(html).toContain(JSON.stringify(NODE_PAGE_QUERY).replace(/</g, '\\u003c'));
  expect(html).toContain(JSON.stringify(JSON.stringify({ id: 'demo:SEED-BRI' }, null, 2)));
});

it('a GraphQL client still gets JSON from GET /graphql', async () => {
  const response = await exports.default.fetch('http://citeql.test/graphql?query=%7B__typename%7D', {
    headers: { accept: 'application/graphql-response+json' },
  });
  expect(await response.json()).toEqual(expect.objectContaining({ data: { __typename: 'Query' } }));
});
