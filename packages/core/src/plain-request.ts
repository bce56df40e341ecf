/**
 * A stand-in for `Request` handed to openapi-fetch (its `Request` option). openapi-fetch builds a
 * Request and passes it to fetch, which builds a second one internally; with this class the
 * URL and init go to fetch as `fetch(url, init)`, the standard two-argument call any fetch
 * accepts, and the client costs about one Request construction less per call (see bench/).
 *
 * @module
 */

/** The URL and init of a request, with the read-only fields openapi-fetch looks at. */
export class PlainRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly init: RequestInit;

  constructor(input: string | URL, init: RequestInit = {}) {
    this.url = String(input);
    this.init = init;
    this.method = init.method ?? "GET";
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
  }
}

/**
 * Wraps a fetch so that openapi-fetch's {@link PlainRequest} reaches it as `(url, init)`.
 *
 * @example
 * ```ts
 * createClient<paths>({ Request: PlainRequest as unknown as typeof Request, fetch: plainFetch(() => fetch) });
 * ```
 */
export function plainFetch(resolve: () => typeof fetch): (request: Request) => Promise<Response> {
  return (request) => {
    const plain = request as unknown as PlainRequest;
    // openapi-fetch already merged the headers into init as a Headers object.
    return resolve()(
      plain.url,
      plain.init.headers === plain.headers ? plain.init : { ...plain.init, headers: plain.headers },
    );
  };
}
