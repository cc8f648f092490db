// The image center registers system images from build manifests wherever it runs (docs/decisions/0097).
export { registerSystemImages } from '../../image-center/src';
