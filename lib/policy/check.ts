export type PolicyCategoryId =
  | "high-risk-financial"
  | "lead-generation"
  | "debt"
  | "get-rich-quick"
  | "illegal-substances"
  | "gambling"
  | "sex"
  | "hate"
  | "alcohol"
  | "firearms"
  | "tobacco";

export type PolicyCategory = { id: PolicyCategoryId; label: string; description: string };

export const POLICY_CATEGORIES: readonly PolicyCategory[] = [
  { id: "high-risk-financial", label: "High-risk financial services", description: "Payday loans, cash advances, crypto or forex investment offers." },
  { id: "lead-generation", label: "Third-party lead generation", description: "Buying, selling or sharing leads and contact lists." },
  { id: "debt", label: "Debt collection or forgiveness", description: "Collecting debts, debt relief, consolidation or forgiveness offers." },
  { id: "get-rich-quick", label: "“Get rich quick” schemes", description: "Promises of easy money, work-from-home riches, doubling your money." },
  { id: "illegal-substances", label: "Federally illegal substances", description: "Cannabis, CBD, THC and other federally illegal drugs." },
  { id: "gambling", label: "Gambling", description: "Casinos, betting, poker, lotteries and free spins." },
  { id: "sex", label: "Sex", description: "Sexual or adult content." },
  { id: "hate", label: "Hate", description: "Hate speech and hateful slogans." },
  { id: "alcohol", label: "Alcohol", description: "Beer, wine, spirits and other alcoholic drinks." },
  { id: "firearms", label: "Firearms", description: "Guns, ammunition and gun parts." },
  { id: "tobacco", label: "Tobacco", description: "Cigarettes, cigars, vapes and nicotine products." },
];

// Each entry is a regular-expression fragment matched as a whole word, case-insensitively.
// The lists are deliberately narrow: a false alarm stops an agent answering a customer,
// which costs more than a rare miss the carrier would catch anyway. So "bet" alone
// ("Bet you'll love it"), "weed" (weed killer), "bullets" (bullet points), "spirits",
// "scotch" (tape), "alcohol" (rubbing alcohol), "nude" and "champagne" (colours),
// "hookup" (RV hookups), "xxx" (a placeholder) and "suppressor" (surge suppressors) are
// left out on purpose, and tools and glassware are carved out of "gun" and "wine".
const MONEY = String.raw`\$\s?\d[\d,.]*\s?k?`;
const PER_PERIOD = String.raw`(?:a|per|every|each)\s+(?:day|week|month)`;
const TOOL_GUNS = "glue|nail|heat|massage|water|spray|staple|caulk|caulking|paint|nerf|toy|squirt|grease|foam|price|tape|label|glitter";
const WINE_THINGS = "glass|glasses|rack|racks|opener|openers|colou?r|colou?red|red|stains?|cooler|fridge";

const TERMS: Record<PolicyCategoryId, readonly string[]> = {
  "high-risk-financial": [
    "payday loans?", "cash advances?", "title loans?", "bad credit loans?", "no credit check loans?",
    "instant loans?", "guaranteed loans?", "pre-?approved for a loan", "crypto(?:currency)? investments?",
    "forex trading", "binary options", "bitcoin investments?",
  ],
  "lead-generation": [
    "we sell leads", "(?:buy|sell|selling|buying) (?:our |your |fresh |exclusive )?leads", "leads for sale",
    "lead generation", "lead gen", "qualified leads", "(?:buy|sell) (?:a |our |your )?contact lists?",
  ],
  debt: [
    "debt relief", "debt consolidation", "debt collection", "debt collectors?", "debt settlement",
    "debt forgiveness", "forgive (?:your|the) debts?", "collect (?:your|the|this|that|a) debts?",
    "(?:student )?loan forgiveness", "credit repair", "erase (?:your )?debts?",
  ],
  "get-rich-quick": [
    "get rich quick", "get rich", "(?:make|earn)\\s+(?:up\\s+to\\s+)?" + MONEY + "\\s+" + PER_PERIOD,
    "work from home and (?:get rich|make money|earn)", "double your money", "financial freedom",
    "guaranteed (?:income|returns?|profits?)", "passive income", "risk-free investments?",
  ],
  "illegal-substances": [
    "cbd", "thc", "cannabis", "marijuana", "delta-?[89]", "cocaine", "heroin",
    "meth", "methamphetamine", "mdma", "lsd", "psilocybin", "magic mushrooms", "shrooms",
    "thc gumm(?:y|ies)", "weed (?:gumm(?:y|ies)|edibles|delivery|strains?|pens?)",
  ],
  gambling: [
    "casinos?", "online casinos?", "gambl(?:e|es|ing)", "betting", "sportsbooks?", "bet now",
    "place (?:a|your) bets?", "poker", "roulette", "blackjack", "slot machines?", "free spins",
    "lottery", "lotto",
  ],
  sex: [
    "sex", "sexual", "porn", "porno", "pornography", "send nudes", "escort services?",
    "adult content", "onlyfans", "nsfw", "camgirls?", "sexting",
  ],
  hate: [
    "white power", "white supremacy", "white supremacists?", "sieg heil", "heil hitler", "race war",
    "ethnic cleansing", "kkk", "neo-?nazis?", "nazis?",
  ],
  alcohol: [
    "beers?", `wines?(?!\\s+(?:${WINE_THINGS})(?![\\p{L}]))`, "vodka", "whiske?y", "tequila", "rum", "gin", "liquor", "booze",
    "prosecco", "bourbon", "cognac", "mezcal", "lager", "brewery", "alcoholic (?:drinks?|beverages?)",
  ],
  firearms: [
    "gun parts", `(?<!(?:${TOOL_GUNS})[\\s-]+)guns?(?!\\s+metal)`, "firearms?", "rifles?", "pistols?", "handguns?", "shotguns?",
    "ammo", "ammunition", "ar-?15s?", "glocks?", "revolvers?",
  ],
  tobacco: [
    "tobacco", "cigarettes?", "cigars?", "vapes?", "vaping", "vape pens?", "e-?cigs?", "e-?cigarettes?",
    "nicotine", "juul", "hookah", "snus",
  ],
};

// Letters and digits on either side mean we are inside a longer word ("Scunthorpe",
// "class", "wineglass"), which must not match.
const PATTERNS: readonly { category: PolicyCategory; pattern: RegExp }[] = POLICY_CATEGORIES.map((category) => ({
  category,
  pattern: new RegExp(
    `(?<![\\p{L}\\p{N}])(?:${TERMS[category.id].map((term) => term.replace(/ /g, "\\s+")).join("|")})(?![\\p{L}\\p{N}])`,
    "iu",
  ),
}));

export type PolicyCheck = { ok: true } | { ok: false; category: PolicyCategoryId; label: string; matched: string };

/**
 * Screens an outgoing message for the content Twilio and the carriers ban. Returns the
 * first banned category found, in the order of POLICY_CATEGORIES, with the words that
 * triggered it so the agent can see what to rephrase.
 */
export function checkMessagingPolicy(text: string): PolicyCheck {
  // Curly apostrophes and full-width letters should not let "ｃａｓｉｎｏ" slip by.
  const normalized = text.normalize("NFKC").replace(/[’‘]/g, "'");
  for (const { category, pattern } of PATTERNS) {
    const match = pattern.exec(normalized);
    if (match) return { ok: false, category: category.id, label: category.label, matched: match[0] };
  }
  return { ok: true };
}
