/**
 * MedLoop's own GS1 Application Identifier table, written from the GS1 General Specifications
 * (GenSpecs): the AIs and their data fields' formats, titles and value rules from GenSpecs §3
 * ("GS1 Application Identifier definitions"); the element strings of predefined length, which
 * need no FNC1 after them, from the GenSpecs figure "Element strings with predefined length using
 * GS1 Application Identifiers" (§7.8, figure 7.8.4-2 in Release 18; renumbered in later releases);
 * and the Digital Link primary keys, key qualifiers and query attributes from the GS1 Digital
 * Link URI Syntax standard.
 *
 * Each entry gives the AI, its data title and its value as parts: `N` digits, `X` GS1 CSET 82,
 * `Y` GS1 CSET 39, `Z` base64url, each of a fixed or a variable length, optional or not, with
 * the value checks that `validate.ts` knows by name.
 *
 * Association rules (which AIs require or exclude others, GenSpecs §4.14) are left out: they apply
 * across all the barcodes on an item, so a single scan cannot judge them.
 */

export type CharacterSet = "N" | "X" | "Y" | "Z";

export interface Component {
  readonly charset: CharacterSet;
  readonly min: number;
  readonly max: number;
  readonly optional: boolean;
  /** Value checks by name (`csum`, `yymmd0`, …), applied by `validate.ts`. */
  readonly tests: readonly string[];
}

export interface AiDefinition {
  readonly ai: string;
  readonly title: string;
  /** Predefined length: needs no FNC1 separator after it, and its value is exactly `length` long. */
  readonly predefined: boolean;
  readonly length: { readonly min: number; readonly max: number };
  /** May appear in a Digital Link query string. */
  readonly dlAttribute: boolean;
  /** Set when the AI is a Digital Link primary key: each alternative ordered list of qualifiers. */
  readonly dlQualifiers?: readonly (readonly string[])[];
  readonly components: readonly Component[];
}

/** One AI, or a run of consecutive AIs sharing a format (`last` inclusive). */
interface AiSpec {
  readonly ai: string;
  readonly last?: string;
  readonly title: string;
  readonly parts: readonly Component[];
}

// Part builders: fixed length, variable length (1 to max), and optional.
const fixed =
  (charset: CharacterSet) =>
  (length: number, ...tests: string[]): Component => ({ charset, min: length, max: length, optional: false, tests });
const upTo =
  (charset: CharacterSet) =>
  (max: number, ...tests: string[]): Component => ({ charset, min: 1, max, optional: false, tests });
const N = fixed("N");
const X = fixed("X");
const Nv = upTo("N");
const Xv = upTo("X");
const Yv = upTo("Y");
const Zv = upTo("Z");
const optional = (part: Component): Component => ({ ...part, optional: true });

// Recurring formats.
const GTIN = [N(14, "csum", "gcppos2")];
const GLN = [N(13, "csum", "gcppos1")];
const DATE = [N(6, "yymmd0")];
const MEASURE = [N(6)];
const COUNTRY = N(3, "iso3166");
/** A country and up to four more, each an ISO 3166 numeric code. */
const COUNTRIES = [COUNTRY, ...Array.from({ length: 4 }, () => optional(COUNTRY))];
const ADDRESS_LINE = [Xv(70, "pcenc")];
const NAME = [Xv(35, "pcenc")];
const PROCESSOR = [N(3, "iso3166999"), Xv(27)];
const TEMPERATURE = [N(6), optional(X(1, "hyphen"))];
const DATE_AND_TIME = [N(6, "yymmd0"), N(4, "hhmi")];

/**
 * The trade and logistic measures 31nn–36nn (GenSpecs §3): the fourth digit is the position of
 * the implied decimal point, 0 to 5.
 */
