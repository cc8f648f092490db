import type { ImageService } from '../images/image-service';
import type { ConsoleOutput } from '../images/console-output';
import type { InstanceMetadata } from '../metadata/instance-metadata';
import { INTERNAL_PREFIX } from './internal-routes';
import type { ServiceEndpoint } from './service-endpoints';

/**
 * The internal routes of the image center and the metaserver, and the routes through which
 * control reaches what lives on a hypervisor host (a guest's console, a stopped guest's disk) on
 * behalf of the other components. Same conventions as internal-routes.ts: POST, JSON body, the
 * internal bearer token; the two disk routes answer with the bytes (application/octet-stream).
 */

/** image center: one route per ImageService method; the body is the method's single command. */
export const IMAGE_CENTER_ROUTES = {
  importImage: `${INTERNAL_PREFIX}/images/import`,
  createImage: `${INTERNAL_PREFIX}/images/create`,
  copyImage: `${INTERNAL_PREFIX}/images/copy`,
  deleteImage: `${INTERNAL_PREFIX}/images/delete`,
  modifyImageAttribute: `${INTERNAL_PREFIX}/images/modify-attribute`,
} as const satisfies Record<keyof ImageService, string>;

/** The image center as it announces itself: its internal API, and the blob endpoint host agents pull from. */
export interface ImageCenterEndpoint extends ServiceEndpoint {
  /** Manifests and blobs (libs/contracts image-blob-protocol); in a cluster the bearer is the internal token. */
  readonly blobUrl: string;
  readonly regionIds: readonly string[];
}

/** The body of every route that is about one instance. */
export interface InstanceRequest {
  readonly instanceId: string;
}

/** control: what a metaserver serves a guest (any replica answers; a read). */
export const INSTANCE_METADATA_ROUTE = `${INTERNAL_PREFIX}/control/instance-metadata`;

export interface InstanceMetadataAnswer {
  /** Null once the instance is gone (or never existed). */
  readonly metadata: InstanceMetadata | null;
}

/** control: GetInstanceConsoleOutput's source, read on the instance's host. */
export const INSTANCE_CONSOLE_ROUTE = `${INTERNAL_PREFIX}/control/instance-console`;

export interface ConsoleOutputAnswer {
  /** Null when the instance has no domain on a host. */
  readonly console: ConsoleOutput | null;
}

/** control: a Stopped instance's system disk for CreateImage, streamed from its host; answers bytes. */
export const INSTANCE_DISK_ROUTE = `${INTERNAL_PREFIX}/control/instance-disk`;

/** host agent: a domain's serial console tail; answers ConsoleOutputAnswer. */
export const HOST_CONSOLE_ROUTE = `${INTERNAL_PREFIX}/host/console`;

/** host agent: a shut-off domain's system disk as a standalone image; answers bytes. */
export const HOST_DISK_ROUTE = `${INTERNAL_PREFIX}/host/disk`;

/** metaserver (one per hypervisor host): the per-instance sockets its host's agent asks for. */
export const METASERVER_ROUTES = {
  /** `{ instanceId }` → {@link MetadataSocketAnswer}; attaching an attached instance changes nothing. */
  attach: `${INTERNAL_PREFIX}/metaserver/attach`,
  /** `{ instanceId }` → nothing; the socket goes. */
  detach: `${INTERNAL_PREFIX}/metaserver/detach`,
  /** `{ instanceIds }` → nothing; exactly these instances are attached afterwards (level-triggered). */
  reconcile: `${INTERNAL_PREFIX}/metaserver/reconcile`,
} as const;

export interface MetadataSocketAnswer {
  /** The unix socket the hypervisor must forward the guest's metadata connections to. */
  readonly socketPath: string;
}

export interface MetadataReconcileRequest {
  readonly instanceIds: readonly string[];
}

/** A host's metaserver, registered under its host id so that the host's agent finds it. */
export interface MetaServerEndpoint extends ServiceEndpoint {
  readonly hostId: string;
}
