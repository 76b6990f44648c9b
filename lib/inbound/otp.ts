// One-time passcodes are not let into the inbox (the product's "OTP SMS are not received
// for security reasons"), but dropping a real customer's message is worse than letting a
// code through. So a bare "code" only counts when nothing says it is a shop's code
// (discount code, zip code, order number), while words that only ever mean a passcode
// count on their own.

// Words that mean a sign-in code whatever else the message says.
const STRONG_LATIN = [
  "verification", "verify", "verifying", "passcode", "otp", "one-time", "one time code", "one time password",
  "2fa", "two-factor", "two factor", "security code", "login code", "log-in code", "sign-in code",
  "authentication code", "auth code",
  // French
  "code de vérification", "code de verification", "code de sécurité",
  "mot de passe à usage unique", "code à usage unique",
  // German
  "bestätigungscode", "verifizierungscode", "einmalpasswort", "einmalcode", "sicherheitscode",
  "anmeldecode", "authentifizierungscode",
  // Spanish
  "código de verificación", "codigo de verificacion", "código de seguridad",
];
// Scripts without spaces between words (Japanese) or with attached prefixes (Hebrew
// "הקוד", "the code") are matched as substrings instead.
const STRONG_SUBSTRINGS = ["認証コード", "確認コード", "ワンタイムパスワード", "認証番号", "セキュリティコード", "קוד אימות", "סיסמה חד פעמית", "קוד חד פעמי"];

// Shops send these too ("order confirmation code"), so they are only as strong as "code".
const WEAK_LATIN = ["code", "codes", "pin", "login", "código", "codigo", "confirmation code", "access code"];
const WEAK_SUBSTRINGS = ["コード", "קוד"];

// A "code" that comes with these is a shop's code, not a passcode.
const SHOP_LATIN = [
  "order", "discount", "promo", "promotional", "coupon", "voucher", "gift", "zip", "postal", "postcode",
  "tracking", "reference", "invoice", "error", "product", "sku", "item", "area code", "country code",
  "commande", "réduction", "bestellung", "rabatt", "gutschein", "postleitzahl", "pedido", "descuento",
];
const SHOP_SUBSTRINGS = ["注文", "クーポン", "郵便番号", "割引", "הזמנה", "קופון", "הנחה"];

function wordPattern(words: readonly string[]): RegExp {
  const alternatives = words.map((word) => word.replace(/[-]/g, "[- ]?").replace(/ /g, "\\s+"));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join("|")})(?![\\p{L}\\p{N}])`, "iu");
}

function mentions(text: string, latin: RegExp, substrings: readonly string[]): boolean {
  return latin.test(text) || substrings.some((substring) => text.includes(substring));
}

const STRONG = wordPattern(STRONG_LATIN);
const WEAK = wordPattern(WEAK_LATIN);
const SHOP = wordPattern(SHOP_LATIN);

// Digits in groups joined by single spaces or hyphens ("482913", "482 913", "48-29-13").
// Latin letters or decimal marks right beside the digits mean an id ("ORD4829") or a
// price ("12.99"); other scripts may touch the code ("認証コードは123456です").
const DIGIT_RUN = /(?<![\p{Script=Latin}\d.,])\d+(?:[ -]\d+)*(?![\p{Script=Latin}\d]|[.,]\d)/gu;

function hasPasscodeDigits(text: string): boolean {
  for (const run of text.match(DIGIT_RUN) ?? []) {
    const digits = run.replace(/\D/g, "").length;
    if (digits >= 4 && digits <= 8) return true;
  }
  return false;
}

export function looksLikeOneTimePasscode(body: string): boolean {
  if (typeof body !== "string") return false;
  // Full-width digits and letters ("１２３４５６") become plain ones.
  const text = body.normalize("NFKC");
  if (!hasPasscodeDigits(text)) return false;
  if (mentions(text, STRONG, STRONG_SUBSTRINGS)) return true;
  return mentions(text, WEAK, WEAK_SUBSTRINGS) && !mentions(text, SHOP, SHOP_SUBSTRINGS);
}
