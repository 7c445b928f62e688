/**
 * The Authenticode PKCS#7 SignedData: built in the form signtool and osslsigncode emit, parsed in that
 * form and in the CMS form .NET emits (docs/reference/authenticode.md 2.1-2.4).
 */
import { createHash } from 'node:crypto';
import { OID, digestAlgorithmIdentifier, hashByOid, type HashAlgorithm } from './algorithms.ts';
import {
  DerError, TAG, children, contentOf, element, encodingOf, explicit, expectChildren, expectTag, integer, octetString,
  oid, parseDer, readInteger, readOid, sequence, setOf, sortedForSet, time, type Tlv,
} from './der.ts';

/** {603BCC1F-4B59-4E08-B724-D2C6297EF351}, Data1-3 little-endian. */
export const POWERSHELL_SIP_GUID = Uint8Array.from(Buffer.from('1FCC3B60594B084EB724D2C6297EF351', 'hex'));

/** `SpcAttributeTypeAndOptionalValue { SpcSipInfo, { 65536, GUID, 0, 0, 0, 0, 0 } }`: the same for every script. */
let sipInfoData: Uint8Array | undefined;

/** SpcIndirectDataContent for the PowerShell SIP carrying `fileHash`. */
export function spcIndirectData(hash: HashAlgorithm, fileHash: Uint8Array): Uint8Array {
  sipInfoData ??= sequence(
    oid(OID.spcSipInfo),
    sequence(integer(0x10000), octetString(POWERSHELL_SIP_GUID), integer(0), integer(0), integer(0), integer(0), integer(0)),
  );
  return sequence(sipInfoData, sequence(digestAlgorithmIdentifier(hash), octetString(fileHash)));
}

const attribute = (type: string, value: Uint8Array): Uint8Array => sequence(oid(type), setOf(value));

/** The two signed attributes that never change: contentType (SpcIndirectData) and the individual statement type. */
let constantAttributes: readonly [Uint8Array, Uint8Array] | undefined;

export interface SignedAttributesInput {
  readonly hash: HashAlgorithm;
  /** DER of SpcIndirectDataContent. */
  readonly content: Uint8Array;
  readonly signingTime: Date | undefined;
}

/** The authenticated attributes as a DER SET (tag 0x31): the exact bytes the signature covers. */
export function signedAttributes(input: SignedAttributesInput): Uint8Array {
  const contentOctets = contentOf(parseDer(input.content));
  constantAttributes ??= [
    attribute(OID.contentType, oid(OID.spcIndirectData)),
    attribute(OID.spcStatementType, sequence(oid(OID.spcIndividualCodeSigning))),
  ];
  const attributes = [
    constantAttributes[0],
    attribute(OID.messageDigest, octetString(createHash(input.hash).update(contentOctets).digest())),
    constantAttributes[1],
  ];
  if (input.signingTime) attributes.push(attribute(OID.signingTime, time(input.signingTime)));
  return setOf(...attributes);
}

export interface SignedDataInput {
  readonly hash: HashAlgorithm;
  readonly content: Uint8Array;
  /** DER of every certificate to embed (signer first or not; they are sorted). */
  readonly certificates: readonly Uint8Array[];
  /** The signer certificate's issuer Name and serialNumber elements. */
  readonly issuerName: Uint8Array;
  readonly serialNumber: Uint8Array;
  /** Output of {@link signedAttributes}. */
  readonly signedAttributes: Uint8Array;
  readonly signatureAlgorithm: Uint8Array;
  readonly signature: Uint8Array;
  /** Complete Attribute elements (timestamp, nested signatures). */
  readonly unsignedAttributes?: readonly Uint8Array[];
}

/**
 * Per-signer parts, encoded once: a signer passes the same `certificates` array and the same issuer and
 * serial arrays for every file, so these are cached by identity (weakly, and never modified).
 */
const certificateSets = new WeakMap<readonly Uint8Array[], Uint8Array>();
const signerIdentifiers = new WeakMap<Uint8Array, { readonly serialNumber: Uint8Array; readonly encoded: Uint8Array }>();

