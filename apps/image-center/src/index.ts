export { createImageCenter, type ImageCenter, type ImageCenterOptions } from './create-image-center';
export { openHostImageCache, startImageCenter, type RunningImageCenter, type StartImageCenterOptions } from './start-image-center';
// The host side of the blob protocol lives in libs/transport, where host agents reach it too.
export { HttpImageCache, ImagePullError, type HttpImageCacheOptions } from '@ecs/transport';
export type { SystemImageRegistration } from './use-cases/register-system-image.use-case';
export { registerSystemImages } from './system-images/register-system-images';
