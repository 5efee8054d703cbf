// What Ansible needs to scan the lab the way Patchwise does: an INI inventory (same logins, key
// and privilege), an ansible.cfg (same parallelism, the pinned host keys checked), and the
// collectors' own package and update listing lines as variables for bench/scan/playbook.yml.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The collector lines that list packages and updates, so that Ansible runs the same ones. */
const LISTING = {
  packages: /\bdpkg-query\b/,
  debian: /\bapt(-get)?\s/,
};

/**
 * The RHEL update listing is one dnf program in a here-document: from the line choosing the
 * Python through the line reading its exit status.
 */
function rhelListing(script) {
  const lines = script.split('\n');
  const start = lines.findIndex((line) => line.startsWith('py='));
  const end = lines.findIndex((line) => line.startsWith('rc=$?'));
  if (start < 0 || end < start)
    throw new Error('the RHEL collector has no dnf program; update bench/scan/ansible-files.mjs');
  return ['export LC_ALL=C', ...lines.slice(start, end), 'true'].join('\n');
}

function linesOf(script, pattern) {
  const lines = script.split('\n').filter((line) => pattern.test(line));
  if (lines.length === 0) throw new Error(`no collector line matches ${pattern}; update bench/scan/ansible-files.mjs`);
  // Ends in `true`: the last status is grep's or dnf's answer (grep 1: no updates; dnf
  // check-update 100: some), not a failure. Patchwise ignores it too; sudo refusals still fail.
  return ['export LC_ALL=C', ...lines, 'true'].join('\n');
}

function inventory(hosts) {
  const line = (h) =>
    [
      h.name,
      `ansible_host=${h.address}`,
      `ansible_port=${h.port}`,
      `ansible_user=${h.user}`,
      `ansible_ssh_private_key_file=${h.keyFile}`,
      // Root logins need no become; hosts without passwordless sudo scan unprivileged, as in Patchwise.
      `ansible_become=${h.privilege === 'sudo'}`,
      `family=${h.family}`,
      // Without python3-apt, package_facts finds no apt bindings: list with dpkg-query instead.
      `package_listing=${h.family === 'debian' && !h.pythonApt ? 'dpkg-query' : 'facts'}`,
      `package_manager=${h.family === 'debian' ? 'apt' : 'rpm'}`,
    ].join(' ');
  return ['[lab]', ...hosts.map(line), ''].join('\n');
}

const config = ({ workDir, concurrency, knownHostsFile }) => `[defaults]
inventory = ${join(workDir, 'inventory.ini')}
forks = ${concurrency}
host_key_checking = True
interpreter_python = /usr/bin/python3
retry_files_enabled = False
deprecation_warnings = False

[ssh_connection]
# The known Ansible speed-ups, so the comparison is with Ansible at its best: pipelining, and
# its default connection multiplexing (ControlPersist) within a run.
pipelining = True
ssh_common_args = -o UserKnownHostsFile=${knownHostsFile} -o GlobalKnownHostsFile=/dev/null -o StrictHostKeyChecking=yes
`;

/** Writes inventory.ini, ansible.cfg and vars.json into the work folder; returns their paths. */
export function writeAnsibleFiles(lab) {
  const files = {
    ansibleConfig: join(lab.workDir, 'ansible.cfg'),
    ansibleVars: join(lab.workDir, 'vars.json'),
  };
  writeFileSync(join(lab.workDir, 'inventory.ini'), inventory(lab.hosts));
  writeFileSync(files.ansibleConfig, config(lab));
  const vars = {
    package_query: linesOf(lab.scripts.debian, LISTING.packages),
    update_listing: {
      debian: linesOf(lab.scripts.debian, LISTING.debian),
      rhel: rhelListing(lab.scripts.rhel),
    },
  };
  writeFileSync(files.ansibleVars, JSON.stringify(vars, null, 2));
  return files;
}