const MEASURES: readonly (readonly [string, string])[] = [
  ["310", "NET WEIGHT (kg)"],
  ["311", "LENGTH (m)"],
  ["312", "WIDTH (m)"],
  ["313", "HEIGHT (m)"],
  ["314", "AREA (m²)"],
  ["315", "NET VOLUME (l)"],
  ["316", "NET VOLUME (m³)"],
  ["320", "NET WEIGHT (lb)"],
  ["321", "LENGTH (in)"],
  ["322", "LENGTH (ft)"],
  ["323", "LENGTH (yd)"],
  ["324", "WIDTH (in)"],
  ["325", "WIDTH (ft)"],
  ["326", "WIDTH (yd)"],
  ["327", "HEIGHT (in)"],
  ["328", "HEIGHT (ft)"],
  ["329", "HEIGHT (yd)"],
  ["330", "GROSS WEIGHT (kg)"],
  ["331", "LENGTH (m), LOG"],
  ["332", "WIDTH (m), LOG"],
  ["333", "HEIGHT (m), LOG"],
  ["334", "AREA (m²), LOG"],
  ["335", "VOLUME (l), LOG"],
  ["336", "VOLUME (m³), LOG"],
  ["337", "KG PER m²"],
  ["340", "GROSS WEIGHT (lb)"],
  ["341", "LENGTH (in), LOG"],
  ["342", "LENGTH (ft), LOG"],
  ["343", "LENGTH (yd), LOG"],
  ["344", "WIDTH (in), LOG"],
  ["345", "WIDTH (ft), LOG"],
  ["346", "WIDTH (yd), LOG"],
  ["347", "HEIGHT (in), LOG"],
  ["348", "HEIGHT (ft), LOG"],
  ["349", "HEIGHT (yd), LOG"],
  ["350", "AREA (in²)"],
  ["351", "AREA (ft²)"],
  ["352", "AREA (yd²)"],
  ["353", "AREA (in²), LOG"],
  ["354", "AREA (ft²), LOG"],
  ["355", "AREA (yd²), LOG"],
  ["356", "NET WEIGHT (t oz)"],
  ["357", "NET VOLUME (oz)"],
  ["360", "NET VOLUME (qt)"],
  ["361", "NET VOLUME (gal.)"],
  ["362", "VOLUME (qt), LOG"],
  ["363", "VOLUME (gal.), LOG"],
  ["364", "VOLUME (in³)"],
  ["365", "VOLUME (ft³)"],
  ["366", "VOLUME (yd³)"],
  ["367", "VOLUME (in³), LOG"],
  ["368", "VOLUME (ft³), LOG"],
  ["369", "VOLUME (yd³), LOG"],
];

