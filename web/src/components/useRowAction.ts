import { useState } from 'preact/hooks';
import { useSession } from '../session';
import { problemFrom } from './problems';

/**
 * One action at a time on the rows of a list (screen a case, grant a key, certify a
 * member): which row is busy, and the status line the list shows afterwards — what was
 * done, or the problem prefixed with the row's label.
 */
export function useRowAction() {
  const session = useSession();
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const [failed, setFailed] = useState(false);

  /** Runs `action` for the row `key`; it resolves to the message to show when done. */
  async function run(key: string, label: string, action: () => Promise<string>) {
    setBusy(key);
    setMessage('');
    setFailed(false);
    try {
      setMessage(await action());
    } catch (error) {
      session.noticeError(error);
      setFailed(true);
      setMessage(`${label}: ${problemFrom(error).message}`);
    } finally {
      setBusy(null);
    }
  }

  return { busy, message, failed, run };
}
