import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import type { InstancePage } from '../api/types';
import { useLoad } from '../api/use-load';
import { Notice } from '../components/notice';

const FILTERS = ['text', 'accountId', 'zoneId', 'hostId', 'status'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

function filtersFromHash(): Filters {
  const query = new URLSearchParams(window.location.hash.split('?')[1] ?? '');
  return Object.fromEntries(FILTERS.map((f) => [f, query.get(f) ?? ''])) as Filters;
}

/** Every tenant's instances: by id or name prefix or IP, tenant, zone, host, status. */
export function InstancesPage() {
  const [draft, setDraft] = useState<Filters>(filtersFromHash);
  const [applied, setApplied] = useState<Filters>(draft);
  const [page, setPage] = useState(1);
  const query = new URLSearchParams({ ...Object.fromEntries(Object.entries(applied).filter(([, v]) => v)), page: String(page) });
  const { data, error } = useLoad(() => api<InstancePage>('GET', `/instances?${query.toString()}`), [query.toString()]);
  const search = (event: FormEvent) => {
    event.preventDefault();
    setApplied(draft);
    setPage(1);
  };
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  return (
    <>
      <form className="inline filters" onSubmit={search} role="search">
        <input aria-label="Id, name prefix or IP" placeholder="id, name prefix or IP" value={draft.text} onChange={(e) => setDraft({ ...draft, text: e.target.value })} />
        <input aria-label="Account id" placeholder="account id" value={draft.accountId} onChange={(e) => setDraft({ ...draft, accountId: e.target.value })} />
        <input aria-label="Zone" placeholder="zone" value={draft.zoneId} onChange={(e) => setDraft({ ...draft, zoneId: e.target.value })} />
        <input aria-label="Host" placeholder="host" value={draft.hostId} onChange={(e) => setDraft({ ...draft, hostId: e.target.value })} />
        <select aria-label="Status" value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value })}>
          <option value="">any status</option>
          {['Pending', 'Starting', 'Running', 'Stopping', 'Stopped'].map((s) => <option key={s}>{s}</option>)}
        </select>
        <button type="submit">Search</button>
      </form>
      <Notice error={error} />
      {data && (
        <>
          <p className="muted">{data.total} instances</p>
          <table>
            <thead>
              <tr>
                <th>Instance</th>
                <th>Name</th>
                <th>Account</th>
                <th>Zone</th>
                <th>Host</th>
                <th>Type</th>
                <th>Status</th>
                <th>Private IP</th>
                <th>Created</th>
              </tr>
            </thead>
            <tbody>
              {data.instances.map((i) => (
                <tr key={i.instanceId}>
                  <th scope="row"><code>{i.instanceId}</code></th>
                  <td>{i.instanceName}</td>
                  <td>{i.accountId}</td>
                  <td>{i.zoneId}</td>
                  <td>{i.hostId ?? '—'}</td>
                  <td>{i.instanceType}</td>
                  <td className={`status-${i.status}`}>{i.status}</td>
                  <td>{i.privateIp}</td>
                  <td>{new Date(i.createdAt).toLocaleString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="pager">
            <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>Previous</button>
            <span>Page {page} of {pages}</span>
            <button type="button" disabled={page >= pages} onClick={() => setPage(page + 1)}>Next</button>
          </div>
        </>
      )}
    </>
  );
}
