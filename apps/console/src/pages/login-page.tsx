import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import type { Session } from '../api/types';
import { Field } from '../components/field';
import { errorsOf } from '../components/form-errors';
import { Notice } from '../components/notice';

/** `notice` says why the operator is here again (their password changed, say). */
export function LoginPage({ onLogin, notice }: { onLogin: (session: Session) => void; notice?: string }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<ReturnType<typeof errorsOf>>({});
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!username || !password) return setErrors({ field: !username ? 'username' : 'password', fieldMessage: `Enter your ${!username ? 'username' : 'password'}.` });
    setBusy(true);
    try {
      onLogin(await api<Session>('POST', '/session', { username, password }));
    } catch (error) {
      setErrors(errorsOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="login" onSubmit={(e) => void submit(e)} noValidate>
      <h1>ECS sales console</h1>
      <Notice success={notice} />
      <Field label="Username" error={errors.field === 'username' ? errors.fieldMessage : undefined}>
        <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} autoFocus />
      </Field>
      <Field label="Password" error={errors.field === 'password' ? errors.fieldMessage : undefined}>
        <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
      </Field>
      <Notice error={errors.form} />
      <button type="submit" disabled={busy}>
        Log in
      </button>
    </form>
  );
}
