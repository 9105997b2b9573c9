import { skipReasonSchema, type SkipReason } from '../../electron/api';
import { useLocale } from '../i18n/context';
import { ChoiceDialog } from './ChoiceDialog';

/** S: why the item is skipped, one key each (1-3), so skipping stays a two-key move. */
export function SkipPicker({ onConfirm, onCancel }: { onConfirm: (reason: SkipReason) => void; onCancel: () => void }) {
  const { t } = useLocale();
  return (
    <ChoiceDialog
      title={t('skip.title')}
      hint={t('skip.hint')}
      choices={skipReasonSchema.options.map((reason) => ({ id: reason, label: t(`skip.${reason}`) }))}
      onChoose={onConfirm}
      onCancel={onCancel}
      testId="skip-picker"
      choiceTestId="skip-reason"
    />
  );
}
