import type { CaseSummary } from '../api';

/** "Ongoing" and "Physical danger" markers of a case, as words (not colour alone). */
export function CaseFlags({ summary }: { summary: Pick<CaseSummary, 'ongoing' | 'physical_danger'> }) {
  if (!summary.ongoing && !summary.physical_danger) return null;
  return (
    <span class="flags">
      {summary.physical_danger && <span class="flag flag-danger">Physical danger</span>}
      {summary.ongoing && <span class="flag">Ongoing</span>}
    </span>
  );
}
