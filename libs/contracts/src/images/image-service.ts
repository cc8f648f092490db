/**
 * What the business layer asks of the image center (in-process in all-in-one; over the network in a
 * cluster). Commands arrive validated for shape; the image center checks what only it can know
 * (ownership, status, reachability of a source) and raises EcsError with the ECS code.
 */
export type DiskImageFormat = 'qcow2' | 'raw';
export type ImageOsType = 'linux' | 'windows';
export type ImageArchitecture = 'x86_64' | 'arm64';

/** The operating-system facts shown by DescribeImages; the tenant declares them for images it brings. */
export interface ImageOsFields {
  readonly osType: ImageOsType;
  readonly platform: string;
  readonly architecture: ImageArchitecture;
}

/** ClientToken and DryRun, as every write action of the ECS API carries them. */
export interface ImageWriteOptions {
  /** Same token and same requestHash → the first call's answer; another hash → IdempotentParameterMismatch. */
  readonly clientToken: string | undefined;
  /** SHA-256 of the normalised parameters, without ClientToken and DryRun. */
  readonly requestHash: string;
  /** Validate everything, change nothing, answer DryRunOperation. */
  readonly dryRun: boolean;
}

export interface ImportImageCommand extends ImageWriteOptions {
  readonly accountId: string;
  readonly regionId: string;
  /** An http(s) URL of a qcow2 or raw disk image; fetched by the image center behind its SSRF guard. */
  readonly url: string;
  /** The format the tenant says the file has; the content decides, and a mismatch fails the import. */
  readonly declaredFormat: DiskImageFormat | undefined;
  readonly imageName: string | undefined;
  readonly description: string | undefined;
  readonly os: ImageOsFields;
}

export interface ImportImageResult {
  readonly imageId: string;
  readonly taskId: string;
}

export interface CreateImageCommand extends ImageWriteOptions {
  readonly accountId: string;
  readonly regionId: string;
  /** Already checked by the business layer: the caller's, and Stopped. */
  readonly instanceId: string;
  /** The image the instance was created from: the new image inherits its OS fields. */
  readonly sourceImageId: string;
  readonly imageName: string | undefined;
  readonly description: string | undefined;
  /** Overrides of the inherited OS fields. */
  readonly platform: string | undefined;
  readonly architecture: ImageArchitecture | undefined;
}

export interface CopyImageCommand extends ImageWriteOptions {
  readonly accountId: string;
  readonly regionId: string;
  readonly imageId: string;
  readonly destinationRegionId: string;
  readonly imageName: string | undefined;
  readonly description: string | undefined;
}

export interface DeleteImageCommand {
  readonly accountId: string;
  readonly regionId: string;
  readonly imageId: string;
  /** Delete even while instances were created from it (they keep running from their own disks). */
  readonly force: boolean;
  readonly dryRun: boolean;
}

export interface ModifyImageAttributeCommand {
  readonly accountId: string;
  readonly regionId: string;
  readonly imageId: string;
  readonly imageName: string | undefined;
  readonly description: string | undefined;
  readonly dryRun: boolean;
}

export interface ImageService {
  /** Registers the image as Creating and fetches it in the background (→ Available or CreateFailed). */
  importImage(command: ImportImageCommand): Promise<ImportImageResult>;
  /** Registers the image as Creating and exports the instance's system disk in the background. */
  createImage(command: CreateImageCommand): Promise<{ readonly imageId: string }>;
  /** Registers the copy as Creating in the destination region and copies the content in the background. */
  copyImage(command: CopyImageCommand): Promise<{ readonly imageId: string }>;
  deleteImage(command: DeleteImageCommand): Promise<void>;
  modifyImageAttribute(command: ModifyImageAttributeCommand): Promise<void>;
}

export const IMAGE_SERVICE = Symbol('ImageService');
