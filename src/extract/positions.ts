/**
 * Positions: who demands, calls for, supports, opposes or questions what. A stance verb outside
 * quotation marks ("called for a ban on …", "insisted on his opposition to …", "backed the
 * proposal", "demands by some governments … to …") with its holder, the subject before it.
 * The question is the words the stance is about, as written, for an editor to phrase.
 */
import type { Stance } from '../domain.ts';
import type { SpeakerResolver } from './speakers.ts';
import { type Range, round2, type TextIndex } from './text.ts';
import { EXTRACTOR_VERSION, type PositionProposal } from './types.ts';

const TRIGGERS: [RegExp, Stance][] = [
  [/\b(?:insist(?:s|ed)?\s+on\s+(?:his|her|its|their)\s+)?opposition\s+to\b/i, 'OPPOSES'],
  [
    /\b(?:oppose[sd]?|reject(?:s|ed)?|object(?:s|ed)?\s+to|criticis(?:e|es|ed)|criticiz(?:e|es|ed)|condemn(?:s|ed)?|voted\s+against|(?:is|are|was|were)\s+against|refuse[sd]?\s+to\s+back)\b/i,
    'OPPOSES',
  ],
  [
    /\b(?:call(?:s|ed)?\s+(?:for|on)|demand(?:s|ed)?|urge[sd]?|push(?:es|ed)?\s+for|press(?:es|ed)?\s+for|insist(?:s|ed)?\s+on|ask(?:s|ed)?\s+for)\b/i,
    'DEMANDS',
  ],
  [
    /\b(?:support(?:s|ed)?|back(?:s|ed)|endorse[sd]?|welcome[sd]?|favou?r(?:s|ed)?|(?:is|are|was|were)\s+in\s+favou?r\s+of)\b/i,
    'SUPPORTS',
  ],
  [/\b(?:question(?:s|ed)|doubt(?:s|ed)|cast\s+doubt\s+on)\b/i, 'QUESTIONS'],
];

/** Compiled once: building them per sentence was a fifth of the extractor's time. */
const GLOBAL_TRIGGERS: [RegExp, Stance][] = TRIGGERS.map(([pattern, stance]) => [
  new RegExp(pattern.source, 'gi'),
  stance,
]);

export function findPositions(index: TextIndex, quoted: Range[], resolver: SpeakerResolver): PositionProposal[] {
  const { body } = index;
  const positions: PositionProposal[] = [];
  for (const sentence of index.sentences) {
    const text = body.slice(sentence.start, sentence.end);
    const hits = GLOBAL_TRIGGERS.flatMap(([pattern, stance]) => {
      return [...text.matchAll(pattern)]
        .filter((h) => !quoted.some((q) => q.start <= sentence.start + h.index && sentence.start + h.index < q.end))
        .map((h) => ({ index: h.index, length: h[0].length, stance, word: h[0] }));
    }).sort((a, b) => a.index - b.index || b.length - a.length);
    const hit = hits[0];
    if (!hit) continue;
    const triggerStart = sentence.start + hit.index;
    const triggerEnd = triggerStart + hit.length;
    // "demands by some governments … to …": the holder follows "by".
    const byHolder = /^demands?$/i.test(hit.word)
      ? /^\s+by\s+([^,]+)/.exec(body.slice(triggerEnd, sentence.end))
      : null;
    const holder = byHolder
      ? resolver.subject({ start: triggerEnd, end: triggerEnd + byHolder[0].length })
      : resolver.subject({ start: sentence.start, end: triggerStart });
    // "It demands …" usually means a plan or a text, not an actor: pronoun holders must be people.
    if (!holder || (holder.via === 'pronoun' && holder.kind !== 'PERSON')) continue;
    const holderClause = byHolder
      ? { start: triggerEnd, end: sentence.end }
      : { start: sentence.start, end: triggerStart };
    const including = /\bincluding\s+([^,]+)/.exec(body.slice(holderClause.start, holderClause.end));
    const alsoHolder = including
      ? resolver.subject({
          start: holderClause.start + including.index,
          end: holderClause.start + including.index + including[0].length,
        })
      : null;
    const objectText = body.slice(byHolder ? triggerEnd + byHolder[0].length : triggerEnd, sentence.end);
    const question = objectText
      .replace(/^[\s,]*(?:(?:his|her|its|their)\s+opposition\s+to\s+)?/, '')
      .split(/,\s+(?:noting|saying|adding|arguing|which|who|while)\b|;|\.\s*$/)[0]
      ?.replace(/["“”]/g, '')
      .trim();
    if (!question) continue;
    for (const who of [holder, alsoHolder]) {
      if (!who || (who !== holder && who.key === holder.key)) continue;
      positions.push({
        actor: who.name,
        actorId: who.id,
        question,
        stance: hit.stance,
        start: sentence.start,
        end: sentence.end,
        confidence: round2(who.via === 'name' ? 0.7 : 0.55),
        extractorVersion: EXTRACTOR_VERSION,
        evidence: [
          { ...sentence, role: 'MAIN_STATEMENT', exact: text },
          { start: triggerStart, end: triggerEnd, role: 'CONTEXT', exact: body.slice(triggerStart, triggerEnd) },
        ],
      });
    }
  }
  return positions;
}
