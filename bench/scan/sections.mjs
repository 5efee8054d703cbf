// Where a scan's time goes on the hosts: the collector scripts with a stamp before each line
// (wall clock from `date`, children's CPU from the shell's `times`), run over OpenSSH on all
// hosts at once, as a scan runs them.
import { pool, shellFor, ssh } from './openssh.mjs';

const labelOf = (line) =>
  /^echo @@([a-z-]+)/.exec(line)?.[1] ?? (/apt-get update/.test(line) ? 'apt-get update' : line.split(' ')[0]);
const stamp = (label) => `echo "@@t ${label} $(date +%s%N)" >&2; times >&2`;

/** The script with a stamp before each of its lines (not inside a here-document) and after the last. */
export function timedScript(script) {
  const lines = [];
  let hereDocEnd = null;
  for (const line of script.split('\n')) {
    if (hereDocEnd === null) lines.push(stamp(labelOf(line)));
    else if (line === hereDocEnd) hereDocEnd = null;
    lines.push(line);
    hereDocEnd ??= /<<-?\s*'?(\w+)'?\s*$/.exec(line)?.[1] ?? null;
  }
  return `${lines.join('\n')}\n${stamp('done')}\n`;
}

/** [{ label, wallMs, cpuMs }] from the stamps on stderr. */
function sectionsOf(stderr) {
  const stamps = [...stderr.matchAll(/^@@t (.+) (\d+)\n(.*)\n(.*)$/gm)].map(([, label, ns, , children]) => {
    const [user = 0, sys = 0] = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
    return { label, ns: BigInt(ns), cpu: (user + sys) * 1000 };
  });
  return stamps.slice(0, -1).map((s, i) => ({
    label: s.label,
    wallMs: Number(stamps[i + 1].ns - s.ns) / 1e6,
    cpuMs: stamps[i + 1].cpu - s.cpu,
  }));
}

/** Per family and section: the median host's wall time and the CPU summed over its hosts. */
export async function sectionTimes(lab, median) {
  const results = await pool(lab.hosts, lab.concurrency, async (host) => {
    const { stderr } = await ssh(host, lab.knownHostsFile, shellFor(host), timedScript(lab.scripts[host.family]));
    return { host, sections: sectionsOf(stderr) };
  });
  const table = new Map();
  for (const { host, sections } of results)
    for (const { label, wallMs, cpuMs } of sections) {
      const key = `${host.family}\t${label}`;
      const row = table.get(key) ?? { family: host.family, label, walls: [], cpuMs: 0 };
      row.walls.push(wallMs);
      row.cpuMs += cpuMs;
      table.set(key, row);
    }
  return [...table.values()].map(({ walls, ...row }) => ({ ...row, hosts: walls.length, wallMs: median(walls) }));
}
