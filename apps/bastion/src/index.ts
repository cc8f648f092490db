export { createBastion, type Bastion, type BastionOptions } from './create-bastion';
export { startBastion, opsAgentKey, type RunningBastion, type StartBastionOptions } from './start-bastion';
