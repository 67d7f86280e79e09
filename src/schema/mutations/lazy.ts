/** The write path (write-path.ts), evaluated on the first mutation that needs it. */
export const writePath = () => import('./write-path.ts');
