export { createEmulator } from './emulator';
export type { Emulator } from './emulator';
export { ATOL_TEST_ACCOUNT, resolveEmulatorOptions } from './emulator-options';
export { faultSchema } from './emulator-faults';
export type { Fault, FaultInput } from './emulator-faults';
export { DEFAULT_VAT_DATE_RULES } from './vat-date-rules';
export type { VatDateRule } from './vat-date-rules';
export type {
  EmulatorAccount,
  EmulatorDocument,
  EmulatorLimits,
  EmulatorOptions,
} from './emulator-types';
export type { EmulatorTotals, ExternalIdSummary } from './emulator-state';
