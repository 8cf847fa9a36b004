import { useState } from 'preact/hooks';
import { searchCases, type SearchResult } from '../../api';
import { Field } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { Link } from '../../components/Link';
import { useSubmit } from '../../components/useSubmit';
import { count } from '../../format';

const LABELS = { q: 'Search your cases' };

/**
 * Full-text search over the cases the member holds. The server opens each of them in
 * this session and searches the text; nothing is indexed in the clear.
 */
export function SearchSection() {
  const [text, setText] = useState('');
  const [results, setResults] = useState<SearchResult[] | null>(null);
  const { busy, problem, form, submit } = useSubmit();

  function onSubmit(event: Event) {
    return submit(
      event,
      async () => {
        setResults(await searchCases(text));
        return '';
      },
      () =>
        text.trim().length < 2
          ? { message: 'Type at least two characters.', fields: { q: 'must be at least 2 characters' } }
          : null,
      (found) => {
        setResults(null);
        return found;
      },
    );
  }

  return (
    <section class="card" aria-labelledby="search-heading">
      <h2 id="search-heading">Search</h2>
      <form ref={form} class="form" role="search" onSubmit={onSubmit} noValidate aria-labelledby="search-heading">
        <FormAlert problem={problem} labels={LABELS} />
        <Field
          id="q"
          label={LABELS.q}
          hint="Reports, parties, notes and every other entry of the cases you hold."
          value={text}
          onValue={setText}
          error={problem?.fields.q}
          required
        />
        <div class="actions">
          <button type="submit" class="button" disabled={busy}>
            {busy ? 'Searching…' : 'Search'}
          </button>
          <p role="status" class="done" data-testid="search-status">
            {results === null ? '' : `Found in ${count(results.length, 'case', 'cases')}.`}
          </p>
        </div>
      </form>
      {results !== null && results.length > 0 && (
        <ul class="search-results" data-testid="search-results">
          {results.map((result) => (
            <li key={result.case.url_name}>
              <Link href={`/cases/${encodeURIComponent(result.case.url_name)}`} class="code-name">
                {result.case.code_name}
              </Link>
              <ul>
                {result.matches.map((match) => (
                  <li key={match.where}>
                    <span class="muted">{match.where}:</span> {match.snippet}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
