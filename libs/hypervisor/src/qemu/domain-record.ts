import type { DomainSpec } from '@ecs/contracts';
import type { DomainState, DomainStateReason } from '../driver/domain-state';
import type { DomainInfo } from '../driver/hypervisor-driver';
import { ConsoleLog } from './console-log';
import { writeJsonAtomic, type DomainPaths } from './domain-folder';
import type { QemuVm } from './qemu-vm';

/** The driver's view of one defined domain. */
export interface DomainRecord {
  spec: DomainSpec;
  readonly paths: DomainPaths;
  state: DomainState;
  reason: DomainStateReason;
  detail: string | undefined;
  readonly console: ConsoleLog;
  /** The QEMU process, from spawn until its death has been recorded. */
  vm: QemuVm | undefined;
}

/** Kept in the domain's folder while it is shut off, so a new driver reports the same reason. */
export interface StoppedStatus {
  readonly reason: DomainStateReason<'shutoff'>;
  readonly detail?: string;
}

/** Moves a domain and tells lifecycle listeners; {@link setState} alone is for what a driver finds on load. */
export interface DomainStates {
  enter(record: DomainRecord, state: DomainState, reason: DomainStateReason, detail?: string): void;
}

export function setState(record: DomainRecord, state: DomainState, reason: DomainStateReason, detail?: string): void {
  record.state = state;
  record.reason = reason;
  record.detail = detail;
}

export async function saveStoppedStatus(paths: DomainPaths, status: { readonly reason: DomainStateReason<'shutoff'>; readonly detail?: string | undefined }): Promise<void> {
  const saved: StoppedStatus = status.detail === undefined ? { reason: status.reason } : { reason: status.reason, detail: status.detail };
  await writeJsonAtomic(paths.status, saved);
}

export async function openRecord(spec: DomainSpec, paths: DomainPaths, status: StoppedStatus, consoleLimitBytes: number): Promise<DomainRecord> {
  const console = await ConsoleLog.open(paths.console, consoleLimitBytes);
  return { spec, paths, state: 'shutoff', reason: status.reason, detail: status.detail, console, vm: undefined };
}

export function infoOf(record: DomainRecord): DomainInfo {
  const info = { instanceId: record.spec.instanceId, spec: record.spec, state: record.state, reason: record.reason };
  return record.detail === undefined ? info : { ...info, detail: record.detail };
}

export function messageOf(error: unknown): string {
  const message = typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : undefined;
  return typeof message === 'string' ? message : String(error);
}