const SPECS: readonly AiSpec[] = [
  // Identification keys and product data.
  { ai: "00", title: "SSCC", parts: [N(18, "csum", "gcppos2")] },
  { ai: "01", title: "GTIN", parts: GTIN },
  { ai: "02", title: "CONTENT", parts: GTIN },
  { ai: "03", title: "MTO GTIN", parts: GTIN },
  { ai: "10", title: "BATCH/LOT", parts: [Xv(20)] },
  { ai: "11", title: "PROD DATE", parts: DATE },
  { ai: "12", title: "DUE DATE", parts: DATE },
  { ai: "13", title: "PACK DATE", parts: DATE },
  { ai: "15", title: "BEST BEFORE OR BEST BY", parts: DATE },
  { ai: "16", title: "SELL BY", parts: DATE },
  { ai: "17", title: "USE BY OR EXPIRY", parts: DATE },
  { ai: "20", title: "VARIANT", parts: [N(2)] },
  { ai: "21", title: "SERIAL", parts: [Xv(20)] },
  { ai: "22", title: "CPV", parts: [Xv(20)] },
  { ai: "235", title: "TPX", parts: [Xv(28)] },
  { ai: "240", title: "ADDITIONAL ID", parts: [Xv(30)] },
  { ai: "241", title: "CUST. PART No.", parts: [Xv(30)] },
  { ai: "242", title: "MTO VARIANT", parts: [Nv(6)] },
  { ai: "243", title: "PCN", parts: [Xv(20)] },
  { ai: "250", title: "SECONDARY SERIAL", parts: [Xv(30)] },
  { ai: "251", title: "REF. TO SOURCE", parts: [Xv(30)] },
  { ai: "253", title: "GDTI", parts: [N(13, "csum", "gcppos1"), optional(Xv(17))] },
  { ai: "254", title: "GLN EXTENSION COMPONENT", parts: [Xv(20)] },
  { ai: "255", title: "GCN", parts: [N(13, "csum", "gcppos1"), optional(Nv(12))] },
  { ai: "30", title: "VAR. COUNT", parts: [Nv(8)] },
  ...MEASURES.map(([prefix, title]): AiSpec => ({ ai: `${prefix}0`, last: `${prefix}5`, title, parts: MEASURE })),
  { ai: "37", title: "COUNT", parts: [Nv(8)] },
  // Amounts and prices: the fourth digit places the decimal point.
  { ai: "3900", last: "3909", title: "AMOUNT", parts: [Nv(15)] },
  { ai: "3910", last: "3919", title: "AMOUNT (ISO currency)", parts: [N(3, "iso4217"), Nv(15)] },
  { ai: "3920", last: "3929", title: "PRICE", parts: [Nv(15)] },
  { ai: "3930", last: "3939", title: "PRICE (ISO currency)", parts: [N(3, "iso4217"), Nv(15)] },
  { ai: "3940", last: "3943", title: "PRCNT OFF", parts: [N(4)] },
  { ai: "3950", last: "3955", title: "PRICE/UoM", parts: [N(6)] },
  // Logistics and locations.
  { ai: "400", title: "ORDER NUMBER", parts: [Xv(30)] },
  { ai: "401", title: "GINC", parts: [Xv(30, "gcppos1")] },
  { ai: "402", title: "GSIN", parts: [N(17, "csum", "gcppos1")] },
  { ai: "403", title: "ROUTE", parts: [Xv(30)] },
  { ai: "410", title: "SHIP TO LOC", parts: GLN },
  { ai: "411", title: "BILL TO", parts: GLN },
  { ai: "412", title: "PURCHASE FROM", parts: GLN },
  { ai: "413", title: "SHIP FOR LOC", parts: GLN },
  { ai: "414", title: "LOC No.", parts: GLN },
  { ai: "415", title: "PAY TO", parts: GLN },
  { ai: "416", title: "PROD/SERV LOC", parts: GLN },
  { ai: "417", title: "PARTY", parts: GLN },
  { ai: "420", title: "SHIP TO POST", parts: [Xv(20)] },
  { ai: "421", title: "SHIP TO POST (ISO country)", parts: [COUNTRY, Xv(9)] },
  { ai: "422", title: "ORIGIN", parts: [COUNTRY] },
  { ai: "423", title: "COUNTRY - INITIAL PROCESS", parts: COUNTRIES },
  { ai: "424", title: "COUNTRY - PROCESS", parts: [COUNTRY] },
  { ai: "425", title: "COUNTRY - DISASSEMBLY", parts: COUNTRIES },
  { ai: "426", title: "COUNTRY - FULL PROCESS", parts: [COUNTRY] },
  { ai: "427", title: "ORIGIN SUBDIVISION", parts: [Xv(3)] },
  // Ship-to and return-to details for a parcel.
  { ai: "4300", title: "SHIP TO COMP", parts: NAME },
  { ai: "4301", title: "SHIP TO NAME", parts: NAME },
  { ai: "4302", title: "SHIP TO ADD1", parts: ADDRESS_LINE },
  { ai: "4303", title: "SHIP TO ADD2", parts: ADDRESS_LINE },
  { ai: "4304", title: "SHIP TO SUB", parts: ADDRESS_LINE },
  { ai: "4305", title: "SHIP TO LOC", parts: ADDRESS_LINE },
  { ai: "4306", title: "SHIP TO REG", parts: ADDRESS_LINE },
  { ai: "4307", title: "SHIP TO COUNTRY", parts: [X(2, "iso3166alpha2")] },
  { ai: "4308", title: "SHIP TO PHONE", parts: [Xv(30)] },
  { ai: "4309", title: "SHIP TO GEO", parts: [N(10, "latitude"), N(10, "longitude")] },
  { ai: "4310", title: "RTN TO COMP", parts: NAME },
  { ai: "4311", title: "RTN TO NAME", parts: NAME },
  { ai: "4312", title: "RTN TO ADD1", parts: ADDRESS_LINE },
  { ai: "4313", title: "RTN TO ADD2", parts: ADDRESS_LINE },
  { ai: "4314", title: "RTN TO SUB", parts: ADDRESS_LINE },
  { ai: "4315", title: "RTN TO LOC", parts: ADDRESS_LINE },
  { ai: "4316", title: "RTN TO REG", parts: ADDRESS_LINE },
  { ai: "4317", title: "RTN TO COUNTRY", parts: [X(2, "iso3166alpha2")] },
  { ai: "4318", title: "RTN TO POST", parts: [Xv(20)] },
  { ai: "4319", title: "RTN TO PHONE", parts: [Xv(30)] },
  { ai: "4320", title: "SRV DESCRIPTION", parts: NAME },
  { ai: "4321", title: "DANGEROUS GOODS", parts: [N(1, "yesno")] },
  { ai: "4322", title: "AUTH LEAVE", parts: [N(1, "yesno")] },
  { ai: "4323", title: "SIG REQUIRED", parts: [N(1, "yesno")] },
  { ai: "4324", title: "NBEF DEL DT.", parts: DATE_AND_TIME },
  { ai: "4325", title: "NAFT DEL DT.", parts: DATE_AND_TIME },
  { ai: "4326", title: "REL DATE", parts: [N(6, "yymmdd")] },
  { ai: "4330", title: "MAX TEMP F.", parts: TEMPERATURE },
  { ai: "4331", title: "MAX TEMP C.", parts: TEMPERATURE },
  { ai: "4332", title: "MIN TEMP F.", parts: TEMPERATURE },
  { ai: "4333", title: "MIN TEMP C.", parts: TEMPERATURE },
  // Further product attributes.
  { ai: "7001", title: "NSN", parts: [N(13)] },
  { ai: "7002", title: "MEAT CUT", parts: [Xv(30)] },
  { ai: "7003", title: "EXPIRY TIME", parts: [N(6, "yymmdd"), N(4, "hhmi")] },
  { ai: "7004", title: "ACTIVE POTENCY", parts: [Nv(4)] },
  { ai: "7005", title: "CATCH AREA", parts: [Xv(12)] },
  { ai: "7006", title: "FIRST FREEZE DATE", parts: [N(6, "yymmdd")] },
  { ai: "7007", title: "HARVEST DATE", parts: [N(6, "yymmdd"), optional(N(6, "yymmdd"))] },
  { ai: "7008", title: "AQUATIC SPECIES", parts: [Xv(3)] },
  { ai: "7009", title: "FISHING GEAR TYPE", parts: [Xv(10)] },
  { ai: "7010", title: "PROD METHOD", parts: [Xv(2)] },
  { ai: "7011", title: "TEST BY DATE", parts: [N(6, "yymmdd"), optional(N(4, "hhmi"))] },
  { ai: "7020", title: "REFURB LOT", parts: [Xv(20)] },
  { ai: "7021", title: "FUNC STAT", parts: [Xv(20)] },
  { ai: "7022", title: "REV STAT", parts: [Xv(20)] },
  { ai: "7023", title: "GIAI - ASSEMBLY", parts: [Xv(30, "gcppos1")] },
  { ai: "7030", last: "7039", title: "PROCESSOR # s", parts: PROCESSOR },
  { ai: "7040", title: "UIC+EXT", parts: [N(1), X(1), X(1), X(1, "importeridx")] },
  { ai: "7041", title: "UFRGT UNIT TYPE", parts: [Xv(4, "packagetype")] },
  // National healthcare reimbursement numbers (NHRN).
  { ai: "710", title: "NHRN PZN", parts: [Xv(20)] },
  { ai: "711", title: "NHRN CIP", parts: [Xv(20)] },
  { ai: "712", title: "NHRN CN", parts: [Xv(20)] },
  { ai: "713", title: "NHRN DRN", parts: [Xv(20)] },
  { ai: "714", title: "NHRN AIM", parts: [Xv(20)] },
  { ai: "715", title: "NHRN NDC", parts: [Xv(20)] },
  { ai: "716", title: "NHRN AIC", parts: [Xv(20)] },
  { ai: "717", title: "NHRN SRN", parts: [Xv(20)] },
  { ai: "7230", last: "7239", title: "CERT # s", parts: [X(2), Xv(28)] },
  // Healthcare: protocol, vaccine and patient data.
  { ai: "7240", title: "PROTOCOL", parts: [Xv(20)] },
  { ai: "7241", title: "AIDC MEDIA TYPE", parts: [N(2, "mediatype")] },
  { ai: "7242", title: "VCN", parts: [Xv(25)] },
  { ai: "7250", title: "DOB", parts: [N(8, "yyyymmdd")] },
  { ai: "7251", title: "DOB TIME", parts: [N(8, "yyyymmdd"), N(4, "hhmi")] },
  { ai: "7252", title: "BIO SEX", parts: [N(1, "iso5218")] },
  { ai: "7253", title: "FAMILY NAME", parts: [Xv(40, "pcenc")] },
  { ai: "7254", title: "GIVEN NAME", parts: [Xv(40, "pcenc")] },
  { ai: "7255", title: "SUFFIX", parts: [Xv(10)] },
  { ai: "7256", title: "FULL NAME", parts: [Xv(90, "pcenc")] },
  { ai: "7257", title: "PERSON ADDR", parts: [Xv(70, "pcenc")] },
  { ai: "7258", title: "BIRTH SEQUENCE", parts: [X(3, "posinseqslash")] },
  { ai: "7259", title: "BABY", parts: [Xv(40, "pcenc")] },
  // Other keys and attributes.
  {
    ai: "8001",
    title: "DIMENSIONS",
    parts: [N(4, "nonzero"), N(5, "nonzero"), N(3, "nonzero"), N(1, "winding"), N(1)],
  },
  { ai: "8002", title: "CMT No.", parts: [Xv(20)] },
  { ai: "8003", title: "GRAI", parts: [N(1, "zero"), N(13, "csum", "gcppos1"), optional(Xv(16))] },
  { ai: "8004", title: "GIAI", parts: [Xv(30, "gcppos1")] },
  { ai: "8005", title: "PRICE PER UNIT", parts: [N(6)] },
  { ai: "8006", title: "ITIP", parts: [...GTIN, N(4, "pieceoftotal")] },
  { ai: "8007", title: "IBAN", parts: [Xv(34, "iban")] },
  { ai: "8008", title: "PROD TIME", parts: [N(6, "yymmdd"), N(2, "hh"), optional(N(2, "mi")), optional(N(2, "ss"))] },
  { ai: "8009", title: "OPTSEN", parts: [Xv(50)] },
  { ai: "8010", title: "CPID", parts: [Yv(30, "gcppos1")] },
  { ai: "8011", title: "CPID SERIAL", parts: [Nv(12, "nozeroprefix")] },
  { ai: "8012", title: "VERSION", parts: [Xv(20)] },
  { ai: "8013", title: "GMN", parts: [Xv(25, "csumalpha", "gcppos1")] },
  { ai: "8014", title: "MUDI", parts: [Xv(25, "csumalpha", "gcppos1", "hasnondigit")] },
  { ai: "8017", title: "GSRN - PROVIDER", parts: [N(18, "csum", "gcppos1")] },
  { ai: "8018", title: "GSRN - RECIPIENT", parts: [N(18, "csum", "gcppos1")] },
  { ai: "8019", title: "SRIN", parts: [Nv(10)] },
  { ai: "8020", title: "REF No.", parts: [Xv(25)] },
  { ai: "8026", title: "ITIP CONTENT", parts: [...GTIN, N(4, "pieceoftotal")] },
  { ai: "8030", title: "DIGSIG", parts: [Zv(90)] },
  { ai: "8040", title: "IMEI", parts: [N(15)] },
  { ai: "8041", title: "IMEI2", parts: [N(15)] },
  { ai: "8042", title: "ESIM", parts: [N(32)] },
  { ai: "8043", title: "PSIM", parts: [N(18), optional(Nv(2))] },
  // Coupons.
  { ai: "8110", title: "COUPON CODE", parts: [Xv(70, "couponcode")] },
  { ai: "8111", title: "POINTS", parts: [N(4)] },
  { ai: "8112", title: "PAPERLESS COUPON CODE", parts: [Xv(70, "couponposoffer")] },
  { ai: "8200", title: "PRODUCT URL", parts: [Xv(70)] },
  // Company internal information.
  { ai: "90", title: "INTERNAL", parts: [Xv(30)] },
  { ai: "91", last: "99", title: "INTERNAL", parts: [Xv(90)] },
];

