/**
 * Mail domains anybody can sign up for. An address at one of them says
 * nothing about the company a person works for, so such a domain is never
 * used to match a company (`jane@gmail.com` must not match every customer
 * who once wrote from Gmail). Registrable domains only, lower case.
 */
export const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  'gmail.com', 'googlemail.com',
  'outlook.com', 'hotmail.com', 'hotmail.co.uk', 'hotmail.fr', 'hotmail.de', 'hotmail.it',
  'live.com', 'live.co.uk', 'live.fr', 'msn.com', 'passport.com',
  'yahoo.com', 'yahoo.co.uk', 'yahoo.fr', 'yahoo.de', 'yahoo.co.jp', 'yahoo.com.cn',
  'yahoo.com.hk', 'yahoo.com.tw', 'yahoo.co.in', 'ymail.com', 'rocketmail.com',
  'aol.com', 'aim.com', 'icloud.com', 'me.com', 'mac.com',
  'proton.me', 'protonmail.com', 'protonmail.ch', 'pm.me', 'tutanota.com', 'tuta.io',
  'gmx.de', 'gmx.net', 'gmx.com', 'gmx.at', 'gmx.ch', 'web.de', 't-online.de', 'freenet.de',
  'mail.com', 'email.com', 'zoho.com', 'zohomail.com', 'fastmail.com', 'hushmail.com',
  'yandex.ru', 'yandex.com', 'mail.ru', 'bk.ru', 'inbox.ru', 'list.ru', 'rambler.ru',
  'qq.com', 'foxmail.com', '163.com', '126.com', 'yeah.net', 'sina.com', 'sina.cn',
  'sohu.com', 'aliyun.com', '139.com', '189.cn', 'tom.com', '21cn.com',
  'naver.com', 'daum.net', 'hanmail.net', 'nate.com',
  'orange.fr', 'wanadoo.fr', 'free.fr', 'laposte.net', 'sfr.fr', 'libero.it', 'virgilio.it',
  'btinternet.com', 'sky.com', 'comcast.net', 'verizon.net', 'att.net', 'sbcglobal.net',
  'rediffmail.com', 'seznam.cz', 'wp.pl', 'o2.pl', 'interia.pl', 'bigpond.com',
  'uol.com.br', 'bol.com.br', 'terra.com.br',
]);

/**
 * Whether a registrable domain (as returned by `normalizeDomain`) is a
 * free-mail provider.
 *
 * @example isFreeMailDomain('gmail.com') // true
 * @example isFreeMailDomain('acme.com') // false
 */
export function isFreeMailDomain(domain: string): boolean {
  return FREE_MAIL_DOMAINS.has(domain);
}
