/** Where a client finds the peers that may serve it. */
export interface EndpointSource {
  /** Base URLs to try, most preferred first; empty while discovery has found nobody yet. */
  endpoints(): readonly string[];
}

/** One fixed peer (a Kubernetes Service, a test server). */
export function fixedEndpoint(url: string): EndpointSource {
  return { endpoints: () => [url] };
}
