/**
 * The actors proposal: every actor the body names (outside quotations), once, first mention first,
 * plus speakers known only from an attribution ("…," noted Lindqvist), proposed as new people.
 */
import type { Mention } from './mentions.ts';
import { type ActorProposal, EXTRACTOR_VERSION, type QuoteProposal } from './types.ts';

export function actorProposals(mentions: Mention[], quotes: QuoteProposal[]): ActorProposal[] {
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
  const names = new Set([...byKey.values()].map((a) => a.name));
  for (const quote of quotes) {
    if (!quote.speaker || quote.speakerId || names.has(quote.speaker)) continue;
    names.add(quote.speaker);
    const attribution = quote.evidence.find((e) => e.role === 'ATTRIBUTION') ?? quote;
    byKey.set(`new:${quote.speaker}`, {
      name: quote.speaker,
      id: null,
      kind: 'PERSON',
      isNew: true,
      start: attribution.start,
      end: attribution.end,
      mentions: 1,
      confidence: 0.5,
      extractorVersion: EXTRACTOR_VERSION,
    });
  }
  return [...byKey.values()].sort((a, b) => a.start - b.start);
}
