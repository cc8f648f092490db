import type { Logger } from '@ecs/observability';
import type { ImageRepository } from '@ecs/persistence';
import { BlobTooLargeError, DigestMismatchError } from '../blob-store/blob-store';
import { ImportSourceError } from '../sources/import-source-errors';
import { ImageContentError } from './image-content-error';

type Work = (signal: AbortSignal) => Promise<void>;

/**
 * The background half of ImportImage, CreateImage and CopyImage. Each job has a deadline: an image
 * never stays Creating longer than `timeoutMs` (and after a restart the image center fails what
 * was left Creating). A job that fails leaves its image CreateFailed with a reason the tenant may read.
 */
export class CreationJobs {
  private readonly running = new Map<string, { readonly controller: AbortController; readonly done: Promise<void> }>();
  private closing = false;

  constructor(
    private readonly images: ImageRepository,
    private readonly timeoutMs: number,
    private readonly log: Logger,
  ) {}

  start(imageId: string, work: Work): void {
    const controller = new AbortController();
    const deadline = setTimeout(() => controller.abort(), this.timeoutMs);
    deadline.unref();
    const done = work(controller.signal)
      .catch((error: unknown) => this.fail(imageId, error, controller.signal))
      .finally(() => {
        clearTimeout(deadline);
        this.running.delete(imageId);
      });
    this.running.set(imageId, { controller, done });
  }

  /** Resolves once no job is running (including jobs started while waiting). */
  async whenIdle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running.values()].map((job) => job.done));
  }

  /** Aborts every running job; their images end CreateFailed. */
  async close(): Promise<void> {
    this.closing = true;
    for (const job of this.running.values()) job.controller.abort();
    await this.whenIdle();
  }

  private async fail(imageId: string, error: unknown, signal: AbortSignal): Promise<void> {
    const reason = this.reasonFor(error, signal);
    if (reason === undefined) this.log.error('image creation failed unexpectedly', { imageId, error });
    else this.log.info('image creation failed', { imageId, reason });
    try {
      await this.images.failCreation(imageId, reason ?? 'the image content could not be read');
    } catch (recordError) {
      this.log.error('could not record a failed image creation', { imageId, error: recordError });
    }
  }

  /** A reason safe to show the tenant, or undefined for failures whose detail is for operators only. */
  private reasonFor(error: unknown, signal: AbortSignal): string | undefined {
    if (signal.aborted) return this.closing ? 'the image center stopped before the image was complete' : 'the operation took longer than allowed';
    if (error instanceof ImportSourceError || error instanceof ImageContentError || error instanceof BlobTooLargeError || error instanceof DigestMismatchError) return error.message;
    return undefined;
  }
}
