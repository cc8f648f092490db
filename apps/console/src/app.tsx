import { useEffect, useState, type ReactElement } from 'react';
import { api, useCsrfToken, whenSessionLost } from './api/client';
import { canDo } from './api/roles';
import type { Role, Session } from './api/types';
import { AccessKeysPage } from './pages/access-keys-page';
import { AuditPage } from './pages/audit-page';
import { CatalogPage } from './pages/catalog-page';
import { FleetPage } from './pages/fleet-page';
import { InstancesPage } from './pages/instances-page';
import { LoginPage } from './pages/login-page';
import { OperatorsPage } from './pages/operators-page';
import { PasswordPage } from './pages/password-page';
import { PricesPage } from './pages/prices-page';
import { SaleMatrixPage } from './pages/sale-matrix-page';
import { TenantsPage } from './pages/tenants-page';

interface PageDef {
  path: string;
  title: string;
  role: Role;
  render: (session: Session, signOut: (notice: string) => void) => ReactElement;
}

const PAGES: PageDef[] = [
  { path: 'sale-matrix', title: 'Sale matrix', role: 'viewer', render: (s) => <SaleMatrixPage session={s} /> },
  { path: 'prices', title: 'Prices', role: 'viewer', render: (s) => <PricesPage session={s} /> },
  { path: 'catalog', title: 'Instance types', role: 'viewer', render: (s) => <CatalogPage session={s} /> },
  { path: 'tenants', title: 'Tenants & quotas', role: 'viewer', render: (s) => <TenantsPage session={s} /> },
  { path: 'access-keys', title: 'AccessKeys', role: 'viewer', render: (s) => <AccessKeysPage session={s} /> },
  { path: 'fleet', title: 'Fleet', role: 'viewer', render: () => <FleetPage /> },
  { path: 'instances', title: 'Instances', role: 'viewer', render: () => <InstancesPage /> },
  { path: 'audit', title: 'Audit log', role: 'viewer', render: () => <AuditPage /> },
  { path: 'operators', title: 'Operators', role: 'super_admin', render: (s) => <OperatorsPage session={s} /> },
  { path: 'password', title: 'My password', role: 'viewer', render: (_s, signOut) => <PasswordPage onChanged={() => signOut('Password changed. Log in with the new one.')} /> },
];

function currentPath(): string {
  return window.location.hash.replace(/^#\/?/, '').split('?')[0] || 'sale-matrix';
}

export function App() {
  const [session, setSession] = useState<Session | null>();
  const [path, setPath] = useState(currentPath());
  /** Shown on the login form after the server ended the session on purpose. */
  const [loginNotice, setLoginNotice] = useState<string>();

  useEffect(() => {
    whenSessionLost(() => setSession(null));
    api<Session>('GET', '/session').then(
      (s) => (useCsrfToken(s.csrfToken), setSession(s)),
      () => setSession(null),
    );
    const onHash = () => setPath(currentPath());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  if (session === undefined) return <p className="loading">Loading…</p>;
  if (session === null) return <LoginPage notice={loginNotice} onLogin={(s) => (useCsrfToken(s.csrfToken), setLoginNotice(undefined), setSession(s))} />;

  const visible = PAGES.filter((p) => canDo(session, p.role));
  const page = visible.find((p) => p.path === path) ?? visible[0];
  const logout = () => api('DELETE', '/session').finally(() => setSession(null));
  const signOut = (notice: string) => (setLoginNotice(notice), setSession(null));
  return (
    <div className="layout">
      <nav aria-label="Console">
        <h1>ECS console</h1>
        <ul>
          {visible.map((p) => (
            <li key={p.path}>
              <a href={`#/${p.path}`} aria-current={p === page ? 'page' : undefined}>
                {p.title}
              </a>
            </li>
          ))}
        </ul>
        <div className="who">
          <span data-testid="who">{session.username}</span> <span className="muted">({session.role.replace('_', ' ')})</span>
          <button type="button" className="link" onClick={() => void logout()}>
            Log out
          </button>
        </div>
      </nav>
      <main>
        <h2>{page.title}</h2>
        {page.render(session, signOut)}
      </main>
    </div>
  );
}
