/** Events a synthetic article recalls as context: shared by many articles, one row per event. */
import type { ArticleDraft } from './draft.ts';

const LEADS = ['Officials recalled', 'The plan follows', 'Critics pointed to', 'The debate goes back to'];

/** `Officials recalled the 2012 Velkor bombings[, <words>].` Each event once per article. */
export function writeEvent(a: ArticleDraft, seen: Set<string>): void {
  const { body, rng } = a;
  const { event, isNew } = a.world.event();
  if (seen.has(event.id)) return;
  seen.add(event.id);
  const evidence = a.fact('eventId', event.id);
  body.sentence();
  body.write(`${rng.pick(LEADS)} `);
  const start = body.length;
  body.write('the ');
  evidence(body.write(event.date.text), 'DATE');
  body.write(` ${event.place} ${event.noun}`);
  evidence(body.since(start), 'MAIN_STATEMENT');
  if (rng.chance(0.5)) body.write(`, ${a.phrase(3, 7)}`);
  body.write('.');
  if (!isNew) return;
  a.rows.events.push({
    id: event.id,
    ...a.review(),
    name: event.name,
    place: event.place,
    dateEarliest: event.date.earliest,
    dateLatest: event.date.latest,
    datePrecision: event.date.precision,
    dateText: event.date.text,
    dateDerivation: event.date.derivation,
  });
}
