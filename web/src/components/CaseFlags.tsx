import type { CaseSummary } from '../api';

/**
 * "Physical danger", "Ongoing" and "Linked" markers of a case, as words (not colour
 * alone). A linked case's incident is handled in the case it is linked into.
 */
export function CaseFlags({
  summary,
}: {
  summary: Pick<CaseSummary, 'ongoing' | 'physical_danger'> & Partial<Pick<CaseSummary, 'linked'>>;
}) {
  if (!summary.ongoing && !summary.physical_danger && !summary.linked) return null;
  return (
    <span class="flags">
      {summary.physical_danger && <span class="flag flag-danger">Physical danger</span>}
      {summary.ongoing && <span class="flag">Ongoing</span>}
      {summary.linked && (
        <span class="flag" title="Its incident is handled in the case it is linked into">
          Linked
        </span>
      )}
    </span>
  );
}
