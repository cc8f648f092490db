import type { NewKey } from '../api/types';

/** A new AccessKey's secret: shown here once, never again; the operator hands it to the tenant. */
export function SecretOnce({ secret, onDone }: { secret: NewKey; onDone: () => void }) {
  return (
    <div className="secret" role="dialog" aria-label="New AccessKey">
      <p>
        <strong>Copy this secret now.</strong> It will not be shown again.
        {secret.DisabledAccessKeyId && <> The old key {secret.DisabledAccessKeyId} is disabled.</>}
      </p>
      <dl>
        <dt>Account</dt>
        <dd>{secret.AccountId}</dd>
        <dt>AccessKeyId</dt>
        <dd data-testid="new-key-id">{secret.AccessKeyId}</dd>
        <dt>AccessKeySecret</dt>
        <dd data-testid="new-key-secret">{secret.AccessKeySecret}</dd>
      </dl>
      <button type="button" onClick={onDone}>
        I have stored it
      </button>
    </div>
  );
}
