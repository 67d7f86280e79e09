/**
 * Measures in a synthetic article: some articles announce a package whose other measures are its
 * parts; measures carry statuses, proposers, involved actors, and sometimes an announcement day,
 * an expected quarter and a deadline. A later article may report an earlier measure again.
 */
import { MEASURE_ACTOR_ROLES, type MeasureStatus, type MeasureType } from '../../src/domain.ts';
import { deadline, expectedQuarter, type FuzzyDate, sameDay } from './dates.ts';
import type { ArticleDraft } from './draft.ts';
import { weighted } from './prng.ts';
import { capitalize } from './vocabulary.ts';

const STATUS = weighted<MeasureStatus>([
  ['ANNOUNCED', 30],
  ['PROPOSED', 25],
  ['PLANNED', 15],
  ['ADOPTED', 15],
  ['IN_FORCE', 10],
  ['WITHDRAWN', 5],
]);

const VERBS: Record<MeasureStatus, string> = {
  ANNOUNCED: 'announced',
  PROPOSED: 'proposed',
  PLANNED: 'is planning',
  ADOPTED: 'adopted',
  IN_FORCE: 'brought into force',
  WITHDRAWN: 'withdrew',
};

const TYPE = weighted<Exclude<MeasureType, 'POLICY_PACKAGE'>>([
  ['LEGISLATION', 20],
  ['FUNDING_PROGRAMME', 12],
  ['STAFFING', 8],
  ['OPERATIONAL_CAPABILITY', 10],
  ['TRAINING', 8],
  ['EXPERT_NETWORK', 6],
  ['TOOLBOX', 5],
  ['INTERNATIONAL_COOPERATION', 8],
  ['DATA_SHARING', 10],
  ['OTHER', 13],
]);

const NOUNS: Record<MeasureType, string> = {
  POLICY_PACKAGE: 'package of measures',
  LEGISLATION: 'regulation',
  FUNDING_PROGRAMME: 'funding programme',
  STAFFING: 'staffing plan',
  OPERATIONAL_CAPABILITY: 'capability',
  TRAINING: 'training scheme',
  EXPERT_NETWORK: 'network of experts',
  TOOLBOX: 'toolbox',
  INTERNATIONAL_COOPERATION: 'cooperation agreement',
  DATA_SHARING: 'data-sharing arrangement',
  OTHER: 'measure',
};

function fuzzy<P extends string>(prefix: P, date: FuzzyDate | null) {
  return {
    [`${prefix}Earliest`]: date?.earliest ?? null,
    [`${prefix}Latest`]: date?.latest ?? null,
    [`${prefix}Precision`]: date?.precision ?? null,
    [`${prefix}Text`]: date?.text ?? null,
    [`${prefix}Derivation`]: date?.derivation ?? null,
  } as Record<`${P}${'Earliest' | 'Latest' | 'Text' | 'Derivation'}`, string | null> &
    Record<`${P}Precision`, FuzzyDate['precision'] | null>;
}

/**
 * `[As part of the package, ]Name [on Tuesday] proposed a regulation to <words>[, with a first
 * version expected in <quarter>][, to be in place by <deadline>].` Measure `index` of the article;
 * `packageId` is the package it belongs to, if any (a package has index 0 and isPackage).
 */
export function writeMeasure(a: ArticleDraft, index: number, isPackage: boolean, packageId: string | null): void {
  const { body, rng } = a;
  const id = a.measureIds[index] as string;
  const evidence = a.fact('measureId', id);
  const type: MeasureType = isPackage ? 'POLICY_PACKAGE' : TYPE(rng);
  const status = STATUS(rng);
  const proposer = rng.chance(0.9) ? a.world.actors.pick(rng, 'proposer') : null;
  const announced = proposer && rng.chance(0.4) ? sameDay(a.published) : null;
  const expected = !isPackage && rng.chance(0.2) ? expectedQuarter(rng, a.published) : null;
  const due = rng.chance(0.4) ? deadline(rng, a.published) : null;
  const object = isPackage ? `on ${a.phrase(3, 6)}` : `to ${a.phrase(4, 8)}`;
  const noun = NOUNS[type];

  body.sentence();
  const partOf = packageId !== null && rng.chance(0.7);
  if (partOf) body.write('As part of the package, ');
  if (proposer) {
    evidence(body.write(a.name(proposer, !partOf)), 'ACTOR');
    if (announced) {
      body.write(' ');
      evidence(body.write(announced.text), 'DATE');
    }
    body.write(` ${VERBS[status]} `);
  } else {
    body.write(partOf ? 'the plan includes ' : 'The plan includes ');
  }
  const main = body.write(`a ${noun} ${object}`);
  evidence(main, 'MAIN_STATEMENT');
  if (expected) {
    body.write(', with a first version expected ');
    evidence(body.write(expected.text), 'EXPECTED_DATE');
  }
  if (due) {
    body.write(', to be in place ');
    evidence(body.write(due.text), 'DEADLINE');
  }
  body.write('.');

  a.rows.measures.push({
    id,
    ...a.review(),
    title: capitalize(`${noun} ${object}`),
    summary: `${proposer ? `${proposer.name} ${VERBS[status]}` : 'The plan includes'} ${main.exact}.`,
    type,
    status,
    proposerId: proposer?.id ?? null,
    parentId: packageId,
    ...fuzzy('announced', announced),
    ...fuzzy('expected', expected),
    ...fuzzy('deadline', due),
  });
  const involved = new Set<string>(proposer ? [proposer.id] : []);
  for (let i = rng.int(0, 2); i > 0; i--) {
    const actor = a.world.actors.pick(rng, 'any');
    if (involved.has(actor.id)) continue;
    involved.add(actor.id);
    a.rows.measureActors.push({ measureId: id, actorId: actor.id, role: rng.pick(MEASURE_ACTOR_ROLES) });
  }
}

/** `Earlier, the <title> was discussed again.`: an earlier article's measure, reported again. */
export function writeReReport(a: ArticleDraft, measure: { id: string; title: string }): void {
  const { body, rng } = a;
  const evidence = a.fact('measureId', measure.id);
  body.sentence();
  body.write(`${rng.pick(['Earlier', 'Meanwhile', 'Separately'])}, `);
  evidence(body.write(`the ${measure.title.charAt(0).toLowerCase()}${measure.title.slice(1)}`), 'MAIN_STATEMENT');
  body.write(` was discussed again by ${a.phrase(2, 5)}.`);
}