/**
 * The GenSpecs predefined-length figure (see the header): by the AI's first two digits, the
 * length of AI plus value. These element strings need no FNC1 separator after them; `define`
 * checks each such entry's parts against it.
 */
const PREDEFINED_LENGTHS: Readonly<Record<string, number>> = {
  "00": 20,
  "01": 16,
  "02": 16,
  "03": 16,
  "04": 18,
  "11": 8,
  "12": 8,
  "13": 8,
  "14": 8,
  "15": 8,
  "16": 8,
  "17": 8,
  "18": 8,
  "19": 8,
  "20": 4,
  "31": 10,
  "32": 10,
  "33": 10,
  "34": 10,
  "35": 10,
  "36": 10,
  "41": 16,
};

/**
 * GS1 Digital Link primary keys, each with its alternative ordered lists of key qualifiers (an
 * empty list: the key takes no qualifiers).
 */
const DL_KEYS: Readonly<Record<string, readonly (readonly string[])[]>> = {
  "00": [[]],
  "01": [["22", "10", "21"], ["235"]],
  "253": [[]],
  "255": [[]],
  "401": [[]],
  "402": [[]],
  "414": [["254"], ["7040"]],
  "415": [["8020"]],
  "417": [["7040"]],
  "8003": [[]],
  "8004": [["7040"]],
  "8006": [["22", "10", "21"]],
  "8010": [["8011"]],
  "8013": [[]],
  "8017": [["8019"]],
  "8018": [["8019"]],
};

