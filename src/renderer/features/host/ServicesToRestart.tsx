import { Section } from '../../ui/Section';

/** Services still running code an upgrade replaced. Null means the login could not look, not "none". */
export function ServicesToRestart({ services }: { services: readonly string[] | null }) {
  return (
    <Section title="Services to restart" count={services?.length}>
      {services === null ? (
        <p className="muted">
          Not visible without root: the login could not see which processes use replaced files. Log in as root, or store
          the sudo password.
        </p>
      ) : services.length === 0 ? (
        <p className="muted">None: no running service uses replaced files.</p>
      ) : (
        <ul aria-label="Services to restart" className="inline-list mono">
          {services.map((service) => (
            <li key={service}>{service}</li>
          ))}
        </ul>
      )}
    </Section>
  );
}
