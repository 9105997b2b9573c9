import type { ItemStatus, QueueState } from '../../electron/api';
import { useLocale } from '../i18n/context';

const statusIcon: Record<ItemStatus, string> = { pending: '○', decided: '✓', skipped: '↷' };

export function ItemList({ items, viewedItemId }: { items: QueueState['items']; viewedItemId: string | null }) {
  const { t } = useLocale();
  return (
    <nav className="item-list" aria-label={t('queue.listLabel')}>
      <ol>
        {items.map((item) => (
          <li
            key={item.id}
            className={`item-row status-${item.status}`}
            aria-current={item.id === viewedItemId ? 'true' : undefined}
            data-testid="queue-item"
            data-item-id={item.id}
            data-status={item.status}
          >
            <span className="status-icon" aria-hidden="true">
              {statusIcon[item.status]}
            </span>
            <span className="item-row-text">
              <span>{t(`item.kind.${item.kind}`)}</span>
              <span className="muted">@{item.accountHandle}</span>
            </span>
            <span className="visually-hidden">{t(`queue.status.${item.status}`)}</span>
          </li>
        ))}
      </ol>
    </nav>
  );
}
