import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { canDo } from '../api/roles';
import type { InstanceType, SaleMatrix, Session } from '../api/types';
import { useLoad } from '../api/use-load';
import { BarChart } from '../components/bar-chart';
import { errorsOf } from '../components/form-errors';
import { Notice } from '../components/notice';

/** Pay-as-you-go price per type in the region; DescribePrice answers with it from the next call. */
export function PricesPage({ session }: { session: Session }) {
  const { data, error, reload } = useLoad(() => api<SaleMatrix>('GET', '/sale-matrix'));
  if (!data) return <Notice error={error} />;
  const priceOf = (t: InstanceType) => data.cells.find((c) => c.instanceTypeId === t.instanceTypeId);
  const priced = data.instanceTypes.filter((t) => priceOf(t));
  return (
    <>
      <table>
        <thead>
          <tr>
            <th>Instance type</th>
            <th>vCPU</th>
            <th>Memory</th>
            <th>Price per hour</th>
            <th>Per vCPU-hour</th>
          </tr>
        </thead>
        <tbody>
          {priced.map((t) => (
            <PriceRow key={t.instanceTypeId} type={t} price={priceOf(t)!.pricePerHour} currency={priceOf(t)!.currency} editable={canDo(session, 'sales_admin')} onSaved={reload} />
          ))}
        </tbody>
      </table>
      <BarChart title="Price per vCPU-hour" unit="" data={priced.map((t) => ({ label: t.instanceTypeId, value: priceOf(t)!.pricePerHour / t.vcpus, note: `${(priceOf(t)!.pricePerHour / t.vcpus).toFixed(3)} ${priceOf(t)!.currency}` }))} />
    </>
  );
}

function PriceRow({ type, price, currency, editable, onSaved }: { type: InstanceType; price: number; currency: string; editable: boolean; onSaved: () => void }) {
  const [value, setValue] = useState(String(price));
  const [errors, setErrors] = useState<ReturnType<typeof errorsOf>>({});
  const [saved, setSaved] = useState(false);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const number = Number(value);
    // Checked here for a quick answer; the server checks the same rules and has the last word.
    if (value.trim() === '' || !Number.isFinite(number) || number < 0) return setErrors({ fieldMessage: 'Enter a price of 0 or more.' });
    if (!/^\d+(\.\d{1,3})?$/.test(value.trim())) return setErrors({ fieldMessage: 'Use at most three decimals.' });
    try {
      await api('PUT', `/prices/${type.instanceTypeId}`, { pricePerHour: number, currency });
      setErrors({});
      setSaved(true);
      onSaved();
    } catch (error) {
      const e = errorsOf(error);
      setErrors({ fieldMessage: e.fieldMessage ?? e.form });
    }
  };

  return (
    <tr>
      <th scope="row">{type.instanceTypeId}</th>
      <td>{type.vcpus}</td>
      <td>{type.memoryGiB} GiB</td>
      <td>
        {editable ? (
          <form className="inline" onSubmit={(e) => void save(e)} noValidate>
            <input aria-label={`Price per hour of ${type.instanceTypeId}`} inputMode="decimal" value={value} onChange={(e) => (setValue(e.target.value), setSaved(false))} size={8} />
            <span className="muted">{currency}</span>
            <button type="submit">Save</button>
            {saved && <span className="ok">saved</span>}
            {errors.fieldMessage && <span className="field-error" role="alert">{errors.fieldMessage}</span>}
          </form>
        ) : (
          `${price} ${currency}`
        )}
      </td>
      <td>{(price / type.vcpus).toFixed(3)}</td>
    </tr>
  );
}
