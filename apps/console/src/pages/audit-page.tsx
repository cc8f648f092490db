import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import type { AuditEntry, AuditPage as Page } from '../api/types';
import { useLoad } from '../api/use-load';
import { Notice } from '../components/notice';

/** Who changed what, when, with the record before and after; newest first. */
export function AuditPage() {
  const [filters, setFilters] = useState({ actor: '', action: '', target: '' });
  const [applied, setApplied] = useState(filters);
  const [older, setOlder] = useState<AuditEntry[]>([]);
  const query = new URLSearchParams(Object.entries(applied).filter(([, v]) => v));
  const { data, error } = useLoad(() => api<Page>('GET', `/audit?${query.toString()}`), [query.toString()]);
  const [next, setNext] = useState<number>();
  const entries = [...(data?.entries ?? []), ...older];
  const cursor = older.length ? next : data?.nextBeforeId;

  const search = (event: FormEvent) => {
    event.preventDefault();
    setOlder([]);
    setApplied(filters);
  };
  const loadOlder = async () => {
    const page = await api<Page>('GET', `/audit?${new URLSearchParams({ ...Object.fromEntries(query), beforeId: String(cursor) }).toString()}`);
    setOlder([...older, ...page.entries]);
    setNext(page.nextBeforeId);
  };

  return (
    <>
      <form className="inline filters" onSubmit={search} role="search">
        {(['actor', 'action', 'target'] as const).map((f) => (
          <input key={f} aria-label={f} placeholder={f} value={filters[f]} onChange={(e) => setFilters({ ...filters, [f]: e.target.value })} />
        ))}
        <button type="submit">Filter</button>
      </form>
      <Notice error={error} />
      <table className="audit">
        <thead>
          <tr>
            <th>When</th>
            <th>Who</th>
            <th>Action</th>
            <th>Target</th>
            <th>Before</th>
            <th>After</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.auditId}>
              <td>{new Date(e.at).toLocaleString()}</td>
              <td>{e.actor}</td>
              <td>{e.action}</td>
              <td>{e.target}</td>
              <td><code>{e.before === null ? '—' : JSON.stringify(e.before)}</code></td>
              <td><code>{e.after === null ? '—' : JSON.stringify(e.after)}</code></td>
            </tr>
          ))}
        </tbody>
      </table>
      {cursor !== undefined && <button type="button" onClick={() => void loadOlder()}>Older entries</button>}
    </>
  );
}
