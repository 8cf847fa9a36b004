// The group's own matters in words: what kind of matter, and where its vote stands.
import type { MatterKind, MatterSummary } from '../../api';

export const KINDS: { value: MatterKind; label: string }[] = [
  { value: 'admit-member', label: 'Admitting a member' },
  { value: 'guideline', label: 'A guideline' },
  { value: 'policy', label: 'The policy' },
  { value: 'other', label: 'Another matter' },
];

export function kindLabel(kind: MatterKind): string {
  return KINDS.find((choice) => choice.value === kind)?.label ?? kind;
}

const OUTCOMES: Record<NonNullable<MatterSummary['outcome']>, string> = {
  'passed-by-consensus': 'Agreed by consensus',
  'passed-by-two-thirds': 'Agreed by two-thirds',
  'to-the-board': 'Sent to the board',
};

/** "Being voted on", "Agreed by consensus", "Sent to the board". */
export function statusLabel(matter: MatterSummary): string {
  if (matter.status === 'voting') return 'Being voted on';
  if (matter.outcome) return OUTCOMES[matter.outcome];
  return matter.status === 'agreed' ? 'Agreed' : 'Sent to the board';
}
