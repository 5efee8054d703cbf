import { useId } from 'react';
import type { ImportFormat } from '../../../shared/domain/import';
import { formatForFileName } from './import-labels';

/** The contract's limit on an import's text; checked before reading so a huge file is not loaded. */
const MAX_BYTES = 5 * 1024 * 1024;

interface ImportFileInputProps {
  /** The file's text, and the format its name suggests when it suggests one. */
  onRead: (text: string, format: ImportFormat | null) => void;
  onError: (message: string) => void;
}

/** Reads a chosen file in the renderer (File.text()); the file never leaves this window as a file. */
export function ImportFileInput({ onRead, onError }: ImportFileInputProps) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>Or choose a file</label>
      <input
        id={id}
        type="file"
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (!file) return;
          if (file.size > MAX_BYTES) {
            onError(`${file.name} is larger than 5 MB; no inventory is that big`);
            return;
          }
          file.text().then(
            (text) => {
              onRead(text, formatForFileName(file.name));
            },
            (error: unknown) => {
              onError(`Could not read ${file.name}: ${error instanceof Error ? error.message : String(error)}`);
            },
          );
        }}
      />
    </div>
  );
}
