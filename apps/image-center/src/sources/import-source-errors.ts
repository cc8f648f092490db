/**
 * Why an import source could not be read. Messages are shown to the tenant as the image's failure
 * reason, so they say what went wrong with their URL and nothing about the image center's insides.
 */
export class ImportSourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportSourceError';
  }
}

/** The URL is not one the image center fetches at all (scheme, credentials, shape). */
export class MalformedImportUrlError extends ImportSourceError {
  constructor(why: string) {
    super(why);
    this.name = 'MalformedImportUrlError';
  }
}

/** The URL's host is, or resolves to, an address the SSRF guard refuses. */
export class RefusedImportAddressError extends ImportSourceError {
  constructor(readonly host: string) {
    super(`${host} resolves to an address the image center does not fetch from`);
    this.name = 'RefusedImportAddressError';
  }
}