/** `certificates [0] IMPLICIT SET OF Certificate`, sorted. */
function certificateSet(certificates: readonly Uint8Array[]): Uint8Array {
  let encoded = certificateSets.get(certificates);
  if (!encoded) certificateSets.set(certificates, (encoded = element(0xa0, ...sortedForSet(certificates))));
  return encoded;
}

function issuerAndSerialNumber(issuerName: Uint8Array, serialNumber: Uint8Array): Uint8Array {
  const known = signerIdentifiers.get(issuerName);
  if (known?.serialNumber === serialNumber) return known.encoded;
  const encoded = sequence(issuerName, serialNumber);
  signerIdentifiers.set(issuerName, { serialNumber, encoded });
  return encoded;
}

/** ContentInfo { signedData } with one SignerInfo, PKCS#7 form. */
export function signedData(input: SignedDataInput): Uint8Array {
  const attributes = Buffer.from(input.signedAttributes);
  attributes[0] = 0xa0;
  const signerParts = [
    integer(1),
    issuerAndSerialNumber(input.issuerName, input.serialNumber),
    digestAlgorithmIdentifier(input.hash),
    attributes,
    input.signatureAlgorithm,
    octetString(input.signature),
  ];
  if (input.unsignedAttributes?.length) signerParts.push(element(0xa1, ...sortedForSet(input.unsignedAttributes)));
  const body = sequence(
    integer(1),
    setOf(digestAlgorithmIdentifier(input.hash)),
    sequence(oid(OID.spcIndirectData), explicit(0, input.content)),
    certificateSet(input.certificates),
    setOf(sequence(...signerParts)),
  );
  return sequence(oid(OID.signedData), explicit(0, body));
}

// ---------------------------------------------------------------------------------------------- parsing

export interface ParsedAttribute {
  readonly type: string;
  readonly values: readonly Tlv[];
}

export interface ParsedSignerInfo {
  readonly version: bigint;
  /** issuerAndSerialNumber, or a subjectKeyIdentifier (version 3). */
  readonly issuerName: Uint8Array | undefined;
  readonly serialNumber: Uint8Array | undefined;
  readonly subjectKeyIdentifier: Uint8Array | undefined;
  readonly digestAlgorithm: string;
  /** The received [0] attributes re-tagged as SET (0x31): the signature input, never re-encoded. */
  readonly signedAttributesInput: Uint8Array | undefined;
  readonly signedAttributes: readonly ParsedAttribute[];
  readonly signatureAlgorithm: string;
  readonly signature: Uint8Array;
  readonly unsignedAttributes: readonly ParsedAttribute[];
}

export interface ParsedSignedData {
  readonly contentType: string;
  /** The encapsulated content: SpcIndirectDataContent (PKCS#7 form) or TSTInfo, as a full DER element. */
  readonly content: Uint8Array;
  /** What messageDigest covers: the SEQUENCE's contents octets (PKCS#7 form) or the OCTET STRING value (CMS form). */
  readonly digestInput: Uint8Array;
  readonly certificates: readonly Uint8Array[];
  readonly signerInfos: readonly ParsedSignerInfo[];
}

function parseAttributes(field: Tlv): ParsedAttribute[] {
  return children(field).map((entry) => {
    const [type, values] = expectChildren(entry, TAG.sequence, 'attribute');
    return { type: readOid(type!), values: expectChildren(values!, TAG.set, 'attribute values') };
  });
}

