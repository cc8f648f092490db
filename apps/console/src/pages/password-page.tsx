import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { Field } from '../components/field';
import { errorsOf } from '../components/form-errors';
import { Notice } from '../components/notice';

const MIN_LENGTH = 12;

/**
 * The operator changes their own password, proving the current one. The server then ends every
 * session of theirs, this one included, so the page hands over to the login form.
 */
export function PasswordPage({ onChanged }: { onChanged: () => void }) {
  const [form, setForm] = useState({ currentPassword: '', newPassword: '', repeat: '' });
  const [errors, setErrors] = useState<ReturnType<typeof errorsOf>>({});
  const [busy, setBusy] = useState(false);
  const error = (field: string) => (errors.field === field ? errors.fieldMessage : undefined);

  const problem = (): ReturnType<typeof errorsOf> | undefined => {
    if (!form.currentPassword) return { field: 'currentPassword', fieldMessage: 'Enter your current password.' };
    if (form.newPassword.length < MIN_LENGTH) return { field: 'newPassword', fieldMessage: `Use at least ${MIN_LENGTH} characters.` };
    if (form.newPassword === form.currentPassword) return { field: 'newPassword', fieldMessage: 'Choose a password other than the current one.' };
    if (form.repeat !== form.newPassword) return { field: 'repeat', fieldMessage: 'The two new passwords differ.' };
    return undefined;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = problem();
    if (found) return setErrors(found);
    setBusy(true);
    try {
      await api('PUT', '/session/password', { currentPassword: form.currentPassword, newPassword: form.newPassword });
      onChanged();
    } catch (e) {
      setErrors(errorsOf(e));
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label="Change password">
      <p className="muted">Changing it logs you out everywhere, this browser included.</p>
      <Field label="Current password" error={error('currentPassword')}>
        <input type="password" autoComplete="current-password" value={form.currentPassword} onChange={(e) => setForm({ ...form, currentPassword: e.target.value })} />
      </Field>
      <Field label="New password" error={error('newPassword')}>
        <input type="password" autoComplete="new-password" value={form.newPassword} onChange={(e) => setForm({ ...form, newPassword: e.target.value })} />
      </Field>
      <Field label="Repeat the new password" error={error('repeat')}>
        <input type="password" autoComplete="new-password" value={form.repeat} onChange={(e) => setForm({ ...form, repeat: e.target.value })} />
      </Field>
      <Notice error={errors.form} />
      <button type="submit" disabled={busy}>
        Change password
      </button>
    </form>
  );
}
