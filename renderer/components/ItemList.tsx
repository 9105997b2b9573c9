import type { ItemStatus, QueueState } from '../../electron/api';
import { memo } from 'react';
import { useLocale } from '../i18n/context';

const statusIcon: Record<ItemStatus, string> = { pending: '○', decided: '✓', skipped: '↷' };

/** The batch in review order; a row opens that item (to look back or correct it), X selects it. */
export function ItemList({
  items,
  viewedItemId,
  selected,
  onOpen,
}: {
  items: QueueState['items'];
  viewedItemId: string | null;
  selected: readonly string[];
  onOpen: (itemId: string) => void;
}) {
  const { t } = useLocale();
  return (
    <nav className="item-list" aria-label={t('queue.listLabel')}>
      <ol>
        {items.map((item) => (
          <ItemRow key={item.id} item={item} viewed={item.id === viewedItemId} isSelected={selected.includes(item.id)} onOpen={onOpen} />
        ))}
      </ol>
    </nav>
  );
}

/**
 * One row, memoised: a decision changes two rows (the one decided and the one now viewed), so the
 * next item's first frame does not redraw the whole batch.
 */
const ItemRow = memo(function ItemRow({
  item,
  viewed,
  isSelected,
  onOpen,
}: {
  item: QueueState['items'][number];
  viewed: boolean;
  isSelected: boolean;
  onOpen: (itemId: string) => void;
}) {
  const { t } = useLocale();
  return (
    <li>
      <button
        type="button"
        className={`item-row status-${item.status}${isSelected ? ' item-selected' : ''}`}
        aria-current={viewed ? 'true' : undefined}
        onClick={() => onOpen(item.id)}
        data-testid="queue-item"
        data-item-id={item.id}
        data-status={item.status}
        data-selected={String(isSelected)}
        data-withheld={item.withheld === undefined ? undefined : 'true'}
        title={item.withheld}
      >
        <span className="status-icon" aria-hidden="true">
          {isSelected ? '☑' : item.withheld !== undefined ? '⏸' : statusIcon[item.status]}
        </span>
        <span className="item-row-text">
          <span>{t(`item.kind.${item.kind}`)}</span>
          <span className="muted">@{item.accountHandle}</span>
        </span>
        <span className="visually-hidden">
          {t(`queue.status.${item.status}`)}
          {isSelected && `, ${t('selection.selected')}`}
          {item.withheld !== undefined && `, ${t('queue.withheld.item', { reason: item.withheld })}`}
        </span>
      </button>
    </li>
  );
});
