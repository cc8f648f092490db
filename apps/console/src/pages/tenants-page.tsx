import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { canDo } from '../api/roles';
import type { Account, NewKey, Quotas, Session } from '../api/types';
import { useLoad } from '../api/use-load';
import { Field } from '../components/field';
import { errorsOf } from '../components/form-errors';
import { Notice } from '../components/notice';
import { SecretOnce } from '../components/secret-once';

/** Tenant accounts and their quotas in this region; quotas not set show the platform defaults. */
export function TenantsPage({ session }: { session: Session }) {
  const accounts = useLoad(() => api<Account[]>('GET', '/accounts'));
  const quotas = useLoad(() => api<Quotas>('GET', '/quotas'));
  const [secret, setSecret] = useState<NewKey>();
  if (!accounts.data || !quotas.data) return <Notice error={accounts.error ?? quotas.error} />;
  const quotaOf = (accountId: string) => quotas.data!.quotas.find((q) => q.accountId === accountId) ?? { ...quotas.data!.defaults, isDefault: true };
  return (
    <>
      {secret && <SecretOnce secret={secret} onDone={() => setSecret(undefined)} />}
      <p className="muted">
        Default quota in {quotas.data.regionId}: {quotas.data.defaults.maxVcpus} vCPUs, {quotas.data.defaults.maxInstances} instances.
      </p>
      <table>
        <thead>
          <tr>
            <th>Tenant</th>
            <th>Account id</th>
            <th>AccessKeys</th>
            <th>Quota (vCPUs / instances)</th>
          </tr>
        </thead>
        <tbody>
          {accounts.data.map((a) => (
            <tr key={a.accountId}>
              <th scope="row">{a.name}</th>
              <td>{a.accountId}</td>
              <td>{a.accessKeys.filter((k) => k.enabled).length} enabled</td>
              <td>
                <QuotaForm accountId={a.accountId} quota={quotaOf(a.accountId)} editable={canDo(session, 'sales_admin')} onSaved={quotas.reload} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {canDo(session, 'super_admin') && <NewTenantForm onCreated={(key) => (setSecret(key), accounts.reload())} />}
    </>
  );
}

function QuotaForm({ accountId, quota, editable, onSaved }: { accountId: string; quota: { maxVcpus: number; maxInstances: number; isDefault: boolean }; editable: boolean; onSaved: () => void }) {
  const [vcpus, setVcpus] = useState(String(quota.maxVcpus));
  const [instances, setInstances] = useState(String(quota.maxInstances));
  const [error, setError] = useState<string>();
  if (!editable) return <>{quota.maxVcpus} / {quota.maxInstances}{quota.isDefault && <span className="muted"> (default)</span>}</>;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const [v, i] = [Number(vcpus), Number(instances)];
    if (!Number.isInteger(v) || v < 0 || !Number.isInteger(i) || i < 0) return setError('Quotas are whole numbers of 0 or more.');
    try {
      await api('PUT', `/quotas/${accountId}`, { maxVcpus: v, maxInstances: i });
      setError(undefined);
      onSaved();
    } catch (e) {
      const problem = errorsOf(e);
      setError(problem.fieldMessage ?? problem.form);
    }
  };

  return (
    <form className="inline" onSubmit={(e) => void save(e)} noValidate>
      <input aria-label={`vCPU quota of ${accountId}`} value={vcpus} onChange={(e) => setVcpus(e.target.value)} size={6} />
      <input aria-label={`Instance quota of ${accountId}`} value={instances} onChange={(e) => setInstances(e.target.value)} size={5} />
      <button type="submit">Save</button>
      {quota.isDefault && <span className="muted">default</span>}
      {error && <span className="field-error" role="alert">{error}</span>}
    </form>
  );
}

function NewTenantForm({ onCreated }: { onCreated: (key: NewKey) => void }) {
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<ReturnType<typeof errorsOf>>({});

  const create = async (event: FormEvent) => {
    event.preventDefault();
    if (!/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/.test(name)) return setErrors({ field: 'name', fieldMessage: 'Use 1–64 letters, digits, ".", "_" or "-", starting with a letter.' });
    try {
      onCreated(await api<NewKey>('POST', '/accounts', { name }));
      setName('');
      setErrors({});
    } catch (e) {
      setErrors(errorsOf(e));
    }
  };

  return (
    <form onSubmit={(e) => void create(e)} noValidate aria-label="New tenant">
      <h3>New tenant</h3>
      <Field label="Name" error={errors.field === 'name' ? errors.fieldMessage : undefined}>
        <input value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      <Notice error={errors.form} />
      <button type="submit">Create tenant with an AccessKey</button>
    </form>
  );
}
