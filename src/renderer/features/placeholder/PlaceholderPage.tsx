import { useReadySignal } from '../../app/use-ready-signal';
import { Page } from '../../ui/Page';
import { PLACEHOLDER_TEXTS, type PlaceholderId } from './placeholder-texts';

interface PlaceholderPageProps {
  id: PlaceholderId;
  title: string;
}

/** An honest stand-in for an area that does not exist yet: what it will do, and what to do now. */
export function PlaceholderPage({ id, title }: PlaceholderPageProps) {
  const { purpose, firstStep } = PLACEHOLDER_TEXTS[id];
  // Nothing to load here.
  useReadySignal(true);
  return (
    <Page title={title}>
      <div className="empty placeholder">
        <p>Not built yet — {purpose}</p>
        <p>What to do first: {firstStep}</p>
      </div>
    </Page>
  );
}
