export * from './driver/domain-state';
export * from './driver/domain-spec';
export * from './driver/hypervisor-driver';
export * from './driver/resources';
export * from './errors/hypervisor-errors';
export * from './sim/sim-driver';
export * from './sim/sim-driver-options';