export function parseSignerInfo(tlv: Tlv): ParsedSignerInfo {
  const parts = expectChildren(tlv, TAG.sequence, 'SignerInfo');
  const version = readInteger(parts[0]!);
  const sid = parts[1]!;
  let issuerName: Uint8Array | undefined;
  let serialNumber: Uint8Array | undefined;
  let subjectKeyIdentifier: Uint8Array | undefined;
  if (sid.tag === TAG.sequence) {
    const [issuer, serial] = children(sid);
    issuerName = encodingOf(expectTag(issuer, TAG.sequence, 'issuer'));
    serialNumber = encodingOf(expectTag(serial, TAG.integer, 'serialNumber'));
  } else if (sid.tag === 0x80) {
    subjectKeyIdentifier = contentOf(sid);
  } else {
    throw new DerError('SignerInfo: unknown signer identifier');
  }
  const digestAlgorithm = readOid(children(parts[2]!)[0]!);
  let index = 3;
  let signedAttributesInput: Uint8Array | undefined;
  let signedAttributes: ParsedAttribute[] = [];
  if (parts[index]?.tag === 0xa0) {
    const raw = Buffer.from(encodingOf(parts[index]!));
    raw[0] = TAG.set;
    signedAttributesInput = raw;
    signedAttributes = parseAttributes(parts[index]!);
    index += 1;
  }
  const signatureAlgorithm = readOid(children(parts[index]!)[0]!);
  const signature = contentOf(expectTag(parts[index + 1], TAG.octetString, 'signature'));
  const unsigned = parts[index + 2];
  return {
    version, issuerName, serialNumber, subjectKeyIdentifier, digestAlgorithm, signedAttributesInput, signedAttributes,
    signatureAlgorithm, signature, unsignedAttributes: unsigned?.tag === 0xa1 ? parseAttributes(unsigned) : [],
  };
}

/** Parses a ContentInfo holding SignedData; throws DerError when the structure is not one. */
export function parseSignedData(der: Uint8Array): ParsedSignedData {
  const [type, wrapped] = expectChildren(parseDer(der), TAG.sequence, 'ContentInfo');
  if (readOid(type!) !== OID.signedData) throw new DerError('ContentInfo is not signedData');
  const [body] = expectChildren(wrapped!, 0xa0, 'ContentInfo content');
  const fields = expectChildren(body!, TAG.sequence, 'SignedData');
  const [encapType, encapWrapped] = expectChildren(fields[2]!, TAG.sequence, 'encapContentInfo');
  const contentType = readOid(encapType!);
  const inner = expectChildren(encapWrapped!, 0xa0, 'encapsulated content')[0];
  if (!inner) throw new DerError('encapsulated content: missing');
  let content: Uint8Array;
  let digestInput: Uint8Array;
  if (inner.tag === TAG.octetString) {
    content = contentOf(inner);
    digestInput = content;
  } else {
    content = encodingOf(inner);
    digestInput = contentOf(inner);
  }
  let certificates: Uint8Array[] = [];
  let signerSet: Tlv | undefined;
  for (const field of fields.slice(3)) {
    if (field.tag === 0xa0) certificates = children(field).filter((c) => c.tag === TAG.sequence).map(encodingOf);
    else if (field.tag === TAG.set) signerSet = field;
  }
  if (!signerSet) throw new DerError('SignedData: no signerInfos');
  return { contentType, content, digestInput, certificates, signerInfos: children(signerSet).map(parseSignerInfo) };
}

export interface ParsedIndirectData {
  readonly isPowerShellSip: boolean;
  readonly hash: HashAlgorithm | undefined;
  readonly hashOid: string;
  readonly digest: Uint8Array;
}

export function parseSpcIndirectData(content: Uint8Array): ParsedIndirectData {
  const [data, digestInfo] = expectChildren(parseDer(content), TAG.sequence, 'SpcIndirectDataContent');
  const [dataType, dataValue] = expectChildren(data!, TAG.sequence, 'SpcAttributeTypeAndOptionalValue');
  let isPowerShellSip = false;
  if (readOid(dataType!) === OID.spcSipInfo && dataValue?.tag === TAG.sequence) {
    const guid = children(dataValue)[1];
    isPowerShellSip = guid?.tag === TAG.octetString && Buffer.from(contentOf(guid)).equals(POWERSHELL_SIP_GUID);
  }
  const [algorithm, digest] = expectChildren(digestInfo!, TAG.sequence, 'DigestInfo');
  const hashOid = readOid(children(algorithm!)[0]!);
  return { isPowerShellSip, hash: hashByOid(hashOid), hashOid, digest: contentOf(expectTag(digest, TAG.octetString, 'digest')) };
}

export const attributeValue = (attributes: readonly ParsedAttribute[], type: string): Tlv | undefined =>
  attributes.find((a) => a.type === type)?.values[0];

