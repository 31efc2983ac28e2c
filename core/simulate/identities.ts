import type { Rng } from './prng.ts';

/**
 * Plausible contact details for simulated customers: a person's e-mail at
 * their company's domain (name.surname@brightwave.com) or at a free-mail
 * provider, and for business customers a company name with a legal suffix
 * (Inc, Ltd, GmbH, LLC, S.A., or a Chinese 有限公司 name). Only invented
 * words; no real people or companies are meant.
 */
export interface Identity {
  email: string;
  /** Absent for private customers. */
  company?: string;
}

const FIRST = [
  'anna', 'ben', 'carla', 'david', 'elena', 'felix', 'grace', 'hugo', 'iris', 'jonas', 'kate', 'liam', 'maria',
  'noah', 'olivia', 'paul', 'quinn', 'rosa', 'sam', 'tara', 'umar', 'vera', 'will', 'xenia', 'yusuf', 'zoe',
  'wei', 'li', 'fang', 'jun', 'min', 'hui', 'lena', 'marco', 'nina', 'omar', 'priya', 'raj', 'sofia', 'tomas',
];
const LAST = [
  'smith', 'miller', 'schmidt', 'garcia', 'martin', 'rossi', 'novak', 'kowalski', 'johnson', 'brown', 'wagner',
  'dubois', 'silva', 'jensen', 'berg', 'costa', 'moreau', 'fischer', 'weber', 'lopez', 'wang', 'zhang', 'liu',
  'chen', 'yang', 'huang', 'zhao', 'wu', 'zhou', 'xu', 'sun', 'ma', 'kim', 'park', 'sato', 'tanaka', 'singh',
  'patel', 'khan', 'nguyen',
];
const WORDS = [
  'Brightwave', 'Northwind', 'Bluepeak', 'Ironleaf', 'Suncrest', 'Riverstone', 'Greenfield', 'Silverline',
  'Redwood', 'Clearpath', 'Stonebridge', 'Westgate', 'Oakmont', 'Highland', 'Evergreen', 'Lakeside', 'Goldcrest',
  'Maplewood', 'Starlight', 'Harbor',
];
const TRADES = ['Trading', 'Systems', 'Foods', 'Logistics', 'Design', 'Tools', 'Media', 'Labs', 'Supplies', 'Energy'];
const SUFFIXES = ['Inc', 'Ltd', 'GmbH', 'LLC', 'S.A.'];
const CN_CITIES = ['上海', '北京', '深圳', '杭州', '广州', '成都', '苏州', '南京'];
const CN_WORDS = ['华信', '恒达', '新创', '天成', '瑞丰', '宏图', '金源', '佳美'];
const CN_TRADES = ['科技', '贸易', '电子', '食品', '物流', '文化'];
const CN_PINYIN = ['huaxin', 'hengda', 'xinchuang', 'tiancheng', 'ruifeng', 'hongtu', 'jinyuan', 'jiamei'];
const FREE_MAIL = ['gmail.com', 'outlook.com', 'yahoo.com', 'proton.me', 'qq.com', '163.com', 'gmx.de'];

const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng.next() * list.length)];

/**
 * Draw the identity of customer number `index` (used to make free-mail
 * addresses unique). About 60 % are business customers, a tenth of those
 * Chinese companies.
 *
 * @example
 * makeIdentity(createRng(7), 12); // { email: 'grace.weber@oakmont-labs.com', company: 'Oakmont Labs GmbH' }
 */
export function makeIdentity(rng: Rng, index: number): Identity {
  const first = pick(rng, FIRST);
  const last = pick(rng, LAST);
  const kind = rng.next();
  if (kind < 0.06) {
    const i = Math.floor(rng.next() * CN_WORDS.length);
    const company = `${pick(rng, CN_CITIES)}${CN_WORDS[i]}${pick(rng, CN_TRADES)}有限公司`;
    return { email: `${first}.${last}@${CN_PINYIN[i]}.cn`, company };
  }
  if (kind < 0.6) {
    const word = pick(rng, WORDS);
    const trade = pick(rng, TRADES);
    const company = `${word} ${trade} ${pick(rng, SUFFIXES)}`;
    const tld = company.endsWith('GmbH') ? 'de' : 'com';
    return { email: `${first}.${last}@${word.toLowerCase()}-${trade.toLowerCase()}.${tld}`, company };
  }
  return { email: `${first}.${last}${index}@${pick(rng, FREE_MAIL)}` };
}