/**
 * AIs that may not be Digital Link query attributes: the key qualifiers, which belong in the
 * path, and AIs the Digital Link standard leaves out of the query string. Every other AI may be one.
 */
const NOT_DL_ATTRIBUTES: ReadonlySet<string> = new Set([
  "03",
  "21",
  "22",
  "235",
  "254",
  "7040",
  "7041",
  "8011",
  "8014",
  "8019",
  "8020",
  "8040",
  "8041",
  "8042",
  "8043",
  "8200",
]);

function define(ai: string, { title, parts }: AiSpec): AiDefinition {
  const length = {
    min: parts.filter((p) => !p.optional).reduce((sum, p) => sum + p.min, 0),
    max: parts.reduce((sum, p) => sum + p.max, 0),
  };
  const predefinedLength = PREDEFINED_LENGTHS[ai.slice(0, 2)];
  if (predefinedLength !== undefined && (length.min !== length.max || ai.length + length.max !== predefinedLength)) {
    throw new Error(`AI table: (${ai}) disagrees with its predefined length ${predefinedLength}`);
  }
  const dlQualifiers = DL_KEYS[ai];
  return {
    ai,
    title,
    predefined: predefinedLength !== undefined,
    length,
    dlAttribute: !NOT_DL_ATTRIBUTES.has(ai),
    ...(dlQualifiers ? { dlQualifiers } : {}),
    components: parts,
  };
}

function expand(spec: AiSpec): AiDefinition[] {
  const first = Number(spec.ai);
  const last = Number(spec.last ?? spec.ai);
  const ais: AiDefinition[] = [];
  for (let n = first; n <= last; n++) ais.push(define(String(n).padStart(spec.ai.length, "0"), spec));
  return ais;
}

export const aiTable: ReadonlyMap<string, AiDefinition> = new Map(
  SPECS.flatMap(expand).map((definition) => [definition.ai, definition]),
);

/**
 * The AI that starts at `position` of an element string. AIs are two to four digits and no AI is
 * a prefix of another, so the first match is the only one.
 */
export function matchAi(data: string, position: number): AiDefinition | undefined {
  for (let length = 2; length <= 4; length++) {
    const candidate = data.slice(position, position + length);
    if (candidate.length < length || !/^\d+$/.test(candidate)) return undefined;
    const definition = aiTable.get(candidate);
    if (definition) return definition;
  }
  return undefined;
}
