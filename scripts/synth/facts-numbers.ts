/** The numbers of a synthetic article: funding items (money) and figures (any other count). */
import type { FundingStage } from '../../src/domain.ts';
import { amount } from './amounts.ts';
import { period } from './dates.ts';
import type { ArticleDraft } from './draft.ts';
import { weighted } from './prng.ts';
import { capitalize } from './vocabulary.ts';

const STAGE = weighted<FundingStage>([
  ['ANNOUNCED', 40],
  ['PLEDGED', 25],
  ['COMMITTED', 20],
  ['DISBURSED', 15],
]);

/** A measure of this article to link a number to, with probability `p`. */
function linkedMeasure(a: ArticleDraft, p: number): string | null {
  return a.measureIds.length && a.rng.chance(p) ? a.rng.pick(a.measureIds) : null;
}

/** `Name pledged [some ]€18.5 million for <words>[ for 2021-2027][ under the <programme>].` */
export function writeFunding(a: ArticleDraft, index: number): void {
  const { body, rng } = a;
  const id = `${a.id}-funding-${index}`;
  const evidence = a.fact('fundingItemId', id);
  const funder = rng.chance(0.8) ? a.world.actors.pick(rng, 'funder') : null;
  const stage = STAGE(rng);
  const when = rng.chance(0.25) ? period(rng, a.published) : null;
  const money = amount(rng, when !== null);
  const programme = rng.chance(0.2) ? `Synthetic ${capitalize(a.world.words.content(rng))} Fund` : null;
  const purpose = a.phrase(4, 8);

  body.sentence();
  if (funder) {
    evidence(body.write(a.name(funder, true)), 'ACTOR');
    body.write(` ${stage.toLowerCase()} `);
  } else {
    body.write('A further ');
  }
  const start = body.length;
  body.write(money.hedge);
  evidence(body.write(money.reportedText), 'AMOUNT');
  body.write(` for ${purpose}`);
  evidence(body.since(start), 'MAIN_STATEMENT');
  if (when) {
    body.write(' ');
    evidence(body.write(when.text), 'DATE');
  }
  if (programme) body.write(` under the ${programme}`);
  if (!funder) body.write(` was ${stage.toLowerCase()}`);
  body.write('.');

  a.rows.fundingItems.push({
    id,
    ...a.review(),
    purpose: capitalize(`${purpose}.`),
    funderId: funder?.id ?? null,
    stage,
    programme,
    periodEarliest: when?.earliest ?? null,
    periodLatest: when?.latest ?? null,
    periodPrecision: when?.precision ?? null,
    periodText: when?.text ?? null,
    periodDerivation: when?.derivation ?? null,
    reportedText: money.reportedText,
    approximate: money.hedge !== '',
    amountMinor: money.amountMinor,
    currencyCode: money.currencyCode,
    qualityNote: money.qualityNote,
    measureId: linkedMeasure(a, 0.6),
  });
  for (const flag of money.flags) a.rows.fundingItemFlags.push({ fundingItemId: id, flag });
}

/** Units, how a value of each is written, and the range of values. */
const UNITS: { unit: string; label: string; min: number; max: number; millions?: boolean }[] = [
  { unit: 'staff', label: 'additional staff', min: 5, max: 500 },
  { unit: 'officers', label: 'officers', min: 50, max: 8000 },
  { unit: 'percent', label: 'percent', min: 1, max: 95 },
  { unit: 'months', label: 'months', min: 2, max: 48 },
  { unit: 'arrests', label: 'arrests', min: 3, max: 2000 },
  { unit: 'cases', label: 'cases', min: 10, max: 50000 },
  { unit: 'records', label: 'million records', min: 1, max: 90, millions: true },
  { unit: 'experts', label: 'experts', min: 3, max: 300 },
  { unit: 'countries', label: 'countries', min: 2, max: 27 },
  { unit: 'identity cards', label: 'identity cards', min: 100, max: 900000 },
];

/** `Name said there were [about ]86 additional staff <words>.` */
export function writeFigure(a: ArticleDraft, index: number): void {
  const { body, rng } = a;
  const id = `${a.id}-figure-${index}`;
  const evidence = a.fact('figureId', id);
  const reporter = rng.chance(0.6) ? a.world.actors.pick(rng, 'any') : null;
  const u = rng.pick(UNITS);
  const count = rng.int(u.min, u.max);
  const reportedText = `${count.toLocaleString('en-US')} ${u.label}`;
  const hedge = rng.chance(0.15) ? rng.pick(['about ', 'nearly ', 'some ']) : '';
  const counts = a.phrase(2, 5);

  body.sentence();
  if (reporter) {
    evidence(body.write(a.name(reporter, true)), 'ACTOR');
    body.write(' said there were ');
  } else {
    body.write('The figures cover ');
  }
  const main = body.write(`${hedge}${reportedText} ${counts}`);
  evidence(main, 'MAIN_STATEMENT');
  body.write('.');

  a.rows.figures.push({
    id,
    ...a.review(),
    value: u.millions ? count * 1e6 : count,
    unit: u.unit,
    reportedText,
    approximate: hedge !== '',
    subject: capitalize(`${u.label} ${counts}.`),
    reporterId: reporter?.id ?? null,
    measureId: linkedMeasure(a, 0.4),
  });
}
