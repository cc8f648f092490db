/**
 * The bastion's command blocklist, applied before a line reaches any host: what must never run
 * through an ops session, whatever a host's shell would make of it. Hosts refuse anything outside
 * their own allowlist as well; this layer names the dangerous attempts so audits can flag them.
 */
export interface PolicyVerdict {
  readonly blocked: boolean;
  readonly rule?: string;
}

interface Rule {
  readonly name: string;
  readonly matches: (words: readonly string[], line: string) => boolean;
}

const SHELLS_AND_ESCAPES = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'csh', 'fish', 'busybox', 'exec', 'eval', 'env', 'python', 'python3', 'perl', 'ruby', 'node', 'nc', 'ncat', 'socat', 'ssh', 'scp', 'sftp', 'telnet', 'curl', 'wget', 'sudo', 'su', 'doas', 'chroot', 'nsenter']);
const DESTRUCTIVE_PROGRAMS = new Set(['rm', 'dd', 'mkfs', 'shred', 'wipefs', 'fdisk', 'parted', 'reboot', 'halt', 'poweroff', 'shutdown', 'init', 'systemctl', 'kill', 'killall', 'pkill', 'iptables', 'nft', 'chmod', 'chown', 'mount', 'umount']);
const DESTRUCTIVE_VIRSH = new Set(['undefine', 'define', 'create', 'edit', 'migrate', 'vol-delete', 'vol-wipe', 'pool-destroy', 'pool-delete', 'net-destroy', 'snapshot-delete', 'managedsave-remove', 'qemu-monitor-command', 'qemu-agent-command', 'send-key', 'setmem', 'setvcpus', 'attach-device', 'detach-device', 'blockcopy']);

const RULES: readonly Rule[] = [
  { name: 'shell-syntax', matches: (_words, line) => /[;&|`$<>\\(){}]/.test(line) },
  { name: 'shell-or-escape', matches: (words) => SHELLS_AND_ESCAPES.has(basename(words[0])) },
  { name: 'destructive-program', matches: (words) => DESTRUCTIVE_PROGRAMS.has(basename(words[0])) },
  { name: 'destructive-virsh', matches: (words) => words[0] === 'virsh' && DESTRUCTIVE_VIRSH.has(words[1] ?? '') },
];

function basename(word: string | undefined): string {
  return (word ?? '').split('/').pop() ?? '';
}

export function checkCommand(line: string): PolicyVerdict {
  const words = line.trim().split(/\s+/).filter(Boolean);
  const rule = RULES.find((r) => r.matches(words, line));
  return rule ? { blocked: true, rule: rule.name } : { blocked: false };
}
