/**
 * GraphiQL rendered once per server (the page is ~9 MB and the same every time) with an ETag
 * from its content, so a browser revalidates it with a 304 instead of downloading it again.
 */
import type { GraphiQLOptions } from 'graphql-yoga';
import { sha256Hex } from './sha256.ts';

/** graphql-yoga's `renderGraphiQL`, which does not depend on the server's context types. */
export type RenderGraphiQL = (options: GraphiQLOptions) => BodyInit | Promise<BodyInit>;

export interface GraphiQLPage {
  render: RenderGraphiQL;
  /** The page's ETag once it has been rendered. */
  etag: () => string | undefined;
}

export function graphiqlPage(render: RenderGraphiQL): GraphiQLPage {
  let page: Promise<BodyInit> | undefined;
  let etag: string | undefined;
  return {
    render: (options) => {
      page ??= (async () => {
        const html = await render(options);
        const text = typeof html === 'string' ? html : await new Response(html).text();
        etag = `"${await sha256Hex(text)}"`;
        return text;
      })();
      return page;
    },
    etag: () => etag,
  };
}
