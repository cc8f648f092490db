export * from './image-service';
export * from './instance-disk-exporter';
export * from './image-usage';
export * from './console-output';
export * from './image-blob-protocol';
