import { checkCommand } from './command-policy';

describe('the bastion command blocklist', () => {
  it('lets the ops-shell vocabulary through', () => {
    for (const line of ['virsh list --all', 'virsh dominfo i-bp1abc', 'virsh console i-1 --lines 20', 'virsh start i-1', 'hostinfo', 'uptime', 'df', 'free', 'help', 'ls']) {
      expect(checkCommand(line)).toEqual({ blocked: false });
    }
  });

  it('blocks shell syntax, shells and escapes, destructive programs and destructive virsh verbs', () => {
    const cases: [string, string][] = [
      ['hostinfo; reboot', 'shell-syntax'],
      ['virsh list && sh', 'shell-syntax'],
      ['echo $(id)', 'shell-syntax'],
      ['df > /dev/sda', 'shell-syntax'],
      ['bash', 'shell-or-escape'],
      ['/bin/sh -i', 'shell-or-escape'],
      ['sudo virsh list', 'shell-or-escape'],
      ['python3 -c x', 'shell-or-escape'],
      ['rm -rf /', 'destructive-program'],
      ['  dd if=/dev/zero of=/dev/vda', 'destructive-program'],
      ['virsh undefine i-1', 'destructive-virsh'],
      ['virsh qemu-monitor-command i-1 x', 'destructive-virsh'],
    ];
    for (const [line, rule] of cases) expect(checkCommand(line)).toEqual({ blocked: true, rule });
  });
});
