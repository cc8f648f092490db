import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { canDo } from '../api/roles';
import type { CatalogOverview, Session } from '../api/types';
import { useLoad } from '../api/use-load';
import { Field } from '../components/field';
import { errorsOf } from '../components/form-errors';
import { Notice } from '../components/notice';

const EMPTY_TYPE = { instanceTypeId: '', familyId: '', vcpus: '2', memoryGiB: '8', hostClass: '', description: '', pricePerHour: '' };

/** Families and instance types: a new type starts closed in every zone, at the price given here. */
export function CatalogPage({ session }: { session: Session }) {
  const { data, error, reload } = useLoad(() => api<CatalogOverview>('GET', '/catalog'));
  if (!data) return <Notice error={error} />;
  return (
    <>
      <table>
        <thead>
          <tr>
            <th>Instance type</th>
            <th>Family</th>
            <th>vCPU</th>
            <th>Memory</th>
            <th>Host class</th>
            <th>Description</th>
          </tr>
        </thead>
        <tbody>
          {data.instanceTypes.map((t) => (
            <tr key={t.instanceTypeId}>
              <th scope="row">{t.instanceTypeId}</th>
              <td>{t.familyId}</td>
              <td>{t.vcpus}</td>
              <td>{t.memoryGiB} GiB</td>
              <td>{t.hostClass}</td>
              <td>{t.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {canDo(session, 'sales_admin') && (
        <div className="forms">
          <TypeForm catalog={data} onSaved={reload} />
          <FamilyForm onSaved={reload} />
        </div>
      )}
    </>
  );
}

function TypeForm({ catalog, onSaved }: { catalog: CatalogOverview; onSaved: () => void }) {
  const [form, setForm] = useState({ ...EMPTY_TYPE, familyId: catalog.families[0]?.familyId ?? '', hostClass: catalog.hostClasses[0] ?? '' });
  const [errors, setErrors] = useState<ReturnType<typeof errorsOf>>({});
  const [done, setDone] = useState<string>();
  const existing = catalog.instanceTypes.find((t) => t.instanceTypeId === form.instanceTypeId);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });
  const error = (field: string) => (errors.field === field ? errors.fieldMessage : undefined);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!form.instanceTypeId) return setErrors({ field: 'instanceTypeId', fieldMessage: 'Enter a type id such as ecs.g7.large.' });
    try {
      await api('PUT', `/instance-types/${encodeURIComponent(form.instanceTypeId)}`, {
        familyId: form.familyId,
        vcpus: Number(form.vcpus),
        memoryGiB: Number(form.memoryGiB),
        hostClass: form.hostClass,
        description: form.description,
        ...(form.pricePerHour !== '' ? { pricePerHour: Number(form.pricePerHour) } : {}),
      });
      setErrors({});
      setDone(`${form.instanceTypeId} saved${existing ? '' : ': closed in every zone until opened in the sale matrix'}.`);
      onSaved();
    } catch (e) {
      setErrors(errorsOf(e));
    }
  };

  return (
    <form onSubmit={(e) => void save(e)} noValidate aria-label="Instance type">
      <h3>{existing ? `Edit ${existing.instanceTypeId}` : 'New or edited instance type'}</h3>
      <Field label="Type id" error={error('instanceTypeId')}>
        <input value={form.instanceTypeId} onChange={set('instanceTypeId')} placeholder="ecs.g7.4xlarge" list="known-types" />
        <datalist id="known-types">{catalog.instanceTypes.map((t) => <option key={t.instanceTypeId} value={t.instanceTypeId} />)}</datalist>
      </Field>
      <Field label="Family" error={error('familyId')}>
        <select value={form.familyId} onChange={set('familyId')}>
          {catalog.families.map((f) => <option key={f.familyId}>{f.familyId}</option>)}
        </select>
      </Field>
      <Field label="vCPU" error={error('vcpus')}>
        <input type="number" min={1} value={form.vcpus} onChange={set('vcpus')} />
      </Field>
      <Field label="Memory (GiB)" error={error('memoryGiB')}>
        <input type="number" min={1} value={form.memoryGiB} onChange={set('memoryGiB')} />
      </Field>
      <Field label="Host class" error={error('hostClass')}>
        <input value={form.hostClass} onChange={set('hostClass')} list="host-classes" />
        <datalist id="host-classes">{catalog.hostClasses.map((h) => <option key={h} value={h} />)}</datalist>
      </Field>
      <Field label="Description" error={error('description')}>
        <input value={form.description} onChange={set('description')} />
      </Field>
      <Field label={existing ? 'Price per hour (set on the Prices page)' : 'Price per hour (CNY)'} error={error('pricePerHour')}>
        <input inputMode="decimal" value={form.pricePerHour} onChange={set('pricePerHour')} disabled={Boolean(existing)} />
      </Field>
      <Notice error={errors.form} success={done} />
      <button type="submit">Save type</button>
    </form>
  );
}

function FamilyForm({ onSaved }: { onSaved: () => void }) {
  const [form, setForm] = useState({ familyId: '', generation: 'ecs-5', description: '' });
  const [errors, setErrors] = useState<ReturnType<typeof errorsOf>>({});
  const [done, setDone] = useState<string>();
  const error = (field: string) => (errors.field === field ? errors.fieldMessage : undefined);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!form.familyId) return setErrors({ field: 'familyId', fieldMessage: 'Enter a family id such as ecs.g8.' });
    try {
      await api('PUT', `/instance-families/${encodeURIComponent(form.familyId)}`, { generation: form.generation, description: form.description });
      setErrors({});
      setDone(`${form.familyId} saved.`);
      onSaved();
    } catch (e) {
      setErrors(errorsOf(e));
    }
  };

  return (
    <form onSubmit={(e) => void save(e)} noValidate aria-label="Instance family">
      <h3>New or edited family</h3>
      <Field label="Family id" error={error('familyId')}>
        <input value={form.familyId} onChange={(e) => setForm({ ...form, familyId: e.target.value })} placeholder="ecs.g8" />
      </Field>
      <Field label="Generation" error={error('generation')}>
        <input value={form.generation} onChange={(e) => setForm({ ...form, generation: e.target.value })} />
      </Field>
      <Field label="Description" error={error('description')}>
        <input value={form.description} onChange={(e) => setForm({ ...form, description: e.target.value })} />
      </Field>
      <Notice error={errors.form} success={done} />
      <button type="submit">Save family</button>
    </form>
  );
}
