/** The ingest command line, checked: unknown options and missing values are refused by name. */
export interface IngestArgs {
  file: string;
  dryRun: boolean;
  json: boolean;
  publishedOn?: string;
  headline?: string;
  url?: string;
  publisher?: string;
}

export const USAGE =
  'usage: npm run -s ingest -- [--dry-run] [--json] [--published-on YYYY-MM-DD] [--headline H] [--url U] [--publisher P] FILE';

const VALUED = {
  '--published-on': 'publishedOn',
  '--headline': 'headline',
  '--url': 'url',
  '--publisher': 'publisher',
} as const;

export function parseIngestArgs(argv: string[]): { ok: true; args: IngestArgs } | { ok: false; message: string } {
  const args: Partial<IngestArgs> = { dryRun: false, json: false };
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [name, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    if (name === '--dry-run') args.dryRun = true;
    else if (name === '--json') args.json = true;
    else if (name in VALUED) {
      const value = inline ?? argv[++i];
      if (value === undefined || value.startsWith('--')) return { ok: false, message: `${name} needs a value` };
      args[VALUED[name as keyof typeof VALUED]] = value;
    } else if (name.startsWith('--')) return { ok: false, message: `unknown option ${name}` };
    else files.push(arg);
  }
  if (files.length !== 1) return { ok: false, message: files.length === 0 ? 'no FILE given' : 'give exactly one FILE' };
  return { ok: true, args: { ...args, file: files[0] as string } as IngestArgs };
}
