import type { PhaseKind } from '@shopplan/schema';
import type { MessageKey } from '../../i18n/index.ts';

/** The colour of each phase on the bars. */
export const PHASE_COLORS: Record<PhaseKind, string> = { warmUp: '#ffd591', peak: '#d4380d', tail: '#ff9c6e', encore: '#ffe7ba' };

/** The message key naming a phase kind. */
export const PHASE_LABEL: Record<PhaseKind, MessageKey> = { warmUp: 'phaseWarmUp', peak: 'phasePeak', tail: 'phaseTail', encore: 'phaseEncore' };
