/** The content was read but is not an image this platform runs (format, size) or could not be exported. */
export class ImageContentError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'ImageContentError';
  }
}
