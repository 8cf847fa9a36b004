import { Link } from '../components/Link';
import { Page } from '../components/Page';

export function NotFoundPage() {
  return (
    <Page title="Page not found">
      <p>There is no page at this address.</p>
      <p>
        <Link href="/">Go to the front page</Link>
      </p>
    </Page>
  );
}
