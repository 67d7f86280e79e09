/** What people say in a synthetic article: quotes (attributed speech) and positions. */
import type { Stance } from '../../src/domain.ts';
import { sameDay } from './dates.ts';
import type { ArticleDraft } from './draft.ts';
import { weighted } from './prng.ts';
import { capitalize } from './vocabulary.ts';

const UNNAMED_SPEAKERS = ['an official', 'a synthetic spokesperson', 'one diplomat'];

/** `"…," said Name.` (a full sentence) or `Name said the plan would "…".` (a partial quote). */
export function writeQuote(a: ArticleDraft, index: number): void {
  const { body, rng } = a;
  const id = `${a.id}-quote-${index}`;
  const evidence = a.fact('quoteId', id);
  const actor = rng.chance(0.92) ? a.world.actors.pick(rng, 'speaker') : null;
  const full = rng.chance(0.7);
  let text: string;
  let speakerAsWritten: string;
  let roleAsWritten: string | null = null;
  body.sentence();
  if (full) {
    body.write('"');
    const main = body.write(capitalize(a.phrase(8, 18)));
    body.write(',"');
    body.write(' ');
    speakerAsWritten = actor ? a.world.actors.asWritten(rng, actor) : rng.pick(UNNAMED_SPEAKERS);
    const attribution = body.write(rng.chance(0.6) ? `said ${speakerAsWritten}` : `${speakerAsWritten} said`);
    if (actor?.role && rng.chance(0.3)) {
      roleAsWritten = actor.role;
      body.write(`, ${roleAsWritten}`);
    }
    body.write('.');
    text = main.exact;
    evidence(main, 'MAIN_STATEMENT');
    evidence(attribution, 'ATTRIBUTION');
  } else {
    speakerAsWritten = capitalize(actor ? a.world.actors.asWritten(rng, actor) : rng.pick(UNNAMED_SPEAKERS));
    const attribution = body.write(`${speakerAsWritten} said`);
    body.write(` the ${a.world.words.content(rng)} would "`);
    const main = body.write(a.phrase(4, 9));
    body.write('".');
    text = main.exact;
    evidence(main, 'MAIN_STATEMENT');
    evidence(attribution, 'ATTRIBUTION');
  }
  if (actor) a.mention(actor, speakerAsWritten, roleAsWritten);
  a.rows.quotes.push({
    id,
    ...a.review(),
    articleId: a.id,
    speakerId: actor?.id ?? null,
    speakerAsWritten,
    roleAsWritten,
    text,
    kind: full ? 'FULL_SENTENCE' : 'PARTIAL',
  });
}

const STANCE = weighted<Stance>([
  ['DEMANDS', 30],
  ['SUPPORTS', 30],
  ['OPPOSES', 25],
  ['QUESTIONS', 15],
]);

const STANCE_WORDS: Record<Stance, { verb: string; lead: string; tail: string }> = {
  DEMANDS: { verb: 'demanded', lead: 'that', tail: 'be made mandatory' },
  SUPPORTS: { verb: 'supports', lead: 'making', tail: 'mandatory' },
  OPPOSES: { verb: 'opposes', lead: 'any plan to make', tail: 'mandatory' },
  QUESTIONS: { verb: 'questioned', lead: 'whether', tail: 'should be mandatory' },
};

/** `Name [on Tuesday] demanded that <subject> be made mandatory.` */
export function writePosition(a: ArticleDraft, index: number): void {
  const { body, rng } = a;
  const id = `${a.id}-position-${index}`;
  const evidence = a.fact('positionId', id);
  const actor = a.world.actors.pick(rng, 'any');
  const stance = STANCE(rng);
  const words = STANCE_WORDS[stance];
  const subject = a.world.questions.pick(rng);
  const stated = rng.chance(0.3) ? sameDay(a.published) : null;
  body.sentence();
  const name = a.name(actor, true);
  evidence(body.write(name), 'ACTOR');
  if (stated) {
    body.write(' ');
    evidence(body.write(stated.text), 'DATE');
  }
  body.write(` ${words.verb} `);
  const start = body.length;
  body.write(`${words.lead} `);
  const subjectSpan = body.write(subject);
  body.write(` ${words.tail}`);
  const main = body.since(start);
  body.write('.');
  evidence(main, 'MAIN_STATEMENT');
  if (rng.chance(0.5)) evidence(subjectSpan, 'SUBJECT');
  a.rows.positions.push({
    id,
    ...a.review(),
    actorId: actor.id,
    question: `Should ${subject} be mandatory?`,
    stance,
    summary: `${actor.name} ${words.verb} ${main.exact}.`,
    statedEarliest: stated?.earliest ?? null,
    statedLatest: stated?.latest ?? null,
    statedPrecision: stated?.precision ?? null,
    statedText: stated?.text ?? null,
    statedDerivation: stated?.derivation ?? null,
  });
}
