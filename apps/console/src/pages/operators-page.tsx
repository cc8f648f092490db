import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import type { Operator, Role, Session } from '../api/types';
import { useLoad } from '../api/use-load';
import { Field } from '../components/field';
import { errorsOf } from '../components/form-errors';
import { Notice } from '../components/notice';

const ROLES: Role[] = ['viewer', 'sales_admin', 'super_admin'];

/** Console operators and their roles (super admins only); changing one ends that operator's sessions. */
export function OperatorsPage({ session }: { session: Session }) {
  const { data, error, reload } = useLoad(() => api<Operator[]>('GET', '/operators'));
  const [problem, setProblem] = useState<string>();
  if (!data) return <Notice error={error} />;
  const update = async (username: string, patch: Partial<Operator>) => {
    try {
      await api('PATCH', `/operators/${username}`, patch);
      setProblem(undefined);
      reload();
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <>
      <Notice error={problem} />
      <table>
        <thead>
          <tr>
            <th>Operator</th>
            <th>Role</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          {data.map((o) => (
            <tr key={o.username}>
              <th scope="row">{o.username}</th>
              <td>
                <select aria-label={`Role of ${o.username}`} value={o.role} disabled={o.username === session.username} onChange={(e) => void update(o.username, { role: e.target.value as Role })}>
                  {ROLES.map((r) => <option key={r}>{r}</option>)}
                </select>
              </td>
              <td>
                <button type="button" disabled={o.username === session.username} onClick={() => void update(o.username, { enabled: !o.enabled })}>
                  {o.enabled ? 'Disable' : 'Enable'}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <NewOperatorForm onCreated={reload} />
    </>
  );
}

function NewOperatorForm({ onCreated }: { onCreated: () => void }) {
  const [form, setForm] = useState({ username: '', password: '', role: 'viewer' as Role });
  const [errors, setErrors] = useState<ReturnType<typeof errorsOf>>({});
  const error = (field: string) => (errors.field === field ? errors.fieldMessage : undefined);
  const create = async (event: FormEvent) => {
    event.preventDefault();
    if (form.password.length < 12) return setErrors({ field: 'password', fieldMessage: 'Use at least 12 characters.' });
    try {
      await api('POST', '/operators', form);
      setForm({ username: '', password: '', role: 'viewer' });
      setErrors({});
      onCreated();
    } catch (e) {
      setErrors(errorsOf(e));
    }
  };
  return (
    <form onSubmit={(e) => void create(e)} noValidate aria-label="New operator">
      <h3>New operator</h3>
      <Field label="Username" error={error('username')}>
        <input value={form.username} onChange={(e) => setForm({ ...form, username: e.target.value })} autoComplete="off" />
      </Field>
      <Field label="Password" error={error('password')}>
        <input type="password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} autoComplete="new-password" />
      </Field>
      <Field label="Role" error={error('role')}>
        <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
          {ROLES.map((r) => <option key={r}>{r}</option>)}
        </select>
      </Field>
      <Notice error={errors.form} />
      <button type="submit">Create operator</button>
    </form>
  );
}
