/**
 * The small word lists the rules use. Kept here, together, so what the extractor "knows" about
 * English news prose can be read (and extended) in one place.
 */
import type { ActorKind } from '../domain.ts';

export const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

export const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  eighteen: 18,
  twenty: 20,
};

/** Verbs (and verb phrases) that attribute speech or a reported figure to someone. */
export const SPEECH_VERBS = [
  'said',
  'says',
  'say',
  'told',
  'tells',
  'noted',
  'notes',
  'added',
  'adds',
  'insisted',
  'insists',
  'warned',
  'warns',
  'explained',
  'explains',
  'stressed',
  'stresses',
  'argued',
  'argues',
  'claimed',
  'claims',
  'stated',
  'states',
  'asked',
  'asks',
  'wrote',
  'writes',
  'declared',
  'commented',
  'acknowledged',
  'admitted',
  'admits',
  'replied',
  'responded',
  'continued',
  'concluded',
  'concludes',
  'emphasised',
  'emphasized',
  'underlined',
  'pointed out',
  'recalled',
  'suggested',
  'suggests',
  'announced',
  'remarked',
  'observed',
  'cautioned',
  'confirmed',
  'confirms',
  'believes',
  'predicted',
  'tweeted',
  'posted',
  'noting',
  'saying',
  'adding',
  'warning',
  'arguing',
  'insisting',
  'stressing',
  'explaining',
  'reported',
  'reports',
  'found',
  'estimated',
  'estimates',
  'showed',
  'shows',
];

/** Words that, right before a quotation mark, make the quoted words a name or a label. */
export const NAMING_CUES = [
  'a',
  'an',
  'the',
  'its',
  'their',
  'his',
  'her',
  'our',
  'this',
  'these',
  'those',
  'so-called',
  'dubbed',
  'named',
  'titled',
  'entitled',
  'nicknamed',
  'codenamed',
  'branded',
  'labelled',
  'labeled',
  'term',
  'word',
  'words',
  'phrase',
  'operation',
  'reading',
  'slogan',
  'motto',
  'hashtag',
];

/** Capitalised words that begin sentences without naming anyone. */
export const SENTENCE_STARTERS = new Set(
  (
    'the a an in on at but and or as if it this that these those he she they we i you our its his her their there ' +
    'when while after before since under over according asked meanwhile furthermore earlier later last next such ' +
    'some all another one two three four five six seven eight nine ten several many most more few each every no ' +
    'not nobody police critics delegates officials ministers negotiators investigators applications travellers ' +
    'carriers countries member members people researchers protesters opposition under with without from for by to ' +
    'also however yet still only even both either neither what who why how where which despite although though ' +
    'until unless once then so thus instead here now today yesterday tomorrow irregular encryption public such ' +
    'interior justice home foreign commissioner minister president chancellor secretary spokesperson'
  ).split(' '),
);

/** Titles and role words that come right before a person's name ("interior minister Tomas Varga"). */
export const PERSON_TITLES = new Set(
  (
    'mr ms mrs dr prof sir dame commissioner minister president chancellor secretary director spokesperson ' +
    'spokesman spokeswoman mep senator judge prosecutor premier chief head ambassador rapporteur coordinator ' +
    'researcher professor official officer lawyer mayor king queen prince counterpart colleague leader deputy envoy ' +
    'negotiator commander founder analyst expert activist campaigner vice-president vice-chair chair chairman ' +
    'chairwoman adviser advisor'
  ).split(' '),
);

/** Words in a name that make it an organisation, with the kind it suggests. */
export const ORGANISATION_WORDS: [RegExp, ActorKind][] = [
  [/^(?:european|eu)\b.*\b(?:commission|council|parliament|court|central bank|ombudsman)\b/i, 'EU_INSTITUTION'],
  [/\bagency\b|^(?:europol|frontex|eurojust|enisa|eulisa|eu-lisa|cepol|easo|euaa)$/i, 'EU_AGENCY'],
  [
    /\b(?:government|ministry|presidency|cabinet|home office|foreign office|interior ministry)\b/i,
    'NATIONAL_GOVERNMENT',
  ],
  [
    /\b(?:watch|amnesty|international|foundation|rights|liberties|association|federation|alliance|coalition|union for)\b/i,
    'NGO',
  ],
  [
    /\b(?:times|news|post|radio|daily|journal|herald|guardian|gazette|press|tribune|intercept|politico|reuters|agence)\b/i,
    'NEWS_OUTLET',
  ],
  [/\b(?:inc|ltd|plc|gmbh|corporation|company|group sa|technologies|telecom)\b/i, 'COMPANY'],
  [
    /\b(?:university|institute|centre|center|council|committee|commission|court|office|authority|service|network|forum|party|bank|police|group|union|board|secretariat|parliament)\b/i,
    'GROUP',
  ],
];

/** Nouns a lowercase phrase ends with when it names an organisation ("the Belgian government"). */
export const ORGANISATION_NOUNS = [
  'government',
  'presidency',
  'ministry',
  'police',
  'authorities',
  'parliament',
  'coastguard',
];

export const DEMONYMS = new Set(
  (
    'austrian belgian bulgarian croatian cypriot czech danish dutch estonian finnish french german greek hungarian ' +
    'irish italian latvian lithuanian luxembourgish maltese polish portuguese romanian slovak slovenian spanish ' +
    'swedish british norwegian swiss turkish egyptian libyan tunisian moroccan ukrainian russian american serbian ' +
    'albanian bosnian macedonian montenegrin icelandic european'
  ).split(' '),
);

export const COUNTRIES = new Set(
  (
    'Austria|Belgium|Bulgaria|Croatia|Cyprus|Czech Republic|Czechia|Denmark|Estonia|Finland|France|Germany|Greece|' +
    'Hungary|Ireland|Italy|Latvia|Lithuania|Luxembourg|Malta|Netherlands|the Netherlands|Poland|Portugal|Romania|' +
    'Slovakia|Slovenia|Spain|Sweden|United Kingdom|UK|Britain|Norway|Switzerland|Iceland|Liechtenstein|Turkey|' +
    'Türkiye|Egypt|Libya|Tunisia|Morocco|Algeria|Ukraine|Russia|Belarus|United States|US|USA|China|Serbia|Albania|' +
    'Bosnia|Kosovo|Montenegro|North Macedonia|Moldova|Georgia|Armenia|Syria|Afghanistan|Iran|Iraq|Israel|Lebanon|Jordan'
  ).split('|'),
);

/** Words of place names, never of a person's name ("Western Balkans", "London Bridge"). */
export const PLACE_WORDS = new Set(
  (
    'western eastern northern southern central balkans mediterranean sea republic kingdom islands island bridge ' +
    'street square city airport port harbour station road avenue valley coast region route'
  ).split(' '),
);
