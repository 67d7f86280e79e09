/**
 * A few hundred made-up actors of every kind, with aliases, and who plays which part in the
 * articles: people speak, institutions and governments propose and fund, anyone takes positions.
 * Each role draws its actors with Zipf-like popularity, so a few actors are in many articles.
 */
import type { ActorKind } from '../../src/domain.ts';
import { type Prng, weighted, Zipf } from './prng.ts';
import type { Row } from './rows.ts';
import { capitalize, pseudoWord } from './vocabulary.ts';

export interface SyntheticActor {
  id: string;
  name: string;
  kind: ActorKind;
  aliases: string[];
  /** How an article introduces them ("the synthetic commissioner for velkor"), if it does. */
  role: string | null;
}

const KIND = weighted<ActorKind>([
  ['PERSON', 50],
  ['EU_INSTITUTION', 5],
  ['EU_AGENCY', 5],
  ['NATIONAL_GOVERNMENT', 10],
  ['NATIONAL_AUTHORITIES', 5],
  ['NGO', 8],
  ['COMPANY', 8],
  ['NEWS_OUTLET', 3],
  ['COUNTRY', 4],
  ['UNNAMED_OFFICE', 1],
  ['GROUP', 1],
]);

const word = (rng: Prng) => capitalize(pseudoWord(rng));

function acronym(name: string): string {
  return name
    .split(' ')
    .filter((w) => /^[A-Z]/.test(w))
    .map((w) => w[0])
    .join('');
}

function named(rng: Prng, kind: ActorKind): Omit<SyntheticActor, 'id' | 'kind'> {
  const w = word(rng);
  switch (kind) {
    case 'PERSON': {
      const last = word(rng);
      return {
        name: `${w} ${last}`,
        aliases: [last],
        role: `the synthetic ${rng.pick(PERSON_ROLES)} for ${pseudoWord(rng)}`,
      };
    }
    case 'EU_INSTITUTION': {
      const name = `Synthetic ${rng.pick(['Commission', 'Council', 'Parliament', 'Court'])} of ${w}`;
      return { name, aliases: [acronym(name), `the ${w} institution`], role: null };
    }
    case 'EU_AGENCY': {
      const name = `Synthetic ${w} Agency`;
      return { name, aliases: [`${w}pol`], role: 'the synthetic EU agency' };
    }
    case 'NATIONAL_GOVERNMENT':
      return { name: `Government of ${w}ia`, aliases: [`the ${w}ian government`], role: null };
    case 'NATIONAL_AUTHORITIES':
      return { name: `${w}ian ${word(rng)} Authority`, aliases: [`the ${w}ian authorities`], role: null };
    case 'NGO': {
      const name = `${w} ${rng.pick(['Rights Watch', 'Liberties Union', 'Privacy Network', 'Civic Forum'])}`;
      return { name, aliases: [acronym(name)], role: 'a synthetic civil-liberties group' };
    }
    case 'COMPANY':
      return { name: `${w} ${rng.pick(['Systems', 'Networks', 'Messaging', 'Security'])}`, aliases: [w], role: null };
    case 'NEWS_OUTLET':
      return { name: `The ${w} Courier`, aliases: [`${w} Courier`], role: null };
    case 'COUNTRY':
      return { name: `${w}ia`, aliases: [`the Republic of ${w}ia`], role: null };
    case 'UNNAMED_OFFICE':
      return { name: `A synthetic ${pseudoWord(rng)} office`, aliases: [], role: null };
    case 'GROUP':
      return { name: `Synthetic ${w} group`, aliases: [`the ${w} group`], role: null };
  }
}

const PERSON_ROLES = ['commissioner', 'minister', 'spokesperson', 'rapporteur', 'coordinator', 'director'];

export class ActorPool {
  readonly actors: SyntheticActor[];
  readonly #byRole: Map<string, { actors: SyntheticActor[]; zipf: Zipf }>;

  constructor(rng: Prng, count: number) {
    const names = new Set<string>();
    this.actors = [];
    while (this.actors.length < count) {
      const kind = KIND(rng);
      const actor = named(rng, kind);
      if (names.has(actor.name)) continue;
      names.add(actor.name);
      const id = `synthetic-actor-${String(this.actors.length + 1).padStart(4, '0')}`;
      this.actors.push({ id, kind, ...actor, aliases: [...new Set(actor.aliases.filter(Boolean))] });
    }
    this.#byRole = new Map();
    const role = (name: string, kinds: ActorKind[] | null) => {
      const actors = kinds ? this.actors.filter((a) => kinds.includes(a.kind)) : this.actors;
      this.#byRole.set(name, { actors, zipf: new Zipf(actors.length, 0.9) });
    };
    role('speaker', ['PERSON', 'NGO', 'EU_AGENCY', 'COMPANY']);
    role('proposer', ['EU_INSTITUTION', 'EU_AGENCY', 'NATIONAL_GOVERNMENT', 'NATIONAL_AUTHORITIES', 'PERSON']);
    role('funder', ['EU_INSTITUTION', 'NATIONAL_GOVERNMENT', 'EU_AGENCY', 'COUNTRY']);
    role('any', null);
  }

  pick(rng: Prng, role: 'speaker' | 'proposer' | 'funder' | 'any'): SyntheticActor {
    const { actors, zipf } = this.#byRole.get(role) as { actors: SyntheticActor[]; zipf: Zipf };
    return actors[zipf.next(rng)] as SyntheticActor;
  }

  /** The name as an article writes it: mostly the full name, sometimes an alias. */
  asWritten(rng: Prng, actor: SyntheticActor): string {
    return actor.aliases.length && rng.chance(0.2) ? rng.pick(actor.aliases) : actor.name;
  }

  rows(): { actors: Row<'actors'>[]; actorAliases: Row<'actorAliases'>[] } {
    return {
      actors: this.actors.map(({ id, name, kind }) => ({
        id,
        name,
        kind,
        description: `A made-up ${kind.toLowerCase().replaceAll('_', ' ')} for synthetic benchmark data.`,
      })),
      actorAliases: this.actors.flatMap((a) => a.aliases.map((alias) => ({ actorId: a.id, alias }))),
    };
  }
}
