import { useState } from 'react';
import { api } from '../api/client';
import { canDo } from '../api/roles';
import type { SaleCell, SaleMatrix, Session } from '../api/types';
import { useLoad } from '../api/use-load';
import { BarChart } from '../components/bar-chart';
import { Notice } from '../components/notice';

/** Instance type × zone: open or close each cell; the stock comes from the scheduler's capacity ledger. */
export function SaleMatrixPage({ session }: { session: Session }) {
  const { data, error, reload } = useLoad(() => api<SaleMatrix>('GET', '/sale-matrix'));
  const [problem, setProblem] = useState<string>();
  const editable = canDo(session, 'sales_admin');
  if (!data) return <Notice error={error} />;

  const cell = (zoneId: string, typeId: string) => data.cells.find((c) => c.zoneId === zoneId && c.instanceTypeId === typeId);
  const toggle = async (c: SaleCell) => {
    try {
      await api('PUT', `/sale-specs/${c.zoneId}/${c.instanceTypeId}`, { onSale: !c.onSale });
      setProblem(undefined);
      reload();
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    }
  };
  const stockByZone = data.zones.map((z) => ({ label: z.zoneId, value: data.cells.filter((c) => c.zoneId === z.zoneId && c.onSale).length, note: `${data.cells.filter((c) => c.zoneId === z.zoneId && c.onSale).length} of ${data.instanceTypes.length} types on sale` }));

  return (
    <>
      <p className="muted">Region {data.regionId}. Each cell: sale status and how many more instances of the type fit in the zone.</p>
      <Notice error={problem ?? error} />
      <table className="matrix">
        <thead>
          <tr>
            <th>Instance type</th>
            {data.zones.map((z) => (
              <th key={z.zoneId}>{z.zoneId}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.instanceTypes.map((t) => (
            <tr key={t.instanceTypeId}>
              <th scope="row">
                {t.instanceTypeId}
                <div className="muted">
                  {t.vcpus} vCPU · {t.memoryGiB} GiB
                </div>
              </th>
              {data.zones.map((z) => {
                const c = cell(z.zoneId, t.instanceTypeId);
                if (!c) return <td key={z.zoneId} className="muted">not offered</td>;
                return (
                  <td key={z.zoneId} data-testid={`cell-${z.zoneId}-${t.instanceTypeId}`} className={c.onSale ? 'open' : 'closed'}>
                    <span className="status">{c.onSale ? 'On sale' : 'Closed'}</span>
                    <span className={c.availableCount > 0 ? 'stock' : 'stock none'}>{c.availableCount > 0 ? `stock ${c.availableCount}` : 'no stock'}</span>
                    {editable && (
                      <button type="button" onClick={() => void toggle(c)} aria-label={`${c.onSale ? 'Close' : 'Open'} ${t.instanceTypeId} in ${z.zoneId}`}>
                        {c.onSale ? 'Close' : 'Open'}
                      </button>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <BarChart title="Types on sale per zone" data={stockByZone} unit="types" />
    </>
  );
}
