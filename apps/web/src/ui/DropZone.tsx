import { useId, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { IMPORT_ACCEPT } from '../io/tables';

/** A file by drag-and-drop or by the file chooser (the keyboard way in): both hand the File to `onFile`. */
export function DropZone({ onFile, label }: { readonly onFile: (file: File) => void; readonly label: string }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const hintId = useId();
  const drop = (event: DragEvent<HTMLDivElement>): void => {
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file !== undefined) onFile(file);
  };
  return (
    <div
      className={over ? 'dropzone over' : 'dropzone'}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
      data-testid="dropzone"
    >
      <p>{t('applicants.drop')}</p>
      <label className="button">
        {t('applicants.choose')}
        <input
          ref={input}
          type="file"
          accept={IMPORT_ACCEPT}
          aria-label={`${label}：${t('applicants.choose')}`}
          aria-describedby={hintId}
          className="visually-hidden"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file !== undefined) onFile(file);
            e.target.value = '';
          }}
        />
      </label>
      <p id={hintId} className="muted">
        {t('applicants.formats')}
      </p>
    </div>
  );
}
