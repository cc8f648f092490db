export { createImageCenter, type ImageCenter, type ImageCenterOptions } from './create-image-center';
export { openHostImageCache, startImageCenter, type RunningImageCenter, type StartImageCenterOptions } from './start-image-center';
export { HttpImageCache, ImagePullError, type HttpImageCacheOptions } from './host-cache/http-image-cache';
export type { SystemImageRegistration } from './use-cases/register-system-image.use-case';
