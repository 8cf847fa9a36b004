import { clearScreening, declareConflict, type ScreeningItem } from '../../api';
import { useRowAction } from '../../components/useRowAction';
import { count } from '../../format';

interface ScreeningProps {
  items: ScreeningItem[];
  /** Loads the cases and the screening list again after an answer. */
  onAnswered: () => Promise<void>;
}

/** Cases the member must screen for conflicts before seeing them: only code names. */
export function ScreeningSection({ items, onAnswered }: ScreeningProps) {
  const { busy, message, failed, run } = useRowAction();

  function answer(item: ScreeningItem, conflict: boolean) {
    return run(item.url_name, `“${item.code_name}”`, async () => {
      if (conflict) await declareConflict(item.url_name, '');
      else await clearScreening(item.url_name);
      await onAnswered();
      return conflict
        ? `You declared a conflict of interest on “${item.code_name}”: it stays hidden from you.`
        : `You declared no conflict with “${item.code_name}”.`;
    });
  }

  return (
    <section class="card card-notice" aria-labelledby="screening-heading" data-testid="screening">
      <h2 id="screening-heading">Cases to screen: {count(items.length, 'case', 'cases')}</h2>
      <p>
        Before you see these cases, say whether you have a conflict of interest with anyone involved in them. Only their
        code names are shown until then.
      </p>
      <p role="status" class={failed ? 'problem' : 'done'} data-testid="screening-status">
        {message}
      </p>
      {items.length > 0 && (
        <ul class="screening-list">
          {items.map((item) => (
            <li key={item.url_name} data-case={item.url_name}>
              <span>
                <span class="code-name">{item.code_name}</span>{' '}
                <span class="muted">
                  {item.possible_conflict
                    ? '(a possible conflict for you to confirm or dismiss)'
                    : '(opened before you joined)'}
                </span>
              </span>
              <span class="screening-actions">
                <button
                  type="button"
                  class="button button-quiet"
                  disabled={busy !== null}
                  onClick={() => answer(item, false)}
                >
                  No conflict<span class="visually-hidden"> with {item.code_name}</span>
                </button>
                <button
                  type="button"
                  class="button button-quiet"
                  disabled={busy !== null}
                  onClick={() => answer(item, true)}
                >
                  I have a conflict<span class="visually-hidden"> with {item.code_name}</span>
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
