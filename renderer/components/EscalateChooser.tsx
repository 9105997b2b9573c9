import { useLocale } from '../i18n/context';
import { ChoiceDialog } from './ChoiceDialog';

/** What an escalation is for; each leads somewhere else (see QueueScreen's routeOf). */
const escalationChoices = ['child_safety', 'imminent', 'referral', 'specialist'] as const;
export type EscalationChoice = (typeof escalationChoices)[number];

/**
 * E: what kind of escalation, before any form opens. A child-safety match may only leave through
 * its report or back to a specialist, so the law-enforcement kinds are off for it and the
 * specialist choice becomes the hand back.
 */
export function EscalateChooser({
  childSafety,
  onChoose,
  onCancel,
}: {
  childSafety: boolean;
  onChoose: (choice: EscalationChoice) => void;
  onCancel: () => void;
}) {
  const { t } = useLocale();
  const choices = escalationChoices.map((id) => {
    const offForMatch = childSafety && (id === 'imminent' || id === 'referral');
    const handBack = childSafety && id === 'specialist';
    return {
      id,
      label: handBack ? t('handBack.title') : t(`escalate.${id}`),
      detail: offForMatch ? t('escalate.offForMatch') : handBack ? t('escalate.handBackDetail') : t(`escalate.${id}.detail`),
      disabled: offForMatch,
    };
  });
  return (
    <ChoiceDialog
      title={t('escalate.title')}
      hint={t('escalate.hint')}
      choices={choices}
      onChoose={onChoose}
      onCancel={onCancel}
      testId="escalate-chooser"
      choiceTestId="escalate-choice"
    />
  );
}
