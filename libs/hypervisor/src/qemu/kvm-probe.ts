import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdtemp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { removeQuietly } from './domain-folder';

/**
 * A boot sector that does what broken nested KVM trips over: it enters 32-bit protected mode, runs
 * an `iretl`, then writes 1 to the isa-debug-exit port, which makes QEMU exit with status 3.
 * Assembled from (GNU as, .code16, linked at 0x7c00):
 *   cli; xor %ax,%ax; mov %ax,%ds; mov %ax,%ss; mov $0x7c00,%sp; lgdt gdtr
 *   mov %cr0,%eax; or $1,%al; mov %eax,%cr0; ljmp $0x08,$pm
 *   pm: (.code32) mov $0x10,%ax; mov %ax,%ds; mov %ax,%ss; mov $0x7c00,%esp
 *   pushfl; pushl $0x08; pushl $done; iretl
 *   done: mov $1,%al; out %al,$0xf4; halt: hlt; jmp halt
 *   gdt (at 0x7c40): null, flat code 0x00cf9a000000ffff, flat data 0x00cf92000000ffff; gdtr (at 0x7c58)
 */
const PROBE_CODE =
  'fa31c08ed88ed0bc007c0f0116587c0f20c00c010f22c0ea1c7c080066b810008ed88ed0bc007c00009c6a0868327c0000cf' +
  'b001e6f4f4ebfd8db426000000000000000000000000ffff0000009acf00ffff00000092cf001700407c0000';
const DEBUG_EXIT_SUCCESS = 3;

export function kvmProbeImage(): Buffer {
  const sector = Buffer.alloc(512);
  Buffer.from(PROBE_CODE, 'hex').copy(sector);
  sector[510] = 0x55;
  sector[511] = 0xaa;
  return sector;
}

/**
 * Whether KVM really runs guests here. /dev/kvm can exist yet fail (nested virtualisation that
 * stops with "KVM internal error" or never returns), so a real boot sector is run under KVM and
 * must exit with the expected status within `timeoutMs`.
 */
export async function kvmWorks(qemuBinary: string, scratchParent: string, timeoutMs: number): Promise<boolean> {
  let scratch: string | undefined;
  try {
    await access('/dev/kvm', constants.R_OK | constants.W_OK);
    scratch = await mkdtemp(join(scratchParent, '.kvm-probe-'));
    const image = join(scratch, 'probe.img');
    await writeFile(image, kvmProbeImage());
    return await runsToCompletion(qemuBinary, image, timeoutMs);
  } catch {
    // No device, no permission, no room for the probe: KVM has not shown that it works.
    return false;
  } finally {
    if (scratch) await removeQuietly(scratch);
  }
}

function runsToCompletion(qemuBinary: string, image: string, timeoutMs: number): Promise<boolean> {
  const args = [
    '-accel', 'kvm', '-cpu', 'host', '-m', '16',
    '-nodefaults', '-no-user-config', '-display', 'none',
    '-device', 'isa-debug-exit,iobase=0xf4,iosize=0x04',
    '-drive', `file=${image.replaceAll(',', ',,')},format=raw,if=ide,readonly=on`,
  ];
  return new Promise<boolean>((resolve) => {
    const child = spawn(qemuBinary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    const give = (verdict: boolean) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      resolve(verdict);
    };
    const timer = setTimeout(() => give(false), timeoutMs);
    child.stderr?.setEncoding('utf8');
    // A failed emulation pauses the guest forever; there is no need to wait out the timeout.
    child.stderr?.on('data', (text: string) => {
      if (text.includes('KVM internal error')) give(false);
    });
    child.on('error', () => give(false));
    child.on('exit', (code) => give(code === DEBUG_EXIT_SUCCESS));
  });
}
