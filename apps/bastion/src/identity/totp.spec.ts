import { base32Encode } from './base32';
import { hotp, matchTotp, provisioningUri, totpStep } from './totp';

const RFC_SECRET = Buffer.from('12345678901234567890');

describe('TOTP (RFC 6238)', () => {
  it('reproduces the RFC 6238 SHA-1 test vectors', () => {
    const vectors: [number, string][] = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
      [20000000000, '65353130'],
    ];
    for (const [seconds, code] of vectors) expect(hotp(RFC_SECRET, totpStep(seconds * 1000), 8)).toBe(code);
  });

  it('accepts a code one step either side of now and says which step it was', () => {
    const secret = base32Encode(RFC_SECRET);
    const now = 1_234_567_890_000;
    const step = totpStep(now);
    for (const offset of [-1, 0, 1]) expect(matchTotp(secret, hotp(RFC_SECRET, step + offset), now)).toBe(step + offset);
    expect(matchTotp(secret, hotp(RFC_SECRET, step + 2), now)).toBeUndefined();
    expect(matchTotp(secret, hotp(RFC_SECRET, step - 2), now)).toBeUndefined();
  });

  it('refuses malformed codes and secrets', () => {
    const now = 1_234_567_890_000;
    const code = hotp(RFC_SECRET, totpStep(now));
    expect(matchTotp(base32Encode(RFC_SECRET), `${code} `, now)).toBeUndefined();
    expect(matchTotp(base32Encode(RFC_SECRET), code.slice(1), now)).toBeUndefined();
    expect(matchTotp('not base32!', code, now)).toBeUndefined();
  });

  it('writes the provisioning URI authenticator apps scan', () => {
    expect(provisioningUri('ECS Bastion', 'ada', 'JBSWY3DPEHPK3PXP')).toBe('otpauth://totp/ECS%20Bastion:ada?secret=JBSWY3DPEHPK3PXP&issuer=ECS+Bastion&algorithm=SHA1&digits=6&period=30');
  });
});
