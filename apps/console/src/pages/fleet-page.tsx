import { api } from '../api/client';
import type { Fleet, FleetHost } from '../api/types';
import { useLoad } from '../api/use-load';
import { Notice } from '../components/notice';
import { UsageBar } from '../components/usage-bar';

/** Hosts per zone: a vCPU heatmap to spot hot and dead hosts at a glance, then the numbers. */
export function FleetPage() {
  const { data, error, reload } = useLoad(() => api<Fleet>('GET', '/fleet'));
  if (!data) return <Notice error={error} />;
  return (
    <>
      <button type="button" onClick={reload}>Refresh</button>
      <div className="zones">
        {data.zones.map((z) => (
          <section key={z.zoneId} className="zone">
            <h3>{z.zoneId}</h3>
            <p>
              <span className="ok">{z.hostsUp} up</span> · <span className={z.hostsDown ? 'bad' : 'muted'}>{z.hostsDown} down</span> · {z.instances} instances
            </p>
            <p>vCPU <UsageBar label={`${z.zoneId} vCPU`} used={z.vcpus.used} capacity={z.vcpus.capacity} /></p>
            <p>Memory <UsageBar label={`${z.zoneId} memory GiB`} used={Math.round(z.memoryMiB.used / 1024)} capacity={Math.round(z.memoryMiB.capacity / 1024)} /></p>
            <Heatmap hosts={data.hosts.filter((h) => h.zoneId === z.zoneId)} />
          </section>
        ))}
      </div>
      <table>
        <thead>
          <tr>
            <th>Host</th>
            <th>Zone / rack</th>
            <th>State</th>
            <th>vCPU</th>
            <th>Memory (GiB)</th>
            <th>Instances</th>
            {data.terminalUrl && <th>Ops terminal</th>}
          </tr>
        </thead>
        <tbody>
          {data.hosts.map((h) => (
            <tr key={h.hostId}>
              <th scope="row">{h.hostId}</th>
              <td>{h.zoneId} / {h.rack}</td>
              <td className={h.up ? 'ok' : 'bad'}>{h.up ? 'Up' : 'Down'}{!h.enabled && ' (disabled)'}</td>
              <td><UsageBar label={`${h.hostId} vCPU`} used={h.vcpus.used} capacity={h.vcpus.capacity} /></td>
              <td><UsageBar label={`${h.hostId} memory`} used={Math.round(h.memoryMiB.used / 1024)} capacity={Math.round(h.memoryMiB.capacity / 1024)} /></td>
              <td><a href={`#/instances?hostId=${encodeURIComponent(h.hostId)}`}>{h.instances}</a></td>
              {data.terminalUrl && (
                <td>
                  {/* The bastion refuses framing: its terminal opens in its own tab, behind its own login and grants. */}
                  <a href={`${data.terminalUrl}?host=${encodeURIComponent(h.hostId)}`} target="_blank" rel="noopener noreferrer">open</a>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** One square per host, coloured by vCPU use (light to dark); a down host is red and crossed out. */
function Heatmap({ hosts }: { hosts: FleetHost[] }) {
  const size = 18;
  const perRow = 16;
  return (
    <svg width={perRow * (size + 3)} height={Math.ceil(hosts.length / perRow) * (size + 3)} role="img" aria-label="Host vCPU heatmap">
      {hosts.map((h, i) => {
        const ratio = h.vcpus.capacity ? h.vcpus.used / h.vcpus.capacity : 0;
        const x = (i % perRow) * (size + 3);
        const y = Math.floor(i / perRow) * (size + 3);
        return (
          <g key={h.hostId}>
            <rect x={x} y={y} width={size} height={size} rx="3" fill={h.up ? `hsl(210 70% ${92 - ratio * 60}%)` : 'var(--bad)'}>
              <title>{`${h.hostId}: ${h.up ? 'up' : 'DOWN'}, vCPU ${h.vcpus.used}/${h.vcpus.capacity}, ${h.instances} instances`}</title>
            </rect>
            {!h.up && <path d={`M${x + 4} ${y + 4} L${x + size - 4} ${y + size - 4} M${x + size - 4} ${y + 4} L${x + 4} ${y + size - 4}`} stroke="white" strokeWidth="2" />}
          </g>
        );
      })}
    </svg>
  );
}
