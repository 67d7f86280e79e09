/**
 * The second held-out set (test/extract/held-out-2/): its gold must say exactly what its bodies
 * say, or the evaluation would score against text that is not there. Eight full-length articles,
 * as the set's README promises, each loaded by the loader `--articles DIR` uses.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type KnownActorFile, loadAnnotatedArticles } from '../../scripts/eval/gold.ts';

const dir = new URL('./held-out-2/', import.meta.url).pathname;
const actors = JSON.parse(readFileSync(`${dir}actors.json`, 'utf8')) as KnownActorFile[];
const annotations = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'actors.json');

describe('held-out set 2', () => {
  it('has eight articles of 600 to 1,500 words', () => {
    expect(annotations).toHaveLength(8);
    for (const file of annotations) {
      const words = readFileSync(`${dir}${file.replace(/\.json$/, '.txt')}`, 'utf8')
        .split(/\s+/)
        .filter(Boolean);
      expect(words.length, file).toBeGreaterThanOrEqual(600);
      expect(words.length, file).toBeLessThanOrEqual(1500);
    }
  });

  it('quotes its bodies exactly at the annotated UTF-16 offsets', () => {
    let checked = 0;
    for (const file of annotations) {
      const body = readFileSync(`${dir}${file.replace(/\.json$/, '.txt')}`, 'utf8');
      const gold = JSON.parse(readFileSync(`${dir}${file}`, 'utf8'));
      for (const list of [gold.quotes, gold.fundingItems, gold.figures, gold.events]) {
        for (const fact of list) {
          for (const e of fact.evidence) {
            expect(body.slice(e.start, e.end), `${file} ${fact.id}`).toBe(e.exact);
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(300);
  });

  it('loads as scored documents: quotes, amounts, figures and dates, no positions or mentions', () => {
    const documents = loadAnnotatedArticles(dir, actors);
    expect(documents.map((d) => d.gold.quotes?.length ?? 0).reduce((a, b) => a + b)).toBe(70);
    expect(documents.map((d) => d.gold.amounts?.length ?? 0).reduce((a, b) => a + b)).toBe(58);
    expect(documents.every((d) => d.gold.positions === undefined && d.gold.actors === undefined)).toBe(true);
    const interview = documents.find((d) => d.id === '2024-06-20-interview-home-affairs-commissioner');
    expect(interview?.gold.quotes?.[0]?.who).toBe('Helena Vasquez-Roth');
  });
});
