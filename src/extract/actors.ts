/** The actors proposal: every actor the body names (outside quotations), once, first mention first. */
import type { Mention } from './mentions.ts';
import type { Speaker } from './speakers.ts';
import { type ActorProposal, EXTRACTOR_VERSION } from './types.ts';

export function actorProposals(mentions: Mention[], speakers: (Speaker | null)[]): ActorProposal[] {
  const byKey = new Map<string, ActorProposal>();
  for (const m of mentions) {
    if (m.insideQuote) continue;
    const existing = byKey.get(m.key);
    if (existing) {
      existing.mentions++;
      existing.confidence = Math.max(existing.confidence, m.confidence);
      continue;
    }
    byKey.set(m.key, {
      name: m.name,
      id: m.id,
      kind: m.kind,
      isNew: m.id === null,
      start: m.start,
      end: m.end,
      mentions: 1,
      confidence: m.confidence,
      extractorVersion: EXTRACTOR_VERSION,
    });
  }
  return [...byKey.values()];
}
