import { useState } from 'react';
import { api } from '../api/client';
import { canDo } from '../api/roles';
import type { Account, NewKey, Session } from '../api/types';
import { useLoad } from '../api/use-load';
import { Notice } from '../components/notice';
import { SecretOnce } from '../components/secret-once';

/** Every tenant's AccessKeys: disable (effective on the key's next request), enable, rotate, add. */
export function AccessKeysPage({ session }: { session: Session }) {
  const { data, error, reload } = useLoad(() => api<Account[]>('GET', '/accounts'));
  const [secret, setSecret] = useState<NewKey>();
  const [problem, setProblem] = useState<string>();
  if (!data) return <Notice error={error} />;
  const editable = canDo(session, 'super_admin');
  const act = async (work: () => Promise<unknown>) => {
    try {
      await work();
      setProblem(undefined);
      reload();
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    }
  };
  const rotate = (id: string) => act(async () => setSecret(await api<NewKey>('POST', `/access-keys/${id}/rotate`)));
  const issue = (accountId: string) => act(async () => setSecret(await api<NewKey>('POST', `/accounts/${accountId}/access-keys`)));
  const toggle = (id: string, enabled: boolean) => act(() => api('POST', `/access-keys/${id}/${enabled ? 'disable' : 'enable'}`));

  return (
    <>
      {secret && <SecretOnce secret={secret} onDone={() => setSecret(undefined)} />}
      <Notice error={problem} />
      <table>
        <thead>
          <tr>
            <th>Tenant</th>
            <th>AccessKeyId</th>
            <th>Status</th>
            {editable && <th>Actions</th>}
          </tr>
        </thead>
        <tbody>
          {data.flatMap((a) =>
            a.accessKeys.map((k, n) => (
              <tr key={k.accessKeyId}>
                <th scope="row">{n === 0 ? a.name : ''}</th>
                <td><code>{k.accessKeyId}</code></td>
                <td className={k.enabled ? 'ok' : 'bad'}>{k.enabled ? 'Enabled' : 'Disabled'}</td>
                {editable && (
                  <td>
                    <button type="button" onClick={() => void toggle(k.accessKeyId, k.enabled)}>{k.enabled ? 'Disable' : 'Enable'}</button>
                    {k.enabled && <button type="button" onClick={() => void rotate(k.accessKeyId)}>Rotate</button>}
                    {n === 0 && <button type="button" onClick={() => void issue(a.accountId)}>Add key</button>}
                  </td>
                )}
              </tr>
            )),
          )}
        </tbody>
      </table>
    </>
  );
}
