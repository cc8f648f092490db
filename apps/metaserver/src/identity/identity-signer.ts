import { createPublicKey, generateKeyPairSync, sign, type KeyObject, createPrivateKey } from 'node:crypto';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Logger } from '@ecs/observability';

const RSA_BITS = 2048;

/**
 * Signs instance identity documents with an RSA key kept in the data dir (mode 0600), so that
 * signatures verify across restarts against the public key the management port publishes.
 * Signatures are RSASSA-PKCS1-v1_5 over SHA-256 of the document's exact bytes, Base64-encoded:
 * `crypto.verify('sha256', document, publicKeyPem, Buffer.from(signature, 'base64'))`.
 */
export class IdentitySigner {
  private constructor(
    private readonly privateKey: KeyObject,
    readonly publicKeyPem: string,
  ) {}

  /** Loads the key from `file`, or creates it there on first start. */
  static async loadOrCreate(file: string, log: Logger): Promise<IdentitySigner> {
    const existing = await readIfPresent(file);
    if (existing !== undefined) {
      if (((await stat(file)).mode & 0o077) !== 0) {
        log.warn('the identity key file was readable by others; restricting it to its owner', { file });
        await chmod(file, 0o600);
      }
      return IdentitySigner.fromPem(existing);
    }
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: RSA_BITS });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    try {
      await writeFile(file, pem, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // Metaservers sharing the file start together: the first to write it wins, the others use its key.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      return IdentitySigner.fromPem((await readIfPresent(file)) ?? pem);
    }
    log.info('created the instance identity signing key', { file });
    return IdentitySigner.fromPem(pem);
  }

  static fromPem(privateKeyPem: string): IdentitySigner {
    const privateKey = createPrivateKey(privateKeyPem);
    const publicKeyPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
    return new IdentitySigner(privateKey, publicKeyPem);
  }

  sign(document: string): string {
    return sign('sha256', Buffer.from(document, 'utf8'), this.privateKey).toString('base64');
  }
}

async function readIfPresent(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return undefined;
    throw error;
  }
}
